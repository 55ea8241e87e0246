// Hand-built headers for the packet fuzzer: wrapping a datagram in another
// IPv4 header (IP in IP, GRE with any optional fields, minimal encapsulation)
// and putting every length field and IPv4 header checksum of a mutated chain
// right again, so that a mutation deep inside still reaches the decoder that
// reads it. Written here, not with the engine's encoders, so the fuzzer can
// build what those refuse to build (fragments in minimal encapsulation,
// recursion counts, routing chains).

import { internetChecksum } from '../../engine/wire/checksum';
import type { Rng } from '../random';
import { concatBytes as concat } from '../../engine/wire/bytes';

const u16 = (b: Uint8Array, at: number, v: number): void => {
  b[at] = (v >> 8) & 0xff;
  b[at + 1] = v & 0xff;
};

const ADDRESSES = [[10, 1, 0, 1], [192, 168, 2, 1], [10, 1, 0, 10], [198, 51, 100, 5], [255, 255, 255, 255], [0, 0, 0, 0], [224, 0, 0, 1]] as const;

/** A 20-octet IPv4 header for `payload`; checksum and Total Length are set by fixChain. */
export function ipv4Header(rng: Rng, protocol: number, payloadLength: number): Uint8Array {
  const h = new Uint8Array(20);
  h[0] = 0x45;
  u16(h, 2, Math.min(0xffff, 20 + payloadLength));
  u16(h, 4, rng.int(0x10000));
  h[6] = rng.chance(0.8) ? 0x40 : rng.pick([0, 0x20, 0x3f, 0xff]);
  h[8] = rng.pick([64, 1, 0, 255]);
  h[9] = protocol;
  h.set(rng.pick(ADDRESSES), 12);
  h.set(rng.pick(ADDRESSES), 16);
  return h;
}

export type TunnelKind = 'ip-in-ip' | 'gre' | 'minimal';

/** `inner` wrapped once. Minimal encapsulation needs an IPv4 header inside; without one it falls back to IP in IP. */
export function wrap(rng: Rng, kind: TunnelKind, inner: Uint8Array): Uint8Array {
  if (kind === 'ip-in-ip') return concat(ipv4Header(rng, 4, inner.length), inner);
  if (kind === 'gre') {
    const gre = greHeader(rng);
    return concat(ipv4Header(rng, 47, gre.length + inner.length), gre, inner);
  }
  const ihl = (inner[0]! & 0x0f) * 4;
  if (inner.length < 20 || inner[0]! >> 4 !== 4 || ihl < 20 || ihl > inner.length) return wrap(rng, 'ip-in-ip', inner);
  const header = inner.slice(0, ihl);
  const withSource = rng.chance(0.5);
  const fwd = new Uint8Array(withSource ? 12 : 8);
  fwd[0] = inner[9]!;
  fwd[1] = (withSource ? 0x80 : 0) | (rng.chance(0.1) ? rng.int(0x80) : 0);
  fwd.set(inner.subarray(16, 20), 4);
  if (withSource) fwd.set(inner.subarray(12, 16), 8);
  u16(fwd, 2, internetChecksum(fwd));
  header[9] = 55;
  header.set(rng.pick(ADDRESSES), 12);
  header.set(rng.pick(ADDRESSES), 16);
  return concat(header, fwd, inner.subarray(ihl));
}

