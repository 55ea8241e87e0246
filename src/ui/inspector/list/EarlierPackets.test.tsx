// @vitest-environment happy-dom
// The packet list scrolled back past what the store keeps: the earlier
// packets come back from the runtime (re-derived by replay) and take their
// places at the front, numbered as in the whole run.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { isPacketEvent } from '../../../engine/metrics/trace-events';
import { fakeRuntime } from '../../controls/test-support/fake-runtime';
import { useLab } from '../../store/lab-store';
import { TraceLog } from '../../store/trace-log';
import { failOnConsoleErrors, resetLabStore } from '../../test-support/component-test';
import { runFixture } from '../../test-support/lab-fixture';
import { PacketInspector } from '../PacketInspector';

const fixture = runFixture('smooth-handoff', 3_000_000);
const all = fixture.batch.trace;
const cut = all.findIndex((e) => e.time >= 2_000_000);

failOnConsoleErrors();
beforeEach(() => resetLabStore());

describe('earlier packets', () => {
  it('says how many packets are not held, and brings them back on request', async () => {
    const runtime = fakeRuntime(fixture.scenario);
    const earlier = all.slice(0, cut);
    runtime.recall.mockImplementation(async (t: number) => ({ events: earlier, to: t - 1, before: { events: 0, packets: 0 } }));
    const trace = new TraceLog();
    trace.startAfter({ events: cut, packets: earlier.filter(isPacketEvent).length });
    trace.append(all.slice(cut));
    useLab.setState({ runtime, scenario: fixture.scenario, status: 'paused', trace });
    render(<PacketInspector />);
    const notHeld = earlier.filter(isPacketEvent).length;
    expect(screen.getByText(`Packets 1–${notHeld} are not shown: the lab keeps the latest stretch of the run.`)).toBeDefined();
    const grid = screen.getByRole('grid', { name: 'Packet list' });
    const firstNumber = () => within(within(grid).getAllByRole('row')[1]!).getAllByRole('gridcell')[0]!.textContent;
    expect(firstNumber()).toBe(String(notHeld + 1));

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Show earlier packets' })));
    expect(runtime.recall).toHaveBeenCalledWith(all[cut]!.time);
    expect(useLab.getState().trace.events).toEqual(all);
    expect(useLab.getState().trace.packets.map((p) => p.number)).toEqual(all.filter(isPacketEvent).map((_, i) => i + 1));
    expect(screen.queryByRole('button', { name: 'Show earlier packets' })).toBeNull();
    expect(firstNumber()).toBe('1');
  });
});
