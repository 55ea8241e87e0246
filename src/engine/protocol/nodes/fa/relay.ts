// The foreign agent relaying registrations (RFC 2002 §3.7.2–§3.7.3;
// RFC 2002 §3.7.2, §3.7.3, §3.6.1.3, §3.4).
//
// Request from a visitor: checksum (readMipDatagram) → Mobile-Foreign auth if
// the FA shares an MSA with the MN (67) → reserved bit (70) → Lifetime above
// the maximum (69, Reply Lifetime = maximum) → busy (66) → encapsulation not
// offered (72) → relay to the Home Agent field, octets up to the end of the
// Mobile-Home extension unchanged, plus Foreign-Home auth if the FA shares an
// MSA with the HA; the Request is recorded as pending. Denials: at most one
// per second per MN.
// Reply from a home agent: a pending Request must match (home address, low
// 32 bits) → Foreign-Home auth if shared (else 68 to the MN) → relay to the
// MN by its link-layer address, update the visitor list.
//
// Registration keys (Perkins & Johnson §9.2; regkey-00 §8.1; Perkins & Johnson §9.1; keys.ts): the FA's
// key extensions are appended after the Mobile-Home extension (OC-17), the
// key from an accepted Reply goes into the visitor entry, and the Reply's
// octets are relayed unchanged up to the Mobile-Home extension. Smooth
// handoff (Perkins & Johnson §4.1; optim-08 §8.1; smooth-handoff.ts): a Request with a Previous FA
// Notification makes this FA send the previous FA its Binding Update, once;
// the PFAN itself, being after the Mobile-Home extension, is stripped.

import type { Identification } from '../../../crypto/identification';
import type { SecurityAssociation } from '../../../crypto/security-association';
import type { NodeContext, NodeOutput, NodeStep } from '../../../node/contract';
import { EtherType, type LinkAddress } from '../../../node/link-address';
import { seconds } from '../../../node/time';
import { sendDatagram, sourceAddressFor } from '../../../network/behaviours/ip-output';
import type { Ipv4Address } from '../../../wire/address';
import { concatBytes } from '../../../wire/bytes';
import { udpDatagram } from '../../../wire/datagram';
import { emitMipExtension, mipExtensionLength, type MipExtension } from '../../../wire/mip/extensions/mip-extension';
import type { Ipv4Datagram } from '../../../wire/ipv4';
import { ReplyCode, replyCodeAccepted, replyCodeText } from '../../../wire/mip/registration-reply-codes';
import { emitRegistrationReply, registrationReply, registrationReplyLength, type RegistrationReply } from '../../../wire/mip/registration-reply';
import { RequestFlag, requestFlagsToOctet, type RegistrationRequest } from '../../../wire/mip/registration-request';
import { associationWithPeer, findSecurityAssociation } from '../../tables/security-associations';
import { applyReply, nextVisitorDeadline, recordPendingRequest, type PendingRegistration } from '../../tables/visitor-list';
import { takeIdentification } from '../common/ip-identification';
import { MOBILE_IP_PORT, appendAuthentication, checkAuthentication, describeReply, describeRequest, keepThroughMobileHome } from '../common/mip-io';
import { decision, dropped, tableTraces } from '../common/trace';
import type { ForeignAgentState } from './foreign-agent-state';
import { keyExtensionsForRequest, keyFromAcceptedReply } from './keys';
import { ownDhKeyReply, requestKeyExtensions, withOwnDhValue } from './own-reply-dh';
import { notifyPreviousForeignAgent } from './smooth-handoff';

export const VISITOR_EXPIRY_TIMER = 'fa:visitor-expiry';

export interface FromMobileNode {
  readonly datagram: Ipv4Datagram;
  readonly sourcePort: number;
  readonly payload: Uint8Array;
  readonly message: RegistrationRequest;
  readonly linkSource: LinkAddress;
}

export interface FromHomeAgent {
  readonly datagram: Ipv4Datagram;
  readonly payload: Uint8Array;
  readonly message: RegistrationReply;
}

