// The home agent's interception and tunnelling (RFC 2002 §4.1–§4.3;
// RFC 2002 §4; RFC 2003 §3.1).
//
// In the simulation the HA is the router of the home prefix, so every
// datagram for a home address reaches it; a datagram whose destination has a
// current binding is intercepted here instead of being delivered on the
// home link. That stands in for proxy ARP (RFC 2002 §4.6), which the lab's
// routing does not need. Without a binding the HA does not intercept: the
// router delivers on the home link as usual (RFC 2002 §4).
//
// Route Optimization (Perkins & Johnson §3.3, §4.3; spectun-00 §3.1), when enabled: after
// tunnelling a datagram the HA may send its source a Binding Update (trigger
// a, rate-limited, OC-20); a special tunnel (outer destination = inner
// destination, Perkins & Johnson §4.3; spectun-00 §3) follows the table of Perkins & Johnson §4.3; spectun-00 §3.1 instead of OC-30's plain
// re-tunnelling (route-optimization.ts).

import type { NodeContext, NodeOutput, NodeStep } from '../../../node/contract';
import { sendDatagram } from '../../../network/behaviours/ip-output';
import { protocolName, type Ipv4Datagram } from '../../../wire/ipv4';
import { describeWireError } from '../../../wire/result';
import { bindingsOf, type MobilityBinding } from '../../tables/mobility-bindings';
import { takeIdentification } from '../common/ip-identification';
import { ENCAPSULATION_NAMES, ENCAPSULATION_REFS, decapsulate, encapsulate, encapsulationOfProtocol, type Encapsulation } from '../common/tunnels';
import { dropped } from '../common/trace';
import type { HomeAgentState } from './home-agent-state';
import { afterTunnelling, onSpecialTunnel, routeOptimizationEnabled } from './route-optimization';

function encapsulationFor(b: MobilityBinding): Encapsulation {
  if (b.flags.minimalEncapsulation) return 'minimal';
  if (b.flags.greEncapsulation) return 'gre';
  return 'ip-in-ip';
}

/** null when the HA does not intercept (no binding): the caller routes the datagram normally. */
export function interceptForMobileNode(state: HomeAgentState, d: Ipv4Datagram, bytes: Uint8Array, iface: string, ctx: NodeContext): NodeStep<HomeAgentState> | null {
  const bindings = bindingsOf(state.bindings, d.destination, ctx.now);
  if (bindings.length === 0) return null;
  const what = `${protocolName(d.protocol)} ${d.source} → ${d.destination}`;
  let s = state;
  const outputs: NodeOutput[] = [];
  for (const b of bindings) { // RFC 2002 §4: one copy to each care-of address (S bit)
    let inner = bytes;
    const carried = encapsulationOfProtocol(d.protocol);
    if (carried !== null) {
      const opened = decapsulate(carried, bytes);
      if (opened.ok && opened.value.innerDatagram.destination === d.destination) {
        if (carried === 'ip-in-ip' && routeOptimizationEnabled(state)) return onSpecialTunnel(state, d, opened.value.inner, opened.value.innerDatagram.source, ctx); // Perkins & Johnson §4.3; spectun-00 §3.1
        if (d.source === b.careOfAddress) {
          outputs.push(dropped(`${what} discarded`, `already tunnelled from the mobile node's current care-of address ${b.careOfAddress} back to its home address: tunnelling it again would loop`, 'RFC 2002 §4.3, §4', { bytes, interface: iface }));
          continue;
        }
        inner = opened.value.inner; // OC-30: decapsulate, then tunnel again from this HA to the care-of address
      }
    }
    const how = encapsulationFor(b);
    const id = takeIdentification(s);
    s = id.state;
    const tunnelled = encapsulate(how, inner, state.config.address, b.careOfAddress, id.identification);
    if (!tunnelled.ok) {
      outputs.push(dropped(`${what} not tunnelled`, describeWireError(tunnelled.error), ENCAPSULATION_REFS[how], { bytes, interface: iface }));
      continue;
    }
    const summary = `${what} intercepted and tunnelled ${state.config.address} → ${b.careOfAddress} (${ENCAPSULATION_NAMES[how]}), inner TTL ${d.ttl} → ${d.ttl - 1}`;
    outputs.push(sendDatagram(ctx.node, s.router.table, tunnelled.value, b.careOfAddress, {
      summary, traceAs: 'forwarded', ref: `RFC 2002 §4.1, §4; ${ENCAPSULATION_REFS[how]}`,
      reason: `${d.destination} has a binding to care-of address ${b.careOfAddress}; the home agent tunnels to it (the simulation's stand-in for proxy ARP)`,
    }));
  }
  const tunnelledAny = outputs.some((o) => o.kind === 'transmit');
  if (tunnelledAny && routeOptimizationEnabled(s)) {
    const a = afterTunnelling(s, d, ctx); // trigger (a), optim-08 §3.1; Perkins & Johnson §3.3
    return { state: a.state, outputs: [...outputs, ...a.outputs] };
  }
  return { state: s, outputs };
}
