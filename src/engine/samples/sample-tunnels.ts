// Samples that travel in tunnels (RFC 2003; RFC 1701 §2; Perkins & Johnson §4): the home agent's three encapsulations, a correspondent tunnelling
// straight to the care-of address, a special tunnel, and the previous FA's
// Binding Acknowledge tunnelled to the new care-of address.

import { sealMessage } from '../crypto/seal';
import { encapsulateGre } from '../wire/gre';
import { encapsulateIpInIp } from '../wire/ip-in-ip';
import { encapsulateMinimal } from '../wire/minimal-encapsulation';
import { bindingAcknowledge } from '../wire/mip/binding-acknowledge';
import { describeWireError } from '../wire/result';
import type { TunnelResult } from '../wire/tunnel';
import { udpDatagram } from '../wire/datagram';
import type { SamplePacket } from './sample-packets';
import { ADDR, type SampleWorld } from './sample-world';

function must(r: TunnelResult<Uint8Array>): Uint8Array {
  if (!r.ok) throw new Error(`sample tunnel refused: ${describeWireError(r.error)}`);
  return r.value;
}

const TUNNELS = 'tunnels to the care-of address';

export function tunnelledSamples(w: SampleWorld): SamplePacket[] {
  // The correspondent's datagram of docs/protocol-notes.md §Test vectors: UDP 5000 → 7, "ping", DF set.
  const ping = udpDatagram({ source: ADDR.cn, destination: ADDR.mnHome, identification: 0x0042, dontFragment: true }, 5000, 7, Uint8Array.of(0x70, 0x69, 0x6e, 0x67));
  const fromHa = { source: ADDR.ha, destination: ADDR.fa1, identification: 0x1234, decrementInnerTtl: true }; // the HA forwards (RFC 2003 §3.1)
  // OC-36: the previous FA acknowledges to the MN's home address, tunnelled to the new care-of address.
  // What FA1 gets out of the HA's tunnel (the inner datagram, TTL already decremented by the HA).
  const atFa1 = must(encapsulateIpInIp(ping, fromHa)).slice(20);
  const ack = udpDatagram({ source: ADDR.fa1, destination: ADDR.mnHome }, 434, 434, sealMessage(bindingAcknowledge({ status: 0, homeAddress: ADDR.mnHome, identification: w.requestId }), {}));
  return [
    { name: 'Data tunnelled by the HA (IP in IP)', link: TUNNELS, ref: 'RFC 2003 §3; RFC 2002 §4.2; RFC 2003 §3.1', bytes: must(encapsulateIpInIp(ping, fromHa)) },
    { name: 'Data tunnelled by the HA (minimal encapsulation)', link: TUNNELS, ref: 'RFC 2004 §3', bytes: must(encapsulateMinimal(ping, fromHa)) },
    { name: 'Data tunnelled by the HA (GRE)', link: TUNNELS, ref: 'RFC 1701; RFC 1702; RFC 1701 §2', bytes: must(encapsulateGre(ping, fromHa)) },
    { name: 'Data tunnelled by the CN straight to the care-of address (route optimized)', link: TUNNELS, ref: 'optim-08 §3.1; RFC 2003 §3.1 (originator: inner TTL unchanged); lab choice', bytes: must(encapsulateIpInIp(ping, { source: ADDR.cn, destination: ADDR.fa2, identification: 7, decrementInnerTtl: false })) },
    { name: 'Special tunnel (FA1 → MN home address, FA1 lost the visitor entry)', link: 'FA1 ↔ HA / FA2 path', ref: 'spectun-00 §3; Perkins & Johnson §4.3', bytes: must(encapsulateIpInIp(atFa1, { source: ADDR.fa1, destination: ADDR.mnHome, identification: 9, decrementInnerTtl: true })) },
    { name: 'Binding Acknowledge (FA1 → MN, tunnelled to the new care-of address)', link: TUNNELS, ref: 'optim-08 §8.1; Perkins & Johnson §4.1; lab choice', bytes: must(encapsulateIpInIp(ack, { source: ADDR.fa1, destination: ADDR.fa2, identification: 10, decrementInnerTtl: false })) },
  ];
}
