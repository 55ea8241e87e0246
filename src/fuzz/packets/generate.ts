// How the packet fuzzer makes input number i: from nothing (random octets,
// or a random IPv4 header over random octets), or from a seed packet of the
// corpus (corpus.ts) with mutations — general ones, length fields at 0 / max /
// one off, truncations, long or broken extension chains, and nested tunnels
// around it (beyond the walker's depth limit too).

import { lengthFieldSize } from '../../engine/wire/mip/extensions/extension-types';
import { dissectPacketFully } from '../../engine/wire/packet';
import type { FieldNode } from '../../engine/wire/dissection';
import type { Recipe } from '../core';
import { rngFromSeed, type Rng } from '../random';
import { concat, fixChain, ipv4Header, type TunnelKind } from './build';
import { safely, appendBytes, deleteRange, duplicateRange, fixLengths, flipBit, insertBytes, lengthField, nest, setByte, setWord, splice, truncate, type ByteOp } from './ops';

export interface SeedPacket {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export function generatePacket(rng: Rng, seeds: readonly SeedPacket[]): Recipe<Uint8Array> {
  const roll = rng.fraction();
  if (roll < 0.08) return fromNothing(rng);
  const seed = rng.pick(seeds);
  const others = seeds.map((s) => s.bytes);
  const ops: ByteOp[] = [];
  if (roll < 0.45) {
    const n = rng.small(6) + 1;
    for (let i = 0; i < n; i++) ops.push(generalOp(rng, others));
    if (rng.chance(0.3)) ops.push(fixLengths());
  } else if (roll < 0.58) {
    const n = rng.small(2) + 1;
    for (let i = 0; i < n; i++) ops.push(lengthField(rng));
  } else if (roll < 0.68) {
    ops.push(truncate(rng));
    if (rng.chance(0.3)) ops.push(generalOp(rng, others));
  } else if (roll < 0.84) {
    ops.push(extensionChain(rng));
    if (rng.chance(0.3)) ops.push(rng.chance(0.5) ? lengthField(rng) : generalOp(rng, others));
  } else {
    const depth = rng.chance(0.5) ? rng.range(6, 11) : rng.range(1, 5);
    const kinds = Array.from({ length: depth }, () => rng.pick<TunnelKind>(['ip-in-ip', 'gre', 'minimal']));
    ops.push(nest(kinds, rng));
    if (rng.chance(0.4)) ops.push(rng.pick([lengthField(rng), truncate(rng), generalOp(rng, others)]));
  }
  return { base: seed.name, ops, build: (chosen) => capped(chosen.reduce((b, op) => (op as ByteOp).apply(b), seed.bytes)) };
}

/** No IPv4 datagram is longer than 65,535 octets (RFC 791 Total Length), so no captured packet is. */
export const MAX_PACKET = 0xffff;
const capped = (b: Uint8Array): Uint8Array => (b.length > MAX_PACKET ? b.subarray(0, MAX_PACKET) : b);

function generalOp(rng: Rng, others: readonly Uint8Array[]): ByteOp {
  const make = rng.pick([flipBit, flipBit, setByte, setByte, setWord, deleteRange, insertBytes, duplicateRange, appendBytes, truncate, lengthField]);
  return rng.chance(0.08) ? splice(rng, others) : make(rng);
}

function fromNothing(rng: Rng): Recipe<Uint8Array> {
  const n = rng.small(rng.chance(0.8) ? 200 : 2000);
  const body = rng.bytes(n);
  const framed = rng.chance(0.6);
  const protocol = rng.pick([1, 4, 17, 47, 55, 6, rng.int(256)]);
  const ports = rng.chance(0.5);
  const headerSeed = rng.int(0x100000000);
  return {
    base: framed ? `IPv4 header (protocol ${protocol}) over ${n} random octets` : `${n} random octets`,
    ops: [],
    build: () => {
      if (!framed) return body;
      const payload = body.slice();
      if (protocol === 17 && ports && payload.length >= 4) payload.set([0x01, 0xb2, 0x01, 0xb2], 0); // port 434 both ways
      return fixChain(concat(ipv4Header(rngFromSeed(headerSeed), protocol, payload.length), payload));
    },
  };
}

const MIP_TYPES = [16, 32, 33, 34, 35, 96, 113, 114, 115, 116, 120, 121, 122, 123, 124, 125, 0, 1, 127, 128, 200, 255];
const ICMP_TYPES = [0, 16, 19, 16, 19, 1, 128, 255];

/**
 * Extensions appended after the Mobile IP message or Agent Advertisement the
 * packet carries: many of them (past the decoders' hard limits), known and
 * unknown types, lengths of 0, too long, or at the maximum; or an extension
 * already there repeated many times.
 */
function extensionChain(rng: Rng): ByteOp {
  const count = rng.chance(0.3) ? rng.pick([63, 64, 65, 200]) : rng.small(12) + 1;
  const repeat = rng.chance(0.35);
  const seedBytes = rng.bytes(4096);
  const plan = Array.from({ length: count }, () => ({ pickType: rng.fraction(), len: rng.pick(['zero', 'small', 'exact', 'max', 'over'] as const), small: rng.small(40) }));
  return {
    name: repeat ? `repeat an extension ${count}×` : `append ${count} extensions`,
    apply: (b) => {
      const d = safely(() => dissectPacketFully(b));
      if (d === undefined || !d.ok) return b;
      const layers = d.value.root.children ?? [];
      const mip = layers.find((l) => l.name.startsWith('Mobile IP'));
      const icmp = layers.find((l) => l.name.includes('Internet Control Message') || l.name.startsWith('ICMP'));
      const host = mip ?? icmp;
      if (host === undefined) return b;
      const isMip = host === mip;
      const end = host.offset + host.length;
      if (repeat) {
        const exts = extensionNodes(host);
        if (exts.length === 0) return b;
        const e = exts[Math.floor(plan[0]!.pickType * exts.length)]!;
        const piece = b.slice(e.offset, e.offset + e.length);
        return fixChain(concat(b.subarray(0, e.offset + e.length), ...Array<Uint8Array>(count).fill(piece), b.subarray(e.offset + e.length)));
      }
      let s = 0;
      const tlvs = plan.map((p) => {
        const types = isMip ? MIP_TYPES : ICMP_TYPES;
        const type = types[Math.floor(p.pickType * types.length)]!;
        if (!isMip && type === 0) return Uint8Array.of(0); // one-byte padding
        const wide = isMip && lengthFieldSize(type) === 2;
        const max = wide ? 0xffff : 0xff;
        const declared = p.len === 'zero' ? 0 : p.len === 'max' ? max : p.small;
        const actual = p.len === 'over' ? Math.max(0, declared - 1 - (p.small % 4)) : p.len === 'max' ? Math.min(declared, 300) : declared;
        const data = seedBytes.slice(s % 2048, (s % 2048) + actual);
        s += 7;
        const head = wide ? [type, declared >> 8, declared & 0xff] : [type, declared];
        return concat(Uint8Array.from(head), data, new Uint8Array(Math.max(0, actual - data.length)));
      });
      return fixChain(concat(b.subarray(0, end), ...tlvs, b.subarray(end)));
    },
  };
}

function extensionNodes(layer: FieldNode): FieldNode[] {
  const out: FieldNode[] = [];
  const walk = (n: FieldNode): void => {
    for (const c of n.children ?? []) {
      if (/extension|padding/i.test(c.name) && c.length > 0) out.push(c);
      else walk(c);
    }
  };
  walk(layer);
  return out;
}
