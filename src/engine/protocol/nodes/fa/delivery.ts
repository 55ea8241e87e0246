// The foreign agent as tunnel exit (RFC 2002 §4.2.2, §4;
// RFC 2003 §3.1): a tunnel addressed to this FA is opened — IP in IP
// always, minimal encapsulation / GRE only if the FA advertised M / G — and
// the inner datagram is delivered to the visitor on the cell by its
// link-layer address, TTL decremented as for any forwarding.
//
// A tunnelled datagram for a mobile node that is not a visitor is silently
// discarded (never an ICMP Unreachable, RFC 2002 §4) — unless Route
// Optimization is enabled: then the FA consults its binding cache, or sends
// the datagram back through a special tunnel (Perkins & Johnson §4.3; spectun-00 §3.2,
// Perkins & Johnson §4.3; spectun-00 §3; route-optimization.ts). Without Route Optimization, a forwarding
// entry left by a smooth handoff still re-tunnels (Perkins & Johnson §4.3; optim-08 §8.2) — and, like
// every re-tunnelling from a binding cache, warns the home agent (Perkins &
// Johnson §3.1).

import type { NodeContext, NodeStep } from '../../../node/contract';
import { EtherType } from '../../../node/link-address';
import { decrementTtl } from '../../../network/forwarding';
import { protocolName, type Ipv4Datagram } from '../../../wire/ipv4';
import { describeWireError } from '../../../wire/result';
import { visitorFor } from '../../tables/visitor-list';
import { ENCAPSULATION_NAMES, ENCAPSULATION_REFS, decapsulate, type Encapsulation } from '../common/tunnels';
import { dropped } from '../common/trace';
import type { ForeignAgentState } from './foreign-agent-state';
import { forwardUnlessLooping } from './loop-guard';
import { hasSmoothHandoffEntry, routeOptimizationEnabled } from './route-optimization';

export function offersDecapsulation(state: ForeignAgentState, how: Encapsulation): boolean {
  if (how === 'minimal') return state.config.advertiser.minimalEncapsulation;
  if (how === 'gre') return state.config.advertiser.gre;
  return true; // RFC 2002 §4.1: every FA decapsulates IP in IP
}

export function onTunnelledDatagram(state: ForeignAgentState, how: Encapsulation, outer: Ipv4Datagram, bytes: Uint8Array, iface: string, ctx: NodeContext): NodeStep<ForeignAgentState> {
  const what = `${ENCAPSULATION_NAMES[how]} ${outer.source} → ${outer.destination}`;
  const drop = (reason: string, ref: string): NodeStep<ForeignAgentState> => ({ state, outputs: [dropped(`${what} discarded`, reason, ref, { bytes, interface: iface })] });
  if (!offersDecapsulation(state, how)) return drop(`this FA did not advertise ${how === 'minimal' ? 'M' : 'G'}, so it does not decapsulate ${ENCAPSULATION_NAMES[how]}`, 'RFC 2002 §2.1.1');
  const opened = decapsulate(how, bytes);
  if (!opened.ok) return drop(describeWireError(opened.error), ENCAPSULATION_REFS[how]);
  const inner = opened.value.innerDatagram;
  const innerWhat = `${protocolName(inner.protocol)} ${inner.source} → ${inner.destination}`;
  const visitor = visitorFor(state.visitors, inner.destination, ctx.now);
  if (visitor === null) {
    // Perkins & Johnson §3.1, §4.1: whoever re-tunnels from its binding cache — a smooth-handoff forwarding entry
    // included, with Route Optimization off — also warns the home agent; special tunnels need Route Optimization.
    // Never round a loop, though (RFC 2003 §3.2; loop-guard.ts).
    if (routeOptimizationEnabled(state) || hasSmoothHandoffEntry(state, inner.destination, ctx.now)) return forwardUnlessLooping(state, outer, inner, opened.value.inner, ctx, drop);
    return drop(`decapsulated ${innerWhat}, but ${inner.destination} is not a registered visitor here: silently discarded (no ICMP Unreachable)`, 'RFC 2002 §4.2.2, §4');
  }
  if (inner.ttl <= 1) return drop(`decapsulated ${innerWhat} has TTL ${inner.ttl}: forwarding it onto the cell would take it to 0`, 'RFC 2003 §3.1');
  const delivered = decrementTtl(opened.value.inner);
  const own = ctx.node.interfaces.find((i) => i.name === state.config.interface)!;
  return {
    state,
    outputs: [{
      kind: 'transmit', interface: state.config.interface, traceAs: 'forwarded',
      frame: { source: own.linkAddress, destination: visitor.linkAddress, etherType: EtherType.IPV4, payload: delivered },
      summary: `decapsulated ${innerWhat} (${ENCAPSULATION_NAMES[how]} from ${outer.source}) and delivered to visitor ${visitor.homeAddress} at ${visitor.linkAddress}, TTL ${inner.ttl} → ${inner.ttl - 1}`,
      reason: `${inner.destination} is a registered visitor: delivered on the cell by its link-layer address`,
      ref: `RFC 2002 §4.2.2, §4; ${ENCAPSULATION_REFS[how]}`,
    }],
  };
}
