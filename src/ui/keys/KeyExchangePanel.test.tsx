// @vitest-environment happy-dom
// The key exchange panel on a real run (docs/architecture.md "UI"): key-diffie-hellman,
// where neither side has a key pair and FA1 shares nothing with the home
// agent, so the mobile node and FA1 use Diffie-Hellman (method 5) over the
// 768-bit Oakley group 1 (RFC 2409 §6.1: p starts FFFFFFFF FFFFFFFF C90FDAA2,
// g = 2). Registration at 0.025 s; at 15 s the mobile node moves to FA2.

import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadFixtureIntoStore, runFixture, type LabFixture } from '../test-support/lab-fixture';
import { KeyExchangePanel } from './KeyExchangePanel';
import { failOnConsoleErrors, resetLabStore } from '../test-support/component-test';

let first: LabFixture;
beforeAll(() => {
  first = runFixture('key-diffie-hellman', 1_000_000);
});

failOnConsoleErrors();
beforeEach(() => {
  resetLabStore();
});

describe('KeyExchangePanel', () => {
  it('says so when no key was exchanged yet', () => {
    loadFixtureIntoStore(runFixture('key-diffie-hellman', 500), 'key-diffie-hellman');
    render(<KeyExchangePanel />);
    expect(screen.getByRole('status').textContent).toContain('No key exchange yet');
  });

  it("shows an exchange in progress from the mobile node's pending Request (sent at 1 ms, before FA1 answered)", () => {
    loadFixtureIntoStore(runFixture('key-diffie-hellman', 1_000), 'key-diffie-hellman');
    render(<KeyExchangePanel />);
    const summary = screen.getByText(/^Mobile node 10\.1\.0\.10 ↔ foreign agent 192\.168\.2\.1/);
    expect(summary.textContent).toContain('method not decided yet — in progress');
    const values = within(summary.closest('details')!).getByRole('region', { name: 'Values exchanged' });
    expect(values.textContent).toContain('Y = g^y mod p (FA → MN)not yet sent');
  });

  it('shows Diffie-Hellman chosen, the branches that chose it, the values exchanged and matching keys', () => {
    loadFixtureIntoStore(first, 'key-diffie-hellman');
    render(<KeyExchangePanel />);
    const exchange = screen.getByText(/Mobile node 10\.1\.0\.10 ↔ foreign agent 192\.168\.2\.1: method 5/).closest('details')!;
    expect(exchange.open).toBe(true);

    const method = within(exchange).getByRole('region', { name: 'Method chosen' });
    expect(method.textContent).toContain('Diffie-Hellman between MN and FA');
    expect(method.textContent).toContain('willing to do Diffie-Hellman → append 116');

    // Each side's Perkins & Johnson §9; regkey-00 §3 steps with the branch taken.
    const mn = within(exchange).getByRole('region', { name: 'Mobile node' });
    const taken = (side: HTMLElement) => within(side).getAllByRole('listitem').filter((li) => li.textContent!.startsWith('taken')).map((li) => li.textContent);
    expect(taken(mn).some((t) => t!.includes('124 present → key = MD5((Y)^x mod p)'))).toBe(true);
    expect(within(mn).getAllByRole('listitem').some((li) => li.textContent!.startsWith('not taken') && li.textContent!.includes('public/private key pair'))).toBe(true);
    const fa = within(exchange).getByRole('region', { name: 'Foreign agent' });
    expect(taken(fa).some((t) => t!.includes('116 with Length > 0 → y random, append 124'))).toBe(true);
    const ha = within(exchange).getByRole('region', { name: 'Home agent' });
    expect(taken(ha).some((t) => t!.includes('124 in the Request → add the same 124, unchanged'))).toBe(true);

    const values = within(exchange).getByRole('region', { name: 'Values exchanged' });
    expect(values.textContent).toContain('modp-768');
    expect(values.textContent).toContain('ffffffff ffffffff … ');
    expect(values.textContent).toContain('2 (sent as 96 octets)');
    fireEvent.click(within(values).getByRole('button', { name: 'full value of the prime p' }));
    expect(values.textContent).toContain('ffffffff ffffffff c90fdaa2 2168c234 c4c6628b 80dc1cd1');
    expect(values.textContent).not.toContain('Y = g^y mod p (FA → MN)not yet sent');
    expect(within(values).getByRole('table', { name: 'Key extensions' }).textContent).toContain('124 Diffie-Hellman Key Reply extension');

    const result = within(exchange).getByRole('region', { name: 'Resulting keys' });
    expect(result.textContent).toContain('hold the same key');
    const fingerprints = (selector: string) => Array.from(result.querySelectorAll(selector), (c) => c.textContent);
    const keys = fingerprints('dd > .secret-key .secret-key-fingerprint code');
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    // x and y stay with their owners, each different from the shared key.
    const secrets = fingerprints('.key-private .secret-key-fingerprint code');
    expect(result.textContent).toContain('its exponent x, never sent');
    expect(result.textContent).toContain('its exponent y, never sent');
    expect(new Set([...secrets, keys[0]]).size).toBe(3);
  });

  it('lists the newer exchange first after the handoff to FA2', () => {
    act(() => loadFixtureIntoStore(runFixture('key-diffie-hellman', 20_000_000), 'key-diffie-hellman'));
    render(<KeyExchangePanel />);
    const summaries = screen.getAllByText(/^Mobile node 10\.1\.0\.10 ↔ foreign agent/).map((s) => s.textContent);
    expect(summaries).toHaveLength(2);
    expect(summaries[0]).toContain('192.168.3.1');
    expect(summaries[1]).toContain('192.168.2.1');
  });

  it('shows the encrypted keys of the home agent\'s Reply when it distributes the key (method 2)', () => {
    loadFixtureIntoStore(runFixture('key-home-agent-kdc', 1_000_000), 'key-home-agent-kdc');
    render(<KeyExchangePanel />);
    const extensions = screen.getByRole('table', { name: 'Key extensions' });
    const types = within(extensions).getAllByRole('row').slice(1).map((r) => r.firstElementChild!.textContent!.split(' ')[0]);
    // Request: 116 (MN), 113 (FA); Reply: 120 (key for the MN), 125 (its SPI), 121 (key for the FA) — regkey-00 §4.1, §5.1, §5.2, §5.6.
    expect(types).toEqual(['116', '113', '120', '125', '121']);
    expect(screen.getByRole('region', { name: 'Resulting keys' }).textContent).toContain('hold the same key');
  });
});
