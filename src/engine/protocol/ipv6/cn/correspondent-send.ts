// How the IPv6 correspondent sends (RFC 6275 §9.3.2, §9.5.4, §9.5.5): every
// datagram it originates for a home address first looks the binding cache up
// — with a binding it leaves for the care-of address with a type 2 Routing
// header, and if the entry is near expiry and was used lately one Binding
// Refresh Request goes out with it; without one it goes to the home address
// and the home agent tunnels it. Mobility messages are built here too, with
// the AH Sequence Number of the association counted up (RFC 4302 §3.3.2).
//
// Each function returns the new state and the outputs; nothing is mutated.

import type { NodeContext, NodeOutput, NodeStep } from '../../../node/contract';
import { sendIpv6Datagram } from '../../../network/behaviours/ip6-output';
import { EncodeError } from '../../../wire/result';
import type { Ipv6Address } from '../../../wire/ipv6/ipv6-address';
import type { MobilityMessage } from '../../../wire/ipv6/mobility-messages';
import { tableTraces, dropped } from '../../nodes/common/trace';
import { outboundAh } from '../common/ah-verification';
import { markRefreshRequested, needsBindingRefresh, useIpv6Binding } from './binding-cache-v6';
import type { AhAssociation, CorrespondentV6State } from './correspondent-v6-state';
import { mobilityPacket, udpPacket } from './correspondent-packets';

type Step = NodeStep<CorrespondentV6State>;

export const SEND_REF = 'Perkins & Johnson §10; RFC 6275 §9.3.2';
const BRR_REF = 'RFC 6275 §9.5.5; lab choice (refresh point)';

function built(make: () => Uint8Array, what: string, ref: string): { ok: true; bytes: Uint8Array } | { ok: false; output: NodeOutput } {
  try {
    return { ok: true, bytes: make() };
  } catch (e) {
    if (!(e instanceof EncodeError)) throw e;
    return { ok: false, output: dropped(`not sent: ${what}`, e.message, ref) };
  }
}

export interface MobilityOut {
  readonly message: MobilityMessage;
  readonly destination: Ipv6Address;
  /** Through the binding: a type 2 Routing header naming this home address, `destination` being the care-of address. */
  readonly homeAddress?: Ipv6Address;
  /** Signed under this association (the next AH Sequence Number is taken). */
  readonly ah?: AhAssociation;
  readonly kbm?: Uint8Array;
  readonly summary: string;
  readonly reason?: string;
  readonly ref: string;
}

/** A Mobility Header message out (its AH Sequence Number counted), or a dropped trace saying why not. */
export function sendMobility(state: CorrespondentV6State, out: MobilityOut, ctx: NodeContext): Step {
  const signed = out.ah === undefined ? null : outboundAh(state.ah, out.ah);
  const packet = built(() => mobilityPacket({
    source: state.config.address, message: out.message, destination: out.destination,
    ...(out.homeAddress === undefined ? {} : { homeAddress: out.homeAddress }),
    ...(signed === null ? {} : { authentication: signed.authentication }),
    ...(out.kbm === undefined ? {} : { kbm: out.kbm }),
  }), out.summary, out.ref);
  if (!packet.ok) return { state, outputs: [packet.output] };
  const s = signed === null ? state : { ...state, ah: signed.ah };
  const summary = signed === null ? out.summary : `${out.summary}, AH SPI ${signed.authentication.spi} #${signed.authentication.sequence}`;
  return { state: s, outputs: [sendIpv6Datagram(ctx.node, state.table, packet.bytes, out.destination, { summary, ref: out.ref, ...(out.reason === undefined ? {} : { reason: out.reason }) })] };
}

/** RFC 6275 §9.5.5: a Binding Refresh Request to the mobile node, through its binding. */
export function sendBindingRefreshRequest(state: CorrespondentV6State, homeAddress: Ipv6Address, ctx: NodeContext): Step {
  const marked = markRefreshRequested(state.cache, homeAddress, ctx.now);
  const entry = marked.table.entries[homeAddress];
  if (entry === undefined) return { state, outputs: [] };
  const s = { ...state, cache: marked.table };
  const sent = sendMobility(s, {
    message: { kind: 'binding-refresh-request', options: [] }, destination: entry.careOfAddress, homeAddress,
    summary: `Binding Refresh Request → ${homeAddress} (via ${entry.careOfAddress})`,
    reason: `the binding for ${homeAddress} ends in ${Math.round((entry.expiresAt - ctx.now) / 1e6)} s and was used in the last 30 s: the mobile node is asked for a fresh Binding Update`,
    ref: BRR_REF,
  }, ctx);
  return { state: sent.state, outputs: [...tableTraces('binding cache', marked.changes), ...sent.outputs] };
}

export interface UdpOut {
  readonly destination: Ipv6Address;
  readonly sourcePort: number;
  readonly destinationPort: number;
  readonly payload: Uint8Array;
  readonly label: string;
}

/**
 * A UDP datagram the correspondent originates (RFC 6275 §9.3.2): through the
 * binding when route optimization is on and there is one — marking it used,
 * and sending the refresh window's Binding Refresh Request if it is due.
 */
export function sendUdp(state: CorrespondentV6State, u: UdpOut, ctx: NodeContext): Step {
  const c = state.config;
  const looked = c.routeOptimization ? useIpv6Binding(state.cache, u.destination, ctx.now) : { table: state.cache, entry: null };
  let s: CorrespondentV6State = { ...state, cache: looked.table };
  const careOf = looked.entry?.careOfAddress ?? null;
  const what = `UDP ${c.address}:${u.sourcePort} → ${u.destination}:${u.destinationPort}, ${u.payload.length} octets${u.label === '' ? '' : ` (${u.label})`}`;
  const packet = built(() => udpPacket({ source: c.address, homeAddress: u.destination, careOfAddress: careOf, sourcePort: u.sourcePort, destinationPort: u.destinationPort, payload: u.payload }), what, SEND_REF);
  if (!packet.ok) return { state: s, outputs: [packet.output] };
  const outputs: NodeOutput[] = [];
  if (careOf === null) {
    const reason = !c.routeOptimization
      ? 'route optimization is off at this correspondent: it keeps no binding cache, so it sends to the home address and the home agent tunnels the datagram'
      : `no binding for ${u.destination} in the binding cache: sent to the home address, where the home agent intercepts and tunnels it`;
    outputs.push(sendIpv6Datagram(ctx.node, s.table, packet.bytes, u.destination, { summary: what, reason, ref: SEND_REF }));
  } else {
    outputs.push(sendIpv6Datagram(ctx.node, s.table, packet.bytes, careOf, {
      summary: `${what}, to care-of address ${careOf} with a type 2 Routing header`,
      reason: `the binding cache holds ${u.destination} → ${careOf}: sent straight to the care-of address, the home address in the Routing header (route optimized)`,
      ref: SEND_REF,
    }));
    if (needsBindingRefresh(looked.entry!, ctx.now)) {
      const brr = sendBindingRefreshRequest(s, u.destination, ctx);
      s = brr.state;
      outputs.push(...brr.outputs);
    }
  }
  return { state: s, outputs };
}
