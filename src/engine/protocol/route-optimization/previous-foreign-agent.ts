// The previous foreign agent's side of a smooth handoff (Perkins & Johnson §4.1; optim-08 §8.1, §8.1–8.2; optim-06 §11.1–11.2; OC-23, OC-24, OC-36, OC-45).
//
//   1. SA = the registration key found by (BU home address, SPI), whatever
//      the BU's IP source (OC-45) — live in the visitor entry, or retained
//      for Cache Lifetime after it was deleted (OC-23).
//      No key → nothing can be verified or authenticated: say so, change nothing.
//   2. verify; failure → keep the visitor entry, BA Status 131 if A = 1
//      A BU with an Identification is also checked for replay
//      (previous-foreign-agent-replay.ts): failure → Status 133
//   3. success → delete the visitor entry; Lifetime > 0 and CoA ≠ home →
//      forwarding binding-cache entry, HA address from the old entry (OC-24)
//   4. if A = 1, one BA Status 0 to the MN's home address, IP-in-IP to the
//      new CoA, untunnelled if there is no new CoA; authenticated with the
//      key of the BU (Perkins & Johnson §3.4, §3.5; OC-36)
//   5. a retransmitted identical BU, while the key is retained, is verified
//      and acknowledged again without further change (OC-23).
// A registration key is single-use (Perkins & Johnson §9.1, §9.2): once the
// retained key is gone, a replay cannot be verified. A long-lived key is not,
// which is what the Identification of the optim-08 rule is for.

import type { Ipv4Address } from '../../wire/address';
import { BindingAckStatus } from '../../wire/mip/binding-acknowledge';
import { applyBindingUpdate, peekBinding, type BindingCache } from '../tables/binding-cache';
import type { Micros } from '../tables/table-change';
import { findRegistrationKey, removeAfterSmoothHandoff, type VisitorList } from '../tables/visitor-list';
import { acknowledgeSend, authenticateBindingUpdate, bindingUpdateText, checkBindingUpdate } from './binding-update-check';
import { PREVIOUS_FA_REPLAY_REF, checkPreviousFaIdentification } from './previous-foreign-agent-replay';
import { changeTraces, decision, dropped, received, unchanged, type ReceivedMessage, type RoConfig, type RoResult, type RoTrace } from './types';

export interface PreviousForeignAgentState {
  readonly visitors: VisitorList;
  readonly cache: BindingCache;
}

export interface PreviousForeignAgentContext {
  readonly address: Ipv4Address;
  readonly config: RoConfig;
}

const REF = 'optim-08 §8.1; Perkins & Johnson §4.1';

