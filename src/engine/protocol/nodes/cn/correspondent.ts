// The correspondent node behaviour (Perkins & Johnson §3; optim-08 §3.1; Perkins & Johnson §3.3):
// a host that sends flows and records what it receives (it delegates all of
// that to network/behaviours/host.ts, so scenarios start its flows with the
// host's `start-flow` command), plus Route Optimization:
//
//  * a Binding Update from a home agent (UDP 434) is checked (Perkins & Johnson §3.3; optim-08 §4.3) and
//    creates, refreshes or deletes a binding-cache entry; a legacy
//    correspondent (routeOptimization: false) ignores it, saying why
//    (optim-08 §7.1);
//  * every datagram the host originates for an address with a live entry is
//    tunnelled straight to the care-of address instead — the correspondent is
//    the original sender, so the inner TTL is unchanged (Perkins & Johnson §3; optim-08 §3.1; OC-39);
//  * a timer at each entry's OC-43 refresh point sends the one Binding
//    Request that asks the home agent for a fresh binding, if the entry is
//    still in use; another removes entries whose lifetime ran out (Perkins & Johnson §3; optim-08 §3.1).

import type { NodeBehaviour, NodeContext, NodeInput, NodeOutput, NodeStep } from '../../../node/contract';
import { EtherType } from '../../../node/link-address';
import { receiveDatagram } from '../../../network/forwarding';
import { hostBehaviour, type HostCommand } from '../../../network/behaviours/host';
import { ownAddresses, sendDatagram } from '../../../network/behaviours/ip-output';
import { parseIpv4 } from '../../../wire/ipv4';
import { describeWireError } from '../../../wire/result';
import { receiveBindingUpdate, routeForDestination, tunnelFromCorrespondent, type CorrespondentContext } from '../../route-optimization/correspondent';
import { changeTraces, type RoResult } from '../../route-optimization/types';
import { bindingCacheEntries, expireBindings, needsRefresh, nextBindingExpiry, refreshPoint } from '../../tables/binding-cache';
import { withEntry } from '../../tables/table-change';
import { MOBILE_IP_PORT, readMipDatagram } from '../common/mip-io';
import { dropped } from '../common/trace';
import { isLabCommand, type LabNodeCommand } from '../common/lab-commands';
import { onLabCommand } from './configure';
import type { CorrespondentNodeState } from './correspondent-state';
import { roOutputs, roTraceOutputs } from './ro-outputs';

export type { CorrespondentConfig, CorrespondentNodeState, CorrespondentOptions } from './correspondent-state';
export { initialCorrespondentState } from './correspondent-state';

export const CN_BINDING_EXPIRY_TIMER = 'cn:binding-expiry';
export const CN_BINDING_REFRESH_TIMER = 'cn:binding-refresh';

type Step = NodeStep<CorrespondentNodeState>;

function roContext(state: CorrespondentNodeState): CorrespondentContext {
  const c = state.config;
  return {
    address: c.address, associations: state.associations, implementsRouteOptimization: c.routeOptimization, preferredEncapsulation: c.preferredEncapsulation,
    config: { epochUnixMs: c.epochUnixMs, profile: c.profile, ...(c.timestampWindowSeconds === undefined ? {} : { timestampWindowSeconds: c.timestampWindowSeconds }) },
  };
}

/** The state after an RO step, its sends/forwards/traces as outputs (IP Identification from the host's counter). */
function applyRo(state: CorrespondentNodeState, r: RoResult<CorrespondentNodeState['ro']>, ctx: NodeContext): Step {
  const emitted = roOutputs(ctx.node, state.host.table, r, state.host.nextIdentification);
  const host = { ...state.host, nextIdentification: (state.host.nextIdentification + emitted.identificationsUsed) & 0xffff };
  return { state: { ...state, ro: r.state, host }, outputs: emitted.outputs };
}

