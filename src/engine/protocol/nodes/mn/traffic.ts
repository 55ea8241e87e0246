// The mobile node's ordinary traffic: datagrams delivered to its home
// address (tunnelled by the HA, opened by the FA, handed over on the cell)
// are recorded, and those to the echo port are answered — directly to the
// correspondent, source = home address, through the FA as default router
// (RFC 2002 §4.2.2, §3.6.2): the other side of the triangle.
// At home the node's own forwarding table is used, as for any host.

import type { NodeContext, NodeOutput, NodeStep } from '../../../node/contract';
import { EtherType } from '../../../node/link-address';
import { udpDelivery, withDelivery, type Delivery } from '../../../network/behaviours/host';
import { sendDatagram } from '../../../network/behaviours/ip-output';
import type { Ipv4Address } from '../../../wire/address';
import { encode } from '../../../wire/codec';
import { udpDatagram } from '../../../wire/datagram';
import { getU16 } from '../../../wire/cursor';
import { IpProtocol, ipv4Codec, ipv4Length, protocolName, type Ipv4Datagram } from '../../../wire/ipv4';
import { receivedUdp } from '../../../network/receive-scope';
import { dropped, trace } from '../common/trace';
import type { MobileNodeState } from './mobile-node-state';

/**
 * The delivered datagram's octets for the trace: the received ones when they
 * are exactly what encoding `d` again gives — nothing after Total Length, and a
 * stored checksum that verifies and is not 0xFFFF, since a verified checksum
 * is the computed one except for that second form of zero (one's complement,
 * RFC 1071 §1) — else `d` encoded again.
 */
export function deliveredOctets(d: Ipv4Datagram, received: Uint8Array | undefined): Uint8Array {
  if (received !== undefined && d.checksumValid === true && received.length === ipv4Length(d) && getU16(received, 10) !== 0xffff) return received;
  return encode(ipv4Codec, d);
}

/** `received`: the octets `d` was parsed from (the frame's payload). */
export function onDataDatagram(state: MobileNodeState, d: Ipv4Datagram, iface: string, ctx: NodeContext, received?: Uint8Array): NodeStep<MobileNodeState> {
  const what = `${protocolName(d.protocol)} ${d.source} → ${d.destination}`;
  let delivery: Delivery = { time: ctx.now, source: d.source, destination: d.destination, protocol: d.protocol, ttl: d.ttl, octets: d.payload.length };
  let echo: NodeOutput | undefined;
  if (d.protocol === IpProtocol.UDP) {
    const u = receivedUdp(d); // parsed once per input (receive-scope.ts)
    if (!u.ok || u.value.checksumValid !== true) return { state, outputs: [dropped(`${what} dropped`, 'malformed UDP or bad UDP checksum', 'RFC 768', { interface: iface })] };
    delivery = udpDelivery(ctx.now, d, u.value.sourcePort, u.value.destinationPort, u.value.payload);
    if (u.value.destinationPort === state.config.echoPort) echo = sendEcho(state, d, u.value.sourcePort, u.value.payload, ctx);
  }
  const tag = delivery.flow === undefined ? '' : ` (flow ${delivery.flow} #${delivery.sequence})`;
  const delivered = trace('delivered', `${what} delivered to the home address${tag}`, 'RFC 2002 §4.2, §4', { interface: iface, bytes: deliveredOctets(d, received) }); // bytes: the datagram as delivered (metrics, inspector)
  const deliveries = withDelivery(state.deliveries, delivery);
  // One copy of the state for the delivery and the echo (its Identification and count), not one each.
  return echo === undefined
    ? { state: { ...state, deliveries, deliveredCount: state.deliveredCount + 1 }, outputs: [delivered] }
    : { state: { ...state, nextIdentification: (state.nextIdentification + 1) & 0xffff, echoed: state.echoed + 1, deliveries, deliveredCount: state.deliveredCount + 1 }, outputs: [delivered, echo] };
}

/** The echo of a datagram to the echo port, with the state's current Identification (the caller counts it). */
function sendEcho(state: MobileNodeState, d: Ipv4Datagram, toPort: number, payload: Uint8Array, ctx: NodeContext): NodeOutput {
  const c = state.config;
  const bytes = udpDatagram({ source: c.homeAddress, destination: d.source, identification: state.nextIdentification }, c.echoPort ?? 7, toPort, payload);
  const summary = `UDP echo ${c.homeAddress}:${c.echoPort} → ${d.source}:${toPort}, ${payload.length} octets`;
  return sendFromHomeAddress(state, ctx, bytes, d.source, summary);
}

/**
 * A datagram the MN originates (source = its home address, RFC 2002 §1.5):
 * away, straight to its destination through the FA of the registration in
 * force as default router — the other side of the triangle (RFC 2002 §4.2.2;
 * RFC 2002 §3.6.2); at home, by its own forwarding table as any host.
 * Away with no registration in force (none yet, or a move in progress) the
 * forwarding table decides, as it always did for echoes (usually: no route).
 */
export function sendFromHomeAddress(state: MobileNodeState, ctx: NodeContext, bytes: Uint8Array, destination: Ipv4Address, summary: string): NodeOutput {
  const r = state.registration;
  if (!state.atHome && r !== null) {
    const own = ctx.node.interfaces.find((i) => i.name === r.target.interface)!;
    return { kind: 'transmit', interface: r.target.interface, frame: { source: own.linkAddress, destination: r.target.linkAddress, etherType: EtherType.IPV4, payload: bytes }, summary, reason: `sent directly to ${destination} with source = home address, through the foreign agent ${r.target.agent} as default router (triangle routing)`, ref: 'RFC 2002 §4.2.2, §3.6.2' };
  }
  return sendDatagram(ctx.node, state.table, bytes, destination, { summary, ref: 'RFC 768' });
}
