// Byte mutations for the packet fuzzer. Each is an Op (core.ts) that keeps
// its random choices as fractions of the length, so it still means something
// when the shrinker drops the operations before it.

import { dissectPacketFully } from '../../engine/wire/packet';
import type { FieldNode } from '../../engine/wire/dissection';
import type { Op } from '../core';
import { rngFromSeed, type Rng } from '../random';
import { concat, fixChain, wrap, type TunnelKind } from './build';

export interface ByteOp extends Op {
  apply(bytes: Uint8Array): Uint8Array;
}

const at = (f: number, length: number): number => Math.min(length - 1, Math.floor(f * length));
const INTERESTING_8 = [0, 1, 0x7f, 0x80, 0xfe, 0xff, 0x45, 0x4f, 0x40, 4, 17, 47, 55, 1, 6];
const INTERESTING_16 = [0, 1, 0x7fff, 0x8000, 0xfffe, 0xffff, 434, 0x0800, 20, 8];

export function flipBit(rng: Rng): ByteOp {
  const f = rng.fraction(), bit = rng.int(8);
  return { name: `flip bit ${bit} at ${f.toFixed(3)}`, apply: (b) => edit(b, (c) => { c[at(f, c.length)]! ^= 1 << bit; }) };
}

export function setByte(rng: Rng): ByteOp {
  const f = rng.fraction(), v = rng.chance(0.5) ? rng.pick(INTERESTING_8) : rng.int(256);
  return { name: `set octet at ${f.toFixed(3)} to ${v}`, apply: (b) => edit(b, (c) => { c[at(f, c.length)] = v; }) };
}

export function setWord(rng: Rng): ByteOp {
  const f = rng.fraction(), v = rng.pick(INTERESTING_16), wide = rng.chance(0.25);
  return {
    name: `set ${wide ? 'u32' : 'u16'} at ${f.toFixed(3)} to ${v}`,
    apply: (b) => edit(b, (c) => {
      const i = at(f, c.length);
      const value = wide ? [v >>> 8 === 0 ? 0 : 0xff, 0xff, v >> 8, v & 0xff] : [v >> 8, v & 0xff];
      value.forEach((x, k) => { if (i + k < c.length) c[i + k] = x; });
    }),
  };
}

/** Cut the packet short; with `fix`, the length fields then say so (the decoder reads deeper). */
export function truncate(rng: Rng): ByteOp {
  const f = rng.chance(0.2) ? rng.pick([0, 0.01, 0.05]) : rng.fraction(), fix = rng.chance(0.4);
  return { name: `truncate to ${(f * 100).toFixed(1)} %${fix ? ', lengths fixed' : ''}`, apply: (b) => { const c = b.slice(0, Math.floor(f * b.length)); return fix ? fixChain(c) : c; } };
}

export function deleteRange(rng: Rng): ByteOp {
  const f = rng.fraction(), n = rng.small(64) + 1;
  return { name: `delete ${n} octets at ${f.toFixed(3)}`, apply: (b) => { const i = at(f, b.length); return concat(b.subarray(0, i), b.subarray(Math.min(b.length, i + n))); } };
}

export function insertBytes(rng: Rng): ByteOp {
  const f = rng.fraction(), data = rng.chance(0.5) ? rng.bytes(rng.small(64) + 1) : new Uint8Array(rng.small(64) + 1).fill(rng.pick([0, 0xff]));
  return { name: `insert ${data.length} octets at ${f.toFixed(3)}`, apply: (b) => { const i = Math.floor(f * b.length); return concat(b.subarray(0, i), data, b.subarray(i)); } };
}

export function duplicateRange(rng: Rng): ByteOp {
  const f = rng.fraction(), n = rng.small(128) + 1, times = rng.small(8) + 1;
  return {
    name: `repeat ${n} octets at ${f.toFixed(3)} ${times}×`,
    apply: (b) => { const i = at(f, b.length); const piece = b.slice(i, i + n); return concat(b.subarray(0, i), ...Array<Uint8Array>(times + 1).fill(piece), b.subarray(i + piece.length)); },
  };
}

export function appendBytes(rng: Rng): ByteOp {
  const data = rng.bytes(rng.small(1500));
  return { name: `append ${data.length} octets`, apply: (b) => concat(b, data) };
}