export function visitorTimer(state: ForeignAgentState): NodeOutput {
  const next = nextVisitorDeadline(state.visitors);
  return next === null ? { kind: 'cancel-timer', key: VISITOR_EXPIRY_TIMER } : { kind: 'set-timer', key: VISITOR_EXPIRY_TIMER, at: next, ref: 'RFC 2002 §3.7.1, §3.7.2' };
}

/** Sends the MN a Reply on the cell, by its link-layer address: IP source = the Request's IP destination, UDP 434 → its port (RFC 2002 §3.7.2.3). */
function replyToMobileNode(state: ForeignAgentState, to: { linkAddress: LinkAddress; homeAddress: Ipv4Address; requestDestination: Ipv4Address; udpSourcePort: number }, payload: Uint8Array, summary: string, reason: string, ref: string, ctx: NodeContext): NodeStep<ForeignAgentState> {
  const c = state.config;
  const mf = associationWithPeer(state.associations, to.homeAddress, ctx.now)?.association ?? null;
  const body = mf === null ? payload : appendAuthentication(payload, 'mobile-foreign-auth', mf, c.profile);
  const id = takeIdentification(state);
  const source = to.requestDestination === '224.0.0.11' ? c.address : to.requestDestination;
  const bytes = udpDatagram({ source, destination: to.homeAddress, identification: id.identification }, MOBILE_IP_PORT, to.udpSourcePort, body);
  const own = ctx.node.interfaces.find((i) => i.name === c.interface)!;
  return { state: id.state, outputs: [{ kind: 'transmit', interface: c.interface, frame: { source: own.linkAddress, destination: to.linkAddress, etherType: EtherType.IPV4, payload: bytes }, summary, reason, ref }] };
}

function deny(state: ForeignAgentState, r: FromMobileNode, code: number, lifetime: number, reason: string, ref: string, ctx: NodeContext): NodeStep<ForeignAgentState> {
  const m = r.message;
  const last = state.lastDenialAt[m.homeAddress];
  if (last !== undefined && ctx.now - last < seconds(1)) {
    return { state, outputs: [decision(`no Code ${code} sent to ${m.homeAddress}`, `${reason}; but this FA denied ${m.homeAddress} less than a second ago, and sends at most one denial per second to one mobile node`, 'RFC 2002 §3.7.2')] };
  }
  const reply = registrationReply({ code, lifetime, homeAddress: m.homeAddress, homeAgent: m.homeAgent, identification: m.identification });
  const payload = new Uint8Array(registrationReplyLength(reply));
  emitRegistrationReply(reply, payload, 0);
  const s = { ...state, lastDenialAt: { ...state.lastDenialAt, [m.homeAddress]: ctx.now } };
  const to = { linkAddress: r.linkSource, homeAddress: m.homeAddress, requestDestination: r.datagram.destination, udpSourcePort: r.sourcePort };
  const sent = replyToMobileNode(s, to, payload, `${describeReply(reply)}: ${r.datagram.destination} → ${m.homeAddress}`, reason, ref, ctx);
  return { state: sent.state, outputs: [decision(`denied: ${describeRequest(m)} → Code ${replyCodeText(code)}`, reason, ref), ...sent.outputs] };
}

