// Interception and tunnelling at a node that is home agent for an address
// (RFC 6275 §10.4.1–§10.4.2, §11.5.4; RFC 2473 §3): a datagram
// for a bound address — a registered home address at the home agent, a
// previous care-of address at the previous router — is forwarded into an
// IPv6-in-IPv6 tunnel to the care-of address (the inner Hop Limit one less,
// as any forwarding; RFC 2473 §3.1). HoT messages a correspondent sends to a
// home address take this path like any datagram. The other way, a datagram
// the mobile node reverse-tunnels to the home agent (a HoTI, RFC 6275
// §10.4.5) is decapsulated when the tunnel comes from the care-of address
// bound to the inner source, and forwarded.
//
// The home agent is the router of the home link, so every datagram for a home
// address reaches it anyway: interception needs no proxy Neighbor Discovery
// (RFC 6275 §10.4.1), as the IPv4 home agent needs no proxy ARP.

import type { NodeContext, NodeOutput } from '../../../node/contract';
import { NextHeader, nextHeaderName } from '../../../wire/ipv6/ipv6-header';
import { encapsulateIpv6 } from '../../../wire/ipv6/ipv6-in-ipv6';
import { parseIpv6Packet, type ParsedIpv6Packet } from '../../../wire/ipv6/ipv6-packet';
import { MAX_TUNNEL_DEPTH6 } from '../../../wire/ipv6/packet6';
import { mobilityMessageName } from '../../../wire/ipv6/mobility-messages';
import { dropped, tableTraces } from '../../nodes/common/trace';
import { bindingFor, removeBinding, type AddressBinding } from './address-bindings';
import { expiryTimer } from './binding-registration';
import type { BindingAgentState } from './binding-agent-state';
import { sendFromRouter } from './ipv6-router-core';

const TUNNEL_REF = 'RFC 6275 §10.4.1; RFC 2473 §3';
const PREVIOUS_REF = 'Perkins & Johnson §10; mipv6-07 §10.8; RFC 6275 §11.5.4; RFC 2473 §3';

/** "Home Test 2001:db8:100::5 → 2001:db8:1::10", "UDP …", "IPv6-in-IPv6 …". */
export function describeIpv6(p: ParsedIpv6Packet): string {
  const what = p.upperNextHeader === NextHeader.MOBILITY ? mobilityMessageName(p.upperBytes[2] ?? -1) : nextHeaderName(p.upperNextHeader);
  return `${what} ${p.finalSource} → ${p.header.destination}`;
}

export interface TunnelStep {
  readonly state: BindingAgentState;
  readonly outputs: readonly NodeOutput[];
}

/** The binding that intercepts a datagram in transit, if any. */
export function interceptingBinding(state: BindingAgentState, p: ParsedIpv6Packet, now: number): AddressBinding | undefined {
  const b = bindingFor(state.bindings, p.header.destination, now);
  if (b === undefined || p.header.hopLimit <= 1) return undefined; // Hop Limit exhausted: the router drops it with Time Exceeded (RFC 8200 §3)
  return b;
}

/** How many IPv6-in-IPv6 layers `p` already carries (bounded by the limit: a deeper one is not walked further). */
function tunnelDepth(p: ParsedIpv6Packet): number {
  let depth = 0;
  let at = p;
  while (at.upperNextHeader === NextHeader.IPV6 && depth < MAX_TUNNEL_DEPTH6) {
    const inner = parseIpv6Packet(at.upperBytes);
    if (!inner.ok) break;
    depth += 1;
    at = inner.value;
  }
  return depth;
}

