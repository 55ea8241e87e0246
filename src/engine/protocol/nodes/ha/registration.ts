// The home agent's processing of a Registration Request (RFC 2002 §3.8;
// RFC 2002 §3.8): the validity checks in the order of RFC 2002 §3.8.2.1,
// the accept table of RFC 2002 §3.8.2.2, and the Reply of RFC 2002 §3.8.3.
//
//   check                                   failure
//   UDP checksum                            silently discard (readMipDatagram)
//   exactly one valid Mobile-Home (32)      131
//   Identification (timestamps / nonces)    133 + resync Identification
//   Foreign-Home (34) if HA–FA MSA          132
//   sent to the subnet-directed broadcast   136, Reply names the HA's unicast address
//   reserved flag bit                       134
//   administrative limits                   129, 130, 135
//
// Registration keys (Perkins & Johnson §9.3; regkey-00 §7.1; keys.ts): an accepting Reply
// to a Request relayed with a key request carries the key replies before the
// Mobile-Home extension (OC-17), sealed with the key delivery (regkey-00 §3.1), and a
// Foreign-Home extension whenever the HA shares an MSA with the FA.

import type { Identification } from '../../../crypto/identification';
import { sealMessage, type AuthSecret } from '../../../crypto/seal';
import type { SecurityAssociation } from '../../../crypto/security-association';
import type { AuthenticationKind } from '../../../wire/mip/extensions/authentication';
import type { InterfaceName, NodeContext, NodeOutput, NodeStep } from '../../../node/contract';
import { EtherType, type LinkAddress } from '../../../node/link-address';
import { prefixMask } from '../../../node/route-table';
import { sendDatagram } from '../../../network/behaviours/ip-output';
import { addressToU32, u32ToAddress, type Ipv4Address } from '../../../wire/address';
import { udpDatagram } from '../../../wire/datagram';
import type { Ipv4Datagram } from '../../../wire/ipv4';
import type { MipExtension } from '../../../wire/mip/extensions/mip-extension';
import { ReplyCode, replyCodeAccepted, replyCodeText } from '../../../wire/mip/registration-reply-codes';
import { registrationReply } from '../../../wire/mip/registration-reply';
import { RequestFlag, requestFlagsToOctet, type RegistrationRequest } from '../../../wire/mip/registration-request';
import { acceptRegistration, nextMobilityBindingExpiry } from '../../tables/mobility-bindings';
import { checkRegistrationIdentification } from '../../tables/replay';
import { associationWithPeer, findSecurityAssociation } from '../../tables/security-associations';
import { INFINITE_LIFETIME } from '../../tables/table-change';
import { takeIdentification } from '../common/ip-identification';
import { MOBILE_IP_PORT, checkAuthentication, describeReply, describeRequest } from '../common/mip-io';
import { decision, tableTraces } from '../common/trace';
import type { HomeAgentState } from './home-agent-state';
import { keyReplyFor } from './keys';

export const BINDING_EXPIRY_TIMER = 'ha:binding-expiry';

export interface ReceivedRequest {
  readonly datagram: Ipv4Datagram;
  readonly sourcePort: number;
  readonly payload: Uint8Array;
  readonly message: RegistrationRequest;
  readonly interface: InterfaceName;
  readonly linkSource: LinkAddress;
}

export function homeSubnetBroadcast(address: Ipv4Address, prefixLength: number): Ipv4Address {
  return u32ToAddress((addressToU32(address) | ~prefixMask(prefixLength)) >>> 0);
}

interface Verdict {
  readonly code: number;
  readonly lifetime: number;
  readonly identification: Identification;
  readonly reason: string;
  readonly ref: string;
}

