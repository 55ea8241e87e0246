// Reading the simulation trace back as Mobile IP messages and data datagrams,
// so story tests can assert on what actually went over the links.

import { mipMessageOf } from '../../../metrics/trace-events';
import type { TraceEvent } from '../../../node/contract';
import { parseIpv4, IpProtocol, type Ipv4Datagram } from '../../../wire/ipv4';
import type { MipMessage } from '../../../wire/mip/mip-message';
import { parseUdp } from '../../../wire/udp';

export interface SeenMip {
  readonly time: number;
  readonly node: string;
  readonly kind: TraceEvent['kind'];
  readonly ip: Ipv4Datagram;
  readonly sourcePort: number;
  readonly destinationPort: number;
  readonly payload: Uint8Array;
  readonly message: MipMessage;
}

export function datagramOf(e: TraceEvent): Ipv4Datagram | null {
  if (e.bytes === undefined) return null;
  const d = parseIpv4(e.bytes);
  return d.ok ? d.value : null;
}

/** Every Mobile IP message (UDP port 434 on either side) in events of the given kinds. */
export function mipMessages(trace: readonly TraceEvent[], kinds: readonly TraceEvent['kind'][] = ['sent']): SeenMip[] {
  const out: SeenMip[] = [];
  for (const e of trace) {
    if (!kinds.includes(e.kind)) continue;
    const m = mipMessageOf(e);
    if (m !== null) out.push({ time: e.time, node: e.node, kind: e.kind, ...m });
  }
  return out;
}

/** The IPv4 datagram an event carries, looking through one tunnel layer (protocol 4). */
export function innermost(d: Ipv4Datagram): Ipv4Datagram {
  if (d.protocol !== IpProtocol.IP_IN_IP) return d;
  const inner = parseIpv4(d.payload);
  return inner.ok ? inner.value : d;
}

/** UDP data between the correspondent's port 5000 and the echo port 7, in either direction, tunnelled or not. */
export function isFlowData(d: Ipv4Datagram): boolean {
  const i = innermost(d);
  if (i.protocol !== IpProtocol.UDP) return false;
  const u = parseUdp(i.payload, 0, i.payload.length, i);
  return u.ok && ((u.value.sourcePort === 5000 && u.value.destinationPort === 7) || (u.value.sourcePort === 7 && u.value.destinationPort === 5000));
}
