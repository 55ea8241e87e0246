// The IP Authentication Header (RFC 4302 §2), IPv6 Next Header 51.
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +---------------+---------------+-------------------------------+
// |  Next Header  |  Payload Len  |          RESERVED             |
// +---------------+---------------+-------------------------------+
// |                 Security Parameters Index (SPI)               |
// +---------------------------------------------------------------+
// |                    Sequence Number Field                      |
// +---------------------------------------------------------------+
// |                Integrity Check Value-ICV (variable)           |
//
// Payload Len is the header's length in 32-bit words minus 2 (RFC 4302
// §2.2); over IPv6 the whole header is a multiple of 8 octets (RFC 4302
// §2.6). The lab's ICV is HMAC-MD5-96: 12 octets, Payload Len 4,
// 24 octets in all (RFC 2403; docs/ipv6.md §1). The ICV itself is computed
// in crypto/ah-icv.ts.

import type { Codec } from '../codec';
import { getU16, getU32, putU16, putU32 } from '../cursor';
import { field, group, hex, hexBytes, type FieldNode } from '../dissection';
import { EncodeError, fail, ok, type WireResult } from '../result';

export const AUTHENTICATION_HEADER_LAYER = 'Authentication Header';
/** IPv6 Next Header value of AH (RFC 4302 §2). */
export const AH_NEXT_HEADER = 51;
/** Next Header, Payload Len, Reserved, SPI, Sequence Number (RFC 4302 §2). */
export const AH_FIXED_LENGTH = 12;
/** Offset of the ICV inside the header. */
export const AH_ICV_OFFSET = 12;
/** HMAC-MD5-96 truncates to 96 bits (RFC 2403 §2). */
const HMAC_MD5_96_LENGTH = 12;

export interface AuthenticationHeader {
  /** The header after AH (e.g. 135 for a Mobility Header, 41 for a tunnelled packet). */
  readonly nextHeader: number;
  /** Selects the security association at the receiver; 1–255 reserved, 0 local only (RFC 4302 §2.4). */
  readonly spi: number;
  /** Anti-replay counter, 1 for the first packet of an association (RFC 4302 §2.5, §3.3.2). */
  readonly sequence: number;
  /** A multiple of 4 octets, making the header a multiple of 8 over IPv6. */
  readonly icv: Uint8Array;
}

export function authenticationHeaderLength(h: AuthenticationHeader): number {
  return AH_FIXED_LENGTH + h.icv.length;
}

function checkUint(v: number, max: number, what: string): number {
  if (!Number.isInteger(v) || v < 0 || v > max) throw new EncodeError(AUTHENTICATION_HEADER_LAYER, `${what} ${v} is not an integer from 0 to ${max}`);
  return v;
}

/** Writes the header at `offset` (Reserved 0); returns octets written. */
export function emitAuthenticationHeader(h: AuthenticationHeader, buf: Uint8Array, offset = 0): number {
  const total = authenticationHeaderLength(h);
  if (total % 8 !== 0) throw new EncodeError(AUTHENTICATION_HEADER_LAYER, `an ICV of ${h.icv.length} octets makes AH ${total} octets, not a multiple of 8 as IPv6 needs (RFC 4302 §2.6)`);
  if (total / 4 - 2 > 255) throw new EncodeError(AUTHENTICATION_HEADER_LAYER, `${total} octets do not fit the 8-bit Payload Len`);
  if (offset + total > buf.length) throw new EncodeError(AUTHENTICATION_HEADER_LAYER, `buffer too small: need ${total} octets at offset ${offset}`);
  buf[offset] = checkUint(h.nextHeader, 0xff, 'Next Header');
  buf[offset + 1] = total / 4 - 2;
  putU16(buf, offset + 2, 0);
  putU32(buf, offset + 4, checkUint(h.spi, 0xffffffff, 'SPI'));
  putU32(buf, offset + 8, checkUint(h.sequence, 0xffffffff, 'Sequence Number'));
  buf.set(h.icv, offset + AH_ICV_OFFSET);
  return total;
}

