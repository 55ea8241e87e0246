// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LabRuntime } from '../../runtime/types';
import { useLab } from '../store/lab-store';
import { loadFixtureIntoStore, runFixture } from '../test-support/lab-fixture';
import { MOVE_INTERVAL_MS } from './flow/use-mobile-moves';
import { NetworkCanvas } from './NetworkCanvas';

// happy-dom has no layout: xyflow needs a ResizeObserver and DOMMatrixReadOnly to mount.
beforeAll(() => {
  class NoopResizeObserver {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  class Matrix {
    m22: number;
    constructor(transform?: string) {
      const scale = /scale\(([\d.]+)\)/.exec(transform ?? '');
      this.m22 = scale ? Number(scale[1]) : 1;
    }
  }
  vi.stubGlobal('ResizeObserver', NoopResizeObserver);
  vi.stubGlobal('DOMMatrixReadOnly', Matrix);
});

afterEach(() => {
  cleanup();
  useLab.setState({ runtime: null, selectedNode: null, selectedPacket: null, presentation: false });
});

function fakeRuntime(): { runtime: LabRuntime; send: ReturnType<typeof vi.fn> } {
  const send = vi.fn();
  return { runtime: { send } as unknown as LabRuntime, send };
}

describe('NetworkCanvas', () => {
  it('renders every node as a button named by its id, with label and role as its description', () => {
    loadFixtureIntoStore(runFixture('smooth-handoff', 2_100_000));
    render(<NetworkCanvas />);
    for (const id of ['HA', 'R', 'FA1', 'FA2', 'CN', 'MN']) expect(screen.queryByRole('button', { name: id })).not.toBeNull();
    const mn = screen.getByRole('button', { name: /^MN\b/ });
    expect(mn.getAttribute('aria-label')).toBe('MN');
    expect(mn.getAttribute('aria-pressed')).toBe('false');
    const description = document.getElementById(mn.getAttribute('aria-describedby')!)!.textContent!;
    expect(description).toContain('Mobile node.');
    expect(description).toContain('Attached to FA1 cell 192.168.2.0/24');
    expect(document.getElementById(screen.getByRole('button', { name: 'R' }).getAttribute('aria-describedby')!)!.textContent).toBe('Internet router.');
  });

  it('draws the radio cells with their labels and the LAN hub', () => {
    loadFixtureIntoStore(runFixture('smooth-handoff', 2_100_000));
    const { container } = render(<NetworkCanvas />);
    const cells = [...container.querySelectorAll('[data-cell-id]')];
    expect(cells.map((c) => c.getAttribute('data-cell-id'))).toEqual(['home', 'cell1', 'cell2']);
    expect(cells.map((c) => c.textContent)).toEqual(['home network 10.1.0.0/24', 'FA1 cell 192.168.2.0/24', 'FA2 cell 192.168.3.0/24']);
    expect(container.querySelector('[data-link-id="cn-lan"]')!.textContent).toContain('correspondent LAN 198.51.100.0/24');
  });

  it('says triangle routing before the Binding Update and direct route optimization after it', () => {
    loadFixtureIntoStore(runFixture('route-optimization', 2_100_000));
    const { unmount } = render(<NetworkCanvas />);
    const before = screen.getByRole('status');
    expect(before.getAttribute('aria-live')).toBe('polite');
    expect(before.textContent).toBe('Triangle routing: CN → MN: 5 hops, 22.0 ms via HA, tunnelled by HA to care-of address 192.168.2.1 (triangle routing, RFC 2002 §4.2.3)');
    unmount();

    loadFixtureIntoStore(runFixture('route-optimization', 3_100_000));
    render(<NetworkCanvas />);
    const after = screen.getByRole('status').textContent!;
    expect(after).toContain('CN → MN: 3 hops, 6.0 ms, tunnelled by CN directly to care-of address 192.168.2.1');
    expect(after).toContain('route optimization');
    expect(after).not.toContain('via HA');
  });

  it('updates the path text when a later batch brings the first optimized delivery', () => {
    const early = runFixture('route-optimization', 2_100_000);
    const late = runFixture('route-optimization', 2_600_000);
    loadFixtureIntoStore(early);
    render(<NetworkCanvas />);
    expect(screen.getByRole('status').textContent).toContain('triangle routing');
    act(() => {
      useLab.getState().applyBatch({ ...late.batch, trace: late.batch.trace.slice(early.batch.trace.length) });
    });
    expect(screen.getByRole('status').textContent).toContain('3 hops, 6.0 ms, tunnelled by CN directly');
  });

  it('moves the focused mobile node with the arrow keys and sends the move', async () => {
    loadFixtureIntoStore(runFixture('smooth-handoff', 2_100_000));
    const { runtime, send } = fakeRuntime();
    useLab.setState({ runtime });
    render(<NetworkCanvas />);
    const mn = screen.getByRole('button', { name: 'MN' });
    mn.focus();
    fireEvent.keyDown(mn, { key: 'ArrowRight' });
    // MN starts at (540, 470): one step right is 10 units.
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenLastCalledWith({ type: 'move', node: 'MN', position: { x: 550, y: 470 } });
    await act(() => new Promise((r) => setTimeout(r, MOVE_INTERVAL_MS + 50))); // past the move throttle
    fireEvent.keyDown(mn, { key: 'ArrowUp', shiftKey: true });
    expect(send).toHaveBeenLastCalledWith({ type: 'move', node: 'MN', position: { x: 550, y: 420 } });
    // The node is drawn where it was moved, before the runtime confirms: centre (550, 420), so the
    // 48 × 48 node's top-left corner is at (526, 396).
    const wrapper = document.querySelector('.react-flow__node[data-id="MN"]') as HTMLElement;
    expect(wrapper.style.transform).toBe('translate(526px,396px)');
  });

  it('does not move other nodes with the arrow keys', () => {
    loadFixtureIntoStore(runFixture('smooth-handoff', 2_100_000));
    const { runtime, send } = fakeRuntime();
    useLab.setState({ runtime });
    render(<NetworkCanvas />);
    fireEvent.keyDown(screen.getByRole('button', { name: 'FA1' }), { key: 'ArrowLeft' });
    expect(send).not.toHaveBeenCalled();
  });

  it('selects a node on click (and unselects on a second click)', () => {
    loadFixtureIntoStore(runFixture('smooth-handoff', 2_100_000));
    render(<NetworkCanvas />);
    const fa1 = screen.getByRole('button', { name: 'FA1' });
    fireEvent.click(fa1);
    expect(useLab.getState().selectedNode).toBe('FA1');
    expect(screen.getByRole('button', { name: 'FA1' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'FA1' }));
    expect(useLab.getState().selectedNode).toBeNull();
  });

  it('draws packets in flight, coloured by kind, and selects one on click', () => {
    // At 2.001 s the correspondent's first datagram (sent at 2.000 s) is half-way along cn-lan.
    loadFixtureIntoStore(runFixture('route-optimization', 2_001_000));
    const { container } = render(<NetworkCanvas />);
    const packets = [...container.querySelectorAll('.canvas-packet')];
    const data = packets.filter((p) => p.getAttribute('data-kind') === 'data');
    expect(data).toHaveLength(1);
    const id = data[0]!.getAttribute('data-packet-id')!;
    expect(useLab.getState().trace.packetById.get(id)!.node).toBe('CN');
    // Its route is CN (860, 120) → hub (670, 120) → R (480, 120), 380 long; half-way is the hub.
    expect(data[0]!.getAttribute('transform')).toBe('translate(670 120)');
    expect(data[0]!.getAttribute('role')).toBe('button');
    expect(data[0]!.getAttribute('aria-label')).toMatch(/^#\d+ Data: .* \(CN → R\)$/);
    fireEvent.click(data[0]!);
    expect(useLab.getState().selectedPacket).toBe(id);
    expect(container.querySelector(`.canvas-packet[data-packet-id="${id}"]`)!.classList.contains('canvas-packet--selected')).toBe(true);
    expect(within(container.querySelector('.canvas-legend') as HTMLElement).queryByText('Tunnelled data')).not.toBeNull();
  });

  it('draws thicker, larger things in presentation mode', () => {
    loadFixtureIntoStore(runFixture('route-optimization', 2_001_000));
    useLab.setState({ presentation: true });
    const { container } = render(<NetworkCanvas />);
    expect(container.querySelector('.network-canvas')!.classList.contains('network-canvas--presentation')).toBe(true);
    const packet = container.querySelector('.canvas-packet[data-kind="data"]')!;
    expect(packet.querySelector('g')!.getAttribute('transform')).toBe('scale(1.5)');
  });

  describe('when the mobile node has left every cell (dragged out at 5.2 s)', () => {
    const away = [{ at: 5_200_000, node: 'MN', position: { x: 540, y: 800 } }];

    it('stops showing a route to FA1 at once: amber, not the colours of a working route', () => {
      loadFixtureIntoStore(runFixture('route-optimization', 5_300_000, away));
      const { container } = render(<NetworkCanvas />);
      const banner = container.querySelector('.canvas-path-banner')!;
      expect(banner.getAttribute('data-route-state')).toBe('left');
      expect(banner.classList.contains('canvas-path-banner--route-optimization')).toBe(false);
      expect(screen.getByRole('status').textContent).toMatch(/^MN has left FA1's cell:/);
      expect(container.querySelectorAll('.canvas-edge--on-path')).toHaveLength(0);
    });

    it('says in red where and why datagrams are lost, links the cited section, and marks the loss in the cell', () => {
      // The datagram sent at 5.5 s died in FA1's cell: put there at 5.505 s, it reached no one, and FA1 recorded it lost at 5.506 s.
      loadFixtureIntoStore(runFixture('route-optimization', 5_600_000, away));
      const { container } = render(<NetworkCanvas />);
      const banner = container.querySelector('.canvas-path-banner')!;
      expect(banner.classList.contains('canvas-path-banner--lost')).toBe(true);
      const status = screen.getByRole('status');
      expect(status.textContent).toBe('Datagrams lost at FA1: the mobile node left FA1\'s cell, and FA1 has no forwarding pointer to send them on (Perkins & Johnson §4)');
      expect(within(status).getByRole('link', { name: 'Perkins & Johnson §4' }).getAttribute('href')).toBe('#/references/perkins-johnson-4');
      expect(banner.querySelector('.canvas-path-when')!.textContent).toBe('The mobile node is out of range of every cell. CN\'s binding cache still sends them to FA1. 1 datagram lost in a row since 5.500 s; the last one delivered arrived at 5.006 s.');
      // The way it went, CN → R → FA1, in red; nothing drawn as a working route.
      expect(container.querySelectorAll('.canvas-edge--on-path')).toHaveLength(0);
      expect(container.querySelectorAll('.canvas-edge--lost-path').length).toBeGreaterThan(0);
      const mark = screen.getByRole('img', { name: /^Lost in FA1 cell/ });
      expect(mark.getAttribute('aria-label')).toBe('Lost in FA1 cell 192.168.2.0/24: no station on cell1 has that address: MN, whose address it is, has left the cell (it is now out of range of every cell)');
    });
  });
});
