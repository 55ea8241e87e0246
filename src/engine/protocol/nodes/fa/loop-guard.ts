// The foreign agent's guard against tunnel loops (RFC 2003 §3.2; Perkins &
// Johnson §4.1): before a datagram tunnelled here for a non-visitor is sent on
// — re-tunnelled from the binding cache or as a special tunnel
// (route-optimization.ts) — route-optimization/tunnel-loop.ts checks it is
// not going round in circles; a datagram that is, is dropped with the reason.
// Every datagram sent on is remembered for a moment, so one that comes back
// round a longer circle is recognised.

import type { NodeContext, NodeStep } from '../../../node/contract';
import { ownAddresses } from '../../../network/behaviours/ip-output';
import type { Ipv4Datagram } from '../../../wire/ipv4';
import { tunnelLoop } from '../../route-optimization/tunnel-loop';
import { peekBinding } from '../../tables/binding-cache';
import { rememberForwarded } from '../../tables/recently-forwarded';
import type { ForeignAgentState } from './foreign-agent-state';
import { onTunnelledForNonVisitor } from './route-optimization';

export function forwardUnlessLooping(
  state: ForeignAgentState, outer: Ipv4Datagram, inner: Ipv4Datagram, innerBytes: Uint8Array, ctx: NodeContext,
  drop: (reason: string, ref: string) => NodeStep<ForeignAgentState>,
): NodeStep<ForeignAgentState> {
  const loop = tunnelLoop({
    own: ownAddresses(ctx.node), outerSource: outer.source, inner,
    tunnelExit: peekBinding(state.bindingCache, inner.destination, ctx.now)?.careOfAddress ?? null, recentlyForwarded: state.recentlyForwarded,
  }, ctx.now);
  if (loop.cut) return drop(loop.reason, loop.ref);
  const step = onTunnelledForNonVisitor(state, outer, innerBytes, ctx);
  return { state: { ...step.state, recentlyForwarded: rememberForwarded(step.state.recentlyForwarded, inner, ctx.now) }, outputs: step.outputs };
}
