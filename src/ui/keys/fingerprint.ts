// Keys are never printed in full by default (a projector is a public place,
// and a learner comparing two 32-digit hex strings learns little): a short
// fingerprint says whether two keys are the same, and the full value is one
// deliberate click away. A fingerprint is the first 4 octets of SHA-256 of the
// key, so equal keys have equal fingerprints and nothing of the key shows.

import { sha256 } from '@noble/hashes/sha2.js';

/** A key as the engine holds it: bytes (security associations) or hex text (key exchange records). */
export type KeyValue = Uint8Array | string;

export function keyHex(key: KeyValue): string {
  if (typeof key === 'string') return key.toLowerCase();
  return Array.from(key, (b) => b.toString(16).padStart(2, '0')).join('');
}

function keyBytes(key: KeyValue): Uint8Array {
  if (typeof key !== 'string') return key;
  const hex = key.length % 2 === 0 ? key : `0${key}`;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** "3f2a 91c0": the first 4 octets of SHA-256(key), in two groups. */
export function keyFingerprint(key: KeyValue): string {
  const digest = sha256(keyBytes(key));
  const hex = keyHex(digest.subarray(0, 4));
  return `${hex.slice(0, 4)} ${hex.slice(4)}`;
}

/** Octets of a key, whatever form it comes in. */
export function keyLength(key: KeyValue): number {
  return typeof key === 'string' ? Math.ceil(key.length / 2) : key.length;
}

/** "a1b2c3d4 e5f6…": hex in 4-octet groups, so a long value wraps at group boundaries. */
export function groupedHex(hex: string): string {
  return hex.replace(/(.{8})(?=.)/g, '$1 ');
}
