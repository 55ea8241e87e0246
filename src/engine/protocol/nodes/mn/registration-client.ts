// The mobile node's registration client (RFC 2002 §3.6, §3.6.1.2, §5.6).
//
// Send: Request to the agent from its advertisement (IP TTL 1 on the local
// link, OC-08), UDP 49152 → 434, Lifetime ≤ the advertised one, Mobile-Home
// authentication (and Mobile-Foreign if an MSA with the FA exists).
// Retransmit (OC-31): 1, 2, 4, … 32, 32 s; a new Identification each time
// with timestamps, the same bytes with nonces; abandon once the requested
// Lifetime has passed since the first transmission.
// Reply (RFC 2002 §3.6.2): checksum → low 32 bits → Mobile-Foreign auth if shared
// → Mobile-Home auth for codes 0–1 and ≥ 128 → accept (lifetime counted from
// the send time; renew before expiry) or repair 69 / 133 / 136 and retry,
// at least one second after the previous Request.
//
// Registration keys and smooth handoff (OC-17; Perkins & Johnson §4.1; optim-08 §5.1,
// Perkins & Johnson §9; regkey-00 §3; Perkins & Johnson §4.1; keys.ts, smooth-handoff.ts): key requests go before the
// Mobile-Home extension, a Previous FA Notification after it; the key is
// taken from an accepted Reply once its Mobile-Home authenticator verified.

import { sameLow32 } from '../../../crypto/identification';
import { sealMessage, type AuthSecret } from '../../../crypto/seal';
import type { NodeContext, NodeOutput, NodeStep } from '../../../node/contract';
import { EtherType } from '../../../node/link-address';
import { seconds } from '../../../node/time';
import { udpDatagram } from '../../../wire/datagram';
import type { Ipv4Datagram } from '../../../wire/ipv4';
import type { AuthenticationKind } from '../../../wire/mip/extensions/authentication';
import type { MipExtension } from '../../../wire/mip/extensions/mip-extension';
import { ReplyCode, replyCodeText } from '../../../wire/mip/registration-reply-codes';
import type { RegistrationReply } from '../../../wire/mip/registration-reply';
import { NO_REQUEST_FLAGS, registrationRequest, withPrivateBinding } from '../../../wire/mip/registration-request';
import { resetSolicitationBackoff } from '../../discovery/solicitor';
import { nextRegistrationIdentification, onRegistrationReply } from '../../tables/replay';
import { MN_REGISTRATION_PORT, MOBILE_IP_PORT, checkAuthentication, describeReply, describeRequest } from '../common/mip-io';
import { decision, dropped } from '../common/trace';
import { keyFromAcceptedReply, keyRequestFor } from './keys';
import type { MobileNodeState, RegistrationTarget } from './mobile-node-state';
import { armAfterRequest, planHandoff } from './smooth-handoff';

export const RETRANSMIT_TIMER = 'mn:retransmit';
export const RETRY_TIMER = 'mn:retry';
export const RENEW_TIMER = 'mn:renew';

/** RFC 2002 §3.6.1.2: the Lifetime to ask for when the agent's is unknown. */
export const UNKNOWN_AGENT_LIFETIME = 1800;
/** OC-31: the timeout after the n-th retransmission (0 = after the first transmission). */
export function retransmissionTimeout(retransmissions: number): number {
  return seconds(Math.min(32, 2 ** Math.min(retransmissions, 5)));
}
/** Our choice: renew once 90 % of the granted lifetime (counted from the send time) has passed. */
export const RENEW_FRACTION = 0.9;

function requestLifetime(state: MobileNodeState, t: RegistrationTarget): number {
  if (t.deregistration) return 0;
  return Math.min(state.config.requestedLifetime, t.advertisedLifetime ?? UNKNOWN_AGENT_LIFETIME, state.lifetimeCap ?? Number.MAX_SAFE_INTEGER);
}

