// The IPv6 mobile node's home registration (RFC 6275 §11.7.1,
// §11.7.3, §11.8; docs/ipv6.md §3): a Binding Update with A and H to the home
// agent, from the care-of address with a Home Address option, under AH with
// the mobile node–home agent association; Lifetime 0 from the home address
// when it comes home. An unanswered Binding Update is sent again — with a new
// Sequence Number — after 1.5 s for a first registration, else 1 s, the wait
// doubling up to 32 s; a registration is refreshed when its remaining
// lifetime falls to max(10 s, 20 %).

import type { NodeContext, NodeOutput, NodeStep } from '../../../node/contract';
import { MICROS_PER_SECOND, type Micros } from '../../../node/time';
import type { BindingAcknowledgementMessage } from '../../../wire/ipv6/mobility-messages';
import { BindingAckStatus, bindingAckStatusText, isBindingAckAccepted } from '../../../wire/ipv6/mobility-status';
import { decision, tableTraces } from '../../nodes/common/trace';
import { recordAcknowledged, recordRefusal } from './binding-update-list';
import { sendBindingUpdate } from './binding-update-sender';
import { associationFor, NO_HOME_REGISTRATION, type HomeRegistration, type MobileNodeV6State } from './mobile-node-v6-state';

export const HOME_RETRANSMIT_TIMER = 'mn6:home-retransmit';
export const HOME_REFRESH_TIMER = 'mn6:home-refresh';
export const HOME_REF = 'RFC 6275 §11.7.1';
const RETRANSMIT_REF = 'RFC 6275 §11.8, §12';

/** RFC 6275 §12: InitialBindackTimeoutFirstReg 1.5 s, INITIAL_BINDACK_TIMEOUT 1 s, MAX_BINDACK_TIMEOUT 32 s. */
export const FIRST_REGISTRATION_TIMEOUT_US: Micros = 1_500_000;
export const INITIAL_BINDACK_TIMEOUT_US: Micros = 1_000_000;
export const MAX_BINDACK_TIMEOUT_US: Micros = 32_000_000;

/** When to refresh a binding granted `lifetimeS` at `at`: remaining lifetime = max(10 s, 20 %) (docs/ipv6.md §3). */
export function refreshPoint(at: Micros, lifetimeS: number): Micros {
  const margin = Math.max(10, lifetimeS * 0.2);
  return at + Math.max(0, lifetimeS - margin) * MICROS_PER_SECOND;
}

/** Sends (or sends again) the home registration for where the mobile node is now: its care-of address, or Lifetime 0 at home. */
export function registerWithHomeAgent(state: MobileNodeV6State, ctx: NodeContext, why: string, sequence?: number): NodeStep<MobileNodeV6State> {
  const c = state.config;
  const sa = associationFor(c, c.homeAgentAddress);
  if (sa === undefined) {
    return { state, outputs: [decision('no home registration', `the mobile node shares no security association with its home agent ${c.homeAgentAddress}, and a home registration must be protected by AH`, 'RFC 6275 §5.1; mipv6-07 §4.4')] };
  }
  const deregistering = state.atHome;
  const careOf = deregistering ? c.homeAddress : state.attachment?.careOfAddress;
  if (careOf === undefined) return { state, outputs: [decision('no home registration yet', 'the mobile node has no care-of address: no Router Advertisement heard yet', 'RFC 4862 §5.5.3')] };
  const sent = sendBindingUpdate(state, ctx, {
    destination: c.homeAgentAddress, kind: 'home-agent', homeAddress: c.homeAddress, careOfAddress: careOf,
    lifetimeS: deregistering ? 0 : c.requestLifetimeS, homeRegistration: true, auth: { kind: 'ah', sa }, ref: HOME_REF, why,
    ...(sequence === undefined ? {} : { sequence }),
  });
  const first = state.home.phase === 'none' || state.home.phase === 'deregistering';
  const repeat = state.home.careOfAddress === careOf && (state.home.phase === 'registering' || state.home.phase === 'deregistering') && sequence === undefined;
  const wait = repeat ? Math.min(state.home.retransmitAfterUs * 2, MAX_BINDACK_TIMEOUT_US) : first && !deregistering ? FIRST_REGISTRATION_TIMEOUT_US : INITIAL_BINDACK_TIMEOUT_US;
  const home: HomeRegistration = {
    ...state.home, phase: deregistering ? 'deregistering' : 'registering', careOfAddress: careOf, sequence: sent.sequence, sentAt: ctx.now,
    retransmissions: repeat ? state.home.retransmissions + 1 : 0, retransmitAfterUs: wait, lastRefusal: null,
  };
  return {
    state: { ...sent.state, home },
    outputs: [...sent.outputs, { kind: 'set-timer', key: HOME_RETRANSMIT_TIMER, at: ctx.now + wait, ref: RETRANSMIT_REF }, { kind: 'cancel-timer', key: HOME_REFRESH_TIMER }],
  };
}

