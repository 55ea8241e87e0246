// Whether a home agent — the IPv6 home agent for a home address, or an access
// router for a mobile node's previous care-of address — accepts a Binding
// Update with H set, and what it answers (RFC 6275 §10, §10.8; RFC 6275
// §10.3.1, §11.5.4; docs/ipv6.md §3). Rules as a table, one check per line,
// in the order the node applies them; the first that refuses decides. The
// IPsec checks (AH present, association known, no replay, ICV) come before
// this (ah-verification.ts): a packet that fails them is discarded without an
// answer (RFC 4302 §3.4), so nothing here sees a forged Binding Update.

import { BindingAckStatus, bindingAckStatusText } from '../../../wire/ipv6/mobility-status';
import { ipv6InPrefix, type Ipv6Address } from '../../../wire/ipv6/ipv6-address';
import { bindingFor, isNewerSequence, type AddressBindingKind, type AddressBindings } from './address-bindings';
import type { Micros } from '../../tables/table-change';

/** The fields of a received Binding Update a decision reads. */
export interface BindingUpdateSeen {
  /** The packet's source: the care-of address unless an Alternate Care-of Address option names another. */
  readonly source: Ipv6Address;
  /** The Home Address option's address; the source when there is none (RFC 6275 §9.5.1). */
  readonly homeAddress: Ipv6Address;
  readonly alternateCareOf?: Ipv6Address;
  readonly sequence: number;
  readonly ack: boolean;
  readonly homeRegistration: boolean;
  /** Lifetime in 4-s units (RFC 6275 §6.1.7). */
  readonly lifetimeUnits: number;
}

export interface BindingPolicy {
  readonly kind: AddressBindingKind;
  /** The prefix the addresses it answers for must lie in (its home link, or its cell). */
  readonly prefix: { readonly network: Ipv6Address; readonly prefixLength: number };
  /** Longest lifetime granted, seconds. */
  readonly maxLifetimeS: number;
}

export type BindingDecision =
  | { readonly kind: 'ignore'; readonly reason: string; readonly ref: string }
  | {
      readonly kind: 'answer';
      readonly status: number;
      /** Register, deregister, or leave the table alone (a refusal). */
      readonly action: 'register' | 'deregister' | 'none';
      readonly careOfAddress: Ipv6Address;
      /** Lifetime granted, 4-s units (0 for a refusal or a deregistration). */
      readonly lifetimeUnits: number;
      /** The Sequence Number the Binding Acknowledgement carries: the BU's, or on 135 the last accepted (RFC 6275 §9.5.1). */
      readonly sequence: number;
      /** Whether a Binding Acknowledgement is sent (A set, or any refusal, RFC 6275 §10.3.1). */
      readonly acknowledge: boolean;
      readonly reason: string;
      readonly ref: string;
    };

const REFS: Readonly<Record<AddressBindingKind, string>> = {
  home: 'RFC 6275 §10.3.1',
  'previous-care-of': 'Perkins & Johnson §10; mipv6-07 §10.8; RFC 6275 §11.5.4',
};

/** The decision for a Binding Update that passed its IPsec checks. */
export function decideBindingUpdate(policy: BindingPolicy, bindings: AddressBindings, bu: BindingUpdateSeen, now: Micros): BindingDecision {
  const ref = REFS[policy.kind];
  const careOfAddress = bu.alternateCareOf ?? bu.source;
  const refuse = (status: number, reason: string, sequence = bu.sequence): BindingDecision => ({
    kind: 'answer', status, action: 'none', careOfAddress, lifetimeUnits: 0, sequence, acknowledge: true, reason: `${bindingAckStatusText(status)}: ${reason}`, ref,
  });
  if (!bu.homeRegistration) {
    return { kind: 'ignore', reason: `the Binding Update does not set H (home registration): this node keeps no correspondent binding cache, so it has nothing to do with it`, ref };
  }
  const what = policy.kind === 'home' ? 'home address' : 'previous care-of address';
  if (!ipv6InPrefix(bu.homeAddress, policy.prefix.network, policy.prefix.prefixLength)) {
    return refuse(BindingAckStatus.NOT_HOME_SUBNET, `the ${what} ${bu.homeAddress} is not in this node's prefix ${policy.prefix.network}/${policy.prefix.prefixLength}`);
  }
  const existing = bindingFor(bindings, bu.homeAddress, now);
  if (existing !== undefined && !isNewerSequence(bu.sequence, existing.sequence)) {
    return refuse(BindingAckStatus.SEQUENCE_NUMBER_OUT_OF_WINDOW, `Sequence Number ${bu.sequence} is not newer than ${existing.sequence}, the last one accepted for ${bu.homeAddress}`, existing.sequence);
  }
  if (bu.lifetimeUnits === 0 || careOfAddress === bu.homeAddress) {
    const why = bu.lifetimeUnits === 0 ? 'Lifetime 0' : 'the care-of address is the home address';
    return {
      kind: 'answer', status: BindingAckStatus.ACCEPTED, action: 'deregister', careOfAddress, lifetimeUnits: 0, sequence: bu.sequence, acknowledge: bu.ack,
      reason: existing === undefined ? `${why}: deregistration; there was no binding for ${bu.homeAddress}` : `${why}: deregistration; ${bu.homeAddress} is no longer tunnelled to ${existing.careOfAddress}`, ref,
    };
  }
  const maxUnits = Math.floor(policy.maxLifetimeS / 4);
  const granted = Math.min(bu.lifetimeUnits, maxUnits);
  if (granted === 0) return refuse(BindingAckStatus.REASON_UNSPECIFIED, `this node grants bindings of at most ${policy.maxLifetimeS} s, less than one 4-s unit`);
  const trimmed = granted < bu.lifetimeUnits ? ` (${bu.lifetimeUnits * 4} s asked, at most ${policy.maxLifetimeS} s granted)` : '';
  return {
    kind: 'answer', status: BindingAckStatus.ACCEPTED, action: 'register', careOfAddress, lifetimeUnits: granted, sequence: bu.sequence, acknowledge: bu.ack,
    reason: `${what} ${bu.homeAddress} bound to care-of address ${careOfAddress} for ${granted * 4} s${trimmed}`, ref,
  };
}