/** A new Request (new Identification) to `t`; `firstSentAt` carries over for a timestamp-style retransmission. */
export function sendRequest(state: MobileNodeState, t: RegistrationTarget, ctx: NodeContext, continuing?: { firstSentAt: number; retransmissions: number }): NodeStep<MobileNodeState> {
  const c = state.config;
  const ha = c.homeAgentAssociation;
  const id = nextRegistrationIdentification(state.replay, c.epochUnixMs, ctx.now, ctx.random);
  const lifetime = requestLifetime(state, t);
  const baseFlags = {
    ...NO_REQUEST_FLAGS,
    minimalEncapsulation: !t.deregistration && c.encapsulation === 'minimal' && t.offersMinimal, // RFC 2002 §3.3: only if the FA advertised M
    greEncapsulation: !t.deregistration && c.encapsulation === 'gre' && t.offersGre,
  };
  // Perkins & Johnson §3.6; optim-08 §4.6; Perkins & Johnson §4.1; optim-06 §9: P asks that the binding never be disclosed (OC-02: its bit depends on the profile).
  const flags = c.privateBinding && !t.deregistration ? withPrivateBinding(baseFlags, c.profile, true) : baseFlags;
  // OC-17: key requests before the Mobile-Home extension; Perkins & Johnson §4.1; optim-08 §5.1: the PFAN after it, before Mobile-Foreign.
  const keys = keyRequestFor(state, t, ctx.random);
  const handoff = planHandoff(state, t, id.identification);
  // Perkins & Johnson §4.2 (optim-08 §6): back home, name the correspondents that still hold the old binding; before Mobile-Home auth (OC-17, RFC 2002 §3.6.1.3).
  const warning: MipExtension[] = t.deregistration && c.bindingWarningTargets.length > 0
    ? [{ kind: 'binding-warning-extension', reserved: 0, homeAddress: c.homeAddress, targets: [...c.bindingWarningTargets] }]
    : [];
  const extensions: MipExtension[] = [...keys.extensions, ...warning, { kind: 'mobile-home-auth', spi: ha.spi, authenticator: new Uint8Array(16) }];
  if (handoff !== null) extensions.push(handoff.notification.extension);
  const auth: Partial<Record<AuthenticationKind, AuthSecret>> = { 'mobile-home-auth': { key: ha.key, algorithm: ha.algorithm } };
  const fa = c.foreignAgentAssociations.find((sa) => sa.peer === t.agent);
  if (fa !== undefined) {
    extensions.push({ kind: 'mobile-foreign-auth', spi: fa.spi, authenticator: new Uint8Array(16) });
    auth['mobile-foreign-auth'] = { key: fa.key, algorithm: fa.algorithm };
  }
  const m = registrationRequest({ flags, lifetime, homeAddress: c.homeAddress, homeAgent: state.homeAgent, careOfAddress: t.careOfAddress, identification: id.identification, extensions });
  const payload = sealMessage(m, { auth }, c.profile);
  // OC-08: TTL 1 to the FA on the local link and for the deregistration from home (RFC 2002 App. D.1, D.3).
  const bytes = udpDatagram({ source: c.homeAddress, destination: t.agent, ttl: 1, identification: state.nextIdentification }, MN_REGISTRATION_PORT, MOBILE_IP_PORT, payload);
  const retransmissions = continuing === undefined ? 0 : continuing.retransmissions;
  const next: MobileNodeState = {
    ...state, replay: id.state, nextIdentification: (state.nextIdentification + 1) & 0xffff, retry: null,
    pending: { target: t, lifetime, identification: id.identification, bytes, firstSentAt: continuing?.firstSentAt ?? ctx.now, sentAt: ctx.now, retransmissions, key: keys.pending, keyRecord: keys.record },
  };
  const why = continuing === undefined ? `registering with ${t.agent}` : `retransmission ${retransmissions}: no Reply in time, new Identification (timestamps)`;
  const outputs: NodeOutput[] = [...keys.outputs, transmit(ctx, t, bytes, `${describeRequest(m)}: ${c.homeAddress}:${MN_REGISTRATION_PORT} → ${t.agent}:${MOBILE_IP_PORT}`, why), { kind: 'set-timer', key: RETRANSMIT_TIMER, at: ctx.now + retransmissionTimeout(retransmissions), ref: 'RFC 2002 §3.6.3; lab choice' }];
  if (handoff === null) return { state: next, outputs };
  const armed = armAfterRequest(next, handoff, ctx); // Perkins & Johnson §4.1; optim-08 §3.2
  return { state: armed.state, outputs: [...outputs, ...armed.outputs] };
}

