// The optional protocol sections every node configuration accepts on top of
// base Mobile IP (RFC 2002). Absent or disabled, a node behaves
// exactly as the base protocol; each names the sections of Perkins & Johnson
// and optim-08 it switches on. (Registration keys need no switch: they follow the FA's S
// bit and the MN's `registrationKeys` configuration, Perkins & Johnson §9; regkey-00 §3.)

import type { SmoothHandoffIdentification } from '../../route-optimization/smooth-handoff';
import type { RateLimitPolicy } from '../../tables/rate-limiter';
import type { MasterKeyConfig } from '../../tables/security-associations';

/**
 * Route Optimization (Perkins & Johnson §3, §4.3; optim-08 §3–§8; spectun-00 §3): the HA sends
 * Binding Updates to correspondents when it tunnels (Perkins & Johnson §3.3), the FA keeps a
 * binding cache and uses the special tunnel instead of discarding a
 * tunnelled datagram for a non-visitor (Perkins & Johnson §4.3; spectun-00 §3.2, §3), the MN answers
 * Binding Warnings/Requests (Perkins & Johnson §3; optim-08 §3.1). Sites: ha/tunnel.ts, ha/route-optimization.ts,
 * fa/delivery.ts, fa/route-optimization.ts.
 */
export interface RouteOptimizationHook {
  readonly enabled: boolean;
  /** HA: keep the optional list of acknowledging correspondents (trigger f, Perkins & Johnson §3.3; optim-08 §3.1; Perkins & Johnson §3.4; optim-08 §7.3). */
  readonly maintainAcknowledgedList?: boolean;
  /** HA: MSAs with correspondents derived from a master key (Perkins & Johnson §5; optim-08 App. A); its SPI, algorithm and replay style. */
  readonly masterKey?: MasterKeyConfig;
  /** HA: how its Binding Updates are rate-limited (Perkins & Johnson §3.3; optim-08 §7.1): OC20_BACKOFF unless set, or the MIPV6_07_RATE preset (OC-20). */
  readonly rateLimitPolicy?: RateLimitPolicy;
  /** FA: binding-cache capacity (OC-33: 64). */
  readonly bindingCacheCapacity?: number;
}

/**
 * Smooth handoff (Perkins & Johnson §4.2; optim-08 §6; Perkins & Johnson §4.1; optim-08 §5.1, §8.1): the FA
 * advertises S; the MN sends the Previous FA Notification (mn/smooth-handoff.ts),
 * the new FA builds the BU (fa/smooth-handoff.ts) and the previous FA keeps a
 * forwarding binding (fa/delivery.ts). An MN with `enabled: false` sends no PFAN.
 */
export interface SmoothHandoffHook {
  readonly enabled: boolean;
  /**
   * FA: the BU it builds as the new FA carries no Identification ('paper',
   * Perkins & Johnson §3.3, the default) or the Registration Request's
   * ('optim-08', optim-08 §5.1) — OC-06, OC-09.
   */
  readonly identification?: SmoothHandoffIdentification;
}

/** The optional sections every node configuration accepts. */
export interface LaterExtensions {
  readonly routeOptimization?: RouteOptimizationHook;
  readonly smoothHandoff?: SmoothHandoffHook;
}
