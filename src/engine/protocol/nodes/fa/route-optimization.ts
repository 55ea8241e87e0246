// The foreign agent's Route Optimization wiring (Perkins & Johnson §4.3; spectun-00 §3.2, §3; Perkins & Johnson §3.1; optim-08 §3.1, §8.2): a
// datagram tunnelled to this FA for a mobile node that is not (or no longer)
// a visitor is, instead of the base discard,
//
//   in the binding cache → re-tunnelled to the cached care-of address, and
//                          D's home agent warned with a Binding Warning
//                          (target = the stale tunnel's source), rate-limited
//   not in the cache     → sent as a special tunnel (outer destination =
//                          inner destination) towards D's home network.
//
// The rules are route-optimization/foreign-agent-ro.ts; here they meet the
// FA's state (bindingCache, bindingWarningLimiter) and its router.
//
// Smooth handoff works on its own (Perkins & Johnson §4.3; optim-08 §8.2): with
// Route Optimization off, a forwarding entry the smooth-handoff Binding
// Update created still re-tunnels, and warns the home agent as any node that
// re-tunnels from its binding cache does (Perkins & Johnson §3.1) — but the
// FA builds no special tunnels. Entries leave the cache at expiry, on the
// FA's binding-expiry timer (Perkins & Johnson §3; optim-08 §3.1).

import type { NodeContext, NodeOutput, NodeStep } from '../../../node/contract';
import type { Ipv4Address } from '../../../wire/address';
import type { Ipv4Datagram } from '../../../wire/ipv4';
import { receiveTunnelledDatagram } from '../../route-optimization/foreign-agent-ro';
import { expireBindings, nextBindingExpiry, peekBinding } from '../../tables/binding-cache';
import { takeIdentification } from '../common/ip-identification';
import { tableTraces } from '../common/trace';
import { roOutputs } from '../cn/ro-outputs';
import type { ForeignAgentState } from './foreign-agent-state';

export function routeOptimizationEnabled(state: ForeignAgentState): boolean {
  return state.config.routeOptimization?.enabled === true;
}

/** Perkins & Johnson §3.1; optim-08 §3.1 for a decapsulated `inner` datagram whose destination is not a visitor here. */
export function onTunnelledForNonVisitor(state: ForeignAgentState, outer: Ipv4Datagram, inner: Uint8Array, ctx: NodeContext): NodeStep<ForeignAgentState> {
  const id = takeIdentification(state);
  const r = receiveTunnelledDatagram(
    { cache: id.state.bindingCache, warningLimiter: id.state.bindingWarningLimiter },
    { address: state.config.address, visitors: state.visitors },
    { outerSource: outer.source, inner, ipIdentification: id.identification },
    ctx.now,
  );
  const emitted = roOutputs(ctx.node, id.state.router.table, r, id.state.router.nextIdentification);
  const s = takeIdentification({ ...id.state, bindingCache: r.state.cache, bindingWarningLimiter: r.state.warningLimiter }, emitted.identificationsUsed).state;
  return { state: s, outputs: emitted.outputs };
}

export const FA_BINDING_EXPIRY_TIMER = 'fa:binding-expiry';

/** The binding-expiry timer at the earliest entry expiry, or cancelled when no entry can expire (Perkins & Johnson §3; optim-08 §3.1). */
export function bindingExpiryTimer(state: ForeignAgentState): NodeOutput {
  const next = nextBindingExpiry(state.bindingCache);
  return next === null ? { kind: 'cancel-timer', key: FA_BINDING_EXPIRY_TIMER } : { kind: 'set-timer', key: FA_BINDING_EXPIRY_TIMER, at: next, ref: 'Perkins & Johnson §3; optim-08 §3.1 (binding expiry)' };
}

/** Perkins & Johnson §3; optim-08 §3.1: "deleted at expiry" — entries whose lifetime ran out leave the cache, each with a table-changed trace. */
export function onBindingExpiryTimer(state: ForeignAgentState, ctx: NodeContext): NodeStep<ForeignAgentState> {
  const r = expireBindings(state.bindingCache, ctx.now);
  const s = { ...state, bindingCache: r.table };
  return { state: s, outputs: [...tableTraces('binding cache', r.changes), bindingExpiryTimer(s)] };
}

/** A live forwarding entry left by a smooth handoff (Perkins & Johnson §4.1; optim-08 §8.1) for `destination`. */
export function hasSmoothHandoffEntry(state: ForeignAgentState, destination: Ipv4Address, now: number): boolean {
  return peekBinding(state.bindingCache, destination, now)?.origin === 'smooth-handoff';
}
