// From a lesson's reference action to the learner command (runtime/types.ts)
// the runtime applies. A lesson may say where to move a node by the cell it
// should go to ("toCellOf": "FA2") rather than by a point, as a scenario's
// moves do: that is resolved here to the cell's centre.

import type { Position } from '../../engine/network/topology';
import type { LabCommand } from '../../runtime/types';
import type { LoadedScenario } from '../../scenarios/to-topology';
import type { LessonCommand } from './schema';

/** The centre of the radio cell `node` serves, or why there is none. */
export function cellCentreOf(loaded: LoadedScenario, node: string): Position | string {
  const spec = loaded.topology.nodes.find((n) => n.id === node);
  if (spec === undefined) return `toCellOf: no node "${node}" in the scenario`;
  for (const i of spec.interfaces) {
    const link = loaded.topology.links.find((l) => l.id === i.link);
    if (link?.kind === 'radio') return { x: link.centre.x, y: link.centre.y };
  }
  return `toCellOf: node "${node}" serves no radio cell`;
}

/** The learner command a reference action stands for, or why it cannot be one. Validate the result with validateLabCommand. */
export function resolveCommand(command: LessonCommand, loaded: LoadedScenario): LabCommand | string {
  if (command.type === 'move' && 'toCellOf' in command) {
    const centre = cellCentreOf(loaded, command.toCellOf);
    return typeof centre === 'string' ? centre : { type: 'move', node: command.node, position: centre };
  }
  return command as LabCommand;
}