export function onRequestFromMobileNode(state: ForeignAgentState, r: FromMobileNode, ctx: NodeContext): NodeStep<ForeignAgentState> {
  const c = state.config;
  const m = r.message;
  const now = ctx.now;
  const shared = associationWithPeer(state.associations, m.homeAddress, now);
  if (shared !== null) {
    const mf = checkAuthentication(r.payload, m, 'mobile-foreign-auth', (spi) => findSecurityAssociation(state.associations, m.homeAddress, spi, now)?.association ?? null, c.profile);
    if (!mf.ok) return deny(state, r, ReplyCode.FA_MOBILE_NODE_FAILED_AUTHENTICATION, m.lifetime, `this FA shares an MSA with ${m.homeAddress}: ${mf.reason}`, 'RFC 2002 §3.7.2.1, §3.7.2', ctx);
  }
  const adv = c.advertiser;
  if (c.profile === 'ro98' && (requestFlagsToOctet(m.flags) & RequestFlag.RESERVED) !== 0) return deny(state, r, ReplyCode.FA_POORLY_FORMED_REQUEST, m.lifetime, 'a reserved flag bit is set', 'RFC 2002 §3.7.2.3, §3.3, §3.7.2', ctx);
  if (m.lifetime > c.maximumLifetime) return deny(state, r, ReplyCode.FA_LIFETIME_TOO_LONG, c.maximumLifetime, `requested Lifetime ${m.lifetime} s is longer than this FA accepts (${c.maximumLifetime} s); the Reply's Lifetime carries the maximum`, 'RFC 2002 §3.7.2.3, §3.7.2', ctx);
  if (adv.busy) return deny(state, r, ReplyCode.FA_INSUFFICIENT_RESOURCES, m.lifetime, 'this FA is busy (B bit advertised) and accepts no new registrations', 'RFC 2002 §2.1.1, §3.7.2.3', ctx);
  if ((m.flags.minimalEncapsulation && !adv.minimalEncapsulation) || (m.flags.greEncapsulation && !adv.gre)) return deny(state, r, ReplyCode.FA_ENCAPSULATION_UNAVAILABLE, m.lifetime, 'the Request asks for an encapsulation this FA did not advertise (M / G)', 'RFC 2002 §3.7.2.3, §3.3', ctx);

  const keys = keyExtensionsForRequest(state, m, now, ctx.random); // Perkins & Johnson §9.2; regkey-00 §8.1
  const recorded = recordPendingRequest(keys.state.visitors, {
    homeAddress: m.homeAddress, linkAddress: r.linkSource, requestDestination: r.datagram.destination, udpSourcePort: r.sourcePort,
    homeAgent: m.homeAgent, careOfAddress: m.careOfAddress, identification: m.identification, requestedLifetimeSeconds: m.lifetime,
  }, keys.pendingKey, now);
  let s: ForeignAgentState = { ...keys.state, visitors: recorded.table };
  const fh: SecurityAssociation | null = associationWithPeer(s.associations, m.homeAgent, now)?.association ?? null;
  // OC-17: the FA's key extensions go after the Mobile-Home authenticator, before its Foreign-Home one; the PFAN (96) is stripped.
  const forRequest = requestKeyExtensions(c, keys.extensions); // OC-49: without 124 in the optim-06 §3.4 variant
  const kept = concatBytes(keepThroughMobileHome(r.payload, m), extensionBytes(forRequest));
  const payload = fh === null ? kept : appendAuthentication(kept, 'foreign-home-auth', fh, c.profile);
  const source = sourceAddressFor(ctx.node, s.router.table, m.homeAgent) ?? c.address; // RFC 2002 §3.7.2.2: the FA's address on the outgoing interface
  const id = takeIdentification(s);
  s = id.state;
  const bytes = udpDatagram({ source, destination: m.homeAgent, identification: id.identification }, MOBILE_IP_PORT, MOBILE_IP_PORT, payload);
  const summary = `relayed ${describeRequest(m)}: ${source}:${MOBILE_IP_PORT} → ${m.homeAgent}:${MOBILE_IP_PORT}`;
  const added = forRequest.length === 0 ? '' : `, ${forRequest.length} key extension${forRequest.length === 1 ? '' : 's'} appended`;
  const why = `valid Request from ${m.homeAddress}; relayed unchanged up to the Mobile-Home extension${added}${fh === null ? '' : ', Foreign-Home authentication appended'}`;
  const relayed = sendDatagram(ctx.node, s.router.table, bytes, m.homeAgent, { summary, reason: why, ref: 'RFC 2002 §3.7.2.2, §3.7.2, §3.6.1.3' });
  const notified = notifyPreviousForeignAgent(s, m, ctx); // Perkins & Johnson §4.1; optim-08 §8.1: once, never retransmitted
  return { state: notified.state, outputs: [...keys.outputs, ...tableTraces('visitor list', recorded.changes), visitorTimer(s), relayed, ...notified.outputs] };
}

function extensionBytes(extensions: readonly MipExtension[]): Uint8Array {
  const out = new Uint8Array(extensions.reduce((n, e) => n + mipExtensionLength(e), 0));
  let at = 0;
  for (const e of extensions) {
    emitMipExtension(e, out, at);
    at += mipExtensionLength(e);
  }
  return out;
}

function matchesPending(p: PendingRegistration, id: Identification): boolean {
  return p.identification.low === id.low;
}

