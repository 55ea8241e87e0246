// The small world the sample messages live in: addresses consistent with the
// spec's test vectors (docs/protocol-notes.md §Test vectors), the
// security associations between the nodes, and the key material each
// registration-key method needs. All of it derives from one seed, so the
// sample capture is the same file every time.

import { DEFAULT_DH_GROUP, dhPrivateExponent, dhPublicValue, dhRegistrationKey, dhSharedSecret, type DhGroup } from '../crypto/diffie-hellman';
import { generateRsaKeyPair, type RsaPrivateKey } from '../crypto/rsa-key';
import { createRandom, type RandomSource } from '../random';
import type { Identification } from '../wire/mip/identification';

export const ADDR = {
  mnHome: '10.1.0.10',
  ha: '10.1.0.1',
  /** The previous foreign agent (and care-of address) in the smooth-handoff samples. */
  fa1: '192.168.2.1',
  /** The new foreign agent (and care-of address). */
  fa2: '192.168.3.1',
  cn: '198.51.100.5',
} as const;

const hexKey = (h: string): Uint8Array => Uint8Array.from(h.match(/../g)!, (x) => parseInt(x, 16));

export interface SampleAssociation {
  readonly spi: number;
  readonly key: Uint8Array;
}

export interface SampleWorld {
  readonly random: RandomSource;
  /** MN ↔ HA (RFC 2002 §3.5.2–§3.5.4; the secret of the test vector (docs/protocol-notes.md §Test vectors)). */
  readonly mnHa: SampleAssociation;
  /** FA2 ↔ HA, for the Foreign-Home authenticator and the KDC method 113/121. */
  readonly faHa: SampleAssociation;
  /** MN ↔ FA2, a configured MSA for the Mobile-Foreign authenticator. */
  readonly mnFa: SampleAssociation;
  /** HA ↔ CN, for Binding Updates (test vector (docs/protocol-notes.md §Test vectors)). */
  readonly haCn: SampleAssociation;
  /** MN ↔ FA1 registration key from the previous registration (docs/protocol-notes.md §Test vectors smooth-handoff vector). */
  readonly mnFa1: SampleAssociation & { readonly cacheLifetime: number };
  /** The SPI the HA allocates for a key it distributes (125, OC-16), and the FA's chosen SPI for 122/124/115. */
  readonly newKeySpi: number;
  readonly requestId: Identification;
  readonly dh: { readonly group: DhGroup; readonly x: bigint; readonly X: bigint; readonly y: bigint; readonly Y: bigint; readonly key: Uint8Array };
  readonly mnRsa: RsaPrivateKey;
  readonly faRsa: RsaPrivateKey;
  /** Registration keys chosen by the HA (KDC methods) and by the FA (MN public key method). */
  readonly haChosenKey: Uint8Array;
  readonly faChosenKey: Uint8Array;
}

export function createSampleWorld(seed: number): SampleWorld {
  const random = createRandom(seed);
  const group = DEFAULT_DH_GROUP; // OC-18
  const x = dhPrivateExponent(group, random);
  const y = dhPrivateExponent(group, random);
  const X = dhPublicValue(group, x);
  const Y = dhPublicValue(group, y);
  const z = dhSharedSecret(group, x, Y);
  if (!z.ok) throw new Error('Diffie-Hellman sample values out of range');
  return {
    random,
    mnHa: { spi: 256, key: hexKey('00112233445566778899aabbccddeeff') },
    faHa: { spi: 300, key: hexKey('a1a2a3a4a5a6a7a8a9aaabacadaeafb0') },
    mnFa: { spi: 400, key: hexKey('c1c2c3c4c5c6c7c8c9cacbcccdcecfd0') },
    haCn: { spi: 0x101, key: hexKey('0f0e0d0c0b0a09080706050403020100') },
    mnFa1: { spi: 0x1000, key: new Uint8Array(16).fill(0x5a), cacheLifetime: 20 },
    newKeySpi: 0x1001,
    requestId: { high: 0xd5c1e2a0, low: 0x12345678 },
    dh: { group, x, X, y, Y, key: dhRegistrationKey(group, z.value) },
    mnRsa: generateRsaKeyPair(random),
    faRsa: generateRsaKeyPair(random),
    haChosenKey: random.bytes(16),
    faChosenKey: random.bytes(16),
  };
}
