// The traffic flows a node sends, as they stand at the current virtual time:
// the scenario's, with every later start-flow and stop-flow of the command
// log applied (LabCommand). What the Settings tab's "Stop this flow" button
// needs to know: whether the flow still has datagrams to send.

import type { Micros } from '../../engine/node/time';
import type { UdpFlow } from '../../engine/network/behaviours/host';
import type { CommandLogEntry } from '../../runtime/types';

export type FlowState =
  | { readonly kind: 'waiting'; readonly from: Micros }
  | { readonly kind: 'sending'; readonly until: Micros }
  | { readonly kind: 'finished'; readonly at: Micros }
  | { readonly kind: 'stopped'; readonly at: Micros };

export interface FlowNow {
  readonly id: string;
  readonly destination: string;
  readonly intervalMs: number;
  readonly state: FlowState;
}

/** A flow whose definition is known from `since`: the scenario's (0) or a start-flow command's time. */
function running(flow: UdpFlow, since: Micros, now: Micros): FlowState {
  const first = Math.max(flow.start, since);
  const last = first + flow.interval * (flow.count - 1);
  if (now < first) return { kind: 'waiting', from: first };
  if (now > last) return { kind: 'finished', at: last };
  return { kind: 'sending', until: last };
}

/** The flows `node` sends, in the order they were first defined, with their state at `now`. */
export function flowsNow(node: string, scenarioFlows: readonly UdpFlow[], commands: readonly CommandLogEntry[], now: Micros): FlowNow[] {
  const latest = new Map<string, { flow: UdpFlow; since: Micros; stoppedAt?: Micros }>();
  for (const f of scenarioFlows) latest.set(f.id, { flow: f, since: 0 });
  for (const { at, command: c } of commands) {
    if (at > now || (c.type !== 'start-flow' && c.type !== 'stop-flow') || c.node !== node) continue;
    if (c.type === 'start-flow') latest.set(c.flow.id, { flow: c.flow, since: at });
    else {
      const known = latest.get(c.flow);
      if (known !== undefined && known.stoppedAt === undefined) latest.set(c.flow, { ...known, stoppedAt: at });
    }
  }
  return [...latest.values()].map(({ flow, since, stoppedAt }) => {
    const state = running(flow, since, stoppedAt ?? now);
    return {
      id: flow.id, destination: flow.destination, intervalMs: flow.interval / 1000,
      state: stoppedAt !== undefined && state.kind !== 'finished' ? { kind: 'stopped', at: stoppedAt } : state,
    };
  });
}

/** Only a flow with datagrams left to send can be stopped. */
export const canStop = (f: FlowNow): boolean => f.state.kind === 'waiting' || f.state.kind === 'sending';
