import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../random';
import { bytesToHex, hexToBytes } from '../wire/test-support/laws';
import { isProbablePrime, modPow } from './bigint-math';
import { concatBytes } from './bytes';
import {
  DEFAULT_DH_GROUP,
  DH_GROUPS,
  MODP_1024,
  MODP_2048,
  MODP_768,
  dhGroupFromWire,
  dhPrivateExponent,
  dhPublicValue,
  dhRegistrationKey,
  dhSharedSecret,
  dhValueBytes,
  recordDhExchange,
  type DhGroup,
} from './diffie-hellman';

// Timing (Node 20.20, this shared 2-core machine, measured while writing this
// file over 10 random full-size exponents): one modular exponentiation takes
// ≈ 5 ms in the 1024-bit group and ≈ 26 ms in the 2048-bit group (plain
// square-and-multiply measured ≈ 5.5 ms / 34 ms; the 5-bit sliding window
// wins mostly on the larger one). A whole exchange costs each side two.

/** π · 2^bits, floored, by Machin's formula π = 16·atan(1/5) − 4·atan(1/239), with 64 guard bits. */
function piTimesPowerOfTwo(bits: number): bigint {
  const guard = 64n;
  const scale = 1n << (BigInt(bits) + guard);
  const atanInverse = (x: bigint): bigint => {
    let sum = 0n;
    let term = scale / x;
    for (let n = 1n, sign = 1n; term !== 0n; n += 2n, sign = -sign) {
      sum += (sign * term) / n;
      term /= x * x;
    }
    return sum;
  };
  return (16n * atanInverse(5n) - 4n * atanInverse(239n)) >> guard;
}

/** p = 2^n − 2^(n−64) − 1 + 2^64 · (⌊2^(n−130) · π⌋ + c) (RFC 2409 §6, RFC 3526). */
function modpPrime(n: number, c: bigint): bigint {
  const N = BigInt(n);
  return (1n << N) - (1n << (N - 64n)) - 1n + (1n << 64n) * (piTimesPowerOfTwo(n - 130) + c);
}

describe('MODP groups (Perkins & Johnson §6–§8; regkey-00 §3.3, OC-18)', () => {
  const formula: [DhGroup, number, bigint][] = [
    [MODP_768, 768, 149686n],
    [MODP_1024, 1024, 129093n],
    [MODP_2048, 2048, 124476n],
  ];
  for (const [group, bits, c] of formula) {
    it(`${group.name}: the prime is 2^${bits} − 2^${bits - 64} − 1 + 2^64·(⌊2^${bits - 130}·π⌋ + ${c}), recomputed from π`, () => {
      expect(group.p).toBe(modpPrime(bits, c));
      expect(group.p.toString(2)).toHaveLength(bits);
      expect(group.length).toBe(bits / 8);
      expect(group.g).toBe(2n);
    });
    it(`${group.name}: p and (p − 1)/2 are probable primes (a safe prime; Miller-Rabin, 12 rounds each)`, () => {
      const random = createRandom(bits);
      expect(isProbablePrime(group.p, 12, random)).toBe(true);
      expect(isProbablePrime((group.p - 1n) / 2n, 12, random)).toBe(true);
    });
    it(`${group.name}: g = 2 has order q = (p − 1)/2 (g^q = 1 mod p), which the shared-secret memo relies on`, () => {
      expect(modPow(group.g, (group.p - 1n) / 2n, group.p)).toBe(1n);
    });
  }

  it('the default group is the 1024-bit one (OC-18)', () => {
    expect(DEFAULT_DH_GROUP).toBe(MODP_1024);
  });
});

describe('toy exchange of docs/protocol-notes.md §Test vectors (p = 2^64 − 59, g = 5, L = 8)', () => {
  const p = hexToBytes('ff ff ff ff ff ff ff c5');
  const g = hexToBytes('00 00 00 00 00 00 00 05');
  const x = 0x0123456789abcdefn;
  const y = 0x0fedcba987654321n;
  const EXT_116 = '74 00 18 ff ff ff ff ff ff ff c5 00 00 00 00 00 00 00 05 44 5f ea 74 f4 a7 a1 81';
  const EXT_124 = '7c 00 0c 00 00 10 01 0a ed 93 79 2d cb 66 e9';

  const toy = dhGroupFromWire(p, g, hexToBytes('44 5f ea 74 f4 a7 a1 81'));
  if (!toy.ok) throw new Error(JSON.stringify(toy.error));
  const group = toy.value.group;

  it('reads the group from the 116 values as a custom 64-bit group', () => {
    expect(group).toMatchObject({ name: 'custom', p: 2n ** 64n - 59n, g: 5n, length: 8 });
  });

  it('gives the 116 and 124 extension bytes of docs/protocol-notes.md §Test vectors (values left-padded to L octets)', () => {
    const X = dhPublicValue(group, x);
    const Y = dhPublicValue(group, y);
    const ext116 = concatBytes(Uint8Array.of(116, 0, 24), dhValueBytes(group, group.p), dhValueBytes(group, group.g), dhValueBytes(group, X));
    const ext124 = concatBytes(Uint8Array.of(124, 0, 12), hexToBytes('00 00 10 01'), dhValueBytes(group, Y));
    expect(bytesToHex(ext116)).toBe(EXT_116);
    expect(bytesToHex(ext124)).toBe(EXT_124);
    expect(toy.value.peerPublic).toBe(X);
  });

  it('both sides compute Z = 77f218e7f4a425ef and key = MD5(Z) = 0013a381…', () => {
    const X = dhPublicValue(group, x);
    const Y = dhPublicValue(group, y);
    const zMn = dhSharedSecret(group, x, Y);
    const zFa = dhSharedSecret(group, y, X);
    expect(zMn).toEqual(zFa);
    expect(zMn.ok && bytesToHex(dhValueBytes(group, zMn.value))).toBe('77 f2 18 e7 f4 a4 25 ef');
    expect(zMn.ok && bytesToHex(dhRegistrationKey(group, zMn.value))).toBe('00 13 a3 81 ea 92 42 4c c0 c7 7e 97 6f de 76 fb');
  });

  it('records the exchange for the key panel, from either side', () => {
    const X = dhPublicValue(group, x);
    const Y = dhPublicValue(group, y);
    const mnView = recordDhExchange(group, { x, X, Y });
    expect(mnView).toEqual({
      group: 'custom',
      description: '64-bit group received from the mobile node, g = 5',
      length: 8,
      p: 'ffffffffffffffc5',
      g: '0000000000000005',
      x: '0123456789abcdef',
      X: '445fea74f4a7a181',
      y: null,
      Y: '0aed93792dcb66e9',
      Z: '77f218e7f4a425ef',
      key: '0013a381ea92424cc0c77e976fde76fb',
    });
    const faView = recordDhExchange(group, { X, y, Y });
    expect(faView.Z).toBe(mnView.Z);
    expect(faView.x).toBeNull();
    expect(() => recordDhExchange(group, { X, Y })).toThrow(RangeError);
  });
});

