// "Home agent for an address" bindings (Perkins & Johnson §10; RFC 6275 §10,
// §10.8; RFC 6275 §10.3.1, §11.5.4): the table both the IPv6 home agent and an
// access router acting for a previous care-of address keep. One entry per
// address the node answers for — a registered home address at the home agent,
// a mobile node's previous care-of address at its previous router — naming the
// care-of address to tunnel to, the newest Binding Update sequence number and
// when the binding ends.
//
// Plain data, copy-on-write, every change returned as a record (tables/table-change.ts).

import {
  entryAt, secondsToMicros, sortedKeys, withEntry, withoutEntry,
  type Keyed, type Micros, type TableChange, type TableUpdate,
} from '../../tables/table-change';
import type { Ipv6Address } from '../../../wire/ipv6/ipv6-address';

/** Why this node answers for the address. */
export type AddressBindingKind = 'home' | 'previous-care-of';

export interface AddressBinding {
  /** The address intercepted: a home address, or a previous care-of address. */
  readonly address: Ipv6Address;
  readonly kind: AddressBindingKind;
  /** Where datagrams for `address` are tunnelled (RFC 2473). */
  readonly careOfAddress: Ipv6Address;
  /** The Sequence Number of the Binding Update that made or last refreshed the entry (RFC 6275 §9.5.1). */
  readonly sequence: number;
  /** Lifetime granted, seconds. */
  readonly lifetimeS: number;
  readonly registeredAt: Micros;
  readonly expiresAt: Micros;
  /** The AH security association the Binding Update was verified with. */
  readonly spi: number;
}

export type AddressBindings = Keyed<AddressBinding>;
export const EMPTY_ADDRESS_BINDINGS: AddressBindings = {};

export type AddressBindingChange = TableChange<AddressBinding>;

/** The live binding for `address`, or undefined (an entry past its expiry is treated as gone). */
export function bindingFor(table: AddressBindings, address: Ipv6Address, now: Micros): AddressBinding | undefined {
  const b = entryAt(table, address);
  return b === undefined || now >= b.expiresAt ? undefined : b;
}

/**
 * RFC 6275 §9.5.1: a sequence number is newer when it is ahead by less than
 * half the 16-bit space (modulo 2^16). Without a binding every number is new.
 */
export function isNewerSequence(candidate: number, last: number): boolean {
  const ahead = (candidate - last) & 0xffff;
  return ahead !== 0 && ahead < 0x8000;
}

export interface BindingRequest {
  readonly address: Ipv6Address;
  readonly kind: AddressBindingKind;
  readonly careOfAddress: Ipv6Address;
  readonly sequence: number;
  readonly lifetimeS: number;
  readonly spi: number;
}

/** Creates or refreshes the binding for `r.address` (lifetime > 0). */
export function registerBinding(table: AddressBindings, r: BindingRequest, now: Micros, ref: string): TableUpdate<AddressBindings, AddressBinding> {
  if (!(r.lifetimeS > 0)) throw new RangeError(`binding for ${r.address}: lifetime ${r.lifetimeS} s must be positive (0 means delete)`);
  const before = entryAt(table, r.address);
  const after: AddressBinding = { ...r, registeredAt: now, expiresAt: now + secondsToMicros(r.lifetimeS) };
  const change: AddressBindingChange = before === undefined
    ? { kind: 'added', key: r.address, after, ref, reason: `tunnel what arrives for ${r.address} to ${r.careOfAddress} for ${r.lifetimeS} s` }
    : { kind: 'updated', key: r.address, before, after, ref, reason: before.careOfAddress === r.careOfAddress ? `refreshed for ${r.lifetimeS} s` : `care-of address ${before.careOfAddress} → ${r.careOfAddress}` };
  return { table: withEntry(table, r.address, after), changes: [change] };
}

/** Deletes the binding for `address` (a Binding Update with Lifetime 0, RFC 6275 §10.3.2). */
export function removeBinding(table: AddressBindings, address: Ipv6Address, ref: string, reason: string): TableUpdate<AddressBindings, AddressBinding> {
  const before = entryAt(table, address);
  if (before === undefined) return { table, changes: [] };
  return { table: withoutEntry(table, address), changes: [{ kind: 'removed', key: address, before, ref, reason }] };
}

/** Removes every binding whose lifetime has run out (RFC 6275 §10.3.1: "the binding cache entry is deleted"). */
export function expireBindings(table: AddressBindings, now: Micros, ref: string): TableUpdate<AddressBindings, AddressBinding> {
  let next = table;
  const changes: AddressBindingChange[] = [];
  for (const key of sortedKeys(table)) {
    const b = table[key]!;
    if (now < b.expiresAt) continue;
    next = withoutEntry(next, key);
    changes.push({ kind: 'expired', key, before: b, ref, reason: `its lifetime of ${b.lifetimeS} s ran out; ${key} is no longer tunnelled to ${b.careOfAddress}` });
  }
  return { table: next, changes };
}

/** The earliest expiry among the bindings, for the expiry timer; null when the table is empty. */
export function nextBindingExpiry(table: AddressBindings): Micros | null {
  let next: Micros | null = null;
  for (const key of sortedKeys(table)) {
    const at = table[key]!.expiresAt;
    if (next === null || at < next) next = at;
  }
  return next;
}
