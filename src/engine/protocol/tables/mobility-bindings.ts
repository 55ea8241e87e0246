// The home agent's mobility binding list (RFC 2002 §3.8.1, §3.8.2.2;
// RFC 2002 §3.8.1, §3.8.2.2; Perkins & Johnson §3.3).
//
// Theory of operation. Per mobile node the HA holds zero or more bindings
// (several only when the MN registered with `S`, simultaneous bindings). The
// HA applies an accepted Registration Request by the table of RFC 2002 §3.8.2.2:
//
//   Lifetime | Care-of Address | action
//   ---------+-----------------+-------------------------------------------
//   0        | = home address  | delete all bindings (full deregistration)
//   0        | other           | delete only the binding with that CoA
//   > 0      | any             | add/replace it; unless S, remove all others
//
// A duplicate (same CoA and Identification as a current binding) does not
// extend the lifetime granted the first time (RFC 2002 §3.8.2.2). With several
// bindings, the one route-optimization Binding Updates announce is the most
// recently registered (OC-45). A binding whose lifetime ends is deleted
// silently: no Reply is ever sent because a lifetime ended (RFC 2002 §3.8.2.2).

import { identificationsEqual, type Identification } from '../../crypto/identification';
import type { Ipv4Address } from '../../wire/address';
import type { RegistrationRequestFlags } from '../../wire/mip/registration-request';
import {
  checkLifetime, entryAt, expiryOf, formatLifetime, hasExpired, sortedKeys, withEntry, withoutEntry,
  type Keyed, type Micros, type TableChange, type TableUpdate,
} from './table-change';

/** Flags B D M G V P of the accepted Request (RFC 2002 §3.8.1; P: OC-02). */
export type MobilityBindingFlags = Pick<
  RegistrationRequestFlags,
  'broadcastDatagrams' | 'decapsulationByMobileNode' | 'minimalEncapsulation' | 'greEncapsulation' | 'vjCompression' | 'privateBinding'
>;

export interface MobilityBinding {
  readonly homeAddress: Ipv4Address;
  readonly careOfAddress: Ipv4Address;
  /** Granted Lifetime in seconds; 0xFFFF = infinite. */
  readonly lifetimeSeconds: number;
  readonly expiresAt: Micros | null;
  /** Identification of the accepted Request (and of its Reply). */
  readonly identification: Identification;
  readonly flags: MobilityBindingFlags;
  /** IP source of the relayed Request; null for a co-located care-of address. */
  readonly registeringFa: Ipv4Address | null;
  readonly registeredAt: Micros;
}

export interface MobilityBindingList {
  /** Per home address, oldest registration first. */
  readonly bindings: Keyed<readonly MobilityBinding[]>;
}

export type MobilityBindingChange = TableChange<MobilityBinding>;

export const EMPTY_MOBILITY_BINDINGS: MobilityBindingList = { bindings: {} };

/** Key of one binding in change records: "10.1.0.10@192.168.2.1". */
export function mobilityBindingKey(homeAddress: Ipv4Address, careOfAddress: Ipv4Address): string {
  return `${homeAddress}@${careOfAddress}`;
}

/** An authenticated, replay-checked Request the HA has decided to accept (RFC 2002 §3.8.2.1 passed). */
export interface AcceptedRegistration {
  readonly homeAddress: Ipv4Address;
  readonly careOfAddress: Ipv4Address;
  /** Granted: the requested Lifetime or less, never more (RFC 2002 §3.8.2.2). */
  readonly grantedLifetimeSeconds: number;
  readonly identification: Identification;
  readonly flags: MobilityBindingFlags;
  /** S set in the Request and this HA supports simultaneous bindings (else Reply Code 1). */
  readonly simultaneousBindings: boolean;
  readonly registeringFa: Ipv4Address | null;
}

export type RegistrationOutcome = 'added' | 'replaced' | 'duplicate' | 'deregistered-all' | 'deregistered-one' | 'nothing-to-delete';

export interface RegistrationApplied extends TableUpdate<MobilityBindingList, MobilityBinding> {
  readonly outcome: RegistrationOutcome;
  /** The binding that now stands for this Request (for a duplicate: the original one); null after a deletion. */
  readonly binding: MobilityBinding | null;
  /** The MN had a binding before / has one after: first binding → gratuitous + proxy ARP; none left → stop (RFC 2002 §3.8.2.2, §4). */
  readonly wasAway: boolean;
  readonly isAway: boolean;
}

const ACCEPT_REF = 'RFC 2002 §3.8.2.2';

