// The bytes the Integrity Check Value of the IPv6 Authentication Header is
// computed over (crypto/ah-icv.ts: HMAC-MD5-96, RFC 2403): the packet as the
// *receiver* will see it after processing (RFC 4302 §3.3.3.1.2; docs/ipv6.md §1):
//
//  - IPv6 header: Traffic Class, Flow Label and Hop Limit change in transit,
//    so they count as zero (RFC 4302 §3.3.3.1.2.1);
//  - Hop-by-Hop and Destination options whose type has the change bit (0x20)
//    count as zero-filled data (RFC 4302 §3.3.3.1.2.2; RFC 8200 §4.2);
//  - a Home Address option: the source address field holds the home address
//    and the option the care-of address, as after the receiver's swap
//    (RFC 6275 §6.3);
//  - a type 2 Routing header with Segments Left 1: the destination field
//    holds the home address, the header the care-of address, Segments Left 0,
//    as after the receiver processed it (RFC 6275 §6.4);
//  - the ICV field itself counts as zero (RFC 4302 §3.3.3.1).
//
// Headers after AH are end-to-end data and taken as they are. The walk over
// the headers before AH is done here on the raw bytes, bounded, so the
// normaliser depends on no packet parser.

import { getU16 } from '../cursor';
import { EncodeError, fail, ok, type WireResult } from '../result';

export const AH_ICV_LAYER = 'AH ICV';
const IPV6_HEADER_LENGTH = 40;
const SOURCE_AT = 8;
const DESTINATION_AT = 24;
const HOP_BY_HOP = 0;
const ROUTING = 43;
const FRAGMENT = 44;
const AH = 51;
const DESTINATION_OPTIONS = 60;
const HOME_ADDRESS_OPTION = 0xc9;
/** Option types with this bit may change en route (RFC 8200 §4.2). */
const OPTION_MAY_CHANGE = 0x20;
/** More headers than any legitimate chain before AH; a bound against hostile input. */
const MAX_HEADERS_BEFORE_AH = 8;

function swap(b: Uint8Array, x: number, y: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const t = b[x + i]!;
    b[x + i] = b[y + i]!;
    b[y + i] = t;
  }
}

/** Zeroes mutable option data and swaps a Home Address option; [start, end) is the option area of one header. */
function normalizeOptions(out: Uint8Array, start: number, end: number, isDestination: boolean, seen: { hao: boolean }): WireResult<void> {
  for (let at = start; at < end;) {
    const type = out[at]!;
    if (type === 0) { // Pad1
      at += 1;
      continue;
    }
    if (end - at < 2) return fail(AH_ICV_LAYER, 'Option Length', at + 1, 'the option header runs past the end of its extension header');
    const len = out[at + 1]!;
    if (at + 2 + len > end) return fail(AH_ICV_LAYER, 'Option Length', at + 1, `${len} octets of data run past the end of the extension header`);
    if ((type & OPTION_MAY_CHANGE) !== 0) out.fill(0, at + 2, at + 2 + len);
    if (isDestination && type === HOME_ADDRESS_OPTION) {
      if (len !== 16) return fail(AH_ICV_LAYER, 'Home Address option', at + 1, `Option Length ${len}, must be 16 (RFC 6275 §6.3)`);
      if (seen.hao) return fail(AH_ICV_LAYER, 'Home Address option', at, 'a second Home Address option (RFC 6275 §6.3 allows one)');
      seen.hao = true;
      swap(out, SOURCE_AT, at + 2, 16);
    }
    at += 2 + len;
  }
  return ok(undefined);
}

/**
 * A copy of the IPv6 packet (header + Payload Length octets) in the form the
 * ICV covers, for the AH at `ahOffset`. A located error when the packet
 * cannot be walked to that AH.
 */
