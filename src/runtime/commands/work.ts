// The work a learner's commands add to a run (src/scenarios/work.ts has the
// rule and the budget): a start-flow adds its datagrams, a move or a link
// change has the routes recomputed, anything else a few events. A shared
// run's command log is refused before the run starts when scenario and log
// together are over the budget, naming the entry that adds the most; a live
// start-flow is refused on its own (validate.ts). What a command does beyond
// its estimate, the running run's meter stops (control/timeline.ts).

import type { Micros } from '../../engine/node/time';
import type { LoadedScenario } from '../../scenarios/to-topology';
import { datagramsBy, EVENTS_PER_ACTION, EVENTS_PER_MOVE, flowEvents, hopBound, scenarioWork, totalEvents, WORK_BUDGET } from '../../scenarios/work';
import type { CommandLogEntry, LabCommand } from '../types';

interface ScenarioCost {
  readonly events: number;
  readonly hops: number;
}

/** Per scenario, computed once: every command of a long log is checked against it. */
const costs = new WeakMap<LoadedScenario, ScenarioCost>();

export function scenarioCost(loaded: LoadedScenario): ScenarioCost {
  let cost = costs.get(loaded);
  if (cost === undefined) costs.set(loaded, (cost = { events: totalEvents(scenarioWork(loaded, loaded.duration)), hops: hopBound(loaded.topology) }));
  return cost;
}

/** The events `command`, applied at `at`, adds to a run of `loaded` (a command already validated). */
export function commandEvents(command: LabCommand, loaded: LoadedScenario, at: Micros): number {
  switch (command.type) {
    case 'start-flow': {
      const f = command.flow;
      return flowEvents(datagramsBy({ start: Math.max(at, f.start), interval: f.interval, count: f.count }, loaded.duration), scenarioCost(loaded).hops);
    }
    case 'move':
    case 'set-link':
      return EVENTS_PER_MOVE + loaded.nodes.length;
    default:
      return EVENTS_PER_ACTION;
  }
}

const count = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Null when the scenario and `log` fit the budget; else which entry adds the most, and by how much. */
export function commandLogWorkProblem(log: readonly CommandLogEntry[], loaded: LoadedScenario): string | null {
  const base = scenarioCost(loaded).events;
  let total = base;
  let largest = { index: -1, events: 0 };
  log.forEach((entry, i) => {
    const events = commandEvents(entry.command, loaded, entry.at);
    total += events;
    if (events > largest.events) largest = { index: i, events };
  });
  if (total <= WORK_BUDGET) return null;
  const over = `more than the ${count(WORK_BUDGET)} a run may take`;
  if (largest.index < 0) return `the scenario would take about ${count(total)} events of work, ${over}`;
  return `the scenario and its commands would take about ${count(total)} events of work, ${over}; command log entry ${largest.index + 1} adds the most (about ${count(largest.events)})`;
}
