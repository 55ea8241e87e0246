// The IPv6 adversary's configuration and state (Perkins & Johnson §10; RFC 6275
// §15.1, §15.4): its scripted attacks on a correspondent's binding cache, and the
// Binding Updates to correspondents it has overheard on its promiscuous
// interface — each kept as the whole IPv6 packet, so a replay sends it again
// byte for byte and tampering starts from it.
//
// Plain data, as every node state (node/contract.ts).

import { EMPTY_FORWARDING_TABLE, type ForwardingTable } from '../../../node/route-table';
import type { Micros } from '../../../node/time';
import type { Ipv6Address } from '../../../wire/ipv6/ipv6-address';

interface AttackCommon {
  /** When to attack (virtual time). */
  readonly at: Micros;
  /** The correspondent attacked. */
  readonly destination: Ipv6Address;
}

/** How a forged Binding Update pretends to be authorized. */
export type ForgedAuthorization =
  /** AH under the SPI of the mobile node's association, ICV made with a key the adversary made up (RFC 4302 §3.4.4). */
  | { readonly kind: 'ah'; readonly spi: number }
  /** Nonce Indices and Binding Authorization Data made with a guessed Kbm (RFC 6275 §5.2.6, §15.4). */
  | { readonly kind: 'return-routability' };

export type AdversaryV6Attack = AttackCommon & (
  | {
      readonly kind: 'forge-binding-update';
      /** The victim's home address, carried in a Home Address option. */
      readonly homeAddress: Ipv6Address;
      /** Where the adversary wants the victim's traffic: the packet's source address. */
      readonly careOfAddress: Ipv6Address;
      readonly lifetimeS: number;
      readonly authorization: ForgedAuthorization;
    }
  /** The latest Binding Update overheard, byte for byte. */
  | { readonly kind: 'replay-binding-update' }
  /** The latest Binding Update overheard with its care-of address changed; the ICV or authorization data left as they were. */
  | { readonly kind: 'tamper-binding-update'; readonly careOfAddress: Ipv6Address }
);

export type AdversaryV6AttackKind = AdversaryV6Attack['kind'];

/** A Binding Update to a correspondent, as overheard. */
export interface OverheardBindingUpdate {
  /** The whole IPv6 packet. */
  readonly packet: Uint8Array;
  readonly at: Micros;
  /** IPv6 source: the care-of address. */
  readonly source: Ipv6Address;
  readonly destination: Ipv6Address;
  readonly homeAddress: Ipv6Address;
  readonly sequence: number;
  readonly lifetimeS: number;
  /** The AH it carried (SPI, Sequence Number), if any. */
  readonly ah: { readonly spi: number; readonly sequence: number } | null;
  /** The Nonce Indices it carried, if it was authorized by return routability. */
  readonly nonceIndices: { readonly home: number; readonly careOf: number } | null;
}

export interface AdversaryV6Config {
  /** In time order. */
  readonly attacks: readonly AdversaryV6Attack[];
}

/** How many overheard Binding Updates the state panel lists (newest last). */
export const MAX_OVERHEARD_LISTED = 8;

export interface AdversaryV6State {
  readonly config: AdversaryV6Config;
  readonly table: ForwardingTable;
  /** The most recent overheard Binding Updates, newest last (the last one is what a replay sends). */
  readonly overheard: readonly OverheardBindingUpdate[];
  /** Every Binding Update overheard, including those no longer listed. */
  readonly overheardCount: number;
  /** Attacks sent, and attacks that could not be made (nothing overheard yet, no route). */
  readonly attempted: number;
  readonly abandoned: number;
}

export function initialAdversaryV6State(o: { readonly attacks: readonly AdversaryV6Attack[] }): AdversaryV6State {
  return { config: { attacks: [...o.attacks].sort((a, b) => a.at - b.at) }, table: EMPTY_FORWARDING_TABLE, overheard: [], overheardCount: 0, attempted: 0, abandoned: 0 };
}

/** The newest overheard Binding Update, or null. */
export function latestOverheard(s: AdversaryV6State): OverheardBindingUpdate | null {
  return s.overheard.at(-1) ?? null;
}