export function tunnelToCareOf(state: BindingAgentState, ctx: NodeContext, p: ParsedIpv6Packet, bytes: Uint8Array, b: AddressBinding, iface: string): TunnelStep {
  const previous = b.kind === 'previous-care-of';
  if (tunnelDepth(p) >= MAX_TUNNEL_DEPTH6) {
    // Two routers each forwarding for the other's address would nest tunnels without end (RFC 2473 §4.1 bounds nesting).
    return { state, outputs: [dropped(`${describeIpv6(p)} not tunnelled to ${b.careOfAddress}`, `it already carries ${MAX_TUNNEL_DEPTH6} nested tunnels: tunnelling it once more would only feed a loop between tunnel entry points`, 'RFC 2473 §4.1', { bytes, interface: iface })] };
  }
  const outer = encapsulateIpv6(bytes, { source: state.config.address, destination: b.careOfAddress, decrementInnerHopLimit: true });
  if (!outer.ok) {
    return { state, outputs: [dropped(`${describeIpv6(p)} not tunnelled to ${b.careOfAddress}`, outer.error.reason, previous ? PREVIOUS_REF : TUNNEL_REF, { bytes, interface: iface })] };
  }
  const sent = sendFromRouter(state.core, ctx, outer.value, b.careOfAddress, {
    summary: `${describeIpv6(p)} intercepted and tunnelled ${state.config.address} → ${b.careOfAddress} (IPv6 in IPv6), inner Hop Limit ${p.header.hopLimit} → ${p.header.hopLimit - 1}`,
    traceAs: 'forwarded',
    reason: previous
      ? `${b.address} is the mobile node's previous care-of address; as its home agent until the binding ends, this router forwards to the new care-of address ${b.careOfAddress}`
      : `${b.address} is registered with care-of address ${b.careOfAddress}; the home agent tunnels what arrives for it`,
    ref: previous ? PREVIOUS_REF : TUNNEL_REF,
  });
  return { state: { ...state, core: sent.core }, outputs: sent.outputs };
}

export type ReverseTunnel =
  | { readonly kind: 'forward'; readonly reason: string }
  | { readonly kind: 'drop'; readonly outputs: readonly NodeOutput[] };

/** Whether to forward the packet `inner` that came out of a tunnel to this node (next header 41), or why not (RFC 6275 §10.4.5). */
export function checkReverseTunnel(state: BindingAgentState, p: ParsedIpv6Packet, bytes: Uint8Array, inner: ParsedIpv6Packet, iface: string, now: number): ReverseTunnel {
  const b = bindingFor(state.bindings, inner.header.source, now);
  const what = `tunnelled ${describeIpv6(inner)} from ${p.header.source}`;
  if (b === undefined) {
    return { kind: 'drop', outputs: [dropped(`${what} discarded`, `${inner.header.source} has no binding here, so this node does not act as its home agent and does not open its tunnels`, 'RFC 6275 §10.4.5', { bytes, interface: iface })] };
  }
  if (b.careOfAddress !== p.header.source) {
    return { kind: 'drop', outputs: [dropped(`${what} discarded`, `the tunnel comes from ${p.header.source}, but ${inner.header.source} is bound to care-of address ${b.careOfAddress}`, 'RFC 6275 §10.4.5', { bytes, interface: iface })] };
  }
  return { kind: 'forward', reason: `reverse tunnel from ${b.careOfAddress} for ${b.address}: decapsulated and forwarded` };
}

/**
 * A packet on the router's own link from an address it forwards for as a
 * previous care-of address: the mobile node is back and uses that address
 * again (autoconfiguration gives it the same one, RFC 4862 §5.5.3), so
 * forwarding it away would send its traffic to a cell it has left — or, with
 * the other router forwarding back, round in a loop. The router ends the
 * binding (a lab choice where mipv6-07 §10.8 is silent, OC-57).
 */
export function endBindingOfReturnedAddress(state: BindingAgentState, iface: string, p: ParsedIpv6Packet, now: number): TunnelStep | undefined {
  if (state.config.kind !== 'previous-care-of' || iface !== state.config.interface) return undefined;
  const b = bindingFor(state.bindings, p.header.source, now);
  if (b === undefined) return undefined;
  const r = removeBinding(state.bindings, b.address, 'mipv6-07 §10.8; lab choice', `${b.address} sends on this router's link again: the mobile node is back, so its datagrams are no longer forwarded to ${b.careOfAddress}`);
  const next = { ...state, bindings: r.table };
  return { state: next, outputs: [...tableTraces('previous care-of bindings', r.changes), expiryTimer(next)] };
}
