// The foreign agent's Route Optimization wiring (route-optimization.md
// §18.2–§18.4, §21.3, §21.4; spectun-00 §3, §3.2; optim-08 §3.1, §8.2): a
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

import type { NodeContext, NodeStep } from '../../../node/contract';
import type { Ipv4Datagram } from '../../../wire/ipv4';
import { receiveTunnelledDatagram } from '../../route-optimization/foreign-agent-ro';
import { takeIdentification } from '../common/ip-identification';
import { roOutputs } from '../cn/ro-outputs';
import type { ForeignAgentState } from './foreign-agent-state';

export function routeOptimizationEnabled(state: ForeignAgentState): boolean {
  return state.config.routeOptimization?.enabled === true;
}

/** §18.2 steps 2–3 for a decapsulated `inner` datagram whose destination is not a visitor here. */
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