/** The expiry timer at the earliest entry expiry; the refresh timer at the earliest OC-43 refresh point still ahead. */
function cacheTimers(state: CorrespondentNodeState, ctx: NodeContext): NodeOutput[] {
  const cache = state.ro.cache;
  const expiry = nextBindingExpiry(cache);
  let refresh: number | null = null;
  for (const e of bindingCacheEntries(cache)) {
    const point = refreshPoint(e);
    if (point !== null && point > ctx.now && (refresh === null || point < refresh)) refresh = point; // a point still ahead opens a window with no Binding Request yet
  }
  return [
    expiry === null ? { kind: 'cancel-timer', key: CN_BINDING_EXPIRY_TIMER } : { kind: 'set-timer', key: CN_BINDING_EXPIRY_TIMER, at: expiry, ref: 'Perkins & Johnson §3; optim-08 §3.1 (binding expiry)' },
    refresh === null ? { kind: 'cancel-timer', key: CN_BINDING_REFRESH_TIMER } : { kind: 'set-timer', key: CN_BINDING_REFRESH_TIMER, at: refresh, ref: 'optim-08 §4.3; lab choice (refresh point)' },
  ];
}

/**
 * A datagram the host has just built: with a live cache entry for its
 * destination it leaves tunnelled to the care-of address (Perkins & Johnson §3; optim-08 §3.1, OC-39),
 * possibly preceded by the entry's refreshing Binding Request (OC-43).
 */
function routeOriginated(state: CorrespondentNodeState, o: Extract<NodeOutput, { kind: 'transmit' }>, ctx: NodeContext): Step {
  const d = parseIpv4(o.frame.payload);
  if (!d.ok) return { state, outputs: [o] };
  const routed = routeForDestination(state.ro, roContext(state), d.value.destination, ctx.now, ctx.random);
  if (routed.route.kind === 'normal') return { state, outputs: [o] };
  const route = routed.route;
  const sent = applyRo(state, routed, ctx);
  let s = sent.state;
  const id = s.host.nextIdentification;
  s = { ...s, host: { ...s.host, nextIdentification: (id + 1) & 0xffff } };
  const tunnelled = tunnelFromCorrespondent(o.frame.payload, route, s.config.address, id);
  if (!tunnelled.ok) return { state: s, outputs: [...sent.outputs, dropped(`not sent: ${o.summary}`, describeWireError(tunnelled.error), 'RFC 2003 §3.1')] };
  const out = sendDatagram(ctx.node, s.host.table, tunnelled.value, route.careOfAddress, {
    summary: `${o.summary}, tunnelled ${s.config.address} → ${route.careOfAddress} (${route.encapsulation})`,
    reason: `the binding cache holds ${d.value.destination} → ${route.careOfAddress}: sent straight to the care-of address, inner TTL unchanged (this node is the original sender)`,
    ref: 'Perkins & Johnson §3; optim-08 §3.1; RFC 2003 §3.1; lab choice',
  });
  const timers = routed.sends.length === 0 ? [] : cacheTimers(s, ctx); // a Binding Request went out: the refresh timer moves
  return { state: s, outputs: [...sent.outputs, out, ...timers] };
}

/** Everything the host does (flows, deliveries, routes), with its originated datagrams routed through the binding cache. */
function asHost(state: CorrespondentNodeState, input: NodeInput<HostCommand>, ctx: NodeContext): Step {
  const step = hostBehaviour.handle(state.host, input, ctx);
  let s: CorrespondentNodeState = { ...state, host: step.state };
  if (!s.config.routeOptimization) return { state: s, outputs: step.outputs };
  const outputs: NodeOutput[] = [];
  for (const o of step.outputs) {
    if (o.kind !== 'transmit' || o.traceAs === 'forwarded' || o.frame.etherType !== EtherType.IPV4) {
      outputs.push(o);
      continue;
    }
    const routed = routeOriginated(s, o, ctx);
    s = routed.state;
    outputs.push(...routed.outputs);
  }
  return { state: s, outputs };
}

