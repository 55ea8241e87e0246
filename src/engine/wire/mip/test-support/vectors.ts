// Test vectors copied from the spec (docs/protocol-notes.md §Test vectors and
// docs/protocol-notes.md §Test vectors, computed there by an independent script). Never
// produced by the encoders under test.

import { hexToBytes } from '../../test-support/laws';
import { concatBytes } from '../../bytes';

// ---- docs/protocol-notes.md §Test vectors ----
/** K of the MN–HA MSA, SPI 256. */
export const BASE_KEY = hexToBytes('00112233445566778899aabbccddeeff');
/** Registration Request fixed part: home 10.1.0.10, HA 10.1.0.1, CoA 192.168.2.1, Lifetime 300, flags 0, Identification d5c1e2a0 12345678. */
export const RRQ_FIXED = hexToBytes('01 00 01 2c 0a 01 00 0a 0a 01 00 01 c0 a8 02 01 d5 c1 e2 a0 12 34 56 78');
/** Mobile-Home extension header: Type 32, Length 20, SPI 256. */
export const MH_EXTENSION_HEADER = hexToBytes('20 14 00 00 01 00');
export const RO98_MH_AUTHENTICATOR = hexToBytes('70 55 55 e8 c6 22 fa 19 b3 6b 51 46 37 63 fb f9');
export const RFC3344_MH_AUTHENTICATOR = hexToBytes('5d 82 1b 1c 45 42 eb 50 44 af bd 0b f4 8e c1 9a');
/** The complete 46-octet ro98 Request. */
export const RRQ_RO98 = concatBytes(RRQ_FIXED, MH_EXTENSION_HEADER, RO98_MH_AUTHENTICATOR);

// ---- docs/protocol-notes.md §Test vectors ----
/** K of the HA–CN MSA, SPI 0x101. */
export const RO_KEY = hexToBytes('0f0e0d0c0b0a09080706050403020100');
/** BU from HA to CN: A = 0, I = 1, Lifetime 300, nonces next = 2, current = 1, type-35 SPI 0x101 (42 octets). */
export const BU_HA_TO_CN = hexToBytes(`
  12 40 01 2c 0a 01 00 0a c0 a8 02 01 00 00 00 02 00 00 00 01
  23 14 00 00 01 01 1c 65 b3 93 d2 b1 e5 fb e4 89 e4 c0 48 1d 3f b8`);

/** Registration key shared by the MN and its previous FA, SPI 0x1000. */
export const REGISTRATION_KEY = new Uint8Array(16).fill(0x5a);
/** PFAN extension: previous FA 192.168.2.1, new CoA 192.168.3.1, Cache Lifetime 20, SPI 0x1000 (32 octets). */
export const PFAN_EXTENSION = hexToBytes(`
  60 1e 00 14 c0 a8 02 01 c0 a8 03 01 00 00 10 00
  05 4a 45 df 72 f2 c4 0b c6 73 8e 22 eb 4e bb 57`);
/** The BU the new FA builds from it (42 octets). */
export const BU_FROM_NEW_FA = hexToBytes(`
  12 c0 00 14 0a 01 00 0a c0 a8 03 01 d5 c1 e2 a0 12 34 56 78
  23 14 00 00 10 00 05 4a 45 df 72 f2 c4 0b c6 73 8e 22 eb 4e bb 57`);

/** regrep of the MD5 key encoding: the Reply fixed part (Code 0, Lifetime 300) then 120's Type, Length, SPI. */
export const RRP_FIXED = hexToBytes('03 00 01 2c 0a 01 00 0a 0a 01 00 01 d5 c1 e2 a0 12 34 56 78');
export const EXTENSION_120 = hexToBytes('78 00 14 00 00 01 00 ec a7 e8 55 87 31 25 65 12 c4 e9 0a 9d 46 56 8e');

/** Diffie-Hellman layout with toy 64-bit values (L = 8). */
export const EXTENSION_116 = hexToBytes(`
  74 00 18 ff ff ff ff ff ff ff c5 00 00 00 00 00 00 00 05 44 5f ea 74 f4 a7 a1 81`);
export const EXTENSION_124 = hexToBytes('7c 00 0c 00 00 10 01 0a ed 93 79 2d cb 66 e9');

export const BW_VECTOR = hexToBytes('10 00 00 00 0a 01 00 0a c6 33 64 05');
export const BR_VECTOR = hexToBytes('11 00 00 00 0a 01 00 0a d5 c1 e2 a1 00 00 00 01');
export const BA_VECTOR = hexToBytes('13 00 00 00 0a 01 00 0a 00 00 00 02 00 00 00 01');