/** Decodes AH at `offset`; the region [offset, end) must hold the whole header. Never throws. */
export function parseAuthenticationHeader(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<AuthenticationHeader> {
  const available = Math.max(0, end - offset);
  if (available < AH_FIXED_LENGTH) return fail(AUTHENTICATION_HEADER_LAYER, 'header', offset, `needs ${AH_FIXED_LENGTH} octets, only ${available} remain`);
  const payloadLen = bytes[offset + 1]!;
  const total = (payloadLen + 2) * 4;
  if (total < AH_FIXED_LENGTH) return fail(AUTHENTICATION_HEADER_LAYER, 'Payload Len', offset + 1, `${payloadLen} makes ${total} octets, shorter than the 12-octet fixed part (RFC 4302 §2.2)`);
  if (total % 8 !== 0) return fail(AUTHENTICATION_HEADER_LAYER, 'Payload Len', offset + 1, `${payloadLen} makes ${total} octets; over IPv6 AH is a multiple of 8 (RFC 4302 §2.6)`);
  if (total > available) return fail(AUTHENTICATION_HEADER_LAYER, 'Payload Len', offset + 1, `${payloadLen} announces ${total} octets, only ${available} remain`);
  return ok({
    nextHeader: bytes[offset]!,
    spi: getU32(bytes, offset + 4),
    sequence: getU32(bytes, offset + 8),
    icv: bytes.slice(offset + AH_ICV_OFFSET, offset + total),
  });
}

function spiText(spi: number): { value: string; warning?: string } {
  const value = `${spi} (${hex(spi, 8)})`;
  if (spi === 0) return { value, warning: 'SPI 0 is reserved for local use and must not be sent (RFC 4302 §2.4)' };
  if (spi < 256) return { value, warning: 'SPI 1–255 is reserved by IANA (RFC 4302 §2.4)' };
  return { value };
}

/** The header's field tree; the ICV is shown, its verification belongs to the receiver (crypto/ah-icv.ts). */
export function dissectAuthenticationHeader(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<FieldNode> {
  const parsed = parseAuthenticationHeader(bytes, offset, end);
  if (!parsed.ok) return parsed;
  const h = parsed.value;
  const total = authenticationHeaderLength(h);
  const ref = 'RFC 4302 §2';
  const reserved = getU16(bytes, offset + 2);
  const spi = spiText(h.spi);
  const icvNote = h.icv.length === HMAC_MD5_96_LENGTH ? 'HMAC-MD5-96 in this lab (RFC 2403)' : `${h.icv.length} octets; the lab's HMAC-MD5-96 gives 12 (RFC 2403)`;
  const children: FieldNode[] = [
    field('Next Header', offset, 1, h.nextHeader, { ref: 'RFC 4302 §2.1' }),
    field('Payload Len', offset + 1, 1, `${bytes[offset + 1]} (${total} octets = (${bytes[offset + 1]} + 2) × 4)`, { ref: 'RFC 4302 §2.2' }),
    field('Reserved', offset + 2, 2, reserved === 0 ? '0' : `${hex(reserved, 4)} (should be 0; covered by the ICV, otherwise ignored)`, { ref: 'RFC 4302 §2.3' }),
    field('Security Parameters Index', offset + 4, 4, spi.value, { ref: 'RFC 4302 §2.4', ...(spi.warning === undefined ? {} : { warning: spi.warning }) }),
    field('Sequence Number', offset + 8, 4, h.sequence, { ref: 'RFC 4302 §2.5' }),
    field('Integrity Check Value', offset + AH_ICV_OFFSET, h.icv.length, h.icv.length === 0 ? 'none' : `${hexBytes(h.icv)} (${icvNote})`, {
      ref: 'RFC 4302 §2.6',
      ...(h.icv.length === HMAC_MD5_96_LENGTH ? {} : { warning: `${h.icv.length}-octet ICV: the lab's associations use HMAC-MD5-96 (12 octets, RFC 2403)` }),
    }),
  ];
  return ok(group(AUTHENTICATION_HEADER_LAYER, offset, total, `SPI ${h.spi}, sequence ${h.sequence}, ${h.icv.length}-octet ICV`, children, { ref }));
}

export const authenticationHeaderCodec: Codec<AuthenticationHeader> = {
  layer: AUTHENTICATION_HEADER_LAYER,
  parse: parseAuthenticationHeader,
  length: authenticationHeaderLength,
  emit: emitAuthenticationHeader,
  dissect: dissectAuthenticationHeader,
};
