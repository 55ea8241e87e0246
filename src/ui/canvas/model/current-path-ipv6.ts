// The learner-visible sentence for a path an IPv6 datagram took (Perkins &
// Johnson §10): before the correspondent has a binding, its datagrams reach
// the home address and the home agent tunnels them IPv6 in IPv6 to the
// care-of address — triangle routing, the tunnelled arrival that tells the
// mobile node to send a Binding Update; after, the correspondent sends
// straight to the care-of address with a type 2 Routing header. A previous
// router re-tunnelling to the new care-of address is the smooth handoff
// (mipv6-07 §10.8; RFC 6275 §11.5.4 still asks a mobile node to keep its previous care-of address).

import type { NodeId } from '../../../engine/node/contract';
import type { CurrentPath } from './current-path';

/** A home agent of either IP version (the IPv4 one of RFC 2002, the IPv6 one of docs/ipv6.md). */
export function isHomeAgentRole(role: string | undefined): boolean {
  return role === 'home-agent' || role === 'home-agent-v6';
}

export function describeIpv6Path(path: Omit<CurrentPath, 'label'>, roleOf: (id: NodeId) => string | undefined): string {
  const n = path.hops.length;
  const ms = ((path.deliveredAt - path.sentAt) / 1000).toFixed(1);
  let text = `${path.origin} → ${path.mobile}: ${n} ${n === 1 ? 'hop' : 'hops'}, ${ms} ms`;
  let retunnels = path.tunnels;
  switch (path.kind) {
    case 'triangle': {
      const [first, ...later] = path.tunnels;
      text += ` — triangle: via ${path.homeAgent} (IPv6 in IPv6), tunnelled by ${first!.node} to care-of address ${first!.destination} (Perkins & Johnson §10; RFC 2473 §3)`;
      retunnels = later;
      break;
    }
    case 'route-optimization':
      if (path.routedTo !== undefined) {
        text += ` — route optimized: straight to the care-of address ${path.routedTo} (type 2 Routing header; Perkins & Johnson §10; RFC 6275 §6.4)`;
      } else {
        const [first, ...later] = path.tunnels;
        text += `, tunnelled by ${first!.node} directly to ${first!.destination}`;
        retunnels = later;
      }
      break;
    case 'at-home':
      text += ` via ${path.homeAgent}, no tunnel: the mobile node is on its home link (Perkins & Johnson §10)`;
      break;
    case 'direct':
      text += ', direct, no tunnel';
      break;
    case 'other': {
      const [first, ...later] = path.tunnels;
      text += `, tunnelled by ${first!.node} to ${first!.destination}`;
      retunnels = later;
      break;
    }
  }
  for (const t of retunnels) {
    text += roleOf(t.node) === 'access-router-v6'
      ? `, re-tunnelled by ${t.node} to ${t.destination} (smooth handoff: the previous router forwards for the previous care-of address, Perkins & Johnson §10; mipv6-07 §10.8)`
      : `, re-tunnelled by ${t.node} to ${t.destination}`;
  }
  return text;
}