function transmit(ctx: NodeContext, t: RegistrationTarget, bytes: Uint8Array, summary: string, reason: string): NodeOutput {
  const own = ctx.node.interfaces.find((i) => i.name === t.interface);
  return { kind: 'transmit', interface: t.interface, frame: { source: own?.linkAddress ?? '', destination: t.linkAddress, etherType: EtherType.IPV4, payload: bytes }, summary, reason, ref: 'RFC 2002 §3.6.1, §3.6.1.2; lab choice' };
}

export function onRetransmitTimer(state: MobileNodeState, ctx: NodeContext): NodeStep<MobileNodeState> {
  const p = state.pending;
  if (p === null) return { state, outputs: [] };
  const limit = seconds(p.lifetime === 0 ? state.config.requestedLifetime : p.lifetime);
  if (ctx.now - p.firstSentAt >= limit) {
    return { state: { ...state, pending: null }, outputs: [decision(`registration with ${p.target.agent} abandoned`, `no Reply within the requested Lifetime (${limit / 1_000_000} s) since the first transmission`, 'lab choice; RFC 2002 §3.6.3')] };
  }
  const retransmissions = p.retransmissions + 1;
  if (state.replay.style === 'timestamp') return sendRequest(state, p.target, ctx, { firstSentAt: p.firstSentAt, retransmissions });
  // RFC 2002 §3.6.3: with nonces the unanswered Request is resent unchanged.
  return {
    state: { ...state, pending: { ...p, sentAt: ctx.now, retransmissions } },
    outputs: [transmit(ctx, p.target, p.bytes, `Registration Request to ${p.target.agent} resent unchanged (retransmission ${retransmissions})`, 'no Reply in time; nonces: the same Request is resent'),
      { kind: 'set-timer', key: RETRANSMIT_TIMER, at: ctx.now + retransmissionTimeout(retransmissions), ref: 'RFC 2002 §3.6.3; lab choice' }],
  };
}

