// The home agent's configuration and state (RFC 2002 §3.8): a router
// on the home link that advertises with H set, keeps the mobility binding
// list, the replay state per mobile node and its security associations.

import type { SecurityAssociation } from '../../../crypto/security-association';
import type { InterfaceName } from '../../../node/contract';
import { initialRouterState, type RouterState } from '../../../network/behaviours/router';
import type { Ipv4Address } from '../../../wire/address';
import { DEFAULT_PROFILE, type MipProfile } from '../../../wire/mip/profile';
import { advertiserConfig, initialAdvertiserState, type AdvertiserConfig, type AdvertiserOptions, type AdvertiserState } from '../../discovery/advertiser';
import { EMPTY_MOBILITY_BINDINGS, type MobilityBindingList } from '../../tables/mobility-bindings';
import { EMPTY_REGISTRATION_REPLAY, type RegistrationReplayTable } from '../../tables/replay';
import { EMPTY_SECURITY_ASSOCIATIONS, addSecurityAssociation, setMasterKey, type SecurityAssociationTable } from '../../tables/security-associations';
import type { LaterExtensions } from '../common/hooks';
import { EMPTY_ACKNOWLEDGED_CORRESPONDENTS } from '../../tables/acknowledged-correspondents';
import { EMPTY_BU_SENDER_REPLAY } from '../../tables/binding-update-replay';
import { EMPTY_INFORMED_CORRESPONDENTS } from '../../tables/informed-correspondents';
import { OC20_BACKOFF, emptyRateLimiter } from '../../tables/rate-limiter';
import type { HomeAgentRoState } from '../../route-optimization/home-agent-binding-update';

export interface HomeAgentConfig extends LaterExtensions {
  /** The HA's unicast address on the home link (what Requests name in their Home Agent field). */
  readonly address: Ipv4Address;
  readonly homeInterface: InterfaceName;
  readonly homePrefixLength: number;
  /** OC-01. */
  readonly profile: MipProfile;
  /** The HA's clock: Unix ms at virtual time 0 (timestamps, RFC 2002 §5.6.1). */
  readonly epochUnixMs: number;
  /** Longest Lifetime granted, seconds (RFC 2002 §3.8.2.2: requested or less). Our default: 600 s. */
  readonly maximumLifetime: number;
  /** Whether the S bit is honoured; if not, an S Request is accepted with Code 1 (RFC 2002 §3.8.2.2). */
  readonly simultaneousBindings: boolean;
  /** Code 135 beyond this many bindings per mobile node (RFC 2002 §3.8.2.1). */
  readonly maxBindingsPerMobileNode: number;
  /** Mobile nodes refused with Code 129 (administratively prohibited) — a lesson switch. */
  readonly prohibited: readonly Ipv4Address[];
  /** Refuse every Request with Code 130 (insufficient resources) — a lesson switch. */
  readonly insufficientResources: boolean;
  /** OC-29 unless set. */
  readonly timestampWindowSeconds?: number;
  readonly advertiser: AdvertiserConfig;
  /**
   * Foreign agents' public keys (DER, OC-19) the administrator configured, by
   * every address the FA may relay from: the HA can encrypt a registration
   * key for such an FA without trusting a key a Request carries (Perkins & Johnson §9.3 step 3).
   */
  readonly foreignAgentPublicKeys?: Readonly<Record<Ipv4Address, Uint8Array>>;
}

export interface HomeAgentState {
  readonly config: HomeAgentConfig;
  readonly router: RouterState;
  readonly advertiser: AdvertiserState;
  readonly associations: SecurityAssociationTable;
  readonly bindings: MobilityBindingList;
  readonly replay: RegistrationReplayTable;
  /** Route Optimization (Perkins & Johnson §3.3): BU replay state, rate limiter, acknowledging correspondents. */
  readonly routeOptimization: HomeAgentRoState;
}

export type HomeAgentOptions = Pick<HomeAgentConfig, 'address' | 'homeInterface' | 'homePrefixLength' | 'epochUnixMs'> & Partial<Omit<HomeAgentConfig, 'advertiser'>> & {
  /** MSAs with mobile nodes (peer = home address) and foreign agents (peer = FA address). */
  readonly associations: readonly SecurityAssociation[];
  readonly advertiser?: Partial<AdvertiserOptions>;
};

export function initialHomeAgentState(o: HomeAgentOptions): HomeAgentState {
  const { associations: list, advertiser, ...rest } = o;
  const config: HomeAgentConfig = {
    profile: DEFAULT_PROFILE, maximumLifetime: 600, simultaneousBindings: true, maxBindingsPerMobileNode: 4, prohibited: [], insufficientResources: false,
    ...rest,
    // RFC 2002 §2.1.1: a HA advertising on its home link sets H there.
    advertiser: advertiserConfig({ interface: o.homeInterface, agentAddress: o.address, homeAgent: true, prefixLength: o.homePrefixLength, ...advertiser }),
  };
  let associations = EMPTY_SECURITY_ASSOCIATIONS;
  for (const sa of list) {
    const r = addSecurityAssociation(associations, sa, 0);
    if (r.errors.length > 0) throw new RangeError(`home agent ${o.address}: MSA with ${sa.peer}: ${r.errors.map((e) => e.reason).join('; ')}`);
    associations = r.table;
  }
  if (o.routeOptimization?.masterKey !== undefined) { // Perkins & Johnson §5; optim-08 App. A
    const m = setMasterKey(associations, o.routeOptimization.masterKey);
    if (m.errors.length > 0) throw new RangeError(`home agent ${o.address}: master key: ${m.errors.map((e) => e.reason).join('; ')}`);
    associations = m.table;
  }
  const routeOptimization: HomeAgentRoState = { replay: EMPTY_BU_SENDER_REPLAY, limiter: emptyRateLimiter('Binding Update', o.routeOptimization?.rateLimitPolicy ?? OC20_BACKOFF), acknowledged: EMPTY_ACKNOWLEDGED_CORRESPONDENTS, informed: EMPTY_INFORMED_CORRESPONDENTS }; // OC-20
  return { config, router: initialRouterState(), advertiser: initialAdvertiserState(), associations, bindings: EMPTY_MOBILITY_BINDINGS, replay: EMPTY_REGISTRATION_REPLAY, routeOptimization };
}
