// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/node/contract';
import { useLab } from '../store/lab-store';
import { TraceLog } from '../store/trace-log';
import { loadFixtureIntoStore, runFixture, type LabFixture } from '../test-support/lab-fixture';
import { PacketInspector } from './PacketInspector';
import { failOnConsoleErrors } from '../test-support/component-test';

// Real runs: smooth handoff to 3 s (first registration through FA1, then the
// home agent's Binding Update to the correspondent at 2.010 s), and the
// forged Binding Update lesson to 11 s (Mallory's BU reaches CN at ~10 s).
let smooth: LabFixture;
let forged: LabFixture;
beforeAll(() => {
  smooth = runFixture('smooth-handoff', 3_000_000);
  forged = runFixture('forged-binding-update', 11_000_000);
});

failOnConsoleErrors();
beforeEach(() => {
  useLab.setState({ packetFilter: { nodes: [], kinds: [] }, presentation: false });
  loadFixtureIntoStore(smooth);
});

const grid = () => screen.getByRole('grid', { name: 'Packet list' });
const bodyRows = () => within(grid()).getAllByRole('row').slice(1); // row 0 is the header
const cells = (row: HTMLElement) => within(row).getAllByRole('gridcell').map((c) => c.textContent);
const transmissions = (f: LabFixture) => f.batch.trace.filter((e) => (e.kind === 'sent' || e.kind === 'forwarded') && e.bytes !== undefined);
const rowNumbered = (n: number) => bodyRows().find((r) => cells(r)[0] === String(n))!;

describe('packet list', () => {
  it('shows one row per transmission, Wireshark columns, first packet the home agent’s advertisement', () => {
    render(<PacketInspector />);
    expect(grid().getAttribute('aria-rowcount')).toBe(String(transmissions(smooth).length + 1));
    // Hand-read from the trace: HA advertises at t = 0 to all systems (RFC 2002 §2.1).
    expect(cells(bodyRows()[0]!).slice(0, 6)).toEqual(['1', '0.000000', 'HA', '10.1.0.1', '224.0.0.1', 'Agent Advertisement']);
    expect(cells(rowNumbered(4)).slice(2, 6)).toEqual(['MN', '10.1.0.10', '192.168.2.1', 'Registration Request']);
  });

  it('filters by node, by kind and by text', () => {
    render(<PacketInspector />);
    fireEvent.change(screen.getByLabelText('Node'), { target: { value: 'R' } });
    expect(useLab.getState().packetFilter.nodes).toEqual(['R']);
    expect(bodyRows().length).toBeGreaterThan(0);
    for (const r of bodyRows()) expect(cells(r)[2]).toBe('R');

    fireEvent.change(screen.getByLabelText('Node'), { target: { value: '' } });
    for (const k of ['Control', 'Discovery', 'Data', 'Tunnelled data', 'ICMP error', 'Other']) fireEvent.click(screen.getByLabelText(k));
    expect(useLab.getState().packetFilter.kinds).toEqual(['key-exchange']);
    // The first registration, hop by hop: MN → FA1 → R → HA and the Reply back (RFC 2002 §3.6–§3.8).
    expect(bodyRows().map((r) => cells(r)[5])).toEqual(['Registration Request', 'Registration Request', 'Registration Request', 'Registration Reply', 'Registration Reply', 'Registration Reply']);
    expect(screen.getByLabelText('Key exchange')).toHaveProperty('disabled', true); // the last kind cannot be unticked

    fireEvent.click(screen.getByLabelText('Control'));
    fireEvent.change(screen.getByLabelText('Text filter'), { target: { value: 'binding update' } });
    expect(bodyRows().map((r) => cells(r).slice(0, 3))).toEqual([['19', '2.010000', 'HA'], ['21', '2.018000', 'R']]);
  });

  it('moves the selection with the keyboard', () => {
    render(<PacketInspector />);
    const g = grid();
    g.focus();
    fireEvent.keyDown(g, { key: 'ArrowDown' });
    expect(useLab.getState().selectedPacket).toBe('HA:2');
    fireEvent.keyDown(g, { key: 'ArrowDown' });
    expect(useLab.getState().selectedPacket).toBe(useLab.getState().trace.packets[1]!.id);
    expect(rowNumbered(2).getAttribute('aria-selected')).toBe('true');
    expect(g.getAttribute('aria-activedescendant')).toBe(rowNumbered(2).id);
    fireEvent.keyDown(g, { key: 'End' });
    const packets = useLab.getState().trace.packets;
    expect(useLab.getState().selectedPacket).toBe(packets[packets.length - 1]!.id);
    fireEvent.keyDown(g, { key: 'ArrowUp' });
    expect(useLab.getState().selectedPacket).toBe(packets[packets.length - 2]!.id);
    fireEvent.keyDown(g, { key: 'Home' });
    expect(useLab.getState().selectedPacket).toBe('HA:2');
  });

  it('renders only the visible rows of a 12,000-packet trace', () => {
    const sent = transmissions(smooth);
    const many: TraceEvent[] = Array.from({ length: 12_000 }, (_, i) => ({ ...sent[i % sent.length]!, id: `BIG:${i}`, time: 3_000_000 + i * 100 }));
    // More than the page keeps by default (PAGE_TRACE_RETENTION): a log kept larger, with what it held.
    const large = new TraceLog({ span: 60_000_000, maxEvents: 50_000 });
    large.append(useLab.getState().trace.events);
    useLab.setState({ trace: large });
    useLab.getState().applyBatch({ now: 5_000_000, status: 'paused', speed: 1, trace: many });
    render(<PacketInspector />);
    const total = sent.length + 12_000;
    expect(grid().getAttribute('aria-rowcount')).toBe(String(total + 1));
    expect(bodyRows().length).toBeLessThan(60);
    fireEvent.keyDown(grid(), { key: 'End' });
    expect(useLab.getState().selectedPacket).toBe('BIG:11999');
    expect(rowNumbered(total).getAttribute('aria-selected')).toBe('true');
  });

  it('follows the newest packet while playing, and stops once a packet is selected', () => {
    useLab.setState({ status: 'playing' });
    render(<PacketInspector />);
    const sent = transmissions(smooth);
    const more = (from: number) => sent.map((e, i) => ({ ...e, id: `MORE:${from + i}`, time: 3_000_000 + from + i }));
    act(() => useLab.getState().applyBatch({ now: 3_100_000, status: 'playing', speed: 1, trace: more(0) }));
    const followed = grid().scrollTop;
    expect(followed).toBeGreaterThan(0);
    expect(rowNumbered(useLab.getState().trace.packets.length)).toBeDefined(); // the newest row is on screen
    fireEvent.click(bodyRows()[bodyRows().length - 1]!); // the newest row: on screen, so selecting it scrolls nothing
    act(() => useLab.getState().applyBatch({ now: 3_200_000, status: 'playing', speed: 1, trace: more(1000) }));
    expect(grid().scrollTop).toBe(followed);
  });
});

