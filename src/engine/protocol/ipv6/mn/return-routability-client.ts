// The mobile node's side of return routability (RFC 6275 §5.2.3–§5.2.6,
// §11.6; docs/ipv6.md §3): a Home Test Init from the home address,
// reverse-tunnelled through the home agent, and a Care-of Test Init straight
// from the care-of address, each with a fresh random cookie; the Home Test
// and Care-of Test bring back a keygen token and a nonce index each. With
// both (only the home token when deregistering at home) it derives
// Kbm = SHA1(home token ‖ care-of token) and sends the Binding Update. A token
// is used for at most MAX_TOKEN_LIFETIME (210 s, RFC 6275 §12); a home token
// still fresh after a move is kept, so only the care-of test is run again
// (RFC 6275 §11.6.1).

import { toHex } from '../../../crypto/bytes';
import { kbm } from '../../../crypto/return-routability';
import type { NodeContext, NodeOutput, NodeStep } from '../../../node/contract';
import { MICROS_PER_SECOND, type Micros } from '../../../node/time';
import type { Ipv6Address } from '../../../wire/ipv6/ipv6-address';
import { COOKIE_LENGTH, type TestMessage } from '../../../wire/ipv6/mobility-messages';
import { entryAt, withEntry } from '../../../keyed';
import { decision, dropped, trace } from '../../nodes/common/trace';
import { correspondentRetransmitTimer, correspondentRetransmitWaitUs } from './correspondent-timers';
import { mobilityPacket, reverseTunnelledPacket } from './mn-packets';
import { sendViaRouter } from './mn-output';
import type { MobileNodeV6State, ReturnRoutabilityEntry } from './mobile-node-v6-state';

export const RR_REF = 'RFC 6275 §5.2.3–§5.2.5, §11.6';
/** RFC 6275 §12 MAX_TOKEN_LIFETIME. */
export const MAX_TOKEN_LIFETIME_US: Micros = 210 * MICROS_PER_SECOND;