export function onRegistrationRequest(state: HomeAgentState, r: ReceivedRequest, ctx: NodeContext): NodeStep<HomeAgentState> {
  const c = state.config;
  const m = r.message;
  const mn = m.homeAddress;
  const now = ctx.now;
  const outputs: NodeOutput[] = [];
  const deny = (code: number, reason: string, ref: string, identification: Identification = m.identification): Verdict => ({ code, lifetime: m.lifetime, identification, reason, ref });
  let s = state;
  let verdict: Verdict;
  const viaForeignAgent = r.datagram.source !== mn;
  const faAssociation = viaForeignAgent ? associationWithPeer(s.associations, r.datagram.source, now)?.association ?? null : null;

  const mh = checkAuthentication(r.payload, m, 'mobile-home-auth', (spi) => findSecurityAssociation(s.associations, mn, spi, now)?.association ?? null, c.profile);
  if (!mh.ok) {
    verdict = deny(ReplyCode.HA_MOBILE_NODE_FAILED_AUTHENTICATION, mh.reason, 'RFC 2002 §3.8.2.1');
  } else {
    outputs.push(decision(`Mobile-Home authentication of ${mn} verified`, mh.detail, 'RFC 2002 §3.8.2.1, §3.5.2–§3.5.4'));
    const replay = checkRegistrationIdentification(s.replay, { mobileNode: mn, style: mh.association.replay, identification: m.identification, epochUnixMs: c.epochUnixMs, ...(c.timestampWindowSeconds === undefined ? {} : { windowSeconds: c.timestampWindowSeconds }) }, now, ctx.random);
    s = { ...s, replay: replay.table };
    outputs.push(...tableTraces('replay state', replay.changes));
    const fh = faAssociation === null ? null : checkAuthentication(r.payload, m, 'foreign-home-auth', (spi) => findSecurityAssociation(s.associations, r.datagram.source, spi, now)?.association ?? null, c.profile);
    const sentToBroadcast = r.datagram.destination === homeSubnetBroadcast(c.address, c.homePrefixLength);
    const reservedBit = c.profile === 'ro98' && (requestFlagsToOctet(m.flags) & RequestFlag.RESERVED) !== 0; // ro98: bit 7 reserved, bit 6 is P (RFC 2002 §3.3)
    const bindingCount = Object.prototype.hasOwnProperty.call(s.bindings.bindings, mn) ? s.bindings.bindings[mn]!.length : 0;
    if (!replay.accepted) verdict = deny(ReplyCode.HA_IDENTIFICATION_MISMATCH, replay.reason, 'RFC 2002 §3.8.2.1, §5.6', replay.replyIdentification);
    else if (fh !== null && !fh.ok) verdict = deny(ReplyCode.HA_FOREIGN_AGENT_FAILED_AUTHENTICATION, `this HA shares an MSA with ${r.datagram.source}: ${fh.reason}`, 'RFC 2002 §3.8.2.1', replay.replyIdentification);
    else if (sentToBroadcast || m.homeAgent !== c.address) verdict = deny(ReplyCode.HA_UNKNOWN_HOME_AGENT_ADDRESS, `the Request was sent to ${r.datagram.destination} naming Home Agent ${m.homeAgent}; the Reply names this HA's unicast address ${c.address}`, 'RFC 2002 §3.8.2.1, §3.8.3', replay.replyIdentification);
    else if (reservedBit) verdict = deny(ReplyCode.HA_POORLY_FORMED_REQUEST, 'a reserved flag bit is set', 'RFC 2002 §3.8.2.3, §3.3, §3.8.2.1', replay.replyIdentification);
    else if (c.prohibited.includes(mn)) verdict = deny(ReplyCode.HA_ADMINISTRATIVELY_PROHIBITED, `${mn} is not allowed to register (configuration)`, 'RFC 2002 §3.8.2.1', replay.replyIdentification);
    else if (c.insufficientResources) verdict = deny(ReplyCode.HA_INSUFFICIENT_RESOURCES, 'the home agent is out of resources (configuration)', 'RFC 2002 §3.8.2.1', replay.replyIdentification);
    else if (m.lifetime > 0 && m.flags.simultaneousBindings && c.simultaneousBindings && bindingCount >= c.maxBindingsPerMobileNode) verdict = deny(ReplyCode.HA_TOO_MANY_BINDINGS, `${mn} already has ${bindingCount} bindings (maximum ${c.maxBindingsPerMobileNode})`, 'RFC 2002 §3.8.2.1', replay.replyIdentification);
    else {
      const accepted = accept(s, r, replay.replyIdentification, now);
      s = accepted.state;
      outputs.push(...accepted.outputs);
      verdict = accepted.verdict;
    }
  }
  outputs.push(decision(`${replyCodeAccepted(verdict.code) ? 'accepted' : 'denied'}: ${describeRequest(m)} → Code ${replyCodeText(verdict.code)}`, verdict.reason, verdict.ref));
  const sent = sendReply(s, r, verdict, faAssociation, ctx);
  return { state: sent.state, outputs: [...outputs, ...sent.outputs] };
}

