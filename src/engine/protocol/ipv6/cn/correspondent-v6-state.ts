// The IPv6 correspondent's configuration and state (Perkins & Johnson §10;
// RFC 6275 §9): a host that sends UDP flows to mobile nodes'
// home addresses and records what it receives, plus — when it implements
// route optimization — a binding cache, the return-routability secrets it
// answers Home and Care-of Test Inits with, and the AH security associations
// it checks Binding Updates with (one per mobile node, the paper's model).
//
// Plain data, as every node state (node/contract.ts).

import type { Delivery, UdpFlow } from '../../../network/behaviours/host';
import { EMPTY_FORWARDING_TABLE, type ForwardingTable } from '../../../node/route-table';
import type { Ipv6Address } from '../../../wire/ipv6/ipv6-address';
import type { AhAssociation, AhState } from '../common/binding-agent-state';
import { DEFAULT_BINDING_CACHE_CAPACITY, emptyIpv6BindingCache, type Ipv6BindingCache } from './binding-cache-v6';
import { EMPTY_NONCE_SCHEDULE, type NonceSchedule } from './nonce-schedule';

export type { AhAssociation };

export interface CorrespondentV6Config {
  /** The correspondent's own global address: source of everything it sends. */
  readonly address: Ipv6Address;
  /** false: no Mobility Header support — a Binding Update gets ICMPv6 Parameter Problem and no cache is kept (RFC 6275 §9.2). */
  readonly routeOptimization: boolean;
  /** false: Home/Care-of Test Inits are ignored and Binding Updates authorized by return routability refused (RFC 6275 §5.2). */
  readonly returnRoutability: boolean;
  readonly bindingCacheCapacity: number;
  /**
   * Configured AH security associations with mobile nodes (Perkins & Johnson §10;
   * mipv6-07 §4.4; OC-52): a Binding Update under one may bind only a home
   * address among its `peerAddresses`.
   */
  readonly associations: readonly AhAssociation[];
}

/** What the state panel shows about refused Binding Updates: the last few, newest last. */
export interface RefusedBindingUpdate {
  readonly at: number;
  readonly homeAddress: Ipv6Address;
  readonly careOfAddress: Ipv6Address;
  readonly sequence: number;
  readonly reason: string;
  /** The BA status sent, or null when the BU was discarded silently. */
  readonly status: number | null;
}

export const MAX_RECORDED_REFUSALS = 16;

export interface CorrespondentV6State {
  readonly config: CorrespondentV6Config;
  readonly table: ForwardingTable;
  /** Its flows (destination = a home address), datagrams sent per flow, deliveries — as a plain host (network/behaviours/host.ts). */
  readonly flows: readonly UdpFlow[];
  readonly sent: Readonly<Record<string, number>>;
  readonly deliveries: readonly Delivery[];
  readonly deliveredCount: number;
  readonly cache: Ipv6BindingCache;
  readonly nonces: NonceSchedule;
  /** Inbound anti-replay windows and outbound Sequence Numbers, by SPI (RFC 4302 §3.3.2, §3.4.3). */
  readonly ah: AhState;
  readonly refused: readonly RefusedBindingUpdate[];
}

export type CorrespondentV6Options = Pick<CorrespondentV6Config, 'address'> & Partial<CorrespondentV6Config> & { readonly flows?: readonly UdpFlow[] };

export function initialCorrespondentV6State(o: CorrespondentV6Options): CorrespondentV6State {
  const { flows = [], ...rest } = o;
  const config: CorrespondentV6Config = { routeOptimization: true, returnRoutability: true, bindingCacheCapacity: DEFAULT_BINDING_CACHE_CAPACITY, associations: [], ...rest };
  const spis = new Set<number>();
  for (const sa of config.associations) {
    if (spis.has(sa.spi)) throw new RangeError(`correspondent ${config.address}: two security associations with SPI ${sa.spi}`);
    if (sa.key.length === 0) throw new RangeError(`correspondent ${config.address}: the security association with SPI ${sa.spi} has an empty key`);
    spis.add(sa.spi);
  }
  return {
    config, table: EMPTY_FORWARDING_TABLE, flows, sent: {}, deliveries: [], deliveredCount: 0,
    cache: emptyIpv6BindingCache(config.bindingCacheCapacity), nonces: EMPTY_NONCE_SCHEDULE, ah: { inbound: {}, outbound: {} }, refused: [],
  };
}