describe('packet detail', () => {
  // The detail view is fetched when a packet is first selected (app/lazy-view.tsx): it says
  // so while it loads, then decodes. Once loaded, later selections show it at once.
  beforeAll(async () => {
    loadFixtureIntoStore(smooth);
    act(() => useLab.getState().selectPacket('MN:11'));
    render(<PacketInspector />);
    expect(screen.getByRole('status').textContent).toBe('Loading the packet details…');
    expect(await screen.findByRole('tree', { name: 'Decoded packet' })).toBeTruthy();
    cleanup();
  });

  it('decodes a selected Registration Request and links fields and bytes both ways', () => {
    render(<PacketInspector />);
    fireEvent.click(rowNumbered(4));
    expect(useLab.getState().selectedPacket).toBe('MN:11');
    const tree = screen.getByRole('tree', { name: 'Decoded packet' });
    expect(within(tree).getAllByRole('treeitem')[0]!.textContent).toContain('Registration Request');
    // Care-of Address: message offset 12 after a 20-octet IP and 8-octet UDP header → bytes 40–43 (RFC 2002 §3.3).
    fireEvent.click(within(tree).getByRole('button', { name: /^Care-of Address\s*:\s*192\.168\.2\.1/ }));
    const lit = screen.getAllByRole('button', { pressed: true }).map((b) => b.getAttribute('data-offset')).filter((o) => o !== null);
    expect(lit).toEqual(['40', '41', '42', '43']);
    // And back: byte 33 is inside the Home Address (bytes 32–35).
    fireEvent.click(screen.getByRole('button', { name: /^byte 33\b/ }));
    const selected = within(tree).getAllByRole('treeitem').filter((t) => t.getAttribute('aria-selected') === 'true');
    expect(selected.map((t) => t.querySelector('.field-name')?.textContent)).toEqual(['Home Address']);
    // A byte inside a collapsed extension: the Mobile-Home extension starts at byte 439, its SPI at 441–444.
    expect(within(tree).queryByRole('button', { name: /^SPI\s*:/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /^byte 442\b/ }));
    expect(within(tree).queryByRole('button', { name: /^SPI\s*:\s*1000 \(0x000003e8\)/ })).not.toBeNull();
    const spi = within(tree).getAllByRole('treeitem').filter((t) => t.getAttribute('aria-selected') === 'true');
    expect(spi.map((t) => t.querySelector('.field-name')?.textContent)).toEqual(['SPI']);
  });

  it('says who sent it, the rule, the cause (selectable) and what happened to it', () => {
    render(<PacketInspector />);
    act(() => useLab.getState().selectPacket('HA:24')); // the Binding Update to the correspondent (after the table changes it made)
    const detail = screen.getByRole('region', { name: /Packet No\. 19 details/ });
    expect(detail.textContent).toContain('HA on link ha-r at 2.010000 s');
    expect(detail.textContent).toContain('Produced byPerkins & Johnson §3.3; optim-08 §4.3; lab choice');
    expect(detail.textContent).toContain('HA received: UDP 198.51.100.5 → 10.1.0.10');
    const outcomes = within(detail).getByRole('region', { name: 'What happened to it' });
    expect(outcomes.textContent).toContain('Received by R on link ha-r at 2.018000 s');
    // The rule it follows links to its entry on the References page.
    const links = within(detail).getAllByRole('link', { name: 'Perkins & Johnson §3.3' }); // the rule, and the table changes it made
    expect(links.map((l) => l.getAttribute('href'))).toContain('#/references/perkins-johnson-3-3');
    // The data packet that reached the home agent triggered the BU (optim-08 §3.1 trigger a).
    fireEvent.click(within(detail).getAllByRole('button', { name: /^Show No\. \d+: the packet it received, UDP/ })[0]!);
    expect(useLab.getState().selectedPacket).toBe('R:6');
  });

  it('shows a registration’s authenticator: its coverage, the home agent’s verdict and the recomputation', () => {
    render(<PacketInspector />);
    act(() => useLab.getState().selectPacket('MN:11'));
    const auth = screen.getByRole('group', { name: 'Mobile-Home Authentication, SPI 1000' });
    expect(auth.textContent).toContain('✔ verified by HA at 0.013000 s');
    expect(auth.textContent).toContain('bytes 28–440');
    expect(auth.textContent).toMatch(/between HA and MN \(SPI 1000, keyed-md5\): matches/);
    fireEvent.click(within(auth).getByRole('button', { name: 'Highlight covered bytes' }));
    const covered = document.querySelectorAll('[data-covered="true"]');
    // ro98: from the message's Type octet (byte 28) to the extension's Length octet (E + 1 = 439 + 1), SPI not covered (OC-11).
    expect(covered.length).toBe(441 - 28);
    expect(covered[0]!.getAttribute('data-offset')).toBe('28');
    expect(covered[covered.length - 1]!.getAttribute('data-offset')).toBe('440');
  });

  it('shows the forged Binding Update failing at the correspondent, with the reason', () => {
    loadFixtureIntoStore(forged);
    render(<PacketInspector />);
    fireEvent.change(screen.getByLabelText('Node'), { target: { value: 'Mallory' } });
    fireEvent.change(screen.getByLabelText('Text filter'), { target: { value: 'Binding Update' } });
    expect(bodyRows()).toHaveLength(1);
    fireEvent.click(bodyRows()[0]!);
    const auth = screen.getByRole('group', { name: 'Route Optimization Authentication, SPI 1001' });
    expect(auth.textContent).toContain('✘ failed at CN');
    expect(auth.textContent).toContain('MISMATCH — authenticator does not verify');
    expect(auth.textContent).toMatch(/between HA and CN \(SPI 1001, keyed-md5\): does not match/);
    const outcomes = screen.getByRole('region', { name: 'What happened to it' });
    expect(outcomes.textContent).toMatch(/Dropped: CN dropped: Binding Update from 10\.1\.0\.1 refused — authentication exception/);
  });

  it('lets the keyboard reach the packet detail, which scrolls once a packet is selected (axe scrollable-region-focusable)', () => {
    render(<PacketInspector />);
    fireEvent.click(bodyRows()[0]!);
    const detail = screen.getByRole('region', { name: 'Packet details' });
    expect(detail.tabIndex).toBe(0);
    expect(within(detail).getByRole('tree', { name: 'Decoded packet' }).textContent).toContain('Agent Advertisement');
    act(() => detail.focus());
    expect(document.activeElement).toBe(detail);
  });
});
