// The offending datagram as an ICMP error message quotes it: its IP header plus
// the first 8 octets of its data (RFC 792). The quote is
// *truncated* — its Total Length promises more octets than follow — so ipv4.ts
// (which insists on Total Length) cannot read it; this reader accepts the cut.
//
// With a tunnelled datagram the quote holds the outer header and only the first
// 8 octets of the inner header: that is why a tunnel keeps "soft state"
// (RFC 2003 §5) instead of relaying every error.

import { readAddress } from './address';
import { checksumIsValid } from './checksum';
import { Reader } from './cursor';
import type { Ipv4Datagram } from './ipv4';
import { IPV4_MIN_HEADER } from './ipv4';
import { fail, ok, type WireResult } from './result';

export const QUOTED_DATAGRAM_LAYER = 'Quoted datagram';
/** Data octets after the header that an error message quotes (RFC 792: at least 8). */
export const QUOTED_DATA_OCTETS = 8;

export interface QuotedDatagram {
  /** The quoted header; its `payload` holds only the quoted data octets, not the original payload. */
  readonly header: Ipv4Datagram;
  /** Total Length of the original datagram, as its quoted header says. */
  readonly totalLength: number;
}

/** Reads a quoted IPv4 header and whatever data follows it, up to `end`. */
export function parseQuotedDatagram(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<QuotedDatagram> {
  const L = QUOTED_DATAGRAM_LAYER;
  const r = new Reader(bytes, L, offset, end);
  if (!r.has(IPV4_MIN_HEADER)) return r.short('IPv4 header', IPV4_MIN_HEADER);
  const vihl = r.u8();
  if (vihl >> 4 !== 4) return fail(L, 'Version', offset, `version ${vihl >> 4}, expected 4`);
  const headerLength = (vihl & 0x0f) * 4;
  if (headerLength < IPV4_MIN_HEADER) return fail(L, 'IHL', offset, `IHL ${vihl & 0x0f} is below the minimum of 5 words`);
  if (headerLength > end - offset) return fail(L, 'IHL', offset, `a ${headerLength}-octet header does not fit the ${end - offset} quoted octets`);
  const tos = r.u8();
  const totalLength = r.u16();
  const identification = r.u16();
  const ff = r.u16();
  const ttl = r.u8();
  const protocol = r.u8();
  r.skip(10);
  const options = r.take(headerLength - IPV4_MIN_HEADER);
  const payload = r.take(r.remaining);
  return ok({
    header: {
      tos,
      identification,
      reservedFlag: (ff & 0x8000) !== 0,
      dontFragment: (ff & 0x4000) !== 0,
      moreFragments: (ff & 0x2000) !== 0,
      fragmentOffset: ff & 0x1fff,
      ttl,
      protocol,
      source: readAddress(bytes, offset + 12),
      destination: readAddress(bytes, offset + 16),
      options,
      payload,
      checksumValid: checksumIsValid(bytes, offset, offset + headerLength),
    },
    totalLength,
  });
}

/**
 * What an ICMP error quotes of `datagram` (a complete IPv4 datagram): its
 * header and the first `dataOctets` octets of its data (RFC 792).
 */
export function quoteDatagram(datagram: Uint8Array, dataOctets = QUOTED_DATA_OCTETS): Uint8Array {
  if (datagram.length === 0) return new Uint8Array(0);
  const headerLength = (datagram[0]! & 0x0f) * 4;
  return datagram.slice(0, Math.min(datagram.length, headerLength + dataOctets));
}
