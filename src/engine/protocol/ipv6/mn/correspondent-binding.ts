// Binding Updates from the IPv6 mobile node to its correspondents
// (Perkins & Johnson §10; mipv6-07 §4.4, §10.9–§11; RFC 6275 §11.7.2, §11.7.3;
// docs/ipv6.md §3, OC-55). In IPv6 the mobile node itself keeps its
// correspondents' binding caches up to date:
// - a datagram from a correspondent that arrives tunnelled by the home agent
//   shows the correspondent has no binding (or a stale one): send it one;
// - after each move, every correspondent in the Binding Update List hears the
//   new care-of address; on coming home, Lifetime 0;
// - a Binding Refresh Request is answered with a Binding Update.
// At most one per second per correspondent, and after five in a row one per
// 10 s (mipv6-07 §10.9–§11). Authentication: AH under a configured association
// (the paper's model) or return routability (RFC 6275 §5.2).

import type { NodeContext, NodeOutput, NodeStep } from '../../../node/contract';
import type { Ipv6Address } from '../../../wire/ipv6/ipv6-address';
import type { BindingAcknowledgementMessage } from '../../../wire/ipv6/mobility-messages';
import { BindingAckStatus, bindingAckStatusText, isBindingAckAccepted } from '../../../wire/ipv6/mobility-status';
import { decision, tableTraces } from '../../nodes/common/trace';
import { tryAcquire } from '../../tables/rate-limiter';
import { correspondentsToUpdate, recordAcknowledged, recordRefusal, stopSendingTo } from './binding-update-list';
import { sendBindingUpdate, type BindingUpdateAuth } from './binding-update-sender';
import { associationFor, type MobileNodeV6State } from './mobile-node-v6-state';
import { correspondentOfTimer, correspondentRetransmitTimer, correspondentRetransmitWaitUs } from './correspondent-timers';
import { forgetTokens, keysFor, startReturnRoutability } from './return-routability-client';

export const CN_BU_REF = 'Perkins & Johnson §10; mipv6-07 §4.4';
/** RFC 6275 §12 MAX_RR_BINDING_LIFETIME. */
export const MAX_RR_BINDING_LIFETIME_S = 420;

export type CorrespondentTrigger = 'tunnelled' | 'moved' | 'refresh-request' | 'retry' | 'tokens-ready' | 'retransmit';


/** The lifetime to ask a correspondent for: 0 at home; capped at 420 s under return routability (RFC 6275 §5.2.6). */
export function correspondentLifetime(state: MobileNodeV6State): number {
  if (state.atHome) return 0;
  const asked = state.config.correspondentLifetimeS;
  return state.config.correspondentAuthentication === 'return-routability' ? Math.min(asked, MAX_RR_BINDING_LIFETIME_S) : asked;
}

