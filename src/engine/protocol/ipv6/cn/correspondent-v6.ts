// The IPv6 correspondent behaviour (Perkins & Johnson §10; RFC 6275 §9;
// RFC 6275 §9): a host that sends UDP flows to mobile nodes' home addresses
// and records what it receives, with route optimization:
//
//  * Binding Updates, under AH with a configured association (the paper's
//    model) or authorized by return routability, create, refresh or delete
//    binding-cache entries (correspondent-binding-update.ts);
//  * Home and Care-of Test Inits are answered (return-routability-responder.ts);
//  * every datagram it originates for a home address with a binding goes to
//    the care-of address with a type 2 Routing header (correspondent-send.ts);
//  * timers: entries expire at the end of their lifetime, and an entry still
//    in use gets one Binding Refresh Request at its refresh point.
//
// With routeOptimization false it does not process the Mobility Header
// (ICMPv6 Parameter Problem, RFC 6275 §9.2) and keeps no cache.

import { entryAt } from '../../../keyed';
import type { NodeBehaviour, NodeContext, NodeInput, NodeOutput, NodeStep, SystemCommand } from '../../../node/contract';
import { continuedFlow, stopFlowIn, type UdpFlow } from '../../../network/behaviours/host';
import { routesInstalledTrace } from '../../../network/behaviours/ip-output';
import { flowPayload } from '../../../network/behaviours/udp-datagram';
import { learnerChanged, refuseNonSetting, refuseSetting, unchanged } from '../../nodes/common/configure';
import type { ConfigureCommand, LabNodeCommand } from '../../nodes/common/lab-commands';
import { tableTraces, trace } from '../../nodes/common/trace';
import { emptyIpv6BindingCache, expireIpv6Bindings, ipv6BindingEntries, needsBindingRefresh, nextCacheEvent } from './binding-cache-v6';
import type { CorrespondentV6State } from './correspondent-v6-state';
import { onCorrespondentFrame } from './correspondent-receive';
import { sendBindingRefreshRequest, sendUdp } from './correspondent-send';

export type { AhAssociation, CorrespondentV6Config, CorrespondentV6Options, CorrespondentV6State } from './correspondent-v6-state';
export { initialCorrespondentV6State } from './correspondent-v6-state';

export const CN6_EXPIRY_TIMER = 'cn6:binding-expiry';
export const CN6_REFRESH_TIMER = 'cn6:binding-refresh';
const flowTimer = (id: string): string => `flow:${id}`;
const ROLE = 'correspondent (IPv6)';

type Step = NodeStep<CorrespondentV6State>;

/** The expiry timer at the earliest expiry, the refresh timer at the earliest refresh point still ahead. */
function cacheTimers(state: CorrespondentV6State, ctx: NodeContext): NodeOutput[] {
  const next = nextCacheEvent(state.cache, ctx.now);
  return [
    next.expiry === null ? { kind: 'cancel-timer', key: CN6_EXPIRY_TIMER } : { kind: 'set-timer', key: CN6_EXPIRY_TIMER, at: next.expiry, ref: 'RFC 6275 §9.6 (binding expiry)' },
    next.refresh === null ? { kind: 'cancel-timer', key: CN6_REFRESH_TIMER } : { kind: 'set-timer', key: CN6_REFRESH_TIMER, at: next.refresh, ref: 'RFC 6275 §9.5.5; lab choice (refresh point)' },
  ];
}

function onFlowTimer(state: CorrespondentV6State, flow: UdpFlow, ctx: NodeContext): Step {
  const sequence = entryAt(state.sent, flow.id) ?? 0;
  const sent = sendUdp(state, { destination: flow.destination, sourcePort: flow.sourcePort, destinationPort: flow.destinationPort, payload: flowPayload(flow.id, sequence, flow.payloadOctets), label: `flow ${flow.id} #${sequence}` }, ctx);
  const outputs: NodeOutput[] = [...sent.outputs];
  if (sequence + 1 < flow.count) outputs.push({ kind: 'set-timer', key: flowTimer(flow.id), at: ctx.now + flow.interval });
  return { state: { ...sent.state, sent: { ...sent.state.sent, [flow.id]: sequence + 1 } }, outputs };
}

/** RFC 6275 §9.6: entries whose lifetime ran out are removed. */
function onExpiryTimer(state: CorrespondentV6State, ctx: NodeContext): Step {
  const r = expireIpv6Bindings(state.cache, ctx.now);
  return { state: { ...state, cache: r.table }, outputs: tableTraces('binding cache', r.changes) };
}

