// The optional protocol sections every node configuration accepts on top of
// base Mobile IP (base-mobile-ip.md). Absent or disabled, a node behaves
// exactly as the base protocol; each names the route-optimization.md sections
// it switches on. (Registration keys need no switch: they follow the FA's S
// bit and the MN's `registrationKeys` configuration, route-optimization.md §14.)

import type { RateLimitPolicy } from '../../tables/rate-limiter';
import type { MasterKeyConfig } from '../../tables/security-associations';

/**
 * Route Optimization (route-optimization.md §5–§11, §16–§19): the HA sends
 * Binding Updates to correspondents when it tunnels (§16), the FA keeps a
 * binding cache and uses the special tunnel instead of discarding a
 * tunnelled datagram for a non-visitor (§18.2, §18.4), the MN answers
 * Binding Warnings/Requests (§17). Sites: ha/tunnel.ts, ha/route-optimization.ts,
 * fa/delivery.ts, fa/route-optimization.ts.
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
 * Smooth handoff (route-optimization.md §10–§11, §18.5–§18.6, §20): the FA
 * advertises S; the MN sends the Previous FA Notification (mn/smooth-handoff.ts),
 * the new FA builds the BU (fa/smooth-handoff.ts) and the previous FA keeps a
 * forwarding binding (fa/delivery.ts). An MN with `enabled: false` sends no PFAN.
 */
export interface SmoothHandoffHook {
  readonly enabled: boolean;
}

/** The optional sections every node configuration accepts. */
export interface LaterExtensions {
  readonly routeOptimization?: RouteOptimizationHook;
  readonly smoothHandoff?: SmoothHandoffHook;
}