/** RFC 1701 §2: flags C R K S s, Recur, Version, Protocol Type, then the optional fields and SREs. */
function greHeader(rng: Rng): Uint8Array {
  const c = rng.chance(0.3), r = rng.chance(0.25), k = rng.chance(0.3), s = rng.chance(0.3), strict = rng.chance(0.1);
  const recur = rng.chance(0.2) ? rng.int(8) : 0;
  const version = rng.chance(0.1) ? rng.int(8) : 0;
  const flags = rng.chance(0.1) ? rng.int(32) : 0;
  const parts: number[] = [];
  const first = (c ? 0x8000 : 0) | (r ? 0x4000 : 0) | (k ? 0x2000 : 0) | (s ? 0x1000 : 0) | (strict ? 0x0800 : 0) | (recur << 8) | (flags << 3) | version;
  const protocolType = rng.chance(0.9) ? 0x0800 : rng.pick([0, 0x86dd, 0xffff, rng.int(0x10000)]);
  parts.push(first >> 8, first & 0xff, protocolType >> 8, protocolType & 0xff);
  if (c || r) parts.push(0, 0, 0, rng.chance(0.5) ? 0 : rng.int(256));
  if (k) parts.push(...rng.bytes(4));
  if (s) parts.push(...rng.bytes(4));
  if (r) {
    const entries = rng.small(20);
    for (let i = 0; i < entries; i++) {
      const len = rng.pick([0, 4, 8, rng.int(256)]);
      parts.push(0, rng.pick([0x08, 0x00, 0xff]), rng.int(256), len, ...rng.bytes(Math.min(len, 64)));
    }
    if (rng.chance(0.9)) parts.push(0, 0, 0, 0); // the null SRE, sometimes missing
  }
  return Uint8Array.from(parts);
}

/** a ‖ b ‖ … — the wire layer's own (one implementation for every layer). */
export { concat };

/**
 * Sets every IPv4 Total Length (to the end of the buffer), IPv4 header
 * checksum, GRE and minimal-encapsulation walk, and UDP Length it can find,
 * outermost first. Best effort: it stops where the bytes stop making sense.
 */
export function fixChain(bytes: Uint8Array): Uint8Array {
  const b = bytes.slice();
  fixIpv4(b, 0, 0);
  return b;
}

function fixIpv4(b: Uint8Array, at: number, depth: number): void {
  if (depth > 64 || at + 20 > b.length || b[at]! >> 4 !== 4) return;
  const ihl = (b[at]! & 0x0f) * 4;
  if (ihl < 20 || at + ihl > b.length || b.length - at > 0xffff) return;
  u16(b, at + 2, b.length - at);
  u16(b, at + 10, 0);
  u16(b, at + 10, internetChecksum(b, at, at + ihl));
  const fragment = (b[at + 6]! & 0x20) !== 0 || ((b[at + 6]! & 0x1f) << 8 | b[at + 7]!) !== 0;
  if (!fragment) fixTransport(b, b[at + 9]!, at + ihl, depth);
}

function fixTransport(b: Uint8Array, protocol: number, at: number, depth: number): void {
  if (protocol === 4) fixIpv4(b, at, depth + 1);
  else if (protocol === 17 && at + 8 <= b.length && b.length - at <= 0xffff) u16(b, at + 4, b.length - at);
  else if (protocol === 47) {
    const inner = greEnd(b, at);
    if (inner !== undefined && b[at + 2] === 0x08 && b[at + 3] === 0x00) fixIpv4(b, inner, depth + 1);
  } else if (protocol === 55 && at + 8 <= b.length) {
    const n = (b[at + 1]! & 0x80) !== 0 ? 12 : 8;
    if (at + n > b.length) return;
    u16(b, at + 2, 0);
    u16(b, at + 2, internetChecksum(b, at, at + n));
    fixTransport(b, b[at]!, at + n, depth + 1);
  }
}

function greEnd(b: Uint8Array, at: number): number | undefined {
  if (at + 4 > b.length) return undefined;
  const first = b[at]!;
  let p = at + 4;
  if ((first & 0xc0) !== 0) p += 4;
  if ((first & 0x20) !== 0) p += 4;
  if ((first & 0x10) !== 0) p += 4;
  if ((first & 0x40) !== 0) {
    for (let n = 0; n < 64; n++) {
      if (p + 4 > b.length) return undefined;
      const family = (b[p]! << 8) | b[p + 1]!;
      const len = b[p + 3]!;
      p += 4;
      if (family === 0 && len === 0) break;
      p += len;
    }
  }
  return p <= b.length ? p : undefined;
}