/** RFC 6275 §9.5.5 at the refresh point: each entry due and used in the last 30 s gets its Binding Refresh Request. */
function onRefreshTimer(state: CorrespondentV6State, ctx: NodeContext): Step {
  let s = state;
  const outputs: NodeOutput[] = [];
  for (const e of ipv6BindingEntries(state.cache)) {
    if (!needsBindingRefresh(e, ctx.now)) continue;
    const r = sendBindingRefreshRequest(s, e.homeAddress, ctx);
    s = r.state;
    outputs.push(...r.outputs);
  }
  return { state: s, outputs };
}

function configure(state: CorrespondentV6State, c: ConfigureCommand): Step {
  if (c.setting !== 'route-optimization') return { state, outputs: [refuseSetting(c, ROLE)] };
  if (state.config.routeOptimization === c.value) return { state, outputs: [unchanged(c, ROLE)] };
  const config = { ...state.config, routeOptimization: c.value };
  const ref = 'Perkins & Johnson §10; RFC 6275 §9.2';
  if (c.value) {
    return { state: { ...state, config }, outputs: [learnerChanged('route optimization on at the correspondent', 'it will process Binding Updates and send straight to care-of addresses', 'until a mobile node sends it a Binding Update, datagrams still go by the home agent', ref)] };
  }
  const gone = ipv6BindingEntries(state.cache).map((e) => trace('table-changed', `binding cache: ${e.homeAddress} removed`, ref, { reason: 'learner: route optimization off — this correspondent keeps no binding cache', before: e }));
  return {
    state: { ...state, config, cache: emptyIpv6BindingCache(state.cache.capacity) },
    outputs: [learnerChanged('route optimization off at the correspondent', 'it no longer processes the Mobility Header: Binding Updates get ICMPv6 Parameter Problem, datagrams go to the home address', 'the route stays the triangle through the home agent', ref), ...gone],
  };
}

function onCommand(state: CorrespondentV6State, c: SystemCommand | LabNodeCommand, ctx: NodeContext): Step {
  switch (c.type) {
    case 'start':
      return { state, outputs: state.flows.map((f) => ({ kind: 'set-timer', key: flowTimer(f.id), at: Math.max(ctx.now, f.start) })) };
    case 'install-routes':
      return { state: { ...state, table: c.table }, outputs: [{ kind: 'trace', event: routesInstalledTrace(state.table, c.table) }] };
    case 'start-flow': {
      const flow = continuedFlow(c.flow, entryAt(state.sent, c.flow.id) ?? 0); // the same id numbers on (host.ts)
      return { state: { ...state, flows: [...state.flows.filter((f) => f.id !== flow.id), flow] }, outputs: [{ kind: 'set-timer', key: flowTimer(flow.id), at: Math.max(ctx.now, flow.start) }] };
    }
    case 'stop-flow':
      return stopFlowIn(state, c.flow, flowTimer(c.flow));
    case 'send-udp':
      return sendUdp(state, { destination: c.destination, sourcePort: c.sourcePort, destinationPort: c.destinationPort, payload: c.payload, label: '' }, ctx);
    case 'configure':
      return configure(state, c);
    case 'inject':
      return { state, outputs: [refuseNonSetting('inject', ROLE)] };
    default:
      return { state, outputs: [] };
  }
}

function dispatch(state: CorrespondentV6State, input: NodeInput<LabNodeCommand>, ctx: NodeContext): Step {
  if (input.kind === 'frame') return onCorrespondentFrame(state, input, ctx);
  if (input.kind === 'timer') {
    if (input.key === CN6_EXPIRY_TIMER) return onExpiryTimer(state, ctx);
    if (input.key === CN6_REFRESH_TIMER) return onRefreshTimer(state, ctx);
    const flow = state.flows.find((f) => flowTimer(f.id) === input.key);
    return flow === undefined ? { state, outputs: [] } : onFlowTimer(state, flow, ctx);
  }
  return onCommand(state, input.command, ctx);
}

/** Besides the system commands, flows (start-flow, stop-flow, send-udp) and the learner's route-optimization switch. */
export const correspondentV6Behaviour: NodeBehaviour<CorrespondentV6State, LabNodeCommand> = {
  kind: 'correspondent (IPv6)',
  handle(state, input, ctx) {
    const step = dispatch(state, input, ctx);
    // Whenever the cache changed, its timers follow (an emptied cache cancels them).
    return step.state.cache === state.cache ? step : { state: step.state, outputs: [...step.outputs, ...cacheTimers(step.state, ctx)] };
  },
};