function accept(state: HomeAgentState, r: ReceivedRequest, identification: Identification, now: number): { state: HomeAgentState; outputs: NodeOutput[]; verdict: Verdict } {
  const c = state.config;
  const m = r.message;
  const limit = c.maximumLifetime;
  // RFC 2002 §3.8.2.2: granted = requested, or less (never more); 0xFFFF is "infinite", longer than any finite maximum.
  const granted = m.lifetime === 0 ? 0 : m.lifetime === INFINITE_LIFETIME ? limit : Math.min(m.lifetime, limit);
  const simultaneous = m.flags.simultaneousBindings && c.simultaneousBindings;
  const applied = acceptRegistration(state.bindings, {
    homeAddress: m.homeAddress, careOfAddress: m.careOfAddress, grantedLifetimeSeconds: granted, identification, simultaneousBindings: simultaneous,
    flags: m.flags, registeringFa: r.datagram.source === m.homeAddress ? null : r.datagram.source,
  }, now);
  const outputs: NodeOutput[] = [...tableTraces('mobility bindings', applied.changes)];
  if (!applied.wasAway && applied.isAway) outputs.push(decision(`intercepting datagrams for ${m.homeAddress}`, `first binding: from now on datagrams for ${m.homeAddress} reaching this router are tunnelled to ${m.careOfAddress} instead of delivered on the home link (the simulation's stand-in for gratuitous + proxy ARP)`, 'RFC 2002 §3.8.2.2, §4.6, §4'));
  if (applied.wasAway && !applied.isAway) outputs.push(decision(`no longer intercepting for ${m.homeAddress}`, 'no binding left: datagrams for it are delivered on the home link again (stand-in for ending proxy ARP)', 'RFC 2002 §4.6, §4'));
  const expiry = nextMobilityBindingExpiry(applied.table);
  outputs.push(expiry === null ? { kind: 'cancel-timer', key: BINDING_EXPIRY_TIMER } : { kind: 'set-timer', key: BINDING_EXPIRY_TIMER, at: expiry, ref: 'RFC 2002 §3.8.2.2 (binding expiry)' });
  const shown = applied.outcome === 'duplicate' && applied.binding !== null ? Math.max(0, Math.floor(((applied.binding.expiresAt ?? now) - now) / 1_000_000)) : granted;
  const code = m.flags.simultaneousBindings && !c.simultaneousBindings ? ReplyCode.ACCEPTED_NO_SIMULTANEOUS_BINDINGS : ReplyCode.ACCEPTED;
  const why = applied.outcome === 'duplicate'
    ? 'a duplicate of the accepted registration: the originally granted lifetime is not extended'
    : `${applied.outcome}; granted ${shown} s (requested ${m.lifetime} s, maximum ${limit} s)`;
  return { state: { ...state, bindings: applied.table }, outputs, verdict: { code, lifetime: applied.outcome === 'duplicate' ? shown : granted, identification, reason: why, ref: 'RFC 2002 §3.8.2.2' } };
}

