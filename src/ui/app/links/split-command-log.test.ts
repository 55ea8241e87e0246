import { describe, expect, it } from 'vitest';
import { loadBuiltin } from '../../../scenarios/builtin';
import type { LinkEntry } from './link-entries';
import { refusedText, splitCommandLog } from './split-command-log';

const explore = loadBuiltin('explore');
const move = (index: number, at: number, node = 'MN', x = 700): LinkEntry => ({ index, at, command: { type: 'move', node, position: { x, y: 450 } } });

describe('a link\'s command log, entry by entry', () => {
  it('keeps the entries the validator accepts and names the one it refuses: number, time, reason', () => {
    const split = splitCommandLog([move(1, 1_000_000), move(2, 2_500_000, 'Ghost'), move(3, 3_000_000, 'MN', 780)], [], explore);
    expect(split.accepted).toEqual([
      { at: 1_000_000, command: { type: 'move', node: 'MN', position: { x: 700, y: 450 } } },
      { at: 3_000_000, command: { type: 'move', node: 'MN', position: { x: 780, y: 450 } } },
    ]);
    expect(split.refused).toEqual([{ index: 2, at: 2_500_000, reason: expect.stringMatching(/^unknown node "Ghost" \(this scenario's nodes are "HA", /) }]);
    expect(refusedText(split.refused[0]!)).toMatch(/^command log entry 2 \(at 2\.500 s\) was left out: unknown node "Ghost"/);
    expect(split.tooMuch).toBeUndefined();
  });

  it('refuses an entry out of time order or after the end, and lists the unreadable ones in link order', () => {
    const split = splitCommandLog([move(1, 5_000_000), move(3, 4_000_000), move(4, explore.duration + 1)], [{ index: 2, reason: 'it has no command object' }], explore);
    expect(split.accepted.map((e) => e.at)).toEqual([5_000_000]);
    expect(split.refused.map((e) => [e.index, e.reason])).toEqual([
      [2, 'it has no command object'],
      [3, 'it comes before the entry ahead of it (5.000 s); a log is in time order'],
      [4, 'it is after the end of the scenario (300.000 s)'],
    ]);
  });

  it('leaves out a log that is, all together, more work than a run may take', () => {
    const flow = (index: number): LinkEntry => ({ index, at: 1_000_000, command: { type: 'start-flow', node: 'CN', flow: { id: `f${index}`, destination: '10.1.0.10', sourcePort: 5001, destinationPort: 7, start: 1_000_000, interval: 1000, count: 1000, payloadOctets: 32 } } });
    const split = splitCommandLog(Array.from({ length: 40 }, (_, k) => flow(k + 1)), [], explore);
    expect(split.accepted).toEqual([]);
    expect(split.tooMuch).toMatch(/^the scenario and its commands would take about [\d,]+ events of work/);
  });
});