/** A Binding Update at a foreign agent about one of its (former) visitors (Perkins & Johnson §4.1; optim-08 §8.1). */
export function receiveSmoothHandoffBindingUpdate(state: PreviousForeignAgentState, ctx: PreviousForeignAgentContext, msg: ReceivedMessage, now: Micros): RoResult<PreviousForeignAgentState> {
  const checked = checkBindingUpdate(msg.payload);
  if (!checked.ok) {
    const traces = [dropped(`Binding Update from ${msg.source} refused`, checked.reason, `${REF}; optim-08 §4.3`)];
    if (checked.status === null || !checked.acknowledgeWanted || checked.homeAddress === null) return unchanged(state, traces);
    return unchanged(state, traces, [acknowledgeSend({ status: checked.status, homeAddress: checked.homeAddress, identification: null, from: ctx.address, to: msg.source, ref: `${REF}; Perkins & Johnson §3.4; optim-08 §4.4` })]);
  }
  const { bu } = checked;
  const home = bu.homeAddress;
  const head = received(`${bindingUpdateText(bu)} from ${msg.source}`, REF);
  const found = findRegistrationKey(state.visitors, home, checked.spi, now); // OC-45: by (home address, SPI), not IP source
  if (found === null) {
    // Without the key this agent can neither verify the BU nor authenticate an answer: a late genuine
    // retransmission and a made-up BU look alike, so it says what it knows and changes nothing (OC-21, OC-23).
    return unchanged(state, [head, dropped(`Binding Update about ${home} not verified`,
      `this foreign agent holds no key for ${home} with SPI ${checked.spi}: the key of a smooth handoff is destroyed once Cache Lifetime has passed after it, so this is a late retransmission or a Binding Update made without the key; it changes nothing and is not answered (an answer could not be authenticated)`,
      `${REF}; Perkins & Johnson §4.1, §4.3`)]);
  }
  // Only a BU that asked for one gets a Binding Acknowledge (Perkins & Johnson §3.4); one to the mobile node is authenticated (§3.5; OC-36).
  const answer = (status: number, to: Ipv4Address, ref: string, tunnelTo?: Ipv4Address) => (bu.flags.acknowledge
    ? [acknowledgeSend({
        status, homeAddress: home, identification: bu.identification, from: ctx.address, to, ref, profile: ctx.config.profile,
        authenticateWith: to === home ? found.key : null, ...(tunnelTo === undefined ? {} : { tunnelTo }),
      })]
    : []);
  const kept = found.source === 'visitor-entry' ? 'visitor entry kept' : 'nothing changes'; // true either way: after a handoff there is no visitor entry
  const auth = authenticateBindingUpdate(msg.payload, checked, found.key, `mobile node ${home} (registration key)`, ctx.config.profile);
  if (!auth.verified) {
    // Step 2: the visitor entry stays; the failure is reported to whoever sent the BU (our choice: its IP source).
    const traces = [head, dropped(`Binding Update refused, ${kept}`, auth.explanation, `${REF}`)];
    return unchanged(state, traces, answer(BindingAckStatus.AUTHENTICATION_FAILED, msg.source, `${REF}; Perkins & Johnson §3.4; optim-08 §4.4`));
  }
  const replay = checkPreviousFaIdentification(bu.identification, found);
  if (!replay.ok) {
    const traces = [head, dropped(`Binding Update refused as a replay, ${kept}`, replay.reason, PREVIOUS_FA_REPLAY_REF)];
    return unchanged(state, traces, answer(BindingAckStatus.IDENTIFICATION_MISMATCH, msg.source, `${PREVIOUS_FA_REPLAY_REF}; Perkins & Johnson §3.4`));
  }
  const traces: RoTrace[] = [
    head,
    decision('smooth-handoff Binding Update authenticated', 'optim-08 §4.5; lab choice', `${auth.explanation} (key from the ${found.source === 'visitor-entry' ? 'visitor entry' : 'retained key, lab choice, Perkins & Johnson §4.1'}); ${replay.explanation}`),
  ];
  const forwarding = bu.lifetime > 0 && bu.careOfAddress !== home;
  let next = state;

  if (found.source === 'visitor-entry') {
    // Step 3: release the visitor entry, keep its key for Cache Lifetime (OC-23).
    const removal = removeAfterSmoothHandoff(state.visitors, home, bu.lifetime, now, bu.identification);
    traces.push(...changeTraces('visitor list', removal.changes));
    next = { ...next, visitors: removal.table };
    // The BU is applied to the binding cache either way: Lifetime 0 or care-of address = home address
    // deletes any forwarding entry left from an earlier handoff (Perkins & Johnson §3.3, §4.2), so
    // nothing reaching this agent afterwards is re-tunnelled by a stale binding.
    const applied = applyBindingUpdate(next.cache, {
      homeAddress: home, careOfAddress: bu.careOfAddress, lifetimeSeconds: bu.lifetime, haAddress: removal.removed?.homeAgent ?? null, // OC-24
      allowMinimal: bu.flags.minimalEncapsulation, allowGre: bu.flags.greEncapsulation,
      replay: { style: 'single-use-key', identification: bu.identification }, spi: checked.spi, origin: 'smooth-handoff',
    }, now);
    if (forwarding) {
      traces.push(decision(`forward in-flight datagrams for ${home} to ${bu.careOfAddress}`, `${REF}; lab choice, optim-08 §3.1`));
    } else {
      traces.push(decision('no forwarding binding', `${REF}; Perkins & Johnson §3.3`, bu.lifetime === 0
        ? 'Cache Lifetime 0: release the visitor entry and keep no forwarding entry'
        : 'care-of address = home address: the mobile node is home, or asks to be forgotten entirely, so no forwarding entry is kept (Perkins & Johnson §4.2)'));
    }
    traces.push(...changeTraces('binding cache', applied.changes));
    next = { ...next, cache: applied.table };
  } else {
    traces.push(decision(`retransmitted Binding Update: ${bu.flags.acknowledge ? 'acknowledged again, ' : ''}nothing else changes`, 'Perkins & Johnson §4.1; optim-06 §11.1; lab choice'));
  }

  // Step 4: the BA goes to the MN through the new binding, authenticated with the key of the BU (OC-36).
  const entry = forwarding ? peekBinding(next.cache, home, now) : null;
  const tunnelTo = entry !== null && entry.careOfAddress === bu.careOfAddress ? bu.careOfAddress : undefined;
  return { state: next, sends: answer(BindingAckStatus.ACCEPTED, home, `${REF}; lab choice, Perkins & Johnson §3.4, §3.5`, tunnelTo), forwards: [], traces };
}