/** RFC 2002 §3.8.3: back to the Request's IP source and UDP source port, from 434, authenticated. */
function sendReply(state: HomeAgentState, r: ReceivedRequest, v: Verdict, faAssociation: SecurityAssociation | null, ctx: NodeContext): NodeStep<HomeAgentState> {
  const c = state.config;
  const m = r.message;
  const mnAssociation = associationWithPeer(state.associations, m.homeAddress, ctx.now)?.association ?? null;
  // Perkins & Johnson §9.3; regkey-00 §7.1 (OC-17): key replies precede the Mobile-Home extension, which covers them.
  const keys = replyCodeAccepted(v.code) && v.lifetime > 0 && mnAssociation !== null && r.datagram.source !== m.homeAddress
    ? keyReplyFor(state, m, mnAssociation, r.datagram.source, ctx) : null;
  const extensions: MipExtension[] = [...(keys?.extensions ?? [])];
  const secrets: Partial<Record<AuthenticationKind, AuthSecret>> = {};
  if (mnAssociation !== null) {
    extensions.push({ kind: 'mobile-home-auth', spi: mnAssociation.spi, authenticator: new Uint8Array(16) });
    secrets['mobile-home-auth'] = { key: mnAssociation.key, algorithm: mnAssociation.algorithm };
  }
  if (faAssociation === null && keys?.foreignHomeAuthRequired === true) {
    keys.outputs.push(decision('Foreign-Home authentication required but impossible', 'the Reply carries 121, which needs an HA–FA MSA to protect it (Perkins & Johnson §9.3; regkey-00 §7.1)', 'Perkins & Johnson §9.3; regkey-00 §7.1'));
  }
  if (faAssociation !== null) {
    extensions.push({ kind: 'foreign-home-auth', spi: faAssociation.spi, authenticator: new Uint8Array(16) });
    secrets['foreign-home-auth'] = { key: faAssociation.key, algorithm: faAssociation.algorithm };
  }
  const reply = registrationReply({ code: v.code, lifetime: v.lifetime, homeAddress: m.homeAddress, homeAgent: c.address, identification: v.identification, extensions });
  const payload = sealMessage(reply, { auth: secrets, keyDelivery: keys?.keyDelivery ?? {} }, c.profile); // regkey-00 §3.1: 120/121 encoded while sealing
  const broadcast = r.datagram.destination === homeSubnetBroadcast(c.address, c.homePrefixLength);
  const source = broadcast ? c.address : r.datagram.destination;
  const id = takeIdentification(state);
  const bytes = udpDatagram({ source, destination: r.datagram.source, identification: id.identification }, MOBILE_IP_PORT, r.sourcePort, payload);
  const summary = `${describeReply(reply)}: ${source}:${MOBILE_IP_PORT} → ${r.datagram.source}:${r.sourcePort}`;
  const keyOutputs = keys?.outputs ?? [];
  const ref = 'RFC 2002 §3.8.3';
  const fromHome = r.datagram.source === m.homeAddress && m.careOfAddress === m.homeAddress && m.lifetime === 0;
  if (fromHome) {
    // RFC 2002 §3.8.3: a deregistration sent from home is answered directly on the home link, whatever the bindings say.
    const own = ctx.node.interfaces.find((i) => i.name === r.interface)!;
    return { state: id.state, outputs: [...keyOutputs, { kind: 'transmit', interface: r.interface, frame: { source: own.linkAddress, destination: r.linkSource, etherType: EtherType.IPV4, payload: bytes }, summary, reason: 'deregistration from home: the Reply goes directly on the home link', ref }] };
  }
  return { state: id.state, outputs: [...keyOutputs, sendDatagram(ctx.node, state.router.table, bytes, r.datagram.source, { summary, ref })] };
}
