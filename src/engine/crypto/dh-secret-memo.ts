// Diffie-Hellman shared secrets computed once per exchange in a thread. In
// the in-process simulation both ends of an exchange run in the same thread:
// the mobile node computes Z = Y^x mod p and its foreign agent Z = X^y mod p
// (diffie-hellman.ts), the same number, g^(xy) mod p, each a full 1024-bit
// exponentiation. This memo remembers, for the named groups, the public
// values g^x this thread computed (exponent → value), and each shared secret
// it computed with the two public values it joins; the other end's
// computation of the same exchange is then a lookup. A pure function's
// cache: it hands out exactly the number modPow would compute, so runs stay
// deterministic, and in a thread that hosts one node (the worker fabric) it
// only ever misses.
//
// Exact, not probable: an entry is used only when the asker's own public
// value is one this thread computed from the asker's exponent, and either
// (a) the asker and its exponent and the peer's value are those of the
// computation stored — the same computation — or (b) the asker's value is
// the stored peer value and the peer's value is the stored asker's value,
// both of them powers of g computed here: then the answer is
// (g^e2)^e1 = (g^e1)^e2 mod p, the stored one.
//
// The first end to compute also saves work when the peer's value is a power
// of g computed here (its exponent f is known): peer^e = g^(f·e), and when g
// is known to have order q (g^q = 1 mod p, checked by the caller), that is
// g^((f·e) mod q), which the fixed-base method computes several times faster
// than a general exponentiation (fixed-base-pow.ts).

import { modPow } from './bigint-math';

/** Entries kept per group and table; past that the table starts again empty. */
const MAX_ENTRIES = 4096;

interface Secret {
  /** The public value of the side that computed it, its exponent, and the peer's public value. */
  readonly own: bigint;
  readonly exponent: bigint;
  readonly peer: bigint;
  readonly z: bigint;
}

interface GroupMemo {
  /** Exponent → g^exponent mod p, as computed in this thread. */
  readonly publics: Map<bigint, bigint>;
  /** The other way: g^exponent mod p → an exponent it was computed from. */
  readonly exponents: Map<bigint, bigint>;
  /** By the product of the two public values (the same from either side). */
  readonly secrets: Map<bigint, Secret>;
}

const memos = new Map<bigint, GroupMemo>();

function memoOf(p: bigint): GroupMemo {
  let memo = memos.get(p);
  if (memo === undefined) {
    memo = { publics: new Map(), exponents: new Map(), secrets: new Map() };
    memos.set(p, memo);
  }
  return memo;
}

/**
 * Empties the memo: the next exchange is computed as in a fresh thread. For measurements
 * (bench/), so that a run timed after another with the same seed pays for its own exchanges.
 */
export function forgetDhSecrets(): void {
  memos.clear();
}

/** Remembers that g^exponent mod p = value (computed, for a named group with modulus p). */
export function notePublicValue(p: bigint, exponent: bigint, value: bigint): void {
  const { publics, exponents } = memoOf(p);
  if (publics.size >= MAX_ENTRIES) publics.clear();
  if (exponents.size >= MAX_ENTRIES) exponents.clear();
  publics.set(exponent, value);
  exponents.set(value, exponent);
}

/**
 * peer^exponent mod p — modPow's value — looked up when the other end of the
 * same exchange computed it here. `generator`, when given, is g's order q
 * (g^q = 1 mod p) and g^e mod p for any e ≥ 0: used when the peer's value is
 * a power of g whose exponent this thread knows.
 */
export function sharedSecret(p: bigint, exponent: bigint, peer: bigint, generator?: { readonly order: bigint; power(e: bigint): bigint }): bigint {
  const memo = memos.get(p);
  const own = memo?.publics.get(exponent);
  if (memo === undefined || own === undefined) return modPow(peer, exponent, p);
  const key = own * peer;
  const s = memo.secrets.get(key);
  if (s !== undefined && ((s.own === own && s.exponent === exponent && s.peer === peer) || (s.own === peer && s.peer === own))) return s.z;
  const peerExponent = memo.exponents.get(peer);
  const z = generator !== undefined && peerExponent !== undefined && exponent >= 0n ? generator.power((peerExponent * exponent) % generator.order) : modPow(peer, exponent, p);
  if (memo.secrets.size >= MAX_ENTRIES) memo.secrets.clear();
  memo.secrets.set(key, { own, exponent, peer, z });
  return z;
}