/** Applies an accepted Registration Request (RFC 2002 §3.8.2.2; table in the header comment). */
export function acceptRegistration(list: MobilityBindingList, reg: AcceptedRegistration, now: Micros): RegistrationApplied {
  checkLifetime(reg.grantedLifetimeSeconds, 'Registration');
  const home = reg.homeAddress;
  const expiry = expireFor(list, home, now); // a lapsed binding is no longer "current"
  const live = entryAt(expiry.table.bindings, home) ?? [];
  const changes: MobilityBindingChange[] = [...expiry.changes];
  const wasAway = live.length > 0;
  const done = (bindings: readonly MobilityBinding[], outcome: RegistrationOutcome, binding: MobilityBinding | null): RegistrationApplied => ({
    table: { bindings: bindings.length === 0 ? withoutEntry(expiry.table.bindings, home) : withEntry(expiry.table.bindings, home, bindings) },
    changes,
    outcome,
    binding,
    wasAway,
    isAway: bindings.length > 0,
  });
  const removal = (b: MobilityBinding, reason: string): MobilityBindingChange =>
    ({ kind: 'removed', key: mobilityBindingKey(home, b.careOfAddress), before: b, ref: ACCEPT_REF, reason });

  if (reg.grantedLifetimeSeconds === 0) {
    if (reg.careOfAddress === home) {
      for (const b of live) changes.push(removal(b, 'Lifetime 0 with care-of address = home address: every binding is deleted'));
      return done([], live.length === 0 ? 'nothing-to-delete' : 'deregistered-all', null);
    }
    const target = live.find((b) => b.careOfAddress === reg.careOfAddress);
    if (target === undefined) return done(live, 'nothing-to-delete', null);
    changes.push(removal(target, `Lifetime 0: only the binding with care-of address ${reg.careOfAddress} is deleted`));
    return done(live.filter((b) => b !== target), 'deregistered-one', null);
  }

  const same = live.find((b) => b.careOfAddress === reg.careOfAddress);
  if (same !== undefined && identificationsEqual(same.identification, reg.identification)) {
    // RFC 2002 §3.8.2.2: a duplicate must not extend the originally granted lifetime.
    return { table: expiry.table, changes, outcome: 'duplicate', binding: same, wasAway, isAway: true };
  }
  const binding: MobilityBinding = {
    homeAddress: home,
    careOfAddress: reg.careOfAddress,
    lifetimeSeconds: reg.grantedLifetimeSeconds,
    expiresAt: expiryOf(reg.grantedLifetimeSeconds, now),
    identification: reg.identification,
    flags: reg.flags,
    registeringFa: reg.registeringFa,
    registeredAt: now,
  };
  const key = mobilityBindingKey(home, reg.careOfAddress);
  const lifetime = formatLifetime(reg.grantedLifetimeSeconds);
  changes.push(same === undefined
    ? { kind: 'added', key, after: binding, ref: ACCEPT_REF, reason: `${home} registered at ${reg.careOfAddress} for ${lifetime}` }
    : { kind: 'updated', key, before: same, after: binding, ref: ACCEPT_REF, reason: `re-registration at ${reg.careOfAddress} for ${lifetime}` });
  const others = live.filter((b) => b !== same);
  if (!reg.simultaneousBindings) {
    for (const b of others) changes.push(removal(b, 'S not set: a new registration replaces the other bindings'));
  }
  // The new binding goes last: the list stays in registration order (OC-45 reads the last).
  const kept = reg.simultaneousBindings ? others : [];
  return done([...kept, binding], same === undefined ? 'added' : 'replaced', binding);
}

function expireFor(list: MobilityBindingList, home: Ipv4Address, now: Micros): TableUpdate<MobilityBindingList, MobilityBinding> {
  const all = entryAt(list.bindings, home);
  if (all === undefined) return { table: list, changes: [] };
  const lapsed = all.filter((b) => hasExpired(b.expiresAt, now));
  if (lapsed.length === 0) return { table: list, changes: [] };
  const left = all.filter((b) => !hasExpired(b.expiresAt, now));
  return {
    table: { bindings: left.length === 0 ? withoutEntry(list.bindings, home) : withEntry(list.bindings, home, left) },
    changes: lapsed.map((b) => ({
      kind: 'expired',
      key: mobilityBindingKey(home, b.careOfAddress),
      before: b,
      ref: 'RFC 2002 §3.8.2.2',
      reason: 'lifetime ran out (no Reply is sent for an expiry)',
    })),
  };
}

/** Deletes every binding whose lifetime has ended (RFC 2002 §3.8.2.2). */
export function expireMobilityBindings(list: MobilityBindingList, now: Micros): TableUpdate<MobilityBindingList, MobilityBinding> {
  let table = list;
  const changes: MobilityBindingChange[] = [];
  for (const home of sortedKeys(list.bindings)) {
    const r = expireFor(table, home, now);
    table = r.table;
    changes.push(...r.changes);
  }
  return { table, changes };
}

/** The live bindings of an MN, oldest registration first. */
export function bindingsOf(list: MobilityBindingList, homeAddress: Ipv4Address, now: Micros): readonly MobilityBinding[] {
  return (entryAt(list.bindings, homeAddress) ?? []).filter((b) => !hasExpired(b.expiresAt, now));
}

/**
 * The binding Binding Updates announce: the most recently registered live one
 * (OC-45); null when the MN is at home or all its bindings lapsed.
 */
export function currentBinding(list: MobilityBindingList, homeAddress: Ipv4Address, now: Micros): MobilityBinding | null {
  const live = bindingsOf(list, homeAddress, now);
  let best: MobilityBinding | null = null;
  for (const b of live) if (best === null || b.registeredAt >= best.registeredAt) best = b;
  return best;
}

/** Earliest expiry in the list (the HA's next expiry timer), or null. */
export function nextMobilityBindingExpiry(list: MobilityBindingList): Micros | null {
  let next: Micros | null = null;
  for (const bs of Object.values(list.bindings)) {
    for (const b of bs) if (b.expiresAt !== null && (next === null || b.expiresAt < next)) next = b.expiresAt;
  }
  return next;
}
