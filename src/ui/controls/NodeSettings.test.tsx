// @vitest-environment happy-dom
// The settings tab (docs/architecture.md "UI") on the route-optimization run at 3 s: each
// toggle sends a `configure` command for the selected node, showing the value
// the node holds; links take `set-link`; the command log lists what was sent.

import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useLab } from '../store/lab-store';
import { loadFixtureIntoStore, runFixture, type LabFixture } from '../test-support/lab-fixture';
import { NodeSettings } from './NodeSettings';
import { installFakeRuntime, type FakeRuntime } from './test-support/fake-runtime';
import { failOnConsoleErrors, resetLabStore } from '../test-support/component-test';

let fixture: LabFixture;
beforeAll(() => {
  fixture = runFixture('route-optimization', 3_000_000);
});

let runtime: FakeRuntime;
failOnConsoleErrors();
beforeEach(() => {
  resetLabStore();
  loadFixtureIntoStore(fixture, 'route-optimization');
  runtime = installFakeRuntime(fixture.scenario);
});

describe('NodeSettings', () => {
  it("switches the home agent's Route Optimization off with a configure command, citing what it does", () => {
    act(() => useLab.getState().selectNode('HA'));
    render(<NodeSettings />);
    const group = screen.getByRole('group', { name: /Route Optimization/ });
    expect(group.textContent).toContain('now: on, from the node state');
    expect(group.textContent).toContain('Perkins & Johnson §3.3; optim-08 §3.1');
    const box = within(group).getByRole('checkbox', { name: 'Route Optimization on' });
    expect((box as HTMLInputElement).checked).toBe(true);
    fireEvent.click(box);
    expect(runtime.send).toHaveBeenCalledWith({ type: 'configure', node: 'HA', setting: 'route-optimization', value: false });
    // A home agent has no encapsulation or smooth-handoff setting (runtime/commands/setting-roles.ts).
    expect(screen.queryByRole('group', { name: /Smooth handoff/ })).toBeNull();
  });

  it("offers the mobile node its own settings: smooth handoff, encapsulation, algorithm", () => {
    act(() => useLab.getState().selectNode('MN'));
    render(<NodeSettings />);
    expect(screen.queryByRole('group', { name: /Route Optimization/ })).toBeNull();
    const encapsulation = screen.getByRole('radiogroup', { name: 'Encapsulation' });
    expect((within(encapsulation).getByRole('radio', { name: 'IP in IP (RFC 2003)' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(encapsulation).getByRole('radio', { name: 'minimal (RFC 2004)' }));
    expect(runtime.send).toHaveBeenLastCalledWith({ type: 'configure', node: 'MN', setting: 'encapsulation', value: 'minimal' });
    const algorithm = screen.getByRole('combobox', { name: 'Authentication algorithm' });
    expect((algorithm as HTMLSelectElement).value).toBe('keyed-md5'); // ro98 profile (OC-01)
    fireEvent.change(algorithm, { target: { value: 'hmac-md5' } });
    expect(runtime.send).toHaveBeenLastCalledWith({ type: 'configure', node: 'MN', setting: 'auth-algorithm', value: 'hmac-md5' });
    expect(screen.getByRole('group', { name: /Smooth handoff/ }).textContent).toContain('Previous Foreign Agent Notification');
  });

  it("offers the home agent its list of acknowledging correspondents, off as the scenario left it, and the correspondent its own encapsulation", () => {
    act(() => useLab.getState().selectNode('HA'));
    const { unmount } = render(<NodeSettings />);
    const list = screen.getByRole('group', { name: /Acknowledging correspondents/ });
    expect(list.textContent).toContain('now: off, from the node state');
    fireEvent.click(within(list).getByRole('checkbox', { name: 'Acknowledging correspondents on' }));
    expect(runtime.send).toHaveBeenLastCalledWith({ type: 'configure', node: 'HA', setting: 'acknowledging-correspondents', value: true });
    unmount();
    act(() => useLab.getState().selectNode('CN'));
    render(<NodeSettings />);
    const encapsulation = screen.getByRole('radiogroup', { name: 'Encapsulation' });
    fireEvent.click(within(encapsulation).getByRole('radio', { name: 'GRE (RFC 1701)' }));
    expect(runtime.send).toHaveBeenLastCalledWith({ type: 'configure', node: 'CN', setting: 'encapsulation', value: 'gre' });
    expect(screen.getByRole('group', { name: /Encapsulation/ }).textContent).toContain('only where the Binding Update set M or G');
  });

  it("shows a refused change under its own node only, not under the next node picked", () => {
    runtime.send.mockImplementationOnce(() => { throw new Error('the node is not running'); });
    act(() => useLab.getState().selectNode('HA'));
    render(<NodeSettings />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Route Optimization on' }));
    expect(screen.getByRole('alert').textContent).toBe('The route-optimization change was refused: the node is not running');
    act(() => useLab.getState().selectNode('MN'));
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Mobile node');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('changes a link and refuses a loss above 100 %', () => {
    render(<NodeSettings />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Link' }), { target: { value: 'cell1' } });
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Delay (ms)' }), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply to FA1 cell 192.168.2.0/24' }));
    expect(runtime.send).toHaveBeenCalledWith({ type: 'set-link', link: 'cell1', delay: 5000 });
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Loss (%)' }), { target: { value: '150' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply to FA1 cell 192.168.2.0/24' }));
    expect(screen.getByRole('alert').textContent).toContain('from 0 to 100');
    expect(runtime.send).toHaveBeenCalledTimes(1);
  });

  it('offers the links by the names the network shows, never by the scenario file\'s ids', () => {
    render(<NodeSettings />);
    const options = within(screen.getByRole('combobox', { name: 'Link' })).getAllByRole('option').map((o) => o.textContent);
    expect(options).toContain('FA1 cell 192.168.2.0/24');
    expect(options).toContain('link FA1 – R');
    expect(options).toHaveLength(7);
    // ("home" is also a word of the home network's label, so it is checked whole)
    expect(options).not.toContain('home');
    for (const id of ['cell1', 'cell2', 'ha-r', 'fa1-r', 'fa2-r', 'cn-lan']) for (const o of options) expect(o).not.toContain(id);
  });

  it('stops the correspondent\'s flow from its settings, and offers no button once it is stopped', () => {
    act(() => useLab.getState().selectNode('CN'));
    const { rerender } = render(<NodeSettings />);
    const flows = screen.getByRole('region', { name: 'Traffic flows' });
    expect(flows.textContent).toContain('cn-to-mn to 10.1.0.10, one datagram every 500 ms: sending until 28.000 s');
    fireEvent.click(within(flows).getByRole('button', { name: 'Stop this flow: cn-to-mn' }));
    expect(runtime.send).toHaveBeenCalledWith({ type: 'stop-flow', node: 'CN', flow: 'cn-to-mn' });
    act(() => useLab.getState().applyBatch({ now: 3_000_000, status: 'paused', speed: 1, trace: [], commands: [{ at: 3_000_000, command: { type: 'stop-flow', node: 'CN', flow: 'cn-to-mn' } }] }));
    rerender(<NodeSettings />);
    expect(screen.getByRole('region', { name: 'Traffic flows' }).textContent).toContain('stopped at 3.000 s');
    expect(screen.queryByRole('button', { name: /Stop this flow/ })).toBeNull();
  });

  it('lists the command log', () => {
    act(() => useLab.getState().applyBatch({
      now: 3_000_000, status: 'paused', speed: 1, trace: [],
      commands: [
        { at: 2_500_000, command: { type: 'configure', node: 'HA', setting: 'route-optimization', value: false } },
        { at: 2_750_000, command: { type: 'set-link', link: 'cell1', delay: 5000, loss: 0.1 } },
      ],
    }));
    render(<NodeSettings />);
    const items = within(screen.getByRole('list', { name: 'Commands sent' })).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['2.500 s: HA: route-optimization → off', '2.750 s: FA1 cell 192.168.2.0/24: delay 5 ms, loss 10 %']);
  });
});
