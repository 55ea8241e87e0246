// Fragment header (RFC 8200 §4.5). The lab never fragments and does not
// reassemble: a fragment is decoded far enough to show what it is, and the
// packet parser refuses it with a reason a learner can read.
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +---------------+---------------+-------------------------+-+-+-+
// |  Next Header  |   Reserved    |      Fragment Offset    |Res|M|
// +---------------+---------------+-------------------------+-+-+-+
// |                         Identification                        |
// +---------------------------------------------------------------+

import type { Codec } from '../codec';
import { Reader, putU16, putU32 } from '../cursor';
import { field, group, hex, type FieldNode } from '../dissection';
import { EncodeError, ok, type WireResult } from '../result';
import { nextHeaderName } from './ipv6-header';

export const FRAGMENT_LAYER = 'Fragment';
export const FRAGMENT_HEADER_LENGTH = 8;
/** The reason every IPv6 node in the lab gives when a fragment arrives. */
export const FRAGMENT_REFUSAL = 'fragments are not reassembled in the lab (RFC 8200 §4.5 reassembly is not implemented; the lab never fragments)';

export interface FragmentHeader {
  readonly nextHeader: number;
  /** The Reserved octet and the two reserved bits, kept so input round-trips. */
  readonly reserved: number;
  readonly reservedBits: number;
  /** In 8-octet units. */
  readonly fragmentOffset: number;
  readonly moreFragments: boolean;
  readonly identification: number;
}

export function emitFragmentHeader(h: FragmentHeader, buf: Uint8Array, offset = 0): number {
  if (offset + FRAGMENT_HEADER_LENGTH > buf.length) throw new EncodeError(FRAGMENT_LAYER, `buffer too small: need 8 octets at offset ${offset}`);
  buf[offset] = h.nextHeader & 0xff;
  buf[offset + 1] = h.reserved & 0xff;
  putU16(buf, offset + 2, ((h.fragmentOffset & 0x1fff) << 3) | ((h.reservedBits & 3) << 1) | (h.moreFragments ? 1 : 0));
  putU32(buf, offset + 4, h.identification);
  return FRAGMENT_HEADER_LENGTH;
}

export function parseFragmentHeader(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<FragmentHeader> {
  const r = new Reader(bytes, FRAGMENT_LAYER, offset, end);
  if (!r.has(FRAGMENT_HEADER_LENGTH)) return r.short('header', FRAGMENT_HEADER_LENGTH);
  const nextHeader = r.u8();
  const reserved = r.u8();
  const word = r.u16();
  const identification = r.u32();
  return ok({ nextHeader, reserved, reservedBits: (word >>> 1) & 3, fragmentOffset: word >>> 3, moreFragments: (word & 1) !== 0, identification });
}

export function dissectFragmentHeader(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<FieldNode> {
  const parsed = parseFragmentHeader(bytes, offset, end);
  if (!parsed.ok) return parsed;
  const h = parsed.value;
  const children: FieldNode[] = [
    field('Next Header', offset, 1, `${h.nextHeader} (${nextHeaderName(h.nextHeader)})`),
    field('Reserved', offset + 1, 1, hex(h.reserved, 2)),
    field('Fragment Offset', offset + 2, 2, `${h.fragmentOffset * 8} octets`, { mask: 0xfff8 }),
    field('More Fragments (M)', offset + 3, 1, h.moreFragments ? 'set' : 'not set', { mask: 0x01 }),
    field('Identification', offset + 4, 4, hex(h.identification, 8)),
  ];
  return ok(group('Fragment Header', offset, FRAGMENT_HEADER_LENGTH, `offset ${h.fragmentOffset * 8}${h.moreFragments ? ', more follow' : ', last'}, id ${hex(h.identification, 8)}`, children, { ref: 'RFC 8200 §4.5', warning: FRAGMENT_REFUSAL }));
}

export const fragmentHeaderCodec: Codec<FragmentHeader> = {
  layer: FRAGMENT_LAYER,
  parse: parseFragmentHeader,
  length: () => FRAGMENT_HEADER_LENGTH,
  emit: emitFragmentHeader,
  dissect: dissectFragmentHeader,
};
