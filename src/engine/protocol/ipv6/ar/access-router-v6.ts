// The IPv6 access router (Perkins & Johnson §10; mipv6-07 §10.8; docs/ipv6.md
// §3): the router of a visited cell. It advertises the cell's prefix (with
// the R flag and its own address, so a mobile node knows where its previous
// router is), answers Neighbor Discovery, and — the paper's smooth handoff
// without foreign agents — acts as home agent for a mobile node's previous
// care-of address: after a Binding Update with H from a mobile node it shares
// a security association with, it tunnels what still arrives for the old
// address to the new care-of address until the binding ends (RFC 6275
// §11.5.4; OC-57). Same behaviour as the home agent (common/binding-agent.ts),
// other options.

import type { NodeBehaviour } from '../../../node/contract';
import type { Ipv6Address } from '../../../wire/ipv6/ipv6-address';
import { bindingAgentBehaviour } from '../common/binding-agent';
import { initialBindingAgentState, type AhAssociation, type BindingAgentState } from '../common/binding-agent-state';
import { withAccessRouterSettings } from './configure-ar-v6';

export type AccessRouterV6State = BindingAgentState;

/**
 * Longest binding granted for a previous care-of address: the lab's bound
 * (mipv6-07 §10.8 asks for a short one; the mobile node asks 20 s by default).
 */
export const PREVIOUS_CARE_OF_MAX_LIFETIME_S = 300;

export interface AccessRouterV6Options {
  /** The interface on its cell, its address there and the cell's prefix length. */
  readonly cellInterface: string;
  readonly address: Ipv6Address;
  readonly prefixLength: number;
  /** OC-58: default 1 s. */
  readonly advertiseIntervalS?: number;
  readonly routerLifetimeS?: number;
  readonly prefixLifetimeS?: number;
  /** false: answers a Binding Update with H with 131 (home registration not supported). Default true. */
  readonly smoothHandoff?: boolean;
  /** Security associations with mobile nodes (OC-57: smooth handoff needs one). */
  readonly associations: readonly AhAssociation[];
}

export function initialAccessRouterV6State(o: AccessRouterV6Options): AccessRouterV6State {
  const intervalS = o.advertiseIntervalS ?? 1;
  return initialBindingAgentState({
    kind: 'previous-care-of',
    interface: o.cellInterface,
    address: o.address,
    prefixLength: o.prefixLength,
    maxLifetimeS: PREVIOUS_CARE_OF_MAX_LIFETIME_S,
    acceptsBindings: o.smoothHandoff ?? true,
    associations: o.associations,
    advertiser: { interface: o.cellInterface, intervalS, routerLifetimeS: o.routerLifetimeS ?? Math.ceil(3 * intervalS - 1e-9), prefixLifetimeS: o.prefixLifetimeS ?? 86_400 },
  }, `access router ${o.address}`);
}

// Its smooth-handoff switch is the learner's (configure-ar-v6.ts).
export const accessRouterV6Behaviour: NodeBehaviour<AccessRouterV6State, unknown> = withAccessRouterSettings(bindingAgentBehaviour('access router (IPv6)'));