export function fromHex(text: string): Uint8Array {
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const fresh = (at: Micros | null, now: Micros): boolean => at !== null && now - at < MAX_TOKEN_LIFETIME_US;

/** The key and nonce indices for a Binding Update to `cn` now, or why there are none yet. */
export type RrKeys =
  | { readonly ready: true; readonly kbm: Uint8Array; readonly homeNonceIndex: number; readonly careOfNonceIndex: number }
  | { readonly ready: false; readonly needHome: boolean; readonly needCareOf: boolean };

export function keysFor(state: MobileNodeV6State, cn: Ipv6Address, now: Micros): RrKeys {
  const e = entryAt(state.returnRoutability, cn);
  const careOf = state.atHome ? state.config.homeAddress : state.attachment?.careOfAddress ?? null;
  const homeOk = e !== undefined && e.homeToken !== null && fresh(e.homeTokenAt, now);
  // RFC 6275 §5.2.6: deregistering from home needs only the home token (Kbm = SHA1(home token)).
  const careOfOk = state.atHome || (e !== undefined && e.careOfToken !== null && e.careOfAddress === careOf && fresh(e.careOfTokenAt, now));
  if (!homeOk || !careOfOk || e === undefined) return { ready: false, needHome: !homeOk, needCareOf: !careOfOk };
  const home = fromHex(e.homeToken!);
  return state.atHome
    ? { ready: true, kbm: kbm(home), homeNonceIndex: e.homeNonceIndex!, careOfNonceIndex: e.homeNonceIndex! }
    : { ready: true, kbm: kbm(home, fromHex(e.careOfToken!)), homeNonceIndex: e.homeNonceIndex!, careOfNonceIndex: e.careOfNonceIndex! };
}

/** Sends the tests still needed for `cn`; the Binding Update follows when the answers are in (`bindingPending`). */
export function startReturnRoutability(state: MobileNodeV6State, ctx: NodeContext, cn: Ipv6Address, why: string): NodeStep<MobileNodeV6State> {
  const keys = keysFor(state, cn, ctx.now);
  const c = state.config;
  const careOf = state.atHome ? c.homeAddress : state.attachment?.careOfAddress;
  if (careOf === undefined) return { state, outputs: [decision(`no return routability with ${cn}`, 'no care-of address yet', RR_REF)] };
  const needHome = keys.ready ? false : keys.needHome;
  const needCareOf = keys.ready ? false : keys.needCareOf;
  const before = entryAt(state.returnRoutability, cn);
  const outputs: NodeOutput[] = [decision(`return routability with ${cn}`, `${why}; ${needHome ? 'home' : ''}${needHome && needCareOf ? ' and ' : ''}${needCareOf ? 'care-of' : ''} keygen token needed`, RR_REF)];
  const homeCookie = needHome ? toHex(ctx.random.bytes(COOKIE_LENGTH)) : before?.homeCookie ?? '';
  const careOfCookie = needCareOf ? toHex(ctx.random.bytes(COOKIE_LENGTH)) : before?.careOfCookie ?? '';
  if (needHome) {
    const inner = mobilityPacket({ source: c.homeAddress, destination: cn, message: { kind: 'home-test-init', cookie: fromHex(homeCookie), options: [] } });
    const bytes = state.atHome ? inner : reverseTunnelledPacket(inner, careOf, c.homeAgentAddress);
    const via = state.atHome ? 'from the home link' : `reverse-tunnelled through the home agent ${c.homeAgentAddress}`;
    outputs.push(sendViaRouter(state, ctx, bytes, state.atHome ? cn : c.homeAgentAddress, { summary: `Home Test Init ${c.homeAddress} → ${cn} (${via})`, ref: 'RFC 6275 §5.2.3, §11.6.1', reason: 'the Home Test must come back through the home agent, proving the mobile node receives at its home address' }));
  }
  if (needCareOf) {
    const bytes = mobilityPacket({ source: careOf, destination: cn, message: { kind: 'care-of-test-init', cookie: fromHex(careOfCookie), options: [] } });
    outputs.push(sendViaRouter(state, ctx, bytes, cn, { summary: `Care-of Test Init ${careOf} → ${cn}`, ref: 'RFC 6275 §5.2.4, §11.6.1', reason: 'the Care-of Test comes straight to the care-of address, proving the mobile node receives there' }));
  }
  const entry: ReturnRoutabilityEntry = {
    correspondent: cn, homeCookie, careOfCookie,
    homeToken: needHome ? null : before?.homeToken ?? null, homeNonceIndex: needHome ? null : before?.homeNonceIndex ?? null, homeTokenAt: needHome ? null : before?.homeTokenAt ?? null,
    careOfToken: needCareOf ? null : before?.careOfToken ?? null, careOfNonceIndex: needCareOf ? null : before?.careOfNonceIndex ?? null,
    careOfTokenAt: needCareOf ? null : before?.careOfTokenAt ?? null, careOfAddress: needCareOf ? careOf : before?.careOfAddress ?? null,
    startedAt: ctx.now, bindingPending: true, attempts: before?.bindingPending === true ? before.attempts + 1 : 0,
  };
  // RFC 6275 §11.8: the inits are sent again if their tests do not come back.
  outputs.push({ kind: 'set-timer', key: correspondentRetransmitTimer(cn), at: ctx.now + correspondentRetransmitWaitUs(entry.attempts), ref: 'RFC 6275 §11.8' });
  return { state: { ...state, returnRoutability: withEntry(state.returnRoutability, cn, entry) }, outputs };
}

export interface TestOutcome {
  readonly state: MobileNodeV6State;
  readonly outputs: NodeOutput[];
  /** True when both tokens are now in and a Binding Update was waiting for them. */
  readonly bindingDue: boolean;
}

/** A Home Test or Care-of Test from `cn` (RFC 6275 §11.6.2): accepted only if it carries the cookie of the init it answers. */
export function onTestMessage(state: MobileNodeV6State, ctx: NodeContext, cn: Ipv6Address, m: TestMessage): TestOutcome {
  const e = entryAt(state.returnRoutability, cn);
  const name = m.kind === 'home-test' ? 'Home Test' : 'Care-of Test';
  const expected = e === undefined ? undefined : m.kind === 'home-test' ? e.homeCookie : e.careOfCookie;
  if (expected === undefined || expected === '' || expected !== toHex(m.cookie)) {
    return { state, outputs: [dropped(`${name} from ${cn} discarded`, e === undefined ? `no return routability is under way with ${cn}` : `its cookie does not match the one the mobile node sent (RFC 6275 §11.6.2)`, 'RFC 6275 §11.6.2')], bindingDue: false };
  }
  const token = toHex(m.keygenToken);
  const updated: ReturnRoutabilityEntry = m.kind === 'home-test'
    ? { ...e!, homeToken: token, homeNonceIndex: m.nonceIndex, homeTokenAt: ctx.now, homeCookie: '' }
    : { ...e!, careOfToken: token, careOfNonceIndex: m.nonceIndex, careOfTokenAt: ctx.now, careOfCookie: '' };
  const s = { ...state, returnRoutability: withEntry(state.returnRoutability, cn, updated) };
  const keys = keysFor(s, cn, ctx.now);
  const due = keys.ready && updated.bindingPending;
  const outputs: NodeOutput[] = [trace('received', `${name} from ${cn}: keygen token, nonce index ${m.nonceIndex}`, 'RFC 6275 §5.2.5, §11.6.2', { reason: due ? 'both tokens are in: the Binding Update can be authorized' : 'waiting for the other test' })];
  const settled = due ? { ...s, returnRoutability: withEntry(s.returnRoutability, cn, { ...updated, bindingPending: false }) } : s;
  return { state: settled, outputs, bindingDue: due };
}

/** Forgets the tokens for `cn` (its nonces expired, BA 136–138): the next Binding Update runs the tests again. */
export function forgetTokens(state: MobileNodeV6State, cn: Ipv6Address, which: 'home' | 'care-of' | 'both'): MobileNodeV6State {
  const e = entryAt(state.returnRoutability, cn);
  if (e === undefined) return state;
  const homeGone = which !== 'care-of';
  const careOfGone = which !== 'home';
  return {
    ...state,
    returnRoutability: withEntry(state.returnRoutability, cn, {
      ...e,
      ...(homeGone ? { homeToken: null, homeNonceIndex: null, homeTokenAt: null } : {}),
      ...(careOfGone ? { careOfToken: null, careOfNonceIndex: null, careOfTokenAt: null } : {}),
    }),
  };
}
