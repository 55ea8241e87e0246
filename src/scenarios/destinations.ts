// Where a traffic flow may send: one node. A flow is a stream of UDP
// datagrams with one receiver (the echo, the metrics and the lessons count
// deliveries per datagram); a broadcast or multicast destination would reach
// every node on a link, or none, and is refused with the reason — in a
// scenario file (semantics.ts) and in a learner's start-flow (runtime).

import { networkOf, prefixMask } from '../engine/node/route-table';
import type { Topology } from '../engine/network/topology';
import { addressToU32, u32ToAddress, type Ipv4Address } from '../engine/wire/address';
import { linkPrefixes } from './to-topology';

/** The directed broadcast address of each link's prefix (all host bits set), to the link's id. */
export function broadcastAddresses(topology: Topology): ReadonlyMap<Ipv4Address, string> {
  const out = new Map<Ipv4Address, string>();
  for (const [link, prefix] of linkPrefixes(topology)) {
    if (prefix.prefixLength > 30) continue; // /31 and /32 have no broadcast address
    const broadcast = u32ToAddress((addressToU32(networkOf(prefix.network, prefix.prefixLength)) | ~prefixMask(prefix.prefixLength)) >>> 0);
    if (!out.has(broadcast)) out.set(broadcast, link);
  }
  return out;
}

/**
 * Why `address` names no single node (RFC 1122 §3.2.1.3, §3.3.6; RFC 1112 §4,
 * from knowledge), or undefined for an ordinary unicast address.
 */
export function destinationProblem(address: Ipv4Address, broadcasts: ReadonlyMap<Ipv4Address, string>): string | undefined {
  const first = addressToU32(address) >>> 24;
  let what: string | undefined;
  if (address === '255.255.255.255') what = 'the limited broadcast address';
  else if (first >= 224 && first <= 239) what = 'a multicast address (224.0.0.0/4)';
  else if (first >= 240) what = 'a reserved address (240.0.0.0/4)';
  else if (first === 0) what = 'an address of "this network" (0.0.0.0/8), which no node answers to';
  else if (broadcasts.has(address)) what = `the broadcast address of link ${JSON.stringify(broadcasts.get(address))}`;
  return what === undefined ? undefined : `${address} is ${what}; a flow sends to one node, so give it that node's unicast address`;
}