/** The tail from `f` replaced by another packet's tail: new layers under known headers. */
export function splice(rng: Rng, others: readonly Uint8Array[]): ByteOp {
  const f = rng.fraction(), other = rng.pick(others), g = rng.fraction();
  return { name: `splice another packet's tail at ${f.toFixed(3)}`, apply: (b) => concat(b.subarray(0, Math.floor(f * b.length)), other.subarray(Math.floor(g * other.length))) };
}

export function fixLengths(): ByteOp {
  return { name: 'fix length fields and IPv4 checksums', apply: fixChain };
}

/** Wrapped in `kinds.length` tunnels (innermost first), lengths made right. */
export function nest(kinds: readonly TunnelKind[], rng: Rng): ByteOp {
  const seed = rng.int(0x100000000);
  return {
    name: `wrap in ${kinds.length} tunnels (${kinds.join(', ')})`,
    apply: (b) => {
      const local = rngFromSeed(seed);
      return fixChain(kinds.reduce((inner, kind) => wrap(local, kind, inner), b));
    },
  };
}

/**
 * A length-like field of the packet as dissected (a Length, Total Length,
 * Header Length, SRE Length, Count…) set to 0, its maximum, or one off the
 * true length. Falls back to the IPv4 Total Length when nothing dissects.
 */
export function lengthField(rng: Rng): ByteOp {
  const k = rng.fraction(), choice = rng.pick(['zero', 'max', 'minus one', 'plus one', 'random'] as const);
  return {
    name: `length field #${k.toFixed(3)} set to ${choice}`,
    apply: (b) => {
      const fields = lengthFields(b);
      const target = fields.length === 0 ? { offset: 2, length: 2, mask: undefined as number | undefined } : fields[Math.floor(k * fields.length)]!;
      return edit(b, (c) => setField(c, target, choice));
    },
  };
}

function setField(c: Uint8Array, f: { offset: number; length: number; mask?: number | undefined }, choice: 'zero' | 'max' | 'minus one' | 'plus one' | 'random'): void {
  if (f.offset + f.length > c.length || f.length > 4 || f.length < 1) return;
  if (f.mask !== undefined && f.length === 1) {
    const shift = Math.log2(f.mask & -f.mask);
    const max = f.mask >> shift;
    const cur = (c[f.offset]! & f.mask) >> shift;
    const v = choice === 'zero' ? 0 : choice === 'max' ? max : choice === 'minus one' ? cur - 1 : choice === 'plus one' ? cur + 1 : (cur * 7 + 3) % (max + 1);
    c[f.offset] = (c[f.offset]! & ~f.mask) | ((v << shift) & f.mask);
    return;
  }
  let cur = 0;
  for (let i = 0; i < f.length; i++) cur = cur * 256 + c[f.offset + i]!;
  const max = 2 ** (8 * f.length) - 1;
  let v = choice === 'zero' ? 0 : choice === 'max' ? max : choice === 'minus one' ? cur - 1 : choice === 'plus one' ? cur + 1 : (cur * 7919 + 13) % (max + 1);
  v = ((v % (max + 1)) + max + 1) % (max + 1);
  for (let i = f.length - 1; i >= 0; i--) {
    c[f.offset + i] = v % 256;
    v = Math.floor(v / 256);
  }
}

const LENGTH_NAME = /length|count|size|offset|pointer|entries|\bihl\b|number of/i;

/** The dissector's own fields (a dissector that throws here is left to the packet target to find). */
function lengthFields(b: Uint8Array): { offset: number; length: number; mask?: number }[] {
  const d = safely(() => dissectPacketFully(b));
  if (d === undefined || !d.ok) return [];
  const out: { offset: number; length: number; mask?: number }[] = [];
  const walk = (n: FieldNode): void => {
    if (LENGTH_NAME.test(n.name) && n.length >= 1 && n.length <= 4 && n.children === undefined) out.push({ offset: n.offset, length: n.length, ...(n.mask === undefined ? {} : { mask: n.mask }) });
    for (const c of n.children ?? []) walk(c);
  };
  walk(d.value.root);
  return out;
}

function edit(b: Uint8Array, f: (copy: Uint8Array) => void): Uint8Array {
  if (b.length === 0) return b;
  const c = b.slice();
  f(c);
  return c;
}

export function safely<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}
