// Words for run-metrics figures shared by `mip-lab run` and the page's
// Statistics tab, so both write them the same way.

import type { FlowFigures } from './run-metrics';

/** Octets tunnels added per tunnelled link transmission, by method: "IP in IP 20", "—" when none (RFC 2003 §3.1, RFC 2004 §3, RFC 1701 §2). */
export function encapsulationText(f: Pick<FlowFigures, 'encapsulation'>): string {
  const methods = Object.entries(f.encapsulation);
  if (methods.length === 0) return '—';
  return methods.map(([m, o]) => `${m} ${(o.octets / o.transmissions).toFixed(1).replace(/\.0$/, '')}`).join(', ');
}