function onFrame(state: CorrespondentNodeState, input: Extract<NodeInput, { kind: 'frame' }>, ctx: NodeContext): Step {
  if (input.frame.etherType !== EtherType.IPV4) return asHost(state, input, ctx);
  const received = receiveDatagram(input.frame.payload, ownAddresses(ctx.node));
  if (received.kind !== 'local' || received.group) return asHost(state, input, ctx);
  const d = received.datagram;
  const read = readMipDatagram(d, MOBILE_IP_PORT);
  if (read.kind === 'other') return asHost(state, input, ctx);
  if (read.kind === 'drop') return { state, outputs: [dropped(`Mobile IP message from ${d.source} discarded`, read.reason, read.ref, { bytes: input.frame.payload, interface: input.interface })] };
  if (read.message.kind !== 'binding-update') {
    return { state, outputs: [dropped(`${read.message.kind} from ${d.source} ignored`, 'a correspondent acts only on Binding Updates (UDP 434)', 'Perkins & Johnson §3; optim-08 §3.1')] };
  }
  const r = receiveBindingUpdate(state.ro, roContext(state), { payload: read.payload, source: d.source, destination: d.destination }, ctx.now, ctx.random);
  const applied = applyRo(state, r, ctx);
  return { state: applied.state, outputs: [...applied.outputs, ...(state.config.routeOptimization ? cacheTimers(applied.state, ctx) : [])] };
}

/** Perkins & Johnson §3; optim-08 §3.1: entries whose lifetime ran out are removed. */
function onExpiryTimer(state: CorrespondentNodeState, ctx: NodeContext): Step {
  const r = expireBindings(state.ro.cache, ctx.now);
  const s = { ...state, ro: { ...state.ro, cache: r.table } };
  return { state: s, outputs: [...roTraceOutputs(changeTraces('binding cache', r.changes)), ...cacheTimers(s, ctx)] };
}

/**
 * OC-43 on a timer: every entry at or past its refresh point that was used in
 * the last 30 s and has no Binding Request outstanding gets one now. The
 * lookup that sends it must not count as a use (LRU, and the next OC-43
 * decision), so the entry keeps its last-use time.
 */
function onRefreshTimer(state: CorrespondentNodeState, ctx: NodeContext): Step {
  let s = state;
  const outputs: NodeOutput[] = [];
  for (const e of bindingCacheEntries(state.ro.cache)) {
    if (!needsRefresh(e, ctx.now)) continue;
    const r = routeForDestination(s.ro, roContext(s), e.homeAddress, ctx.now, ctx.random);
    const after = r.state.cache.entries[e.homeAddress];
    const cache = after === undefined ? r.state.cache : { ...r.state.cache, entries: withEntry(r.state.cache.entries, e.homeAddress, { ...after, lastUsedAt: e.lastUsedAt }) };
    const applied = applyRo(s, { ...r, state: { ...r.state, cache }, traces: r.traces.slice(1) }, ctx); // traces[0] is the tunnel decision: nothing is tunnelled here
    s = applied.state;
    outputs.push(...applied.outputs);
  }
  return { state: s, outputs: [...outputs, ...cacheTimers(s, ctx)] };
}

/** Besides the system commands, the host's (flows, send-udp) and the learner's settings (configure.ts). */
export const correspondentBehaviour: NodeBehaviour<CorrespondentNodeState, LabNodeCommand> = {
  kind: 'correspondent',
  handle(state, input, ctx) {
    if (input.kind === 'frame') return onFrame(state, input, ctx);
    if (input.kind === 'timer') {
      if (input.key === CN_BINDING_EXPIRY_TIMER) return onExpiryTimer(state, ctx);
      if (input.key === CN_BINDING_REFRESH_TIMER) return onRefreshTimer(state, ctx);
    }
    if (input.kind === 'command' && isLabCommand(input.command)) {
      const configured = onLabCommand(state, input.command);
      if (configured !== null) return { state: configured.state, outputs: [...configured.outputs, ...cacheTimers(configured.state, ctx)] }; // an emptied cache cancels its timers
    }
    return asHost(state, input as NodeInput<HostCommand>, ctx);
  },
};
