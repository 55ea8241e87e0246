// Whether a transmission no node received is lost for good, judged the way
// the canvas and the route banner judge it (hops.ts arrivalDeadline): a
// unicast frame not received by the latest time it could arrive never will be.

import type { TraceEvent } from '../../../engine/node/contract';
import type { Micros } from '../../../engine/node/time';
import type { CommandLogEntry } from '../../../runtime/types';
import type { LoadedScenario } from '../../../scenarios/to-topology';
import { buildCanvasModel, type CanvasModel } from '../../canvas/model/canvas-model';
import { arrivalDeadline, isUnicast, linkDelayAt } from '../../canvas/model/hops';

const models = new WeakMap<LoadedScenario, CanvasModel>();

export function isLostUnreceived(scenario: LoadedScenario | null, commands: readonly CommandLogEntry[], tx: TraceEvent, now: Micros): boolean {
  if (scenario === null || !isUnicast(tx)) return false;
  let model = models.get(scenario);
  if (model === undefined) {
    model = buildCanvasModel(scenario);
    models.set(scenario, model);
  }
  return now >= arrivalDeadline(model, linkDelayAt(model, commands))(tx);
}
