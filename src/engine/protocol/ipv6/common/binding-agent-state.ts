// Configuration and state of a node that is a home agent for some addresses
// (docs/ipv6.md §3): the IPv6 home agent (its mobile nodes' home addresses,
// RFC 6275 §10) and an access router (a mobile node's previous care-of
// address, Perkins & Johnson §10; mipv6-07 §10.8). Both are routers with a
// Router Advertisement sender, a neighbour cache, the bindings they tunnel
// for and the AH state of their security associations.

import { initialRouterState } from '../../../network/behaviours/router';
import { ipv6InPrefix, ipv6NetworkOf, isIpv6Address, type Ipv6Address } from '../../../wire/ipv6/ipv6-address';
import type { Keyed } from '../../tables/table-change';
import { EMPTY_ADDRESS_BINDINGS, type AddressBindingKind, type AddressBindings } from './address-bindings';
import { EMPTY_NEIGHBOUR_CACHE } from './neighbour-cache';
import type { AhReplayWindow } from './ah-replay-window';
import type { Ipv6RouterCore } from './ipv6-router-core';
import { INITIAL_ADVERTISER_V6, type AdvertiserV6Config, type AdvertiserV6State } from './router-advertiser';

/** An AH security association (RFC 4302; OC-52: HMAC-MD5-96, a 16-octet key), used in both directions under one SPI. */
export interface AhAssociation {
  readonly spi: number;
  readonly key: Uint8Array;
  /** Who the association is with, for the trace ("mobile node MN"). */
  readonly peer: string;
  /** The peer's configured IPv6 addresses; a home agent accepts a registration for one of these only. */
  readonly peerAddresses: readonly Ipv6Address[];
}

export interface BindingAgentConfig {
  /** Which addresses it answers for: home addresses, or previous care-of addresses. */
  readonly kind: AddressBindingKind;
  /** The link it serves (home link, cell) and its global address there. */
  readonly interface: string;
  readonly address: Ipv6Address;
  readonly prefix: { readonly network: Ipv6Address; readonly prefixLength: number };
  /** Longest lifetime granted, seconds. */
  readonly maxLifetimeS: number;
  /** An access router with smoothHandoff false answers 131 (home registration not supported). */
  readonly acceptsBindings: boolean;
  readonly associations: readonly AhAssociation[];
  readonly advertiser: AdvertiserV6Config;
}

export interface AhState {
  /** Inbound anti-replay window per SPI (RFC 4302 §3.4.3). */
  readonly inbound: Keyed<AhReplayWindow>;
  /** The next outbound Sequence Number per SPI (RFC 4302 §3.3.2: the first is 1). */
  readonly outbound: Keyed<number>;
}

export interface BindingAgentState {
  readonly config: BindingAgentConfig;
  readonly core: Ipv6RouterCore;
  readonly advertiser: AdvertiserV6State;
  readonly bindings: AddressBindings;
  readonly ah: AhState;
}

export type BindingAgentOptions = Omit<BindingAgentConfig, 'prefix'> & { readonly prefixLength: number };

/** Checks the options (a caller's bug or a bad scenario, said plainly) and builds the initial state. */
export function initialBindingAgentState(o: BindingAgentOptions, who: string): BindingAgentState {
  const problems: string[] = [];
  if (!isIpv6Address(o.address)) problems.push(`address "${o.address}" is not an IPv6 address`);
  if (!Number.isInteger(o.prefixLength) || o.prefixLength < 1 || o.prefixLength > 128) problems.push(`prefix length ${o.prefixLength} is not 1–128`);
  if (!(o.maxLifetimeS >= 4)) problems.push(`maximum lifetime ${o.maxLifetimeS} s is less than one 4-s unit`);
  if (!(o.advertiser.intervalS > 0)) problems.push(`advertisement interval ${o.advertiser.intervalS} s must be positive`);
  const spis = new Set<number>();
  for (const sa of o.associations) {
    if (sa.key.length === 0) problems.push(`the security association with ${sa.peer} (SPI ${sa.spi}) has an empty key`);
    if (spis.has(sa.spi)) problems.push(`two security associations use SPI ${sa.spi}`);
    spis.add(sa.spi);
  }
  if (problems.length > 0) throw new RangeError(`${who}: ${problems.join('; ')}`);
  const network = ipv6NetworkOf(o.address, o.prefixLength);
  if (!ipv6InPrefix(o.address, network, o.prefixLength)) throw new RangeError(`${who}: ${o.address} is not in its own prefix`);
  const { prefixLength, ...rest } = o;
  return {
    config: { ...rest, prefix: { network, prefixLength } },
    core: { router: initialRouterState(), neighbours: EMPTY_NEIGHBOUR_CACHE },
    advertiser: INITIAL_ADVERTISER_V6,
    bindings: EMPTY_ADDRESS_BINDINGS,
    ah: { inbound: {}, outbound: {} },
  };
}
