// Mobility Header golden bytes, assembled by hand from the diagrams of
// RFC 6275 §6.1.2–§6.1.9 and §6.2 (field by field in the comments). The
// checksums were computed outside the code under test (a short script over
// the pseudo-header of RFC 8200 §8.1) and are re-checked in the tests by
// `referenceMhChecksum`, written here without the lab's checksum code.

import { hexToBytes } from '../../test-support/laws';

export const HOME = '2001:db8:1::10';
export const CARE_OF = '2001:db8:2::a';
export const CORRESPONDENT = '2001:db8:100::5';
export const HOME_AGENT = '2001:db8:1::1';

/** The same addresses as octets, typed out (RFC 4291 §2.2) so the reference checksum needs no parser. */
export const ADDRESS_OCTETS: Readonly<Record<string, string>> = {
  [HOME]: '20 01 0d b8 00 01 00 00 00 00 00 00 00 00 00 10',
  [CARE_OF]: '20 01 0d b8 00 02 00 00 00 00 00 00 00 00 00 0a',
  [CORRESPONDENT]: '20 01 0d b8 01 00 00 00 00 00 00 00 00 00 00 05',
  [HOME_AGENT]: '20 01 0d b8 00 01 00 00 00 00 00 00 00 00 00 01',
};

export interface MhVector {
  readonly source: string;
  readonly destination: string;
  readonly bytes: Uint8Array;
}

const v = (source: string, destination: string, hex: string): MhVector => ({ source, destination, bytes: hexToBytes(hex) });

// Common part: Payload Proto 3b (59), Header Len, MH Type, Reserved 00, Checksum.
export const VECTORS = {
  // BRR, CN → home address: Reserved (2). 8 octets, Header Len 0.
  bindingRefreshRequest: v(CORRESPONDENT, HOME, '3b 00 00 00 67 e8 00 00'),
  // HoTI, from the home address: Reserved (2), Home Init Cookie 01…08. 16 octets, Header Len 1.
  homeTestInit: v(HOME, CORRESPONDENT, '3b 01 01 00 56 cb 00 00 01 02 03 04 05 06 07 08'),
  // CoTI, from the care-of address: Reserved (2), Care-of Init Cookie 11…18.
  careOfTestInit: v(CARE_OF, CORRESPONDENT, '3b 01 02 00 15 90 00 00 11 12 13 14 15 16 17 18'),
  // HoT: Home Nonce Index 7, cookie 01…08, Home Keygen Token a1…a8. 24 octets, Header Len 2.
  homeTest: v(CORRESPONDENT, HOME, '3b 02 03 00 c2 24 00 07 01 02 03 04 05 06 07 08 a1 a2 a3 a4 a5 a6 a7 a8'),
  // CoT: Care-of Nonce Index 8, cookie 11…18, Care-of Keygen Token b1…b8.
  careOfTest: v(CORRESPONDENT, CARE_OF, '3b 02 04 00 40 a8 00 08 11 12 13 14 15 16 17 18 b1 b2 b3 b4 b5 b6 b7 b8'),
  // Home registration (docs/ipv6.md §3): Sequence 42, A H (c0 00), Lifetime 75 (300 s);
  // 12 octets, so PadN with 2 data octets (01 02 00 00) makes 16: Header Len 1.
  bindingUpdateHome: v(HOME, HOME_AGENT, '3b 01 05 00 a2 6a 00 2a c0 00 00 4b 01 02 00 00'),
  // BU to a correspondent under return routability: Sequence 7, A (80 00), Lifetime 10 (40 s);
  // Nonce Indices at 12 (2n): 04 04, home 3, care-of 4; Binding Authorization Data at 18 (8n+2):
  // 05 0c, authenticator c1…cc; ends at 32 (Header Len 3) with no padding.
  bindingUpdateReturnRoutability: v(HOME, CORRESPONDENT,
    '3b 03 05 00 30 f6 00 07 80 00 00 0a 04 04 00 03 00 04 05 0c c1 c2 c3 c4 c5 c6 c7 c8 c9 ca cb cc'),
  // Every flag (f0 00), Sequence 8, Lifetime 0. PadN(2) at 12, Alternate CoA at 14 (8n+6): 03 10 + address;
  // Nonce Indices at 32 (2n); PadN(4) at 38; Binding Authorization Data at 42 (8n+2); 56 octets, Header Len 6.
  bindingUpdateAllOptions: v(HOME, CORRESPONDENT, `3b 06 05 00 8e 0c 00 08 f0 00 00 00
    01 00 03 10 20 01 0d b8 00 02 00 00 00 00 00 00 00 00 00 0a
    04 04 00 03 00 04 01 02 00 00 05 0c c1 c2 c3 c4 c5 c6 c7 c8 c9 ca cb cc`),
  // Sequence 1, no flags, Lifetime 1. Unknown option 200 (c8 01 aa) at 12, Pad1 at 15, Nonce Indices
  // at 16 (home 5, care-of 6), PadN(2) at 22 to end at 24: Header Len 2.
  bindingUpdatePad1: v(HOME, CORRESPONDENT, '3b 02 05 00 eb c2 00 01 00 00 00 01 c8 01 aa 00 04 04 00 05 00 06 01 00'),
  // BA from the home agent: Status 0, no K, Sequence 42, Lifetime 75; PadN(4) to 16 octets.
  bindingAckHome: v(HOME_AGENT, HOME, '3b 01 06 00 61 6b 00 00 00 2a 00 4b 01 02 00 00'),
  // BA from a correspondent: Status 0, Sequence 7, Lifetime 10; Binding Refresh Advice at 12 (2n): 15 units.
  bindingAckRefreshAdvice: v(CORRESPONDENT, HOME, '3b 01 06 00 5f bd 00 00 00 07 00 0a 02 02 00 0f'),
  // Refused BA: Status 135 (87), K (80), Sequence 42, Lifetime 0; PadN(4).
  bindingAckRefused: v(CORRESPONDENT, HOME, '3b 01 06 00 d9 32 87 80 00 2a 00 00 01 02 00 00'),
  // BE to a care-of address: Status 1, Reserved, Home Address 2001:db8:1::10. 24 octets, Header Len 2.
  bindingError: v(CORRESPONDENT, CARE_OF, '3b 02 07 00 32 11 01 00 20 01 0d b8 00 01 00 00 00 00 00 00 00 00 00 10'),
} as const;

/**
 * The Internet checksum over pseudo-header ‖ Mobility Header (RFC 8200 §8.1,
 * next header 135), written from the definition: 16-bit big-endian words,
 * end-around carry, complement. `mh` must have its Checksum field as sent;
 * the field is skipped here, so the result is what the sender should store.
 */
export function referenceMhChecksum(source: string, destination: string, mh: Uint8Array): number {
  const pseudo = [...hexToBytes(ADDRESS_OCTETS[source]!), ...hexToBytes(ADDRESS_OCTETS[destination]!),
    0, 0, mh.length >>> 8, mh.length & 0xff, 0, 0, 0, 135];
  const all = [...pseudo, ...Array.from(mh, (b, i) => (i === 4 || i === 5 ? 0 : b))];
  let sum = 0;
  for (let i = 0; i < all.length; i += 2) sum += (all[i]! << 8) + (all[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return 0xffff - sum;
}
