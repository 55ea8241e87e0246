// @vitest-environment happy-dom
// The IPv6 correspondent's and adversary's tables (docs/ipv6.md §3) on states
// their behaviours produced: a binding from an AH-protected Binding Update, a
// nonce made for a Home Test Init, a replay refused, and what the adversary overheard.

import { render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { initialAdversaryV6State, adversaryV6Behaviour } from '../../engine/protocol/ipv6/adversary/adversary-v6';
import { COA, HOME, bindingUpdate, correspondent, driver, fromMobileNode } from '../../engine/protocol/ipv6/cn/test-support/cn6-fixture';
import { EtherType } from '../../engine/node/link-address';
import { createRandom } from '../../engine/random';
import { useLab } from '../store/lab-store';
import { failOnConsoleErrors, resetLabStore } from '../test-support/component-test';
import { Ipv6AdversaryTables } from './Ipv6AdversaryTables';
import { Ipv6CorrespondentTables } from './Ipv6CorrespondentTables';

const S = 1_000_000;
const view = { fresh: [], compact: false };

failOnConsoleErrors();
beforeEach(() => {
  resetLabStore();
});

describe('IPv6 correspondent and adversary tables', () => {
  it('the correspondent lists its binding, the nonce it made, the refused replay and its association (no key)', () => {
    const d = driver(correspondent());
    const bu = fromMobileNode({ message: bindingUpdate({ sequence: 7, lifetimeUnits: 10 }), ah: { sequence: 1 } });
    d.receive(bu, 10 * S);
    d.receive(bu, 11 * S);
    d.receive(fromMobileNode({ message: { kind: 'home-test-init', cookie: new Uint8Array(8), options: [] }, source: HOME, homeAddressOption: null }), 12 * S);
    useLab.setState({ now: 20 * S });
    render(<Ipv6CorrespondentTables state={d.state} view={view} />);
    const row = within(screen.getByRole('table', { name: 'Binding cache' })).getByRole('row', { name: /2001:db8:1::10/ });
    expect(row.textContent).toContain(COA);
    expect(row.textContent).toContain('30.0 s left of 40 s');
    expect(row.textContent).toContain('AH, SPI 256');
    const nonce = within(screen.getByRole('table', { name: 'Return-routability nonces' })).getAllByRole('row');
    expect(nonce).toHaveLength(2); // header + nonce 0
    const refused = within(screen.getByRole('table', { name: 'Binding Updates refused (latest first)' })).getByRole('row', { name: /2001:db8:1::10/ });
    expect(refused.textContent).toContain('none (discarded)');
    expect(refused.textContent).toMatch(/already received/);
    const sa = within(screen.getByRole('table', { name: 'AH security associations' })).getByRole('row', { name: /256/ });
    expect(sa.textContent).toContain('1'); // highest sequence received
    expect(sa.textContent).not.toContain('1111111111'); // keys are never shown
  });

  it('a correspondent without route optimization says it keeps no cache', () => {
    const d = driver(correspondent({ routeOptimization: false }));
    render(<Ipv6CorrespondentTables state={d.state} view={view} />);
    expect(screen.getByText(/does not process the Mobility Header/)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('the adversary lists what it overheard and its attacks', () => {
    const packet = fromMobileNode({ message: bindingUpdate({ sequence: 7 }), ah: { sequence: 1 } });
    const s = adversaryV6Behaviour.handle(initialAdversaryV6State({ attacks: [{ kind: 'replay-binding-update', at: 12 * S, destination: '2001:db8:100::5' }] }), {
      kind: 'frame', interface: 'eth0', frame: { source: '02:00:00:00:01:01', destination: '02:00:00:00:01:05', etherType: EtherType.IPV6, payload: packet },
    }, { now: 10 * S, node: { id: 'Mallory', interfaces: [] }, random: createRandom(1) }).state;
    render(<Ipv6AdversaryTables state={s} view={view} />);
    const row = within(screen.getByRole('table', { name: 'Binding Updates overheard (latest first)' })).getByRole('row', { name: /2001:db8:1::10/ });
    expect(row.textContent).toContain('AH, SPI 256 #1');
    expect(screen.getByText(/replay-binding-update at/)).toBeTruthy();
  });
});
