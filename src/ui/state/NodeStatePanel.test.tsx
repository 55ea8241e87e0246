// @vitest-environment happy-dom
// The state panel on real runs (docs/architecture.md "UI"): the route-optimization scenario
// run headlessly to 3 s — the home agent's Binding Update reached the
// correspondent at 2.020 s (HA → R → CN; scenario: CN 198.51.100.5,
// FA1 care-of address 192.168.2.1, MN home address 10.1.0.10).

import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useLab } from '../store/lab-store';
import { loadFixtureIntoStore, runFixture, type LabFixture } from '../test-support/lab-fixture';
import { NodeStatePanel } from './NodeStatePanel';
import { failOnConsoleErrors, resetLabStore } from '../test-support/component-test';

let fixture: LabFixture;
beforeAll(() => {
  fixture = runFixture('route-optimization', 3_000_000);
});

failOnConsoleErrors();
beforeEach(() => {
  resetLabStore();
  loadFixtureIntoStore(fixture, 'route-optimization');
});

/** The runtime moving the clock on with nothing new in the trace. */
function advanceTo(now: number): void {
  act(() => useLab.getState().applyBatch({ now, status: 'paused', speed: 1, trace: [] }));
}

function cacheRow(home: string): HTMLElement {
  const table = screen.getByRole('table', { name: 'Binding cache' });
  return within(table).getByRole('row', { name: new RegExp(home.replaceAll('.', '\\.')) });
}

describe('NodeStatePanel', () => {
  it('offers every node when none is selected, and shows the one picked', () => {
    render(<NodeStatePanel />);
    const list = screen.getByRole('navigation', { name: 'Choose a node' });
    expect(within(list).getAllByRole('button').map((b) => b.textContent)).toHaveLength(6);
    fireEvent.click(within(list).getByRole('button', { name: /^Correspondent/ }));
    expect(useLab.getState().selectedNode).toBe('CN');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toContain('correspondent node');
  });

  it("shows the correspondent's binding cache entry with the mobile node's care-of address after the Binding Update", () => {
    useLab.getState().selectNode('CN');
    render(<NodeStatePanel />);
    const row = cacheRow('10.1.0.10');
    expect(row.textContent).toContain('192.168.2.1');
    // Accepted at 2.020 s, now 3 s: within the 2 s highlight.
    expect(row.getAttribute('data-changed')).toBe('true');
    expect(row.textContent).toContain('changed');
  });

  it('counts the lifetime down as the clock advances, and says when it ran out', () => {
    useLab.getState().selectNode('CN');
    render(<NodeStatePanel />);
    // BU at 2.020 s granting 298 s: expires at 300.020 s.
    expect(cacheRow('10.1.0.10').textContent).toContain('297.0 s left of 298 s');
    advanceTo(100_020_000);
    expect(cacheRow('10.1.0.10').textContent).toContain('200.0 s left of 298 s');
    expect(cacheRow('10.1.0.10').getAttribute('data-changed')).toBeNull();
    advanceTo(300_020_000);
    expect(cacheRow('10.1.0.10').textContent).toContain('expired (0 s left of 298 s)');
  });

  it("selects the packet that caused a change: the Binding Update the router delivered to the correspondent", () => {
    useLab.getState().selectNode('CN');
    render(<NodeStatePanel />);
    const recent = screen.getByRole('region', { name: 'Recent changes' });
    fireEvent.click(within(recent).getByRole('button', { name: /that caused: binding cache: added 10\.1\.0\.10/ }));
    const selected = useLab.getState().selectedPacket;
    expect(selected).not.toBeNull();
    const packet = useLab.getState().trace.packetById.get(selected!)!;
    expect(packet.protocol).toBe('Binding Update');
    expect(packet.node).toBe('R');
    expect(packet.destination).toBe('198.51.100.5');
  });

  it('shows the mobile node registered through FA1 with its lifetime counting down', () => {
    useLab.getState().selectNode('MN');
    render(<NodeStatePanel />);
    const reg = screen.getByRole('region', { name: 'Registration' });
    expect(reg.textContent).toContain('Current foreign agent192.168.2.1');
    expect(reg.textContent).toContain('Care-of address192.168.2.1');
    // Request sent at 0.001 s, 300 s granted: valid until 300.001 s.
    expect(reg.textContent).toContain('297.0 s left of 300 s');
  });

  it("shows the home agent's mobility binding and the Binding Update it rate-limits", () => {
    useLab.getState().selectNode('HA');
    render(<NodeStatePanel />);
    const bindings = screen.getByRole('table', { name: 'Mobility bindings' });
    expect(within(bindings).getByRole('row', { name: /10\.1\.0\.10/ }).textContent).toContain('192.168.2.1');
    const limiter = screen.getByRole('table', { name: 'Binding Update rate limiter' });
    expect(within(limiter).getByRole('row', { name: /198\.51\.100\.5/ }).textContent).toContain('10.1.0.10');
  });

  it('keeps keys hidden behind a fingerprint until asked', () => {
    useLab.getState().selectNode('CN');
    render(<NodeStatePanel />);
    const sas = screen.getByRole('table', { name: 'Security associations' });
    // The HA has two addresses, so the MSA is listed under both: take the home-link one.
    const row = within(sas).getAllByRole('row').find((r) => r.firstElementChild?.textContent === '10.1.0.1')!;
    expect(row.textContent).toContain('1001');
    expect(row.textContent).not.toContain('0f1e2d3c');
    fireEvent.click(within(row).getByRole('button', { name: /show key/ }));
    expect(row.textContent).toContain('0f1e2d3c 4b5a6978 8796a5b4 c3d2e1f0');
  });


  it('shows every column when asked, and only the main ones in presentation mode', () => {
    useLab.getState().selectNode('CN');
    render(<NodeStatePanel />);
    const headers = () => within(screen.getByRole('table', { name: 'Binding cache' })).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers()).not.toContain('SPI');
    fireEvent.click(screen.getByRole('checkbox', { name: 'every column' }));
    expect(headers()).toContain('SPI');
    expect(headers()).toContain('Home agent');
    act(() => useLab.getState().setPresentation(true));
    expect(headers()).toEqual(['Home address', 'Care-of address', 'Lifetime']);
    expect(screen.queryByRole('checkbox', { name: 'every column' })).toBeNull();
  });
});
