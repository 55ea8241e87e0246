// The previous foreign agent's side of a smooth handoff (route-optimization.md
// §18.6; optim-08 §8.1–8.2; optim-06 §11.1–11.2; OC-23, OC-24, OC-36, OC-45).
//
//   1. SA = the registration key found by (BU home address, SPI), whatever
//      the BU's IP source (OC-45) — live in the visitor entry, or retained
//      for Cache Lifetime after it was deleted (OC-23).
//   2. verify; failure → keep the visitor entry, BA Status 131 (A is always set)
//   3. success → delete the visitor entry; Lifetime > 0 and CoA ≠ home →
//      forwarding binding-cache entry, HA address from the old entry (OC-24)
//   4. one BA Status 0 to the MN's home address, IP-in-IP to the new CoA
//      (OC-36), untunnelled if there is no new CoA
//   5. a retransmitted identical BU, while the key is retained, is verified
//      and acknowledged again without further change (OC-23).
// The registration key is single-use, so there is no replay check (§14.4):
// once the retained key is gone, a replay fails authentication.

import type { Ipv4Address } from '../../wire/address';
import { BindingAckStatus } from '../../wire/mip/binding-acknowledge';
import { applyBindingUpdate, peekBinding, type BindingCache } from '../tables/binding-cache';
import type { Micros } from '../tables/table-change';
import { findRegistrationKey, removeAfterSmoothHandoff, type VisitorList } from '../tables/visitor-list';
import { acknowledgeSend, authenticateBindingUpdate, bindingUpdateText, checkBindingUpdate } from './binding-update-check';
import { changeTraces, decision, dropped, received, unchanged, type ReceivedMessage, type RoConfig, type RoResult, type RoTrace } from './types';

export interface PreviousForeignAgentState {
  readonly visitors: VisitorList;
  readonly cache: BindingCache;
}

export interface PreviousForeignAgentContext {
  readonly address: Ipv4Address;
  readonly config: RoConfig;
}

const REF = 'optim-08 §8.1; route-optimization.md §18.6';

/** A Binding Update at a foreign agent about one of its (former) visitors (§18.6). */
export function receiveSmoothHandoffBindingUpdate(state: PreviousForeignAgentState, ctx: PreviousForeignAgentContext, msg: ReceivedMessage, now: Micros): RoResult<PreviousForeignAgentState> {
  const checked = checkBindingUpdate(msg.payload);
  if (!checked.ok) {
    const traces = [dropped(`Binding Update from ${msg.source} refused`, checked.reason, `${REF}; §6.2 step 2`)];
    if (checked.status === null || !checked.acknowledgeWanted || checked.homeAddress === null) return unchanged(state, traces);
    return unchanged(state, traces, [acknowledgeSend({ status: checked.status, homeAddress: checked.homeAddress, identification: null, from: ctx.address, to: msg.source, ref: `${REF}; §7` })]);
  }
  const { bu } = checked;
  const home = bu.homeAddress;
  const head = received(`${bindingUpdateText(bu)} from ${msg.source}`, REF);
  const found = findRegistrationKey(state.visitors, home, checked.spi, now); // OC-45: by (home address, SPI), not IP source
  const auth = authenticateBindingUpdate(msg.payload, checked, found?.key ?? null, `mobile node ${home} (registration key)`, ctx.config.profile);
  if (!auth.verified) {
    // Step 2: the visitor entry stays; the failure is reported to whoever sent the BU (our choice: its IP source).
    const traces = [head, dropped('Binding Update refused, visitor entry kept', auth.explanation, `${REF} step 2`)];
    const ack = acknowledgeSend({ status: BindingAckStatus.AUTHENTICATION_FAILED, homeAddress: home, identification: bu.identification, from: ctx.address, to: msg.source, ref: `${REF} step 2; §7` });
    return unchanged(state, traces, [ack]);
  }
  const traces: RoTrace[] = [head, decision('smooth-handoff Binding Update authenticated', 'optim-08 §4.5; OC-10, OC-45', `${auth.explanation} (key from the ${found!.source === 'visitor-entry' ? 'visitor entry' : 'retained key, OC-23'})`)];
  const forwarding = bu.lifetime > 0 && bu.careOfAddress !== home;
  let next = state;

  if (found!.source === 'visitor-entry') {
    // Step 3: release the visitor entry, keep its key for Cache Lifetime (OC-23).
    const removal = removeAfterSmoothHandoff(state.visitors, home, bu.lifetime, now);
    traces.push(...changeTraces('visitor list', removal.changes));
    next = { ...next, visitors: removal.table };
    if (forwarding) {
      const applied = applyBindingUpdate(next.cache, {
        homeAddress: home, careOfAddress: bu.careOfAddress, lifetimeSeconds: bu.lifetime, haAddress: removal.removed?.homeAgent ?? null, // OC-24
        allowMinimal: bu.flags.minimalEncapsulation, allowGre: bu.flags.greEncapsulation,
        replay: { style: 'single-use-key', identification: bu.identification }, spi: checked.spi, origin: 'smooth-handoff',
      }, now);
      traces.push(decision(`forward in-flight datagrams for ${home} to ${bu.careOfAddress}`, `${REF} step 3; OC-24`), ...changeTraces('binding cache', applied.changes));
      next = { ...next, cache: applied.table };
    } else {
      traces.push(decision('no forwarding binding', `${REF} step 3`, bu.lifetime === 0 ? 'Cache Lifetime 0: only release the visitor entry' : 'care-of address = home address: the mobile node is home'));
    }
  } else {
    traces.push(decision('retransmitted Binding Update: acknowledged again, nothing else changes', 'route-optimization.md §18.6 step 5; OC-23'));
  }

  // Step 4: the BA goes to the MN through the new binding (OC-36).
  const entry = forwarding ? peekBinding(next.cache, home, now) : null;
  const tunnelTo = entry !== null && entry.careOfAddress === bu.careOfAddress ? bu.careOfAddress : undefined;
  const ack = acknowledgeSend({
    status: BindingAckStatus.ACCEPTED, homeAddress: home, identification: bu.identification, from: ctx.address, to: home,
    ...(tunnelTo === undefined ? {} : { tunnelTo }), ref: `${REF} step 4; OC-36`,
  });
  return { state: next, sends: [ack], forwards: [], traces };
}
