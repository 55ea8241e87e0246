// The foreign agent in a smooth handoff (Perkins & Johnson §4.1; optim-08 §8.1,
// Perkins & Johnson §4.1; optim-08 §8.1–8.2; OC-09, OC-23, OC-24, OC-36, OC-37, OC-45).
//
//  * As the new FA: an acceptable Request with a Previous FA Notification →
//    build the BU of Perkins & Johnson §4.1; optim-08 §8.1 and send it once to the previous FA (never
//    retransmitted: the MN does that, OC-34). A tunnelled Binding Acknowledge
//    for an MN whose registration is still pending is delivered — exactly one
//    per pending registration (OC-37).
//  * As the previous FA: a BU about a (former) visitor is verified with the
//    registration key found by (home address, SPI) (OC-45), releases the
//    visitor entry, installs a forwarding entry in the FA's binding cache
//    (`bindingCache`, read by fa/delivery.ts to re-tunnel, Perkins & Johnson §4.3; spectun-00 §3.2) and
//    acknowledges to the MN's home address through the new CoA (OC-36).

import type { NodeContext, NodeOutput, NodeStep } from '../../../node/contract';
import { EtherType } from '../../../node/link-address';
import { decrementTtl } from '../../../network/forwarding';
import { sendDatagram } from '../../../network/behaviours/ip-output';
import { IpProtocol, parseIpv4, type Ipv4Datagram } from '../../../wire/ipv4';
import { MipMessageType } from '../../../wire/mip/mip-message';
import type { RegistrationRequest } from '../../../wire/mip/registration-request';
import {
  DEFAULT_RO_CONFIG, bindingUpdateFromNotification, deliverToPendingMobileNode, receiveSmoothHandoffBindingUpdate, toDatagram, type RoSend,
} from '../../route-optimization';
import { visitorFor } from '../../tables/visitor-list';
import { takeIdentification } from '../common/ip-identification';
import { roTraces } from '../common/smooth-handoff-io';
import { decapsulate, type Encapsulation } from '../common/tunnels';
import type { ForeignAgentState } from './foreign-agent-state';
import { visitorTimer } from './relay';
import { bindingExpiryTimer } from './route-optimization';

function send(state: ForeignAgentState, message: RoSend, ctx: NodeContext): { state: ForeignAgentState; output: NodeOutput } {
  const id = takeIdentification(state);
  const bytes = toDatagram(message, id.identification);
  return { state: id.state, output: sendDatagram(ctx.node, id.state.router.table, bytes, message.tunnelTo ?? message.destination, { summary: message.summary, ref: message.ref }) };
}

/** New FA, Perkins & Johnson §4.1; optim-08 §8.1: the BU to the previous FA, once, when the Request is relayed. */
export function notifyPreviousForeignAgent(state: ForeignAgentState, m: RegistrationRequest, ctx: NodeContext): NodeStep<ForeignAgentState> {
  const built = bindingUpdateFromNotification(m, state.config.address, state.config.smoothHandoff?.identification ?? 'paper'); // OC-09: IP source = this FA; I = 0 unless the optim-08 rule
  if (built === null) return { state, outputs: [] };
  const sent = send(state, built.send, ctx);
  return { state: sent.state, outputs: [...roTraces([built.trace]), sent.output] };
}

/** Previous FA, Perkins & Johnson §4.1; optim-08 §8.1: a Binding Update arrived (from the new FA, or resent by the MN itself). */
export function onSmoothHandoffBindingUpdate(state: ForeignAgentState, d: Ipv4Datagram, payload: Uint8Array, ctx: NodeContext): NodeStep<ForeignAgentState> {
  const c = state.config;
  const r = receiveSmoothHandoffBindingUpdate(
    { visitors: state.visitors, cache: state.bindingCache },
    { address: c.address, config: { ...DEFAULT_RO_CONFIG, profile: c.profile } },
    { payload, source: d.source, destination: d.destination }, ctx.now,
  );
  let s: ForeignAgentState = { ...state, visitors: r.state.visitors, bindingCache: r.state.cache };
  const outputs: NodeOutput[] = [...roTraces(r.traces)];
  for (const message of r.sends) {
    const sent = send(s, message, ctx);
    s = sent.state;
    outputs.push(sent.output);
  }
  if (s.visitors !== state.visitors) outputs.push(visitorTimer(s));
  if (s.bindingCache !== state.bindingCache) outputs.push(bindingExpiryTimer(s)); // Perkins & Johnson §3; optim-08 §3.1: the entry leaves at expiry
  return { state: s, outputs };
}

/** The inner datagram if it is a Binding Acknowledge (UDP to port 434, type 19). */
function innerAcknowledge(how: Encapsulation, bytes: Uint8Array): { inner: Uint8Array; datagram: Ipv4Datagram } | null {
  const opened = decapsulate(how, bytes);
  if (!opened.ok) return null;
  const inner = parseIpv4(opened.value.inner);
  if (!inner.ok || inner.value.protocol !== IpProtocol.UDP) return null;
  const udp = inner.value.payload;
  if (udp.length < 9 || ((udp[2]! << 8) | udp[3]!) !== 434 || udp[8] !== MipMessageType.BINDING_ACKNOWLEDGE) return null;
  return { inner: opened.value.inner, datagram: inner.value };
}

/**
 * New FA, Perkins & Johnson §4.1; optim-08 §8.1: a tunnelled Binding Acknowledge for an MN that is not (yet)
 * a visitor. Null when this is not that case (the ordinary delivery path,
 * fa/delivery.ts, decides); otherwise deliver exactly one per pending
 * registration (OC-37), drop the rest.
 */
export function acknowledgeForPendingMobileNode(state: ForeignAgentState, how: Encapsulation, outer: Ipv4Datagram, bytes: Uint8Array, ctx: NodeContext): NodeStep<ForeignAgentState> | null {
  const ack = innerAcknowledge(how, bytes);
  if (ack === null) return null;
  const home = ack.datagram.destination;
  if (visitorFor(state.visitors, home, ctx.now) !== null) return null;
  const pending = state.visitors.pending[home];
  if (pending === undefined) return null;
  const r = deliverToPendingMobileNode(state.acknowledgeDeliveries, state.visitors, home, ack.inner, ctx.now);
  const s = { ...state, acknowledgeDeliveries: r.state };
  const traces = roTraces([r.trace]);
  if (!r.deliver) return { state: s, outputs: traces };
  const own = ctx.node.interfaces.find((i) => i.name === state.config.interface)!;
  return {
    state: s,
    outputs: [...traces, {
      kind: 'transmit', interface: state.config.interface, traceAs: 'forwarded',
      frame: { source: own.linkAddress, destination: pending.linkAddress, etherType: EtherType.IPV4, payload: decrementTtl(ack.inner) },
      summary: `decapsulated Binding Acknowledge ${ack.datagram.source} → ${home} (tunnelled from ${outer.source}) delivered to ${pending.linkAddress}, registration still pending`,
      reason: 'exactly one Binding Acknowledge is delivered to a mobile node whose registration is pending',
      ref: 'optim-08 §8.1; Perkins & Johnson §4.1; lab choice',
    }],
  };
}
