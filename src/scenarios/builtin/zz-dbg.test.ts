import { it } from 'vitest';
import { followFlow, runLesson, tableChanges, tunnelledBy, LAB } from '/work/main/src/scenarios/builtin/lesson-reading';
it('dbg', () => {
  const run = runLesson('smooth-handoff', 20);
  const toMn = followFlow(run.trace, 'cn-to-mn');
  const t = tableChanges(run.trace, 'FA1', 'binding cache').find((e) => e.summary.includes('added'))?.time ?? Infinity;
  console.log('learned', t);
  for (const d of toMn.filter((x) => x.sentAt > 11.5e6 && x.sentAt < 16e6)) console.log(d.sentAt, d.arrivedAt, d.path.join(','), tunnelledBy(d, 'FA1', LAB.fa1), tunnelledBy(d, 'CN', LAB.cn), d.legs.filter(l=>l.node==='FA1').map(l=>l.kind+'@'+l.time).join(' '));
});
