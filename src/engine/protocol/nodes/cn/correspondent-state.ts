// The correspondent node's configuration and state (Perkins & Johnson §3; optim-08 §3.1): an ordinary host (network/behaviours/host.ts: flows, deliveries)
// plus, when it implements Route Optimization, a binding cache, the replay
// state of the Binding Updates it accepted, and its MSAs with home agents.

import type { SecurityAssociation } from '../../../crypto/security-association';
import { initialHostState, type HostState, type UdpFlow } from '../../../network/behaviours/host';
import type { Ipv4Address } from '../../../wire/address';
import { DEFAULT_PROFILE, type MipProfile } from '../../../wire/mip/profile';
import type { CorrespondentState, TunnelEncapsulation } from '../../route-optimization/correspondent';
import { DEFAULT_RO_CONFIG } from '../../route-optimization/types';
import { DEFAULT_BINDING_CACHE_CAPACITY, emptyBindingCache } from '../../tables/binding-cache';
import { EMPTY_BU_RECEIVER_REPLAY } from '../../tables/binding-update-replay';
import { EMPTY_SECURITY_ASSOCIATIONS, addSecurityAssociation, type SecurityAssociationTable } from '../../tables/security-associations';

export interface CorrespondentConfig {
  /** The correspondent's address: the source of its BRs and BAs, and of the tunnels it builds (Perkins & Johnson §3; optim-08 §3.1). */
  readonly address: Ipv4Address;
  /** false: a legacy correspondent — Binding Updates are ignored, with a traced reason (optim-08 §7.1). */
  readonly routeOptimization: boolean;
  /** OC-33: 64 entries, LRU. */
  readonly bindingCacheCapacity: number;
  /** OC-39: IP in IP unless set here and permitted by the BU's M/G bits. */
  readonly preferredEncapsulation: TunnelEncapsulation;
  /** OC-01. */
  readonly profile: MipProfile;
  /** Unix ms at virtual time 0 (timestamps, OC-28, OC-40). */
  readonly epochUnixMs: number;
  /** OC-29 unless set. */
  readonly timestampWindowSeconds?: number;
}

export interface CorrespondentNodeState {
  readonly config: CorrespondentConfig;
  /** The plain host underneath: forwarding table, flows, deliveries, IP Identification counter. */
  readonly host: HostState;
  /** Binding cache and BU replay state (route-optimization/correspondent.ts). */
  readonly ro: CorrespondentState;
  /** MSAs with home agents (peer = the HA's address), Perkins & Johnson §3; optim-08 §3.1. */
  readonly associations: SecurityAssociationTable;
}

export type CorrespondentOptions = Pick<CorrespondentConfig, 'address'> & Partial<CorrespondentConfig> & {
  readonly associations?: readonly SecurityAssociation[];
  readonly flows?: readonly UdpFlow[];
};

export function initialCorrespondentState(o: CorrespondentOptions): CorrespondentNodeState {
  const { associations: list = [], flows = [], ...rest } = o;
  const config: CorrespondentConfig = {
    routeOptimization: true, bindingCacheCapacity: DEFAULT_BINDING_CACHE_CAPACITY, preferredEncapsulation: 'ip-in-ip', profile: DEFAULT_PROFILE, epochUnixMs: DEFAULT_RO_CONFIG.epochUnixMs,
    ...rest,
  };
  let associations = EMPTY_SECURITY_ASSOCIATIONS;
  for (const sa of list) {
    const r = addSecurityAssociation(associations, sa, 0);
    if (r.errors.length > 0) throw new RangeError(`correspondent ${o.address}: MSA with ${sa.peer}: ${r.errors.map((e) => e.reason).join('; ')}`);
    associations = r.table;
  }
  return { config, host: initialHostState(flows), ro: { cache: emptyBindingCache(config.bindingCacheCapacity), replay: EMPTY_BU_RECEIVER_REPLAY }, associations };
}
