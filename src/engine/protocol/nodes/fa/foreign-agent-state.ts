// The foreign agent's configuration and state (RFC 2002 §3.7): a
// router that advertises on its cell with F set, keeps the visitor list and
// its security associations, and remembers when it last denied each mobile
// node (at most one denial per second, RFC 2002 §3.7.2).

import type { SecurityAssociation } from '../../../crypto/security-association';
import type { InterfaceName } from '../../../node/contract';
import type { Micros } from '../../../node/time';
import { initialRouterState, type RouterState } from '../../../network/behaviours/router';
import type { Ipv4Address } from '../../../wire/address';
import { DEFAULT_PROFILE, type MipProfile } from '../../../wire/mip/profile';
import { advertiserConfig, initialAdvertiserState, type AdvertiserConfig, type AdvertiserOptions, type AdvertiserState } from '../../discovery/advertiser';
import { EMPTY_SECURITY_ASSOCIATIONS, addSecurityAssociation, type SecurityAssociationTable } from '../../tables/security-associations';
import { EMPTY_VISITOR_LIST, type VisitorList } from '../../tables/visitor-list';
import type { LaterExtensions } from '../common/hooks';
import type { RsaPrivateKey } from '../../../crypto/rsa-key';
import type { KeyExchangeRecord } from '../../keys';
import { EMPTY_PENDING_ACK_DELIVERIES, type PendingAcknowledgeDeliveries } from '../../route-optimization/smooth-handoff';
import { DEFAULT_BINDING_CACHE_CAPACITY, emptyBindingCache, type BindingCache } from '../../tables/binding-cache';
import { emptyRateLimiter, type RateLimiter } from '../../tables/rate-limiter';
import { EMPTY_BU_RECEIVER_REPLAY, type BuReceiverReplayTable } from '../../tables/binding-update-replay';
import { EMPTY_RECENTLY_FORWARDED, type RecentlyForwarded } from '../../tables/recently-forwarded';

export interface ForeignAgentConfig extends LaterExtensions {
  /** The interface visitors attach to (the agent's radio cell). */
  readonly interface: InterfaceName;
  /** The agent's address there: advertised as Router Address and care-of address. */
  readonly address: Ipv4Address;
  readonly profile: MipProfile;
  /**
   * Longest Lifetime accepted (RFC 2002 §3.7.2: longer → Code 69). Normally
   * the advertised Registration Lifetime; a lesson may set it lower to show
   * the denial and its repair.
   */
  readonly maximumLifetime: number;
  readonly advertiser: AdvertiserConfig;
  /** The FA's RSA key pair for registration keys (Perkins & Johnson §9.2; regkey-00 §8.1 method 3; OC-19); none by default. */
  readonly registrationKeyPair?: RsaPrivateKey | null;
  /**
   * Where its Diffie-Hellman value g^y (124) goes (OC-49): in the relayed
   * Request, for the home agent's Reply (default, Perkins & Johnson §9.2), or
   * in the Reply it relays, after Mobile-Home (optim-06 §3.4).
   */
  readonly diffieHellmanValueIn?: 'home-agent-reply' | 'own-reply';
}

export interface ForeignAgentState {
  readonly config: ForeignAgentConfig;
  readonly router: RouterState;
  readonly advertiser: AdvertiserState;
  readonly associations: SecurityAssociationTable;
  readonly visitors: VisitorList;
  /** Per mobile node home address: when this FA last sent it a denial. */
  readonly lastDenialAt: Readonly<Record<string, Micros>>;
  /**
   * Route Optimization (Perkins & Johnson §3; optim-08 §3.1; Perkins & Johnson §4.3; spectun-00 §3.2; Perkins & Johnson §4.1; optim-08 §8.1): forwarding
   * entries for former visitors, written by the smooth-handoff Binding Update
   * (receiveSmoothHandoffBindingUpdate) and read for tunnelled datagrams of
   * non-visitors (fa/route-optimization.ts). OC-33 capacity unless configured.
   */
  readonly bindingCache: BindingCache;
  /** Replay state of Binding Updates from home agents this FA shares an association with (Perkins & Johnson §3.3; fa/binding-update.ts). */
  readonly bindingUpdateReplay: BuReceiverReplayTable;
  /** The datagrams it re-tunnelled in the last moments, to recognise one coming back round a loop (RFC 2003 §3.2; fa/loop-guard.ts). */
  readonly recentlyForwarded: RecentlyForwarded;
  /** Binding Warnings per (HA, D, T), OC-20 (Perkins & Johnson §3.1; optim-08 §8.3). */
  readonly bindingWarningLimiter: RateLimiter;
  /** New FA in a smooth handoff: the one Binding Acknowledge let through per pending registration (OC-37; fa/smooth-handoff.ts). */
  readonly acknowledgeDeliveries: PendingAcknowledgeDeliveries;
  /** Registration-key exchanges in progress, by home address: the FA's side for the key panel (fa/keys.ts). */
  readonly keyExchanges: Readonly<Record<string, KeyExchangeRecord>>;
}

export type ForeignAgentOptions = Pick<ForeignAgentConfig, 'interface' | 'address'> & Partial<Omit<ForeignAgentConfig, 'advertiser'>> & {
  /** MSAs with mobile nodes (peer = home address) and home agents (peer = HA address); often none. */
  readonly associations?: readonly SecurityAssociation[];
  readonly advertiser?: Partial<AdvertiserOptions>;
};

export function initialForeignAgentState(o: ForeignAgentOptions): ForeignAgentState {
  const { associations: list = [], advertiser: adv, ...rest } = o;
  const advertiser = advertiserConfig({
    interface: o.interface, agentAddress: o.address, foreignAgent: true, careOfAddresses: [o.address],
    smoothHandoff: o.smoothHandoff?.enabled === true, // S bit (optim-08 §5.2); the handoff itself: Perkins & Johnson §4.2; optim-08 §6; Perkins & Johnson §4.1; optim-08 §5.1
    ...adv,
  });
  const config: ForeignAgentConfig = { profile: DEFAULT_PROFILE, maximumLifetime: advertiser.registrationLifetime, ...rest, advertiser };
  let associations = EMPTY_SECURITY_ASSOCIATIONS;
  for (const sa of list) {
    const r = addSecurityAssociation(associations, sa, 0);
    if (r.errors.length > 0) throw new RangeError(`foreign agent ${o.address}: MSA with ${sa.peer}: ${r.errors.map((e) => e.reason).join('; ')}`);
    associations = r.table;
  }
  const bindingCache = emptyBindingCache(o.routeOptimization?.bindingCacheCapacity ?? DEFAULT_BINDING_CACHE_CAPACITY); // OC-33
  return { config, router: initialRouterState(), advertiser: initialAdvertiserState(), associations, visitors: EMPTY_VISITOR_LIST, lastDenialAt: {}, bindingCache, bindingUpdateReplay: EMPTY_BU_RECEIVER_REPLAY, recentlyForwarded: EMPTY_RECENTLY_FORWARDED, bindingWarningLimiter: emptyRateLimiter('Binding Warning'), acknowledgeDeliveries: EMPTY_PENDING_ACK_DELIVERIES, keyExchanges: {} };
}
