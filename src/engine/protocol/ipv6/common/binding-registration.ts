// A Binding Update with H at a node that acts as home agent for an address
// (docs/ipv6.md §3): the IPv6 home agent for a home address (RFC 6275 §10;
// RFC 6275 §10.3.1) and an access router for a mobile node's previous
// care-of address (Perkins & Johnson §10; mipv6-07 §10.8; RFC 6275 §11.5.4;
// OC-57). Order: message checks, then IPsec (a home agent discards what does
// not authenticate, RFC 4302 §3.4; an access router without an association
// for the mobile node refuses with 129 so the mobile node learns why there is
// no smooth handoff), then the binding rules (binding-update-decision.ts),
// then the table and the Binding Acknowledgement.

import type { NodeContext, NodeOutput } from '../../../node/contract';
import type { ParsedIpv6Packet } from '../../../wire/ipv6/ipv6-packet';
import { BindingAckStatus, bindingAckStatusText } from '../../../wire/ipv6/mobility-status';
import type { BindingUpdateMessage } from '../../../wire/ipv6/mobility-messages';
import { decision, dropped, tableTraces } from '../../nodes/common/trace';
import { nextBindingExpiry, registerBinding, removeBinding } from './address-bindings';
import { outboundAh, verifyAh } from './ah-verification';
import type { AhAssociation, BindingAgentState } from './binding-agent-state';
import { decideBindingUpdate, type BindingUpdateSeen } from './binding-update-decision';
import { sendFromRouter } from './ipv6-router-core';
import { bindingAcknowledgementPacket } from './mobility-packets';

export const BINDING_EXPIRY_TIMER = 'binding-expiry';

export interface RegistrationStep {
  readonly state: BindingAgentState;
  readonly outputs: readonly NodeOutput[];
}

/** The expiry timer after a change to the bindings. */
export function expiryTimer(state: BindingAgentState): NodeOutput {
  const at = nextBindingExpiry(state.bindings);
  return at === null ? { kind: 'cancel-timer', key: BINDING_EXPIRY_TIMER } : { kind: 'set-timer', key: BINDING_EXPIRY_TIMER, at, ref: 'RFC 6275 §10.3.1 (binding lifetime)' };
}

function seen(p: ParsedIpv6Packet, m: BindingUpdateMessage): BindingUpdateSeen {
  const alt = m.options.find((o) => o.kind === 'alternate-care-of-address');
  return {
    source: p.header.source, homeAddress: p.finalSource, sequence: m.sequence, ack: m.acknowledge, homeRegistration: m.homeRegistration, lifetimeUnits: m.lifetimeUnits,
    ...(alt !== undefined && alt.kind === 'alternate-care-of-address' ? { alternateCareOf: alt.address } : {}),
  };
}

interface Answer {
  readonly status: number;
  readonly sequence: number;
  readonly lifetimeUnits: number;
  readonly why: string;
  readonly ref: string;
}

/** Sends the Binding Acknowledgement to the packet's source, with a type 2 Routing header naming the home address (RFC 6275 §9.5.4, §6.4), under AH when there is an association. */
function acknowledge(state: BindingAgentState, ctx: NodeContext, p: ParsedIpv6Packet, a: Answer, association: AhAssociation | undefined): RegistrationStep {
  let ah = state.ah;
  let authentication;
  if (association !== undefined) {
    const out = outboundAh(ah, association);
    ah = out.ah;
    authentication = out.authentication;
  }
  const destination = p.header.source;
  const homeAddress = p.finalSource === destination ? undefined : p.finalSource;
  const bytes = bindingAcknowledgementPacket({ source: state.config.address, destination, homeAddress, status: a.status, sequence: a.sequence, lifetimeUnits: a.lifetimeUnits, authentication });
  const sent = sendFromRouter(state.core, ctx, bytes, destination, {
    summary: `Binding Acknowledgement ${bindingAckStatusText(a.status)}, seq ${a.sequence}, lifetime ${a.lifetimeUnits * 4} s → ${destination}${homeAddress === undefined ? '' : ` (type 2 Routing header: ${homeAddress})`}${association === undefined ? '' : ', AH'}`,
    reason: a.why,
    ref: a.ref,
  });
  return { state: { ...state, ah, core: sent.core }, outputs: sent.outputs };
}

