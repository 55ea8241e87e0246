// Hook points for what later milestones plug into the base behaviours. They
// are declared here, accepted in every node's configuration, and not
// implemented yet: a node given one behaves exactly as the base protocol
// (base-mobile-ip.md), and says so nowhere else. Each names the
// route-optimization.md sections that will fill it in.

import type { RateLimitPolicy } from '../../tables/rate-limiter';
import type { MasterKeyConfig } from '../../tables/security-associations';

/**
 * Route Optimization (route-optimization.md §5–§11, §16–§19): the HA sends
 * Binding Updates to correspondents when it tunnels (§16), the FA keeps a
 * binding cache and uses the special tunnel instead of discarding a
 * tunnelled datagram for a non-visitor (§18.2, §18.4), the MN answers
 * Binding Warnings/Requests (§17). Hook sites: ha/tunnel.ts, fa/delivery.ts.
 */
export interface RouteOptimizationHook {
  readonly enabled: boolean;
  /** HA: keep the optional list of acknowledging correspondents (trigger f, route-optimization.md §16.1, §16.6). */
  readonly maintainAcknowledgedList?: boolean;
  /** HA: MSAs with correspondents derived from a master key (route-optimization.md §13.2); its SPI, algorithm and replay style. */
  readonly masterKey?: MasterKeyConfig;
  /** HA: how its Binding Updates are rate-limited (route-optimization.md §16.5): OC20_BACKOFF unless set, or the MIPV6_07_RATE preset (OC-20). */
  readonly rateLimitPolicy?: RateLimitPolicy;
  /** FA: binding-cache capacity (OC-33: 64). */
  readonly bindingCacheCapacity?: number;
}

/**
 * Smooth handoff (route-optimization.md §10–§11, §18.6): the S bit in the
 * FA's advertisement is already driven by the advertiser config; the
 * Previous FA Notification extension (MN, fa/relay.ts) and the previous FA's
 * forwarding binding (fa/delivery.ts) come later.
 */
export interface SmoothHandoffHook {
  readonly enabled: boolean;
}

/**
 * Registration keys (route-optimization.md §12–§14; protocol/keys/): key
 * request extensions placed before the Mobile-Home extension by the MN
 * (OC-17, mn/registration-client.ts), key replies added by the HA
 * (ha/registration.ts) and consumed by the FA (fa/relay.ts).
 */
export interface RegistrationKeysHook {
  readonly method: string;
}

/** The optional sections every node configuration accepts. */
export interface LaterExtensions {
  readonly routeOptimization?: RouteOptimizationHook;
  readonly smoothHandoff?: SmoothHandoffHook;
  readonly keys?: RegistrationKeysHook;
}
