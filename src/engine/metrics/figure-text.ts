// Words for run-metrics figures shared by `mip-lab run` and the page's
// Statistics tab, so both write them the same way.

import { IPV6_OVERHEAD_METHODS } from './ipv6-overhead';
import type { FlowFigures } from './run-metrics';

/** Octets tunnels added per tunnelled link transmission, by method: "IP in IP 20", "—" when none (RFC 2003 §3.1, RFC 2004 §3, RFC 1701 §2). */
export function encapsulationText(f: Pick<FlowFigures, 'encapsulation'>): string {
  const methods = Object.entries(f.encapsulation);
  if (methods.length === 0) return '—';
  return methods.map(([m, o]) => `${m} ${(o.octets / o.transmissions).toFixed(1).replace(/\.0$/, '')}`).join(', ');
}

/**
 * For a run with IPv6 mobility traffic (Perkins & Johnson §10): the octets per link transmission each IPv6 mechanism added,
 * measured over every flow, and what each costs by the specs — the route-optimized path's headers against the home
 * agent's tunnel. Undefined for a run without any, so an IPv4 run's figures read as they always did.
 */
export function ipv6OverheadLines(overall: Pick<FlowFigures, 'encapsulation'>): string[] | undefined {
  const seen = Object.entries(overall.encapsulation).filter(([m]) => IPV6_OVERHEAD_METHODS.has(m));
  if (seen.length === 0) return undefined;
  const measured = seen.map(([m, o]) => `${m} ${(o.octets / o.transmissions).toFixed(1).replace(/\.0$/, '')} octets on ${o.transmissions} ${o.transmissions === 1 ? 'transmission' : 'transmissions'}`);
  return [
    `IPv6 mobility overhead per link transmission (flow datagrams): ${measured.join('; ')}`,
    'By the specs: the home agent\'s IPv6-in-IPv6 tunnel adds a 40-octet header (RFC 2473 §3); the route-optimized path adds a 24-octet type 2 Routing header towards the mobile node (RFC 6275 §6.4) and a 24-octet Destination Options header with the Home Address option from it (RFC 6275 §6.3), plus a 24-octet AH where the packet is authenticated (RFC 4302 §2)',
  ];
}