/** Sends `cn` a Binding Update for where the mobile node is now, if the rules allow it; otherwise says why not. */
export function updateCorrespondent(state: MobileNodeV6State, ctx: NodeContext, cn: Ipv6Address, trigger: CorrespondentTrigger, why: string, sequence?: number): NodeStep<MobileNodeV6State> {
  const c = state.config;
  const no = (reason: string, ref = CN_BU_REF): NodeStep<MobileNodeV6State> => ({ state, outputs: [decision(`no Binding Update to ${cn}`, reason, ref)] });
  if (!c.routeOptimization) return no('route optimization is turned off for this mobile node: the correspondent keeps sending to the home address');
  if (state.noMobilitySupport.includes(cn)) return no(`${cn} answered an earlier Binding Update with ICMPv6 Parameter Problem: it does not process the Mobility Header`, 'RFC 6275 §11.3.5');
  const listed = state.bindingUpdateList[cn];
  if (listed !== undefined && !listed.sending) return no(`${cn} refused an earlier Binding Update in a way the mobile node cannot correct (${listed.refusal ?? 'refused'})`, 'RFC 6275 §11.7.3');
  const careOf = state.atHome ? c.homeAddress : state.attachment?.careOfAddress;
  if (careOf === undefined) return no('the mobile node has no care-of address yet');
  let s = state;
  const outputs: NodeOutput[] = [];
  if (trigger !== 'tokens-ready' && trigger !== 'retransmit') {
    const gate = tryAcquire(s.bindingUpdateLimiter, { destination: cn, mobileNode: c.homeAddress, ...(trigger === 'refresh-request' || trigger === 'retry' ? { answering: true } : {}) }, careOf, ctx.now);
    if (!gate.allowed) return no(gate.reason, 'mipv6-07 §10.9–§11');
    s = { ...s, bindingUpdateLimiter: gate.limiter };
    outputs.push(...tableTraces('Binding Update rate limit', gate.changes));
  }
  let auth: BindingUpdateAuth;
  if (c.correspondentAuthentication === 'ipsec') {
    const sa = associationFor(c, cn);
    if (sa === undefined) return no(`the mobile node shares no security association with ${cn}, and authenticates Binding Updates to correspondents with AH: it cannot send one it could prove`, 'Perkins & Johnson §10; mipv6-07 §4.4');
    auth = { kind: 'ah', sa };
  } else {
    const keys = keysFor(s, cn, ctx.now);
    if (!keys.ready) {
      const rr = startReturnRoutability(s, ctx, cn, why);
      return { state: rr.state, outputs: [...outputs, ...rr.outputs] };
    }
    auth = { kind: 'return-routability', kbm: keys.kbm, homeNonceIndex: keys.homeNonceIndex, careOfNonceIndex: keys.careOfNonceIndex };
  }
  const sent = sendBindingUpdate(s, ctx, {
    destination: cn, kind: 'correspondent', homeAddress: c.homeAddress, careOfAddress: careOf, lifetimeS: correspondentLifetime(s),
    homeRegistration: false, auth, ref: CN_BU_REF, why, ...(sequence === undefined ? {} : { sequence }),
  });
  // RFC 6275 §11.8: a Binding Update with A set is sent again if no acknowledgement comes.
  const entry = sent.state.bindingUpdateList[cn]!;
  const wait = correspondentRetransmitWaitUs(entry.retransmissions);
  return { state: sent.state, outputs: [...outputs, ...sent.outputs, { kind: 'set-timer', key: correspondentRetransmitTimer(cn), at: ctx.now + wait, ref: 'RFC 6275 §11.8' }] };
}

/** The retransmission timer of a Binding Update to a correspondent: sent again (new Sequence Number) while unanswered. */
export function onCorrespondentRetransmitTimer(state: MobileNodeV6State, ctx: NodeContext, key: string): NodeStep<MobileNodeV6State> {
  const cn = correspondentOfTimer(key);
  const pending = state.returnRoutability[cn];
  if (pending !== undefined && pending.bindingPending) {
    const waitedTests = correspondentRetransmitWaitUs(pending.attempts) / 1_000_000;
    return startReturnRoutability(state, ctx, cn, `no answer to the return-routability tests within ${waitedTests} s: sent again with new cookies, the wait doubled (at most 32 s)`);
  }
  const e = state.bindingUpdateList[cn];
  if (e === undefined || e.acknowledgedAt !== null || !e.sending || e.kind !== 'correspondent') return { state, outputs: [] };
  const careOf = state.atHome ? state.config.homeAddress : state.attachment?.careOfAddress;
  if (careOf !== e.careOfAddress) return { state, outputs: [] }; // a newer binding was sent since: its own timer runs
  const waited = correspondentRetransmitWaitUs(e.retransmissions) / 1_000_000;
  return updateCorrespondent(state, ctx, cn, 'retransmit', `no Binding Acknowledgement for #${e.sequence} from ${cn} within ${waited} s: sent again with a new Sequence Number, the wait doubled (at most 32 s)`);
}

/** After a move (or on coming home): every correspondent in the Binding Update List hears of it (mipv6-07 §4.4). */
export function updateAllCorrespondents(state: MobileNodeV6State, ctx: NodeContext, why: string): NodeStep<MobileNodeV6State> {
  let s = state;
  const outputs: NodeOutput[] = [];
  for (const e of correspondentsToUpdate(state.bindingUpdateList)) {
    const step = updateCorrespondent(s, ctx, e.destination, 'moved', why);
    s = step.state;
    outputs.push(...step.outputs);
  }
  return { state: s, outputs };
}

