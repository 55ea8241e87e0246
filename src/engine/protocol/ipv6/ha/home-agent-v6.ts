// The IPv6 home agent (Perkins & Johnson §10; RFC 6275 §10; docs/ipv6.md §3):
// the router of the home link. It advertises with the H flag and a Home Agent
// Information option, accepts home registrations protected by AH, and tunnels
// (IPv6 in IPv6) what arrives for a registered home address to its care-of
// address. The behaviour is the one it shares with the access routers
// (common/binding-agent.ts); what makes it a home agent is its options.

import type { NodeBehaviour } from '../../../node/contract';
import type { Ipv6Address } from '../../../wire/ipv6/ipv6-address';
import { bindingAgentBehaviour } from '../common/binding-agent';
import { initialBindingAgentState, type AhAssociation, type BindingAgentState } from '../common/binding-agent-state';

export type HomeAgentV6State = BindingAgentState;

export interface HomeAgentV6Options {
  /** The interface on the home link, its address there and the prefix length of the home link. */
  readonly homeInterface: string;
  readonly address: Ipv6Address;
  readonly homePrefixLength: number;
  /** Longest lifetime it grants, seconds (docs/ipv6.md §3; default 300). */
  readonly maxLifetimeS?: number;
  /** OC-58: default 1 s. */
  readonly advertiseIntervalS?: number;
  /** Router Lifetime of its advertisements; default 3 × the interval, rounded up (RFC 4861 §6.2.1). */
  readonly routerLifetimeS?: number;
  /** Valid and Preferred Lifetime of the home prefix (RFC 4861 §4.6.2); default 86 400 s. */
  readonly prefixLifetimeS?: number;
  /** Security associations with its mobile nodes (peer addresses = home addresses). */
  readonly associations: readonly AhAssociation[];
}

export function initialHomeAgentV6State(o: HomeAgentV6Options): HomeAgentV6State {
  const intervalS = o.advertiseIntervalS ?? 1;
  const routerLifetimeS = o.routerLifetimeS ?? Math.ceil(3 * intervalS - 1e-9);
  return initialBindingAgentState({
    kind: 'home',
    interface: o.homeInterface,
    address: o.address,
    prefixLength: o.homePrefixLength,
    maxLifetimeS: o.maxLifetimeS ?? 300,
    acceptsBindings: true,
    associations: o.associations,
    // RFC 6275 §7.4: Home Agent Lifetime defaults to the Router Lifetime; preference 0.
    advertiser: { interface: o.homeInterface, intervalS, routerLifetimeS, prefixLifetimeS: o.prefixLifetimeS ?? 86_400, homeAgent: { preference: 0, lifetimeS: routerLifetimeS } },
  }, `home agent ${o.address}`);
}

export const homeAgentV6Behaviour: NodeBehaviour<HomeAgentV6State, unknown> = bindingAgentBehaviour('home agent (IPv6)');
