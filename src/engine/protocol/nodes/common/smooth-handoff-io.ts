// Turning what the pure route-optimization and key functions return into
// node outputs (Perkins & Johnson §4.1; optim-08 §5.1; Perkins & Johnson §9; regkey-00 §3; optim-08 §8.1):
//
//  * roTraces      — RoTrace records as `trace` outputs;
//  * keyStepTraces — the decision steps of a Perkins & Johnson §9; regkey-00 §3 algorithm, one `decision`
//                    trace each (step text as summary, branch as reason), so
//                    the key panel and the trace list tell the same story;
//  * keyEstablished — the `key-established` trace, carrying the node's
//                    key-exchange record in `after` for the key panel.

import type { NodeOutput } from '../../../node/contract';
import type { DecisionStep, KeyExchangeRecord } from '../../keys';
import type { RoTrace } from '../../route-optimization/types';
import { trace } from './trace';

export function roTraces(traces: readonly RoTrace[]): NodeOutput[] {
  return traces.map((t) => trace(t.kind, t.summary, t.ref, { reason: t.reason, before: t.before, after: t.after, ...(t.bytes === undefined ? {} : { bytes: t.bytes }) }));
}

export function keyStepTraces(steps: readonly DecisionStep[]): NodeOutput[] {
  return steps.map((s) => trace('decision', s.step, s.ref, { reason: s.branch === 'taken' ? 'branch taken' : 'branch not taken' }));
}

export function keyEstablished(summary: string, ref: string, record: KeyExchangeRecord): NodeOutput {
  return trace('key-established', summary, ref, { reason: record.methodName ?? 'no method', after: record });
}
