// The mobile node's own traffic flows: the host's UdpFlow (network/behaviours/
// host.ts), given in the node's options or by a `start-flow` command, sent on
// timers as UDP datagrams whose payload names the flow and sequence number
// (flowPayload). Source = the home address, always (RFC 2002 §1.5); away, the
// datagram goes straight to the correspondent through the current FA — the
// short side of the triangle (traffic.ts: sendFromHomeAddress).

import { entryAt } from '../../../keyed';
import type { NodeContext, NodeOutput, NodeStep } from '../../../node/contract';
import { continuedFlow, stopFlowIn, type UdpFlow } from '../../../network/behaviours/host';
import { ORIGINATED_TTL } from '../../../network/behaviours/router';
import { buildUdpDatagram, flowPayload } from '../../../network/behaviours/udp-datagram';
import type { MobileNodeState } from './mobile-node-state';
import { sendFromHomeAddress } from './traffic';

const FLOW_TIMER_PREFIX = 'mn:flow:';
export const flowTimer = (id: string): string => `${FLOW_TIMER_PREFIX}${id}`;

export function isFlowTimer(key: string): boolean {
  return key.startsWith(FLOW_TIMER_PREFIX);
}

function firstTimer(flow: UdpFlow, now: number): NodeOutput {
  return { kind: 'set-timer', key: flowTimer(flow.id), at: Math.max(now, flow.start), ref: `traffic flow ${flow.id}` };
}

/** The `start` command: the first timer of every flow in the options. */
export function startFlows(state: MobileNodeState, ctx: NodeContext): NodeOutput[] {
  return state.flows.map((f) => firstTimer(f, ctx.now));
}

/** The host's `start-flow` command: one more flow (a flow with the id of an earlier one replaces it, numbering on: continuedFlow). */
export function addFlow(state: MobileNodeState, started: UdpFlow, ctx: NodeContext): NodeStep<MobileNodeState> {
  const flow = continuedFlow(started, entryAt(state.sent, started.id) ?? 0);
  return { state: { ...state, flows: [...state.flows.filter((f) => f.id !== flow.id), flow] }, outputs: [firstTimer(flow, ctx.now)] };
}

/** The learner's `stop-flow`: the flow's timer is cancelled (host.ts stopFlowIn). */
export function stopFlow(state: MobileNodeState, id: string): NodeStep<MobileNodeState> {
  return stopFlowIn(state, id, flowTimer(id));
}

export function onFlowTimer(state: MobileNodeState, key: string, ctx: NodeContext): NodeStep<MobileNodeState> {
  const flow = state.flows.find((f) => flowTimer(f.id) === key);
  if (flow === undefined) return { state, outputs: [] };
  const c = state.config;
  const sequence = entryAt(state.sent, flow.id) ?? 0;
  const payload = flowPayload(flow.id, sequence, flow.payloadOctets);
  // RFC 2002 §1.5: whatever the flow says, a mobile node's traffic comes from its home address.
  const bytes = buildUdpDatagram({
    source: c.homeAddress, destination: flow.destination, sourcePort: flow.sourcePort, destinationPort: flow.destinationPort,
    payload, ttl: flow.ttl ?? ORIGINATED_TTL, identification: state.nextIdentification,
  });
  const summary = `UDP ${c.homeAddress}:${flow.sourcePort} → ${flow.destination}:${flow.destinationPort}, ${payload.length} octets (flow ${flow.id} #${sequence})`;
  const outputs: NodeOutput[] = [sendFromHomeAddress(state, ctx, bytes, flow.destination, summary)];
  if (sequence + 1 < flow.count) outputs.push({ kind: 'set-timer', key, at: ctx.now + flow.interval, ref: `traffic flow ${flow.id}` });
  return {
    state: { ...state, nextIdentification: (state.nextIdentification + 1) & 0xffff, sent: { ...state.sent, [flow.id]: sequence + 1 } },
    outputs,
  };
}