describe('real groups', () => {
  for (const group of DH_GROUPS) {
    it(`${group.name}: MN and FA derive the same 16-octet key MD5(Z as ${group.length} octets) (OC-12)`, () => {
      const mn = createRandom(100);
      const fa = createRandom(200);
      const x = dhPrivateExponent(group, mn);
      const y = dhPrivateExponent(group, fa);
      expect(x >= 2n && x <= group.p - 2n).toBe(true);
      const X = dhPublicValue(group, x);
      const Y = dhPublicValue(group, y);
      // the FA reads the MN's 116 from the wire
      const received = dhGroupFromWire(dhValueBytes(group, group.p), dhValueBytes(group, group.g), dhValueBytes(group, X));
      expect(received.ok && received.value.group).toBe(group); // recognised by name
      const zMn = dhSharedSecret(group, x, Y);
      const zFa = dhSharedSecret(group, y, X);
      if (!zMn.ok || !zFa.ok) throw new Error('shared secret failed');
      expect(zMn.value).toBe(zFa.value);
      const key = dhRegistrationKey(group, zMn.value);
      expect(key).toHaveLength(16);
      const independent = createHash('md5').update(dhValueBytes(group, zFa.value)).digest('hex');
      expect(bytesToHex(key).replace(/ /g, '')).toBe(independent);
    });
  }

  it('the private exponent depends only on the seed', () => {
    expect(dhPrivateExponent(MODP_1024, createRandom(5))).toBe(dhPrivateExponent(MODP_1024, createRandom(5)));
    expect(dhPrivateExponent(MODP_1024, createRandom(5))).not.toBe(dhPrivateExponent(MODP_1024, createRandom(6)));
  });
});

describe('values received from the wire', () => {
  const L = MODP_768.length;
  const p = dhValueBytes(MODP_768, MODP_768.p);
  const g = dhValueBytes(MODP_768, 2n);
  const X = dhValueBytes(MODP_768, dhPublicValue(MODP_768, 12345n));

  it('refuses degenerate public values that would make Z guessable', () => {
    for (const bad of [0n, 1n, MODP_768.p - 1n, MODP_768.p]) {
      expect(dhGroupFromWire(p, g, dhValueBytes(MODP_768, bad))).toMatchObject({ ok: false, error: { layer: 'Diffie-Hellman', field: 'Computed value', offset: 2 * L } });
      expect(dhSharedSecret(MODP_768, 7n, bad)).toMatchObject({ ok: false, error: { field: 'Computed value' } });
    }
  });

  it('refuses mismatched lengths, even or tiny primes, bad generators, and primes over the limit', () => {
    expect(dhGroupFromWire(p, g.subarray(1), X)).toMatchObject({ ok: false, error: { field: 'Generator', offset: L } });
    expect(dhGroupFromWire(p, g, X.subarray(1))).toMatchObject({ ok: false, error: { field: 'Computed value', offset: 2 * L } });
    expect(dhGroupFromWire(new Uint8Array(0), new Uint8Array(0), new Uint8Array(0))).toMatchObject({ ok: false, error: { field: 'Prime' } });
    const even = p.slice();
    even[L - 1] = 0xfe;
    expect(dhGroupFromWire(even, g, X)).toMatchObject({ ok: false, error: { field: 'Prime', offset: 0 } });
    expect(dhGroupFromWire(p, dhValueBytes(MODP_768, 1n), X)).toMatchObject({ ok: false, error: { field: 'Generator' } });
    const huge = new Uint8Array(257).fill(0xff);
    expect(dhGroupFromWire(huge, huge, huge)).toMatchObject({ ok: false, error: { field: 'Prime', reason: "2056-bit prime exceeds the lab's limit of 2048 bits" } });
  });

  it('accepts the 768-bit group with its name', () => {
    expect(dhGroupFromWire(p, g, X)).toMatchObject({ ok: true, value: { group: { name: 'modp-768' } } });
  });
});
