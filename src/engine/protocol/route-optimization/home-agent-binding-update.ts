// The one place a home agent builds a Binding Update (Perkins & Johnson §3.3,
// §3.6; optim-08 §3.1 common conditions, §4.3 field values, §4.6 privacy, §7.1 rate
// limiting; OC-20, OC-26, OC-27, OC-28, OC-38, OC-45). The triggers in
// home-agent-ro.ts decide *who* gets one; this file decides *whether* and
// *what*:
//
//   1. no MSA with the destination                       → nothing (OC-27)
//   2. MN registered with P → every BU about it is a delete BU (CoA = home,
//      Lifetime 0), whatever the trigger (Perkins & Johnson §3.6; OC-26
//      revised); no current binding (the MN is home) → triggers b, c, d: a
//      delete BU; triggers a, e, f: nothing (there is nothing to tell)
//   3. rate limit per (destination, MN); answers to Binding Requests in a bucket of their own
//   4. BU: I = 1, M/G from the registration (OC-38), Lifetime = remaining
//      registration lifetime (0xFFFF if infinite), CoA = most recent (OC-45),
//      Identification per the MSA's replay style (Perkins & Johnson §3.3; optim-08 §4.3), sealed with type 35.
//      An answer copies the Binding Request's Identification only where that
//      cannot steer what the receiver accepts next (OC-47): a Binding Request
//      is not authenticated, and the update it provokes is signed.

import type { Identification } from '../../crypto/identification';
import { sealMessage } from '../../crypto/seal';
import type { RandomSource } from '../../random';
import type { Ipv4Address } from '../../wire/address';
import { bindingUpdate } from '../../wire/mip/binding-update';
import { identificationHex } from '../../wire/mip/identification';
import { recordAcknowledgeableUpdate, type AcknowledgedCorrespondents } from '../tables/acknowledged-correspondents';
import { recordBindingUpdateSent, type InformedCorrespondents } from '../tables/informed-correspondents';
import { nextBindingUpdateIdentification, type BuSenderReplayTable } from '../tables/binding-update-replay';
import { currentBinding, type MobilityBindingList } from '../tables/mobility-bindings';
import { tryAcquire, type RateLimiter } from '../tables/rate-limiter';
import { associationWithPeer, type SecurityAssociationTable } from '../tables/security-associations';
import { remainingLifetimeSeconds, type Micros } from '../tables/table-change';
import { bindingUpdateText } from './binding-update-check';
import { changeTraces, decision, roSend, type RoConfig, type RoSend, type RoTrace } from './types';

export interface HomeAgentRoState {
  /** Identification per receiver (OC-28 timestamps, or nonces optim-08 §4.3). */
  readonly replay: BuSenderReplayTable;
  /** BU rate limiter per (destination, MN) (OC-20). */
  readonly limiter: RateLimiter;
  /** Optional list of correspondents that acknowledged (trigger f, Perkins & Johnson §3.4; optim-08 §7.3). */
  readonly acknowledged: AcknowledgedCorrespondents;
  /** Who was told each mobile node's binding, to be told to delete it when the mobile node comes home (trigger g, OC-45). */
  readonly informed: InformedCorrespondents;
}

export interface HomeAgentContext {
  readonly address: Ipv4Address;
  /** The mobile nodes this agent serves (BR/BW about anyone else are ignored, OC-45). */
  readonly homeAddresses: readonly Ipv4Address[];
  /** The mobility binding list, as the registration logic left it (read only here). */
  readonly bindings: MobilityBindingList;
  readonly associations: SecurityAssociationTable;
  /** Keep the optional list of acknowledging correspondents (trigger f, optim-08 §7.3). */
  readonly maintainAcknowledgedList: boolean;
  readonly config: RoConfig;
}

/** The triggers of Perkins & Johnson §3.3; optim-08 §3.1. */
export type BindingUpdateTrigger = 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g';

const TRIGGER_TEXT: Record<BindingUpdateTrigger, string> = {
  a: 'tunnelled a datagram from this node (trigger a, optim-08 §3.1)',
  b: 'answering its Binding Request (trigger b, optim-08 §4.2)',
  c: 'named in a Binding Warning (trigger c, optim-08 §4.1)',
  d: 'named in a Binding Warning extension (trigger d, optim-08 §6)',
  e: 'involved in a special tunnel (trigger e, spectun-00 §3.1)',
  f: 'on the list of acknowledging correspondents (trigger f, optim-08 §7.3)',
  g: 'told the binding the mobile node has just given up by coming home (Perkins & Johnson §3.3, §4.2)',
};

export interface BindingUpdateOrder {
  readonly destination: Ipv4Address;
  readonly homeAddress: Ipv4Address;
  readonly trigger: BindingUpdateTrigger;
  /** The Binding Request being answered (trigger b). */
  readonly answering?: Identification;
}

export interface BindingUpdateBuilt {
  readonly state: HomeAgentRoState;
  readonly send: RoSend | null;
  readonly traces: readonly RoTrace[];
}

