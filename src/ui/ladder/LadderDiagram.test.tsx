// @vitest-environment happy-dom
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useLab } from '../store/lab-store';
import { loadFixtureIntoStore, runFixture, type LabFixture } from '../test-support/lab-fixture';
import { LadderDiagram } from './LadderDiagram';
import { failOnConsoleErrors } from '../test-support/component-test';

// Smooth handoff, really run to 14 s: first registration via FA1, the home
// agent's Binding Update to CN at 2.010 s, the move to FA2 at 12.83 s with a
// Previous FA Notification, FA2's Binding Update to FA1 and its Acknowledge.
let smooth: LabFixture;
beforeAll(() => {
  smooth = runFixture('smooth-handoff', 14_000_000);
});

failOnConsoleErrors();
beforeEach(() => {
  useLab.setState({ presentation: false });
  loadFixtureIntoStore(smooth);
});

const diagram = () => screen.getByRole('group', { name: /^Ladder diagram: \d+ messages between HA, R, FA1, MN, FA2, CN/ });
const arrow = (name: RegExp) => within(diagram()).getByRole('button', { name });

describe('ladder diagram', () => {
  it('names the diagram, lists lifelines in scenario x order, and puts the first hop in the tab order', () => {
    render(<LadderDiagram />);
    expect(Array.from(document.querySelectorAll('.ladder-lane-label'), (l) => l.textContent)).toEqual(['HA', 'R', 'FA1', 'MN', 'FA2', 'CN']);
    // The home agent's first advertisement reaches nobody (MN starts in FA1's cell): FA1's is the first hop.
    const first = arrow(/^Agent Advertisement, FA1 to MN, 0\.000 s$/);
    expect(first.getAttribute('tabindex')).toBe('0'); // the roving tab stop starts at the first arrow
  });

  it('clicking an arrow selects its packet in the store', () => {
    render(<LadderDiagram />);
    fireEvent.click(arrow(/^Registration Request, MN to FA1, 0\.001 s$/));
    expect(useLab.getState().selectedPacket).toBe('MN:11');
    expect(arrow(/^Registration Request, MN to FA1, 0\.001 s$/).getAttribute('aria-pressed')).toBe('true');
  });

  it('a packet selected elsewhere is highlighted and scrolled into view', () => {
    render(<LadderDiagram />);
    expect(within(diagram()).queryByRole('button', { name: /^Binding Update, R to FA1/ })).toBeNull(); // far below: not rendered
    // FA2's smooth-handoff BU on its way to the previous FA (optim-08 §8.1), selected in the packet list.
    act(() => useLab.getState().selectPacket('R:232'));
    const bu = arrow(/^Binding Update, R to FA1, 12\.838 s$/);
    expect(bu.getAttribute('aria-pressed')).toBe('true');
    expect(bu.getAttribute('tabindex')).toBe('0');
    expect(arrow(/^Binding Update, FA2 to R, 12\.835 s$/).getAttribute('aria-pressed')).toBe('false');
    act(() => useLab.getState().selectPacket('R:10'));
    expect(arrow(/^Binding Update, R to CN, 2\.018 s$/).getAttribute('aria-pressed')).toBe('true');
  });

  it('moves between arrows with the keyboard and selects with Enter', () => {
    render(<LadderDiagram />);
    act(() => useLab.getState().selectPacket('MN:11'));
    const start = arrow(/^Registration Request, MN to FA1, 0\.001 s$/);
    start.focus();
    fireEvent.keyDown(start, { key: 'ArrowDown' });
    // Next hop in time: FA1 relays the Request to R at 0.002 s (RFC 2002 §3.7.2.2).
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Registration Request, FA1 to R, 0.002 s');
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    expect(useLab.getState().selectedPacket).toBe('FA1:10');
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement?.getAttribute('aria-label')).toMatch(/, 1[23]\.\d{3} s$/);
  });

  it('leaves data out until asked, then draws it', () => {
    render(<LadderDiagram />);
    act(() => useLab.getState().selectPacket('CN:2'));
    expect(screen.getByRole('status').textContent).toContain('has no arrow here');
    fireEvent.click(screen.getByLabelText('Data'));
    // The correspondent's first datagram to the mobile node's home address (flow cn-to-mn, t = 2 s).
    expect(arrow(/^UDP 5000 → 7, CN to R, 2\.000 s$/).getAttribute('aria-pressed')).toBe('true');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('keeps the time cursor in view while playing', () => {
    render(<LadderDiagram />);
    const scroller = document.querySelector('.ladder-scroller') as HTMLElement;
    expect(scroller.scrollTop).toBe(0);
    act(() => useLab.getState().applyBatch({ now: 14_000_000, status: 'playing', speed: 1, trace: [] }));
    expect(scroller.scrollTop).toBeGreaterThan(1000);
    expect(within(diagram()).getAllByRole('button').length).toBeGreaterThan(0); // arrows near "now" are drawn
  });
});
