// Small byte-string helpers shared by the crypto files. Hashing itself comes
// from @noble/hashes (docs/architecture.md "engine/crypto"); these only glue bytes.

/** a ‖ b ‖ … as one new array (the one implementation is in the wire layer). */
export { concatBytes } from '../wire/bytes';

/** a XOR b, octet by octet; both must have the same length. */
export function xorBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length !== b.length) throw new RangeError(`xorBytes: lengths differ (${a.length} vs ${b.length})`);
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}

/** "0a1b2c…" (lower case, no separators): the form learner-visible crypto records use. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += HEX_PAIRS[b]!;
  return s;
}

/** "00" … "ff" by octet value: one lookup an octet instead of a number-to-text conversion and a pad. */
const HEX_PAIRS: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/**
 * Text as UTF-8 bytes (e.g. a master key typed by a learner). Written out
 * because the engine is compiled without the DOM/Node libs that declare
 * TextEncoder (src/engine/tsconfig.json).
 */
export function utf8Bytes(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    let c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // a lone surrogate becomes U+FFFD, as TextEncoder does
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return Uint8Array.from(out);
}
