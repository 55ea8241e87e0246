// The datagram of one agent advertisement (RFC 2002 §2.1; RFC 1256 §3),
// made from the one the same agent sent last. From one advertisement to the
// next only four fields change: the IPv4 Identification, the Sequence Number
// of the Mobility Agent Advertisement Extension, and the two checksums over
// them; everything else follows from the agent's configuration and the
// destination. So the first advertisement is built in full and kept, and each
// later one is a copy with those fields written and both checksums computed
// again — the very octets a full build gives (advertisement-bytes.test.ts
// compares them). A pure cache keyed by the configuration object: a changed
// configuration is a new object, so it is built in full again.

import type { Ipv4Address } from '../../wire/address';
import { AdvertisementExtensionType } from '../../wire/advertisement-extensions';
import { internetChecksum } from '../../wire/checksum';
import { putU16 } from '../../wire/cursor';
import { icmpDatagram } from '../../wire/datagram';
import { writeIcmpChecksum } from '../../wire/icmp-header';
import type { IcmpAdvertisement } from '../../wire/icmp';
import { copyPacket } from '../../wire/packet-memory';

interface Template {
  readonly destination: Ipv4Address;
  readonly bytes: Uint8Array;
  /** IPv4 header length: where the ICMP message starts. */
  readonly icmpAt: number;
  /** Offset of the extension's Sequence Number. */
  readonly sequenceAt: number;
}

/** What a full build needs: the source address, TTL and message of the advertisement with `sequence`. */
export interface AdvertisementSource {
  readonly source: Ipv4Address;
  readonly ttl: number;
  message(sequence: number): IcmpAdvertisement;
}

const templates = new WeakMap<object, Template>();

/**
 * icmpDatagram({ source, destination, ttl, identification }, message(sequence)),
 * from the template kept for `key` when its destination is the same.
 */
export function advertisementDatagram(key: object, from: AdvertisementSource, destination: Ipv4Address, sequence: number, identification: number): Uint8Array {
  const t = templates.get(key);
  if (t === undefined || t.destination !== destination) {
    const bytes = icmpDatagram({ source: from.source, destination, ttl: from.ttl, identification }, from.message(sequence));
    const template = templateOf(bytes, destination);
    if (template === undefined) templates.delete(key);
    else templates.set(key, template);
    return bytes;
  }
  const out = copyPacket(t.bytes, 0, t.bytes.length);
  putU16(out, 4, identification);
  putU16(out, 10, 0);
  putU16(out, 10, internetChecksum(out, 0, t.icmpAt)); // RFC 791 §3.1: computed with the field at 0
  putU16(out, t.sequenceAt, sequence);
  writeIcmpChecksum(out, t.icmpAt, out.length); // RFC 1256 §3; RFC 2002 §2.1: over the whole message
  return out;
}

/** Where the changing fields are, when the first extension after the router entries is the Mobility Agent Advertisement Extension. */
function templateOf(bytes: Uint8Array, destination: Ipv4Address): Template | undefined {
  const icmpAt = (bytes[0]! & 0x0f) * 4;
  const extensionAt = icmpAt + 8 + bytes[icmpAt + 4]! * bytes[icmpAt + 5]! * 4; // after Num Addrs entries of Addr Entry Size words
  if (extensionAt + 4 > bytes.length || bytes[extensionAt] !== AdvertisementExtensionType.MOBILITY_AGENT_ADVERTISEMENT) return undefined;
  return { destination, bytes: bytes.slice(), icmpAt, sequenceAt: extensionAt + 2 };
}
