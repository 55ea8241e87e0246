// Gluing byte strings together. It lives in the wire layer, the lowest one,
// so that crypto (which may import wire, never the reverse) and the tests of
// every layer share one implementation (crypto/bytes.ts re-exports it).

/** a ‖ b ‖ … as one new array. */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
