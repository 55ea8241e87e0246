// The order rules that make a replay issue the same backend calls as the live
// run: snapshots at boundaries before the commands logged there, commands at
// their exact times, the log's cursor restored with a snapshot.

import { describe, expect, it } from 'vitest';
import type { LabCommand } from '../types';
import { FakeBackend } from './testing/fake-backend';
import { Timeline } from './timeline';

const cmd = (flow: string): LabCommand => ({ type: 'stop-flow', node: 'n', flow });

describe('timeline', () => {
  it('applies logged commands at their times, taking each boundary snapshot before the commands there', async () => {
    const backend = new FakeBackend([1500]);
    const timeline = new Timeline(backend, { snapshotInterval: 2000, commandLog: [{ at: 0, command: cmd('a') }, { at: 2000, command: cmd('b') }, { at: 3100, command: cmd('c') }] });
    const trace = await timeline.begin();
    expect(trace.map((e) => e.time)).toEqual([0]); // command a's event
    const onwards = await timeline.advance(5000);
    expect(onwards.map((e) => e.time)).toEqual([1500, 2000, 3100]);
    expect(backend.applied.map((a) => a.at)).toEqual([0, 2000, 3100]);
    // Stops: the boundary 2000 (where b also is), c at 3100, the boundary 4000, the target.
    expect(backend.advances).toEqual([0, 0, 2000, 2000, 3100, 3100, 4000, 5000]);
    expect(timeline.snapshots.times).toEqual([0, 2000, 4000]);
    expect(timeline.snapshots.latestAtOrBefore(2000)?.applied).toBe(1); // a only: b came after the snapshot
  });

  it('rewinds to the latest snapshot, replays the commands after it, and lands on the target', async () => {
    const backend = new FakeBackend([1500, 2500]);
    const timeline = new Timeline(backend, { snapshotInterval: 2000, commandLog: [{ at: 2000, command: cmd('b') }] });
    await timeline.begin();
    await timeline.advance(5000);
    await timeline.rewindTo(2100);
    expect(timeline.now).toBe(2100);
    expect(timeline.log.applied).toBe(1);
    expect(backend.applied.map((a) => a.at)).toEqual([2000, 2000]); // b, and b again on the replay
    expect((await timeline.advance(3000)).map((e) => e.time)).toEqual([2500]);
  });

  it('a command after a rewind drops the log entries and snapshots of the old branch', async () => {
    const backend = new FakeBackend([]);
    const timeline = new Timeline(backend, { snapshotInterval: 1000 });
    await timeline.begin();
    await timeline.advance(1500);
    await timeline.send(cmd('x'));
    await timeline.advance(3500);
    expect(timeline.snapshots.times).toEqual([0, 1000, 2000, 3000]);
    await timeline.rewindTo(1200);
    expect(timeline.log.entries).toEqual([{ at: 1500, command: cmd('x') }]); // ahead of now, still logged
    expect(await timeline.nextInstant()).toBe(1500);
    await timeline.send(cmd('y'));
    expect(timeline.log.entries).toEqual([{ at: 1200, command: cmd('y') }]);
    expect(timeline.snapshots.times).toEqual([0, 1000]);
    expect(await timeline.nextInstant()).toBe(undefined);
  });
});
