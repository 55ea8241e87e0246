// Never re-tunnel a datagram round a loop (RFC 2003 §3.2; Perkins & Johnson
// §4.1; lab choice). A node that opened a tunnel and is about to send the
// inner datagram on through another — re-tunnelled from its binding cache, or
// as a special tunnel — first checks that it is not sending it round in
// circles, and if it is, drops it and says why:
//
//   1. it came through a tunnel from X and the binding says tunnel it to X:
//      sending it back where it came from (two foreign agents whose forwarding
//      bindings point at each other, e.g. after a replayed smooth-handoff
//      Binding Update) would bounce it until its TTL ran out;
//   2. RFC 2003 §3.2: its source is the exit of the tunnel it would take, or
//      one of this node's own addresses;
//   3. this node already forwarded this very datagram a moment ago: it has
//      come back round a longer circle (recently-forwarded.ts).

import type { Ipv4Address } from '../../wire/address';
import type { Ipv4Datagram } from '../../wire/ipv4';
import { datagramName, forwardedBefore, type RecentlyForwarded } from '../tables/recently-forwarded';
import type { Micros } from '../tables/table-change';

export const TUNNEL_LOOP_REF = 'RFC 2003 §3.2; Perkins & Johnson §4.1; lab choice';

export interface TunnelLoopInput {
  /** This node's addresses. */
  readonly own: readonly Ipv4Address[];
  /** The source of the tunnel the datagram arrived through. */
  readonly outerSource: Ipv4Address;
  /** The decapsulated datagram. */
  readonly inner: Ipv4Datagram;
  /** Where the binding cache would tunnel it (its care-of address); null when it would go as a special tunnel. */
  readonly tunnelExit: Ipv4Address | null;
  readonly recentlyForwarded: RecentlyForwarded;
}

export type TunnelLoopVerdict = { readonly cut: false } | { readonly cut: true; readonly reason: string; readonly ref: string };

export function tunnelLoop(i: TunnelLoopInput, now: Micros): TunnelLoopVerdict {
  const d = i.inner;
  const cut = (why: string): TunnelLoopVerdict => ({ cut: true, reason: `not re-tunnelled, the loop is cut: ${why}`, ref: TUNNEL_LOOP_REF });
  if (i.tunnelExit !== null && i.tunnelExit === i.outerSource) {
    return cut(`it came through a tunnel from ${i.outerSource}, and the binding of ${d.destination} says to tunnel it to ${i.tunnelExit} — back into the tunnel it came from, where the same would happen again until its TTL ran out`);
  }
  if (i.tunnelExit !== null && d.source === i.tunnelExit) return cut(`its source ${d.source} is the exit of the tunnel it would take (RFC 2003 §3.2)`);
  if (i.own.includes(d.source)) return cut(`its source ${d.source} is this node's own address (RFC 2003 §3.2)`);
  const before = forwardedBefore(i.recentlyForwarded, d, now);
  if (before !== null) {
    return cut(`this node already forwarded this very datagram (${datagramName(d)}) ${((now - before) / 1000).toFixed(1)} ms ago: it has come back round a circle of tunnels`);
  }
  return { cut: false };
}