/** A Binding Acknowledgement from a correspondent, matched to the newest Binding Update sent to it (RFC 6275 §11.7.3). */
export function onCorrespondentAcknowledgement(state: MobileNodeV6State, ctx: NodeContext, cn: Ipv6Address, ba: BindingAcknowledgementMessage): NodeStep<MobileNodeV6State> {
  if (isBindingAckAccepted(ba.status)) {
    const granted = ba.lifetimeUnits * 4;
    const listed = recordAcknowledged(state.bindingUpdateList, cn, granted, ctx.now);
    const text = granted === 0 ? `${cn} deleted its binding: it sends to the home address again` : `${cn} holds the binding for ${granted} s: its datagrams now come straight to the care-of address`;
    return {
      state: { ...state, bindingUpdateList: listed.table },
      outputs: [...tableTraces('Binding Update List', listed.changes), decision(`Binding Update #${ba.sequence} acknowledged by ${cn}`, `status ${bindingAckStatusText(ba.status)}: ${text}`, CN_BU_REF)],
    };
  }
  const why = `${cn} refused Binding Update #${ba.sequence}: status ${bindingAckStatusText(ba.status)}`;
  const ref = 'RFC 6275 §11.7.3';
  if (ba.status === BindingAckStatus.SEQUENCE_NUMBER_OUT_OF_WINDOW) {
    // The acknowledgement carries the last Sequence Number the correspondent accepted: send again above it.
    const next = (ba.sequence + 1) & 0xffff;
    const retry = updateCorrespondent(state, ctx, cn, 'retry', `${why}; it last accepted #${ba.sequence}: sent again with #${next}`, next);
    return { state: retry.state, outputs: [decision('Binding Update refused', why, ref), ...retry.outputs] };
  }
  const expired = { [BindingAckStatus.EXPIRED_HOME_NONCE_INDEX]: 'home', [BindingAckStatus.EXPIRED_CARE_OF_NONCE_INDEX]: 'care-of', [BindingAckStatus.EXPIRED_NONCES]: 'both' } as const;
  const which = (expired as Record<number, 'home' | 'care-of' | 'both'>)[ba.status];
  if (which !== undefined && state.config.correspondentAuthentication === 'return-routability') {
    const rr = startReturnRoutability(forgetTokens(state, cn, which), ctx, cn, `${why}: new keygen tokens are needed`);
    return { state: rr.state, outputs: [decision('Binding Update refused', why, ref), ...rr.outputs] };
  }
  const refused = recordRefusal(state.bindingUpdateList, cn, why, false, ref);
  return {
    state: { ...state, bindingUpdateList: refused.table },
    outputs: [...tableTraces('Binding Update List', refused.changes), decision('Binding Update refused', `${why}; nothing the mobile node can change would make it accepted, so it sends ${cn} no more Binding Updates`, ref)],
  };
}

/** RFC 6275 §11.7.4: a Binding Refresh Request is answered with a Binding Update (return routability first if the tokens are old). */
export function onBindingRefreshRequest(state: MobileNodeV6State, ctx: NodeContext, cn: Ipv6Address): NodeStep<MobileNodeV6State> {
  if (state.atHome) return { state, outputs: [decision(`Binding Refresh Request from ${cn} not answered`, 'the mobile node is at home: there is no binding to refresh', 'RFC 6275 §11.7.4')] };
  return updateCorrespondent(state, ctx, cn, 'refresh-request', `${cn} asked for a fresh binding (Binding Refresh Request)`);
}

/** RFC 6275 §11.3.5: a Parameter Problem about the Mobility Header means the correspondent does not support it: no more Binding Updates. */
export function onMobilityHeaderUnsupported(state: MobileNodeV6State, cn: Ipv6Address): NodeStep<MobileNodeV6State> {
  if (state.noMobilitySupport.includes(cn)) return { state, outputs: [] };
  const reason = `${cn} answered with ICMPv6 Parameter Problem pointing at the Mobility Header: it does not process the Mobility Header, so the mobile node sends it no more Binding Updates and its datagrams keep going through the home agent`;
  const stopped = stopSendingTo(state.bindingUpdateList, cn, reason, 'RFC 6275 §11.3.5');
  return {
    state: { ...state, bindingUpdateList: stopped.table, noMobilitySupport: [...state.noMobilitySupport, cn] },
    outputs: [...tableTraces('Binding Update List', stopped.changes), decision(`no more Binding Updates to ${cn}`, reason, 'RFC 6275 §11.3.5, §9.2')],
  };
}
