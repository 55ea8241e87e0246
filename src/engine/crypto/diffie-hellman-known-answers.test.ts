import { createDiffieHellman, getDiffieHellman } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../random';
import { bigIntToBytes, bytesToBigInt, modPow } from './bigint-math';
import { DH_GROUPS, MODP_1024, MODP_2048, MODP_768, dhPrivateExponent, dhPublicValue, type DhGroup } from './diffie-hellman';

// Answers from an independent implementation: Node's OpenSSL-backed Diffie-Hellman with the
// same RFC 2409 §6.1/§6.2 and RFC 3526 §3 groups (its own copies of p and g), given the same private exponent.
const NODE_NAMES: readonly [DhGroup, string][] = [[MODP_768, 'modp1'], [MODP_1024, 'modp2'], [MODP_2048, 'modp14']];

function openSslPublicValue(name: string, group: DhGroup, x: bigint): bigint {
  const named = getDiffieHellman(name);
  const dh = createDiffieHellman(named.getPrime(), named.getGenerator());
  dh.setPrivateKey(Buffer.from(bigIntToBytes(x, group.length)));
  dh.generateKeys();
  return bytesToBigInt(dh.getPublicKey());
}

describe('g^x mod p (dhPublicValue) in the named groups', () => {
  for (const [group, name] of NODE_NAMES) {
    it(`${group.name}: matches OpenSSL's g^x for seeded full-size exponents and the extremes`, () => {
      expect(bytesToBigInt(getDiffieHellman(name).getPrime())).toBe(group.p);
      const random = createRandom(group.length);
      const exponents = [2n, 3n, group.p - 2n, ...Array.from({ length: 4 }, () => dhPrivateExponent(group, random))];
      for (const x of exponents) expect(dhPublicValue(group, x)).toBe(openSslPublicValue(name, group, x));
    });
  }

  it('equals the general modPow for any exponent, in every named group', () => {
    fc.assert(fc.property(fc.constantFrom(...DH_GROUPS), fc.bigInt({ min: 0n, max: (1n << 2048n) - 1n }), (group, e) => {
      const x = e % group.p;
      expect(dhPublicValue(group, x)).toBe(modPow(group.g, x, group.p));
    }), { numRuns: 60 });
  });

  it('a group equal to a named one but not it (a "custom" one from the wire) gets the same value', () => {
    const copy: DhGroup = { ...MODP_768, name: 'custom' };
    const x = dhPrivateExponent(MODP_768, createRandom(5));
    expect(dhPublicValue(copy, x)).toBe(dhPublicValue(MODP_768, x));
  });
});