export function onHomeRetransmitTimer(state: MobileNodeV6State, ctx: NodeContext): NodeStep<MobileNodeV6State> {
  const h = state.home;
  if (h.phase !== 'registering' && h.phase !== 'deregistering') return { state, outputs: [] };
  const waited = h.retransmitAfterUs / MICROS_PER_SECOND;
  return registerWithHomeAgent(state, ctx, `no Binding Acknowledgement for #${h.sequence} within ${waited} s: sent again with a new Sequence Number, the wait doubled (at most 32 s)`);
}

export function onHomeRefreshTimer(state: MobileNodeV6State, ctx: NodeContext): NodeStep<MobileNodeV6State> {
  if (state.home.phase !== 'registered' || state.atHome) return { state, outputs: [] };
  return registerWithHomeAgent(state, ctx, `the registration has max(10 s, 20 %) of its ${state.home.grantedLifetimeS} s left: refreshed before it runs out`);
}

/** A Binding Acknowledgement from the home agent, already matched to the newest Binding Update sent to it and authenticated. */
export function onHomeAcknowledgement(state: MobileNodeV6State, ba: BindingAcknowledgementMessage, ctx: NodeContext): NodeStep<MobileNodeV6State> {
  const h = state.home;
  const outputs: NodeOutput[] = [{ kind: 'cancel-timer', key: HOME_RETRANSMIT_TIMER }];
  if (isBindingAckAccepted(ba.status)) {
    const granted = ba.lifetimeUnits * 4;
    const listed = recordAcknowledged(state.bindingUpdateList, state.config.homeAgentAddress, granted, ctx.now);
    outputs.push(...tableTraces('Binding Update List', listed.changes));
    if (h.phase === 'deregistering') {
      outputs.push(decision('home registration ended', `the home agent acknowledged the deregistration (status ${bindingAckStatusText(ba.status)}): at home, packets reach the mobile node directly`, 'RFC 6275 §11.5.5'));
      return { state: { ...state, bindingUpdateList: listed.table, home: { ...NO_HOME_REGISTRATION, sequence: h.sequence, acknowledgedAt: ctx.now } }, outputs };
    }
    const expiresAt = ctx.now + granted * MICROS_PER_SECOND;
    outputs.push(
      decision(`registered with the home agent: ${state.config.homeAddress} at ${h.careOfAddress}`, `Binding Acknowledgement #${ba.sequence}, status ${bindingAckStatusText(ba.status)}, lifetime ${granted} s granted`, HOME_REF),
      { kind: 'set-timer', key: HOME_REFRESH_TIMER, at: refreshPoint(ctx.now, granted), ref: 'RFC 6275 §11.7.1' },
    );
    return { state: { ...state, bindingUpdateList: listed.table, home: { ...h, phase: 'registered', acknowledgedAt: ctx.now, grantedLifetimeS: granted, expiresAt } }, outputs };
  }
  const why = `the home agent refused Binding Update #${h.sequence}: status ${bindingAckStatusText(ba.status)}`;
  if (ba.status === BindingAckStatus.SEQUENCE_NUMBER_OUT_OF_WINDOW) {
    // RFC 6275 §11.7.3: the BA carries the last Sequence Number the home agent accepted; send again above it.
    const retry = registerWithHomeAgent(state, ctx, `${why}; it last accepted #${ba.sequence}: sent again with #${(ba.sequence + 1) & 0xffff}`, (ba.sequence + 1) & 0xffff);
    return { state: retry.state, outputs: [...outputs, ...retry.outputs] };
  }
  const refused = recordRefusal(state.bindingUpdateList, state.config.homeAgentAddress, why, false, 'RFC 6275 §11.7.3');
  outputs.push(...tableTraces('Binding Update List', refused.changes), decision('home registration refused', `${why}; the mobile node does not retry a refusal it cannot correct`, 'RFC 6275 §11.7.3'));
  return { state: { ...state, bindingUpdateList: refused.table, home: { ...h, phase: 'none', lastRefusal: why } }, outputs };
}