export function buildHomeAgentBindingUpdate(state: HomeAgentRoState, ctx: HomeAgentContext, order: BindingUpdateOrder, now: Micros, random: RandomSource): BindingUpdateBuilt {
  const { destination, homeAddress, trigger } = order;
  const why = `${destination} ${TRIGGER_TEXT[trigger]}`;
  const none = (summary: string, ref: string, reason: string): BindingUpdateBuilt => ({ state, send: null, traces: [decision(summary, ref, `${reason}; ${why}`)] });
  const found = associationWithPeer(ctx.associations, destination, now);
  if (found === null) return none(`no Binding Update to ${destination}`, 'Perkins & Johnson §3.3; optim-08 §3.1; lab choice: only to a node that shares an MSA (Perkins & Johnson §5)', `no security association with ${destination}, it could not authenticate one`);
  const sa = found.association;

  const binding = currentBinding(ctx.bindings, homeAddress, now);
  const hidden = binding === null || binding.flags.privateBinding;
  if (binding === null && (trigger === 'a' || trigger === 'e' || trigger === 'f')) {
    return none(`no Binding Update to ${destination}`, 'Perkins & Johnson §3.3', `${homeAddress} has no current binding`);
  }
  const careOf = hidden ? homeAddress : binding.careOfAddress;
  const lifetime = hidden ? 0 : remainingLifetimeSeconds(binding.expiresAt, now);
  const traces: RoTrace[] = [];
  let next = state;

  // Every BU is rate-limited (Perkins & Johnson §3.3; OC-20), answers to Binding Requests included (OC-43 revised):
  // a flood of requests, genuine or spoofed, costs at most the backoff's worth of signed answers.
  const rate = tryAcquire(state.limiter, { destination, mobileNode: homeAddress, ...(trigger === 'b' ? { answering: true } : {}) }, careOf, now);
  if (!rate.allowed) return { state, send: null, traces: [decision(`Binding Update to ${destination} not sent`, 'Perkins & Johnson §3.3; optim-08 §7.1', rate.reason)] };
  next = { ...next, limiter: rate.limiter };
  traces.push(...changeTraces('BU rate limiter', rate.changes));

  const ident = nextBindingUpdateIdentification(next.replay, {
    peer: destination, style: sa.replay, answering: order.answering ?? null, epochUnixMs: ctx.config.epochUnixMs,
    ...(ctx.config.timestampWindowSeconds === undefined ? {} : { windowSeconds: ctx.config.timestampWindowSeconds }),
  }, now, random);
  next = { ...next, replay: ident.table };
  if (ident.answer !== null) {
    traces.push(decision(ident.answer.copied ? 'answer with the Identification of the Binding Request' : 'answer with this home agent\'s own Identification, not the Binding Request\'s',
      'Perkins & Johnson §3.3; optim-08 §4.3; RFC 2002 §5.6.1; lab choice', ident.answer.explanation));
  }
  traces.push(...changeTraces('BU sender replay state', ident.changes));

  // A = 1 only where the optional list is kept (trigger f, and trigger a so a correspondent can join the list, our choice).
  const acknowledge = ctx.maintainAcknowledgedList && (trigger === 'f' || trigger === 'a');
  const bu = bindingUpdate({
    flags: { acknowledge, minimalEncapsulation: !hidden && binding.flags.minimalEncapsulation, greEncapsulation: !hidden && binding.flags.greEncapsulation, reserved: 0 }, // OC-38
    lifetime,
    homeAddress,
    careOfAddress: careOf,
    identification: ident.identification,
    extensions: [{ kind: 'ro-auth', spi: sa.spi, authenticator: new Uint8Array(16) }],
  });
  const payload = sealMessage(bu, { auth: { 'ro-auth': { key: sa.key, algorithm: sa.algorithm } } }, ctx.config.profile);
  if (acknowledge) {
    const rec = recordAcknowledgeableUpdate(next.acknowledged, { homeAddress, correspondent: destination, identification: ident.identification }, now);
    next = { ...next, acknowledged: rec.table };
    traces.push(...changeTraces('acknowledged correspondents', rec.changes));
  }
  const told = recordBindingUpdateSent(next.informed, homeAddress, destination, hidden); // trigger g needs to know who holds a binding
  next = { ...next, informed: told.table };
  traces.push(...changeTraces('informed correspondents', told.changes));
  const kind = hidden ? `delete Binding Update (${binding === null ? 'no current binding' : 'private binding: the care-of address is never disclosed, Perkins & Johnson §3.6'})` : 'Binding Update';
  traces.unshift(decision(`send a ${kind} to ${destination}`, 'Perkins & Johnson §3.3; optim-08 §3.1, §4.3', `${why}; MSA SPI ${sa.spi} (${found.source}), Identification ${identificationHex(ident.identification)}`));
  const send = roSend({ source: ctx.address, destination, payload, summary: `${bindingUpdateText(bu)} to ${destination}`, ref: 'Perkins & Johnson §3.3; optim-08 §4.3; lab choice' });
  return { state: next, send, traces };
}