/** The node's handling of a Binding Update addressed to it; `bytes` is the whole IPv6 packet (for the ICV). */
export function onBindingUpdate(state: BindingAgentState, ctx: NodeContext, p: ParsedIpv6Packet, m: BindingUpdateMessage, bytes: Uint8Array, iface: string): RegistrationStep {
  const c = state.config;
  const what = `Binding Update from ${p.header.source} (seq ${m.sequence}, ${m.homeRegistration ? 'H' : 'no H'}, for ${p.finalSource})`;
  const asPrevious = c.kind === 'previous-care-of';
  const prevRef = 'Perkins & Johnson §10; mipv6-07 §10.8; lab choice'; // OC-57
  if (asPrevious && !c.acceptsBindings) {
    const a = { status: BindingAckStatus.HOME_REGISTRATION_NOT_SUPPORTED, sequence: m.sequence, lifetimeUnits: 0, why: `${bindingAckStatusText(131)}: this access router is set not to act as home agent for previous care-of addresses (no smooth handoff here)`, ref: `${prevRef}; RFC 6275 §9.5.1` };
    const r = acknowledge(state, ctx, p, a, undefined);
    return { state: r.state, outputs: [decision(`${what} refused`, a.why, a.ref), ...r.outputs] };
  }
  const ah = verifyAh(c.associations, state.ah, bytes, p.authentication);
  if (ah.kind === 'refused') return { state, outputs: [dropped(`${what} discarded`, ah.reason, ah.ref, { bytes, interface: iface })] };
  if (ah.kind !== 'verified') {
    const missing = ah.kind === 'absent' ? 'it carries no Authentication Header' : `no security association has SPI ${ah.spi}`;
    if (!asPrevious) return { state, outputs: [dropped(`${what} discarded`, `${missing}: a home registration must be authenticated with the mobile node–home agent security association`, 'mipv6-07 §4.4; RFC 6275 §5.1; RFC 4302 §3.4.2', { bytes, interface: iface })] };
    const a = { status: BindingAckStatus.ADMINISTRATIVELY_PROHIBITED, sequence: m.sequence, lifetimeUnits: 0, why: `${bindingAckStatusText(129)}: ${missing}, and this router acts as home agent for a previous care-of address only for a mobile node it shares a security association with`, ref: prevRef };
    const r = acknowledge(state, ctx, p, a, undefined);
    return { state: r.state, outputs: [decision(`${what} refused`, a.why, a.ref), ...r.outputs] };
  }
  const verified: BindingAgentState = { ...state, ah: ah.ah };
  const d = decideBindingUpdate({ kind: c.kind, prefix: c.prefix, maxLifetimeS: c.maxLifetimeS }, state.bindings, seen(p, m), ctx.now);
  if (d.kind === 'ignore') return { state: verified, outputs: [decision(`${what} ignored`, d.reason, d.ref)] };
  const association = ah.association;
  if (!asPrevious && d.status === 0 && association.peerAddresses.length > 0 && !association.peerAddresses.includes(p.finalSource)) {
    const why = `${bindingAckStatusText(133)}: the security association with SPI ${association.spi} is with ${association.peer} (${association.peerAddresses.join(', ')}), not with home address ${p.finalSource}`;
    const r = acknowledge(verified, ctx, p, { status: BindingAckStatus.NOT_HOME_AGENT_FOR_THIS_MOBILE_NODE, sequence: m.sequence, lifetimeUnits: 0, why, ref: 'RFC 6275 §10.3.1, §5.1' }, association);
    return { state: r.state, outputs: [decision(`${what} refused`, why, 'RFC 6275 §10.3.1, §5.1'), ...r.outputs] };
  }
  let next = verified;
  const outputs: NodeOutput[] = [decision(`${what} ${d.status < 128 ? 'accepted' : 'refused'}`, d.reason, d.ref)];
  if (d.action === 'register') {
    const u = registerBinding(next.bindings, { address: p.finalSource, kind: c.kind, careOfAddress: d.careOfAddress, sequence: m.sequence, lifetimeS: d.lifetimeUnits * 4, spi: association.spi }, ctx.now, d.ref);
    next = { ...next, bindings: u.table };
    outputs.push(...tableTraces(c.kind === 'home' ? 'bindings' : 'previous care-of bindings', u.changes), expiryTimer(next));
  } else if (d.action === 'deregister') {
    const u = removeBinding(next.bindings, p.finalSource, d.ref, 'the mobile node deregistered');
    next = { ...next, bindings: u.table };
    outputs.push(...tableTraces(c.kind === 'home' ? 'bindings' : 'previous care-of bindings', u.changes), expiryTimer(next));
  }
  if (!d.acknowledge) return { state: next, outputs };
  const r = acknowledge(next, ctx, p, { status: d.status, sequence: d.sequence, lifetimeUnits: d.lifetimeUnits, why: d.reason, ref: d.ref }, association);
  return { state: r.state, outputs: [...outputs, ...r.outputs] };
}
