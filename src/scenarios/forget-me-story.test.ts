// "Forget me" after an earlier smooth handoff (Perkins & Johnson §3.3, §4.2,
// §4.3). The mobile node leaves FA1 for FA2 with smooth handoff — FA1 keeps a
// forwarding entry pointing at FA2 for the Cache Lifetime — comes back to
// FA1, and then leaves again asking FA1 to forget it: the notification's new
// care-of address is the home address. A Binding Update whose care-of address
// is the home address deletes the binding (Perkins & Johnson §3.3), and the
// scenario format promises that the previous foreign agent then "keeps no
// forwarding entry", so what still reaches FA1 must go home in a special
// tunnel (§4.3).
//
// An earlier version of the lab dropped FA1's visitor entry but left the older
// forwarding entry in its binding cache until that entry's own lifetime
// ended, and re-tunnelled by it — here to the right agent by luck; after a
// longer walk it would point at a stale one. The second test guards the fix.

import { beforeAll, describe, expect, it } from 'vitest';
import type { TraceEvent } from '../engine/node/contract';
import { runLesson } from '../lessons/headless/run-lesson';
import { LESSON_FORMAT } from '../lessons/format/schema';
import { parseLesson } from '../lessons/format/validate';
import { replayInBatches } from '../lessons/test-support/fixtures';

const S = 1_000_000;
const OVERLAP = { x: 660, y: 450 };
const move = (afterS: number, to: object) => ({ afterS, command: { type: 'move', node: 'MN', ...to } });

const walk = parseLesson({
  format: LESSON_FORMAT, id: 'forget-me-walk', title: 'Walk', summary: 'A walk.', sections: ['§4'], scenario: 'explore',
  steps: [{
    title: 'Walk', narrative: 'Perkins & Johnson §4.2.', action: 'Walk.', expectWithinS: 14,
    checks: [{ kind: 'message', text: 'FA2 accepts a Request', message: 'registration-request', from: 'MN', to: 'FA2', outcome: 'accepted' }],
    referenceActions: [
      move(0.5, { position: OVERLAP }), move(2.5, { toCellOf: 'FA2' }), // smooth handoff: FA1 keeps a forwarding entry for 10 s
      move(4.5, { toCellOf: 'FA1' }), // back at FA1, registered there once FA2's advertisements time out
      { afterS: 6.5, command: { type: 'configure', node: 'MN', setting: 'previous-fa-forwarding', value: false } },
      move(7, { position: OVERLAP }), move(9, { toCellOf: 'FA2' }), // forget me, FA1
    ],
  }],
});

describe('a previous foreign agent told to forget the mobile node keeps no forwarding entry (Perkins & Johnson §3.3, §4.2, §4.3)', () => {
  let trace: TraceEvent[] = [];
  beforeAll(async () => {
    if (!walk.ok) throw new Error(walk.errors.join('\n'));
    const run = await runLesson(walk.loaded, { mode: 'solve' });
    trace = (await replayInBatches(walk.loaded, run.commandLog, run.commandLog.at(-1)!.at + 5 * S, 5 * S)).flatMap((b) => b.events);
  }, 60_000);

  const forgotten = () => trace.find((e) => e.node === 'FA1' && e.kind === 'table-changed' && e.summary.startsWith('visitor list: removed') && e.time > 7 * S);

  it('the walk is as described: FA1 got a forwarding entry at the first handoff, and later a Binding Update with the home address as care-of address released its visitor entry', () => {
    const entry = trace.find((e) => e.node === 'FA1' && e.kind === 'table-changed' && e.summary.startsWith('binding cache: added'));
    expect(entry).toBeDefined();
    expect(entry!.time).toBeLessThan(3 * S);
    expect(forgotten()).toBeDefined();
    const deleting = trace.find((e) => e.node === 'FA1' && e.kind === 'received' && e.summary.includes('(delete)'));
    expect(deleting).toBeDefined();
    expect(deleting!.time).toBeLessThan(entry!.time + 10 * S); // FA1's older entry was still alive then
  });

  it('after that, FA1 sends the correspondent\'s datagrams home in special tunnels instead of re-tunnelling them by the older forwarding entry', () => {
    const t0 = forgotten()!.time;
    const handled = trace.filter((e) => e.node === 'FA1' && e.kind === 'forwarded' && e.time > t0 && e.time < t0 + 3 * S && (e.summary.startsWith('re-tunnelled') || e.summary.startsWith('special tunnel')));
    expect(handled.length).toBeGreaterThan(0);
    for (const e of handled) expect(e.summary).toMatch(/^special tunnel/);
  });
});