export function normalizeForIcvChecked(packet: Uint8Array, ahOffset: number): WireResult<Uint8Array> {
  if (packet.length < IPV6_HEADER_LENGTH) return fail(AH_ICV_LAYER, 'IPv6 header', 0, `needs ${IPV6_HEADER_LENGTH} octets, only ${packet.length} remain`);
  if (packet[0]! >>> 4 !== 6) return fail(AH_ICV_LAYER, 'Version', 0, `${packet[0]! >>> 4}, not 6`);
  const total = IPV6_HEADER_LENGTH + getU16(packet, 4);
  if (total > packet.length) return fail(AH_ICV_LAYER, 'Payload Length', 4, `announces ${total} octets, only ${packet.length} remain`);
  const out = packet.slice(0, total);
  out[0]! &= 0xf0; // Version stays; Traffic Class and Flow Label (RFC 4302 §3.3.3.1.2.1)
  out.fill(0, 1, 4);
  out[7] = 0; // Hop Limit
  let next = out[6]!;
  let at = IPV6_HEADER_LENGTH;
  const seen = { hao: false };
  for (let headers = 0; at !== ahOffset; headers++) {
    if (at > ahOffset) return fail(AH_ICV_LAYER, 'header chain', at, `no header starts at offset ${ahOffset}, where AH was expected`);
    if (next === AH) return fail(AH_ICV_LAYER, 'header chain', at, `AH starts at offset ${at}, not at ${ahOffset}`);
    if (headers === MAX_HEADERS_BEFORE_AH) return fail(AH_ICV_LAYER, 'header chain', at, `more than ${MAX_HEADERS_BEFORE_AH} extension headers before AH`);
    if (total - at < 8) return fail(AH_ICV_LAYER, 'extension header', at, `needs 8 octets, only ${Math.max(0, total - at)} remain`);
    const length = (out[at + 1]! + 1) * 8;
    if (at + length > total) return fail(AH_ICV_LAYER, 'Hdr Ext Len', at + 1, `announces ${length} octets, only ${total - at} remain`);
    if (next === HOP_BY_HOP || next === DESTINATION_OPTIONS) {
      const r = normalizeOptions(out, at + 2, at + length, next === DESTINATION_OPTIONS, seen);
      if (!r.ok) return r;
    } else if (next === ROUTING) {
      const routingType = out[at + 2]!;
      const segmentsLeft = out[at + 3]!;
      if (segmentsLeft > 0) {
        if (routingType !== 2) return fail(AH_ICV_LAYER, 'Routing Type', at + 2, `type ${routingType} with Segments Left ${segmentsLeft}: the lab predicts only a type 2 Routing header (RFC 6275 §6.4)`);
        if (length !== 24 || segmentsLeft !== 1) return fail(AH_ICV_LAYER, 'type 2 Routing header', at + 1, 'needs Hdr Ext Len 2 and Segments Left 1 (RFC 6275 §6.4)');
        swap(out, DESTINATION_AT, at + 8, 16);
        out[at + 3] = 0;
      }
    } else if (next === FRAGMENT) {
      return fail(AH_ICV_LAYER, 'Fragment header', at, 'the ICV covers the reassembled packet (RFC 4302 §3.4.1); the lab does not fragment');
    } else {
      return fail(AH_ICV_LAYER, 'Next Header', at, `${next} before AH is not a header the ICV walk knows (RFC 4302 §3.3.3.1.2)`);
    }
    next = out[at]!;
    at += length;
  }
  if (next !== AH) return fail(AH_ICV_LAYER, 'Next Header', ahOffset, `the header at offset ${ahOffset} is ${next}, not AH (51)`);
  if (total - at < 12) return fail(AH_ICV_LAYER, 'Authentication Header', at, `needs 12 octets, only ${Math.max(0, total - at)} remain`);
  const ahLength = (out[at + 1]! + 2) * 4;
  if (ahLength < 12 || at + ahLength > total) return fail(AH_ICV_LAYER, 'Payload Len', at + 1, `AH of ${ahLength} octets does not fit the packet`);
  out.fill(0, at + 12, at + ahLength);
  return ok(out);
}

/** The same, for a sender normalising a packet it just built: a malformed packet is a programming error and throws. */
export function normalizeForIcv(packet: Uint8Array, ahOffset: number): Uint8Array {
  const r = normalizeForIcvChecked(packet, ahOffset);
  if (!r.ok) throw new EncodeError(AH_ICV_LAYER, `${r.error.field} at offset ${r.error.offset}: ${r.error.reason}`);
  return r.value;
}

/** The HMAC-MD5-96 ICV the AH at `ahOffset` should carry under `key`. */
