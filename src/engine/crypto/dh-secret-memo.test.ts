// The shared-secret memo against modPow itself, over random exchanges: every answer, hit or miss, is modPow's.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { modPow } from './bigint-math';
import { dhPublicValue, dhSharedSecret, MODP_768, MODP_1024, recordDhExchange } from './diffie-hellman';
import { notePublicValue, sharedSecret } from './dh-secret-memo';

const p = MODP_768.p;
const exponent = fc.bigInt({ min: 2n, max: p - 2n });

describe('Diffie-Hellman shared-secret memo', () => {
  it('both ends of an exchange get modPow\'s Z, the second from the memo', () => {
    fc.assert(fc.property(exponent, exponent, (x, y) => {
      const X = dhPublicValue(MODP_768, x);
      const Y = dhPublicValue(MODP_768, y);
      const z = modPow(Y, x, p);
      expect(dhSharedSecret(MODP_768, x, Y)).toEqual({ ok: true, value: z });
      expect(dhSharedSecret(MODP_768, y, X)).toEqual({ ok: true, value: modPow(X, y, p) });
      expect(recordDhExchange(MODP_768, { x, X, Y }).Z).toBe(recordDhExchange(MODP_768, { y, X, Y }).Z);
    }), { numRuns: 25 });
  });

  it('any mix of known and unknown exponents, peer values that are powers of g or not, and repeats, answers modPow', () => {
    // a pool of exponents (some with their g^e noted) and of peer values (some of them those g^e, some arbitrary)
    fc.assert(fc.property(fc.array(exponent, { minLength: 1, maxLength: 5 }), fc.array(fc.bigInt({ min: 2n, max: p - 2n }), { minLength: 1, maxLength: 3 }), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { minLength: 1, maxLength: 12 }), (exponents, arbitrary, queries) => {
      const publics = exponents.map((e, i) => (i % 2 === 0 ? dhPublicValue(MODP_768, e) : modPow(2n, e, p)));
      const peers = [...publics, ...arbitrary];
      for (const [a, b, flip] of queries) {
        const e = exponents[a % exponents.length]!;
        const peer = flip ? peers[b % peers.length]! : publics[b % publics.length]!;
        expect(sharedSecret(p, e, peer)).toBe(modPow(peer, e, p));
      }
    }), { numRuns: 30 });
  });

  it('the first end, with the peer\'s exponent known here, computes through the generator and still gets modPow\'s Z', () => {
    const generator = { order: (p - 1n) / 2n, power: (e: bigint) => modPow(2n, e, p) };
    fc.assert(fc.property(exponent, exponent, (x, y) => {
      const X = dhPublicValue(MODP_768, x);
      const Y = dhPublicValue(MODP_768, y);
      expect(sharedSecret(p, y, X, generator)).toBe(modPow(X, y, p));
      expect(sharedSecret(p, x, Y, generator)).toBe(modPow(Y, x, p));
      expect(sharedSecret(p, x, Y, generator)).toBe(modPow(Y, x, p));
    }), { numRuns: 20 });
  });

  it('a public value noted for one modulus is not used for another', () => {
    const x = 123456789n;
    notePublicValue(p, x, modPow(2n, x, p));
    const peer = dhPublicValue(MODP_1024, 987654321n);
    expect(sharedSecret(MODP_1024.p, x, peer)).toBe(modPow(peer, x, MODP_1024.p));
  });
});