export function onReplyFromHomeAgent(state: ForeignAgentState, r: FromHomeAgent, ctx: NodeContext): NodeStep<ForeignAgentState> {
  const c = state.config;
  const m = r.message;
  const now = ctx.now;
  const pending = Object.prototype.hasOwnProperty.call(state.visitors.pending, m.homeAddress) ? state.visitors.pending[m.homeAddress]! : null;
  if (pending === null || !matchesPending(pending, m.identification)) {
    return { state, outputs: [dropped(`${describeReply(m)} discarded`, pending === null ? `no pending Request from ${m.homeAddress}` : 'the low 32 bits of the Identification do not match the pending Request', 'RFC 2002 §3.7.3.1, §3.7.3')] };
  }
  const to = { linkAddress: pending.linkAddress, homeAddress: m.homeAddress, requestDestination: pending.requestDestination, udpSourcePort: pending.udpSourcePort };
  const fhShared = associationWithPeer(state.associations, r.datagram.source, now);
  if (fhShared !== null) {
    const fh = checkAuthentication(r.payload, m, 'foreign-home-auth', (spi) => findSecurityAssociation(state.associations, r.datagram.source, spi, now)?.association ?? null, c.profile);
    if (!fh.ok) {
      const denial = registrationReply({ code: ReplyCode.FA_HOME_AGENT_FAILED_AUTHENTICATION, lifetime: m.lifetime, homeAddress: m.homeAddress, homeAgent: m.homeAgent, identification: m.identification });
      const payload = new Uint8Array(registrationReplyLength(denial));
      emitRegistrationReply(denial, payload, 0);
      const applied = applyReply(state.visitors, { homeAddress: m.homeAddress, identification: m.identification, accepted: false, grantedLifetimeSeconds: 0, registrationKey: null }, now);
      const sent = replyToMobileNode({ ...state, visitors: applied.table }, to, payload, `${describeReply(denial)}: ${to.requestDestination} → ${m.homeAddress}`, `the home agent's Reply failed authentication: ${fh.reason}`, 'RFC 2002 §3.7.3.1, §3.7.3', ctx);
      return { state: sent.state, outputs: [dropped(`${describeReply(m)} discarded`, fh.reason, 'RFC 2002 §3.7.3.1, §3.7.3'), ...tableTraces('visitor list', applied.changes), ...sent.outputs] };
    }
  }
  const accepted = replyCodeAccepted(m.code);
  // Perkins & Johnson §9.1, §9.2: the key for the visitor entry, after Foreign-Home verified; a denial discards the pending material.
  // OC-49, optim-06 §3.4: in that variant the FA's own 124 follows Mobile-Home in the Reply it relays (and in what it reads its key from).
  const own = accepted && m.lifetime > 0 ? ownDhKeyReply(c, pending.pendingKey) : null;
  const relayedPayload = withOwnDhValue(keepThroughMobileHome(r.payload, m), own);
  const keyed = accepted && m.lifetime > 0 ? keyFromAcceptedReply(state, pending, own === null ? r.payload : relayedPayload, r.datagram.source, now) : { state, registrationKey: null, outputs: [] };
  const applied = applyReply(keyed.state.visitors, { homeAddress: m.homeAddress, identification: m.identification, accepted, grantedLifetimeSeconds: accepted ? m.lifetime : 0, registrationKey: keyed.registrationKey }, now);
  const s = { ...keyed.state, visitors: applied.table };
  const ownNote = own === null ? '' : '; its own Diffie-Hellman value (124) appended after Mobile-Home, outside the home agent\'s authenticator (optim-06 §3.4)';
  const sent = replyToMobileNode(s, to, relayedPayload, `relayed ${describeReply(m)}: ${to.requestDestination} → ${m.homeAddress}`, `Reply from the home agent for a pending Request; relayed to the mobile node by its link-layer address ${to.linkAddress}${ownNote}`, `RFC 2002 §3.7.3.2, §3.7.3${own === null ? '' : '; optim-06 §3.4'}`, ctx);
  return { state: sent.state, outputs: [...keyed.outputs, ...tableTraces('visitor list', applied.changes), visitorTimer(sent.state), ...sent.outputs] };
}
