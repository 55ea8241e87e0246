// Where an event happened, in the learner's terms: the link (the scenario's
// link id, as the canvas labels it), never the node's interface name.

import type { TraceEvent } from '../../../engine/node/contract';
import type { LoadedScenario } from '../../../scenarios/to-topology';

const LINK_IN_SUMMARY = /\(link ([^)]+)\)/;

/** " on link cn-lan", " by radio" (a radio interface has no fixed link), or "" when the event names no interface. */
export function whereText(scenario: LoadedScenario | null, e: TraceEvent): string {
  const named = LINK_IN_SUMMARY.exec(e.summary)?.[1];
  if (named !== undefined) return ` on link ${named}`;
  if (e.interface === undefined) return '';
  const spec = scenario?.topology.nodes.find((n) => n.id === e.node)?.interfaces.find((i) => i.name === e.interface);
  if (spec?.link !== undefined) return ` on link ${spec.link}`;
  return spec?.radio === true ? ' by radio' : '';
}
