// The home agent's optional list of correspondents that acknowledged Binding
// Updates about a mobile node (optim-08 §7.3; Perkins & Johnson §3.3; optim-08 §3.1
// trigger f, Perkins & Johnson §3.4; optim-08 §7.3).
//
// Theory of operation. A home agent may send its Binding Updates with A = 1.
// It remembers the Identification of each such BU per (mobile node,
// correspondent) — one outstanding per pair, as these BUs are never
// retransmitted (optim-08 §4) — and when a Binding Acknowledge with the same home
// address and Identification comes back with Status 0, it records the
// correspondent. On each new accepted registration of that mobile node it
// then sends every listed correspondent a fresh BU (trigger f, rate-limited),
// for as long as the registration lasts.

import { identificationsEqual, type Identification } from '../../crypto/identification';
import type { Ipv4Address } from '../../wire/address';
import { bindingAckAccepted, bindingAckStatusName } from '../../wire/mip/binding-acknowledge';
import { compareText, entryAt, sortedKeys, withEntry, withoutEntry, type Keyed, type Micros, type TableChange, type TableUpdate } from './table-change';

export interface AwaitedAcknowledge {
  readonly homeAddress: Ipv4Address;
  readonly correspondent: Ipv4Address;
  readonly identification: Identification;
  readonly sentAt: Micros;
}

export interface CorrespondentList {
  readonly homeAddress: Ipv4Address;
  /** In address-text order. */
  readonly correspondents: readonly Ipv4Address[];
}

export interface AcknowledgedCorrespondents {
  /** Keyed "home|correspondent". */
  readonly awaiting: Keyed<AwaitedAcknowledge>;
  /** Keyed by home address. */
  readonly acknowledged: Keyed<CorrespondentList>;
}

export const EMPTY_ACKNOWLEDGED_CORRESPONDENTS: AcknowledgedCorrespondents = { awaiting: {}, acknowledged: {} };

type CorrespondentRecord = AwaitedAcknowledge | CorrespondentList;
type Update = TableUpdate<AcknowledgedCorrespondents, CorrespondentRecord>;

const awaitKey = (home: Ipv4Address, cn: Ipv4Address): string => `${home}|${cn}`;

/** Remembers a BU sent with A = 1, so its acknowledgement can be matched (Perkins & Johnson §3.4; optim-08 §7.3). */
export function recordAcknowledgeableUpdate(
  table: AcknowledgedCorrespondents,
  bu: { readonly homeAddress: Ipv4Address; readonly correspondent: Ipv4Address; readonly identification: Identification },
  now: Micros,
): Update {
  const key = awaitKey(bu.homeAddress, bu.correspondent);
  const before = entryAt(table.awaiting, key);
  const after: AwaitedAcknowledge = { ...bu, sentAt: now };
  const ref = 'optim-08 §7.3; Perkins & Johnson §3.4';
  const reason = `Binding Update with A = 1 sent to ${bu.correspondent}; awaiting its acknowledgement`;
  return {
    table: { ...table, awaiting: withEntry(table.awaiting, key, after) },
    changes: [before === undefined ? { kind: 'added', key, after, ref, reason } : { kind: 'updated', key, before, after, ref, reason }],
  };
}

export interface AcknowledgeReceived extends Update {
  readonly outcome: 'recorded' | 'rejected' | 'unmatched';
  readonly correspondent: Ipv4Address | null;
}

/** A Binding Acknowledge matched by (home address, Identification) (Perkins & Johnson §3.4; optim-08 §7.3); Status 0 lists the correspondent. */
export function onBindingAcknowledge(
  table: AcknowledgedCorrespondents,
  ba: { readonly homeAddress: Ipv4Address; readonly identification: Identification; readonly status: number },
  _now: Micros,
): AcknowledgeReceived {
  const key = sortedKeys(table.awaiting).find((k) => {
    const a = table.awaiting[k]!;
    return a.homeAddress === ba.homeAddress && identificationsEqual(a.identification, ba.identification);
  });
  if (key === undefined) return { table, changes: [], outcome: 'unmatched', correspondent: null };
  const awaited = table.awaiting[key]!;
  const ref = 'Perkins & Johnson §3.4; optim-08 §7.3';
  const changes: TableChange<CorrespondentRecord>[] = [{ kind: 'removed', key, before: awaited, ref, reason: `Binding Acknowledge Status ${ba.status} (${bindingAckStatusName(ba.status)})` }];
  const awaiting = withoutEntry(table.awaiting, key);
  if (!bindingAckAccepted(ba.status)) return { table: { ...table, awaiting }, changes, outcome: 'rejected', correspondent: awaited.correspondent };

  const home = ba.homeAddress;
  const before = entryAt(table.acknowledged, home);
  const listed = before?.correspondents ?? [];
  if (listed.includes(awaited.correspondent)) return { table: { ...table, awaiting }, changes, outcome: 'recorded', correspondent: awaited.correspondent };
  const after: CorrespondentList = { homeAddress: home, correspondents: [...listed, awaited.correspondent].sort(compareText) };
  const reason = `${awaited.correspondent} keeps a binding for ${home}: it gets a Binding Update on each new registration (trigger f)`;
  changes.push(before === undefined ? { kind: 'added', key: home, after, ref, reason } : { kind: 'updated', key: home, before, after, ref, reason });
  return { table: { awaiting, acknowledged: withEntry(table.acknowledged, home, after) }, changes, outcome: 'recorded', correspondent: awaited.correspondent };
}

/** The correspondents to update when this mobile node's registration changes (the home agent's trigger (f), optim-08 §7.3). */
export function correspondentsOf(table: AcknowledgedCorrespondents, homeAddress: Ipv4Address): readonly Ipv4Address[] {
  return entryAt(table.acknowledged, homeAddress)?.correspondents ?? [];
}

/** The list lasts while the registration does (Perkins & Johnson §3.4; optim-08 §7.3): forget it when the MN deregisters or its binding lapses. */
export function forgetRegistration(table: AcknowledgedCorrespondents, homeAddress: Ipv4Address, ref: string): Update {
  const changes: TableChange<CorrespondentRecord>[] = [];
  let awaiting = table.awaiting;
  for (const k of sortedKeys(table.awaiting)) {
    if (table.awaiting[k]!.homeAddress !== homeAddress) continue;
    awaiting = withoutEntry(awaiting, k);
    changes.push({ kind: 'removed', key: k, before: table.awaiting[k]!, ref });
  }
  const listed = entryAt(table.acknowledged, homeAddress);
  if (listed !== undefined) changes.push({ kind: 'removed', key: homeAddress, before: listed, ref, reason: 'registration ended' });
  if (changes.length === 0) return { table, changes };
  return { table: { awaiting, acknowledged: withoutEntry(table.acknowledged, homeAddress) }, changes };
}
