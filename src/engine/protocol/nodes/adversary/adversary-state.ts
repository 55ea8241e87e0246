// The adversary of the security lessons (Perkins & Johnson §3.3; optim-08 §4.3 steps
// 3–4, Perkins & Johnson §3.5; optim-08 §4.5; RFC 2002 §3.5, §5.6): its scripted attacks, and what it has
// overheard on its promiscuous interface — the most recent Binding Update and
// Registration Request, and the first Binding Update about each mobile node,
// kept as the UDP payload plus the addressing they
// travelled with, so a replay can send them again exactly.
//
// Plain data, as every node state (node/contract.ts).

import type { Ipv4Address } from '../../../wire/address';
import { EMPTY_FORWARDING_TABLE, type ForwardingTable } from '../../../node/route-table';
import type { Micros } from '../../../node/time';
import { DEFAULT_PROFILE, type MipProfile } from '../../../wire/mip/profile';

interface AttackCommon {
  /** When to attack (virtual time). */
  readonly at: Micros;
  /** Where the attack is sent. */
  readonly destination: Ipv4Address;
}

/** One scripted attack. Forgeries name everything; replays and tampering start from what was overheard. */
export type AdversaryAttack = AttackCommon & (
  | {
      readonly kind: 'forge-binding-update';
      readonly homeAddress: Ipv4Address;
      readonly careOfAddress: Ipv4Address;
      /** Seconds. */
      readonly lifetime: number;
      readonly spi: number;
      /** IP source to pretend to be (the mobile node's home agent); default: the adversary's own address. */
      readonly spoofedSource?: Ipv4Address;
    }
  | {
      readonly kind: 'replay-binding-update';
      /**
       * 'latest' (default): the most recent BU overheard. 'first': the first one
       * overheard about the mobile node of the most recent one — an older
       * binding, refused as a replay by a receiver that accepted a newer one
       * (optim-08 §4.3).
       */
      readonly which?: 'latest' | 'first';
    }
  | { readonly kind: 'tamper-binding-update'; readonly careOfAddress: Ipv4Address }
  | {
      readonly kind: 'forge-registration';
      readonly homeAddress: Ipv4Address;
      readonly careOfAddress: Ipv4Address;
      readonly lifetime: number;
      readonly spi: number;
    }
  | { readonly kind: 'replay-registration' }
  | {
      /**
       * A Binding Request made up in a correspondent's name (optim-08 §4.2:
       * not authenticated), whose timestamp Identification is `ahead` µs
       * ahead of the clock (negative: behind), to make the home agent sign a
       * Binding Update carrying it (Perkins & Johnson §3.3; RFC 2002 §5.6.1).
       */
      readonly kind: 'spoof-binding-request';
      readonly homeAddress: Ipv4Address;
      /** The correspondent it pretends to be: the IP source of the request. */
      readonly spoofedSource: Ipv4Address;
      readonly ahead: Micros;
    }
);

export type AttackKind = AdversaryAttack['kind'];

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An attack without its time: what the learner injects, made the moment the command arrives (docs/architecture.md "Runtime"). */
export type InjectedAttack = DistributiveOmit<AdversaryAttack, 'at'>;

export interface AdversaryConfig {
  /** OC-01: which authenticator a forgery computes (keyed-MD5 in ro98, HMAC-MD5 in rfc3344). */
  readonly profile: MipProfile;
  /** Unix ms at virtual time 0: forged Identifications are fresh NTP timestamps, so only the key is wrong. */
  readonly epochUnixMs: number;
  /** In time order. */
  readonly attacks: readonly AdversaryAttack[];
}

/** A message as overheard: the UDP payload (octet 0 = Type) and how it was addressed. */
export interface OverheardMessage {
  readonly payload: Uint8Array;
  readonly source: Ipv4Address;
  readonly destination: Ipv4Address;
  readonly sourcePort: number;
  readonly destinationPort: number;
  readonly at: Micros;
}

export interface AdversaryState {
  readonly config: AdversaryConfig;
  readonly table: ForwardingTable;
  readonly lastBindingUpdate: OverheardMessage | null;
  /** The first Binding Update overheard about each mobile node, by home address (for 'first' replays). */
  readonly firstBindingUpdates: Readonly<Record<Ipv4Address, OverheardMessage>>;
  readonly lastRegistrationRequest: OverheardMessage | null;
  /** How many of each message it has overheard (shown in the state panel). */
  readonly overheard: { readonly bindingUpdates: number; readonly registrationRequests: number };
  /** Attacks sent so far, and attacks that could not be made (nothing overheard yet, …). */
  readonly attempted: number;
  readonly abandoned: number;
  readonly nextIdentification: number;
}

export type AdversaryOptions = Pick<AdversaryConfig, 'attacks' | 'epochUnixMs'> & Partial<AdversaryConfig>;

export function initialAdversaryState(o: AdversaryOptions): AdversaryState {
  const config: AdversaryConfig = { profile: DEFAULT_PROFILE, ...o, attacks: [...o.attacks].sort((a, b) => a.at - b.at) };
  return {
    config, table: EMPTY_FORWARDING_TABLE, lastBindingUpdate: null, firstBindingUpdates: {}, lastRegistrationRequest: null,
    overheard: { bindingUpdates: 0, registrationRequests: 0 }, attempted: 0, abandoned: 0, nextIdentification: 1,
  };
}