export function onReply(state: MobileNodeState, d: Ipv4Datagram, payload: Uint8Array, m: RegistrationReply, ctx: NodeContext): NodeStep<MobileNodeState> {
  const c = state.config;
  const p = state.pending;
  const drop = (reason: string, ref: string): NodeStep<MobileNodeState> => ({ state, outputs: [dropped(`${describeReply(m)} discarded`, reason, ref)] });
  if (p === null) return drop('no Request outstanding', 'RFC 2002 §3.6.2.1');
  if (!sameLow32(p.identification, m.identification)) return drop('the low 32 bits of the Identification do not match the latest Request', 'RFC 2002 §3.6.2.1, §3.6.2');
  const fa = c.foreignAgentAssociations.find((sa) => sa.peer === p.target.agent);
  if (fa !== undefined) {
    const mf = checkAuthentication(payload, m, 'mobile-foreign-auth', (spi) => (spi === fa.spi ? fa : null), c.profile);
    if (!mf.ok) return drop(mf.reason, 'RFC 2002 §3.6.2.1, §3.6.2');
  }
  let s = state;
  const fromHomeAgent = m.code < 64 || m.code >= 128;
  if (fromHomeAgent) {
    const ha = c.homeAgentAssociation;
    const mh = checkAuthentication(payload, m, 'mobile-home-auth', (spi) => (spi === ha.spi ? ha : null), c.profile);
    if (!mh.ok) return drop(mh.reason, 'RFC 2002 §3.6.2.1, §3.6.2');
    s = { ...s, replay: onRegistrationReply(s.replay, m).state };
  }
  const outputs: NodeOutput[] = [{ kind: 'cancel-timer', key: RETRANSMIT_TIMER }];
  if (m.code === ReplyCode.ACCEPTED || m.code === ReplyCode.ACCEPTED_NO_SIMULTANEOUS_BINDINGS) {
    s = { ...s, pending: null, solicitor: resetSolicitationBackoff(s.solicitor) };
    if (p.target.deregistration || m.lifetime === 0) {
      outputs.push({ kind: 'cancel-timer', key: RENEW_TIMER }, decision(`deregistered with ${s.homeAgent}`, `Code ${replyCodeText(m.code)}: the home agent holds no binding; normal delivery on the home link`, 'RFC 2002 §3.6.2.2, §3.6.1.2'));
      return { state: { ...s, registration: null }, outputs };
    }
    const keyed = keyFromAcceptedReply(s, p, payload); // Perkins & Johnson §9.1, §9.2: after the Mobile-Home authenticator verified
    s = keyed.state;
    outputs.push(...keyed.outputs);
    // RFC 2002 §3.6.2: count the granted Lifetime from when the Request was sent, so the MN expires before the HA.
    const expiresAt = p.sentAt + seconds(m.lifetime);
    const renewAt = p.sentAt + Math.floor(seconds(m.lifetime) * RENEW_FRACTION);
    outputs.push({ kind: 'set-timer', key: RENEW_TIMER, at: Math.max(ctx.now, renewAt), ref: 'RFC 2002 §3.6.2.2 (re-register before expiry)' });
    outputs.push(decision(`registered via ${p.target.agent}, care-of address ${p.target.careOfAddress}`, `Code ${replyCodeText(m.code)}; granted ${m.lifetime} s counted from the send time: valid until ${expiresAt / 1_000_000} s, renewal at ${renewAt / 1_000_000} s`, 'RFC 2002 §3.6.2.2, §3.6.2'));
    return { state: { ...s, registration: { target: p.target, grantedLifetime: m.lifetime, expiresAt, renewAt } }, outputs };
  }
  const retryAt = Math.max(ctx.now, p.sentAt + seconds(1)); // RFC 2002 §3.6.3: at least 1 s between Requests
  const repair = (reason: string, next: MobileNodeState): NodeStep<MobileNodeState> => ({
    state: { ...next, pending: null, retry: p.target },
    outputs: [...outputs, decision(`denied, Code ${replyCodeText(m.code)}: retrying`, reason, 'RFC 2002 §3.6.2.3, §3.6.2'), { kind: 'set-timer', key: RETRY_TIMER, at: retryAt, ref: 'RFC 2002 §3.6.3 (≥ 1 s between Requests)' }],
  });
  if (m.code === ReplyCode.FA_LIFETIME_TOO_LONG) return repair(`the foreign agent accepts at most ${m.lifetime} s: the next Request asks for no more`, { ...s, lifetimeCap: m.lifetime });
  if (m.code === ReplyCode.HA_IDENTIFICATION_MISMATCH) return repair(`Identification resynchronised from the Reply (${s.replay.style === 'timestamp' ? 'clock offset adjusted to the home agent\'s time' : 'the home agent\'s new nonce'})`, s);
  if (m.code === ReplyCode.HA_UNKNOWN_HOME_AGENT_ADDRESS) return repair(`the Reply names home agent ${m.homeAgent}: adopted, Identification resynchronised`, { ...s, homeAgent: m.homeAgent });
  return { state: { ...s, pending: null }, outputs: [...outputs, decision(`registration denied, Code ${replyCodeText(m.code)}`, 'no repair is possible for this code: the mobile node gives up (logged)', 'RFC 2002 §3.6.2.3, §3.6.2')] };
}
