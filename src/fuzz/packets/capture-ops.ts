// Mutations of pcapng capture files: the general byte mutations, plus the
// file's own length fields — a block's Total Length (leading or trailing), a
// packet's Captured / Original Length, an option's Length, the Section
// Length — set to 0, to the maximum, or one off; blocks deleted or repeated;
// the byte-order magic swapped.

import { readPcapng } from '../../engine/capture/pcapng-reader';
import type { Recipe } from '../core';
import type { Rng } from '../random';
import { concat } from './build';
import { safely, appendBytes, deleteRange, duplicateRange, flipBit, insertBytes, setByte, setWord, truncate, type ByteOp } from './ops';
import type { SeedPacket } from './generate';

interface Spot {
  readonly at: number;
  readonly size: 2 | 4 | 8;
  readonly littleEndian: boolean;
}

/** Length-like fields and block starts of a (still readable) capture file. */
function structure(b: Uint8Array): { spots: Spot[]; blocks: { at: number; length: number }[] } {
  const spots: Spot[] = [];
  const blocks: { at: number; length: number }[] = [];
  const file = safely(() => readPcapng(b)); // a reader that throws is left to the pcapng target to find
  if (file === undefined || !file.ok) return { spots, blocks };
  for (const s of file.value.sections) {
    const le = s.byteOrder === 'little-endian';
    const blockAt = (at: number): void => {
      if (at + 8 > b.length) return;
      const len = le ? (b[at + 4]! | (b[at + 5]! << 8) | (b[at + 6]! << 16) | (b[at + 7]! << 24)) >>> 0 : ((b[at + 4]! << 24) | (b[at + 5]! << 16) | (b[at + 6]! << 8) | b[at + 7]!) >>> 0;
      blocks.push({ at, length: len });
      spots.push({ at: at + 4, size: 4, littleEndian: le });
      if (at + len - 4 >= at + 8 && at + len <= b.length) spots.push({ at: at + len - 4, size: 4, littleEndian: le });
    };
    blockAt(s.offset);
    spots.push({ at: s.offset + 16, size: 8, littleEndian: le });
    for (const i of s.interfaces) {
      blockAt(i.offset);
      spots.push({ at: i.offset + 12, size: 4, littleEndian: le }); // SnapLen
      for (const o of i.options) spots.push({ at: o.offset + 2, size: 2, littleEndian: le });
    }
    for (const p of s.packets) {
      blockAt(p.offset);
      spots.push({ at: p.offset + 8, size: 4, littleEndian: le }, { at: p.offset + 20, size: 4, littleEndian: le }, { at: p.offset + 24, size: 4, littleEndian: le });
      for (const o of p.options) spots.push({ at: o.offset + 2, size: 2, littleEndian: le });
    }
  }
  return { spots, blocks };
}

function lengthSpot(rng: Rng): ByteOp {
  const k = rng.fraction(), choice = rng.pick(['zero', 'max', 'minus one', 'plus one', 'twelve', 'huge'] as const);
  return {
    name: `pcapng length field #${k.toFixed(3)} set to ${choice}`,
    apply: (b) => {
      const { spots } = structure(b);
      if (spots.length === 0) return b;
      const s = spots[Math.floor(k * spots.length)]!;
      if (s.at + s.size > b.length) return b;
      const c = b.slice();
      const cur = readUint(c, s);
      const max = s.size === 8 ? 2 ** 53 - 1 : 2 ** (8 * s.size) - 1;
      const v = choice === 'zero' ? 0 : choice === 'max' ? max : choice === 'minus one' ? Math.max(0, cur - 1) : choice === 'plus one' ? Math.min(max, cur + 1) : choice === 'twelve' ? 12 : Math.min(max, 0x7fffffff);
      writeUint(c, s, s.size === 8 && choice === 'max' ? -1 : v);
      return c;
    },
  };
}

function readUint(b: Uint8Array, s: Spot): number {
  let v = 0;
  for (let i = 0; i < Math.min(s.size, 6); i++) {
    const byte = b[s.littleEndian ? s.at + i : s.at + s.size - 1 - i]!;
    v += byte * 2 ** (8 * i);
  }
  return v;
}

/** v = -1 writes all ones (the Section Length "unspecified"). */
function writeUint(b: Uint8Array, s: Spot, v: number): void {
  for (let i = 0; i < s.size; i++) {
    const byte = v < 0 ? 0xff : Math.floor(v / 2 ** (8 * i)) & 0xff;
    b[s.littleEndian ? s.at + i : s.at + s.size - 1 - i] = byte;
  }
}

function blockOp(rng: Rng): ByteOp {
  const k = rng.fraction(), what = rng.pick(['delete', 'repeat', 'swap magic'] as const), times = rng.small(40) + 1;
  return {
    name: `${what} block #${k.toFixed(3)}${what === 'repeat' ? ` ${times}×` : ''}`,
    apply: (b) => {
      const { blocks } = structure(b);
      if (blocks.length === 0) return b;
      const blk = blocks[Math.floor(k * blocks.length)]!;
      const end = Math.min(b.length, blk.at + blk.length);
      if (what === 'delete') return concat(b.subarray(0, blk.at), b.subarray(end));
      if (what === 'repeat') return concat(b.subarray(0, end), ...Array<Uint8Array>(times).fill(b.slice(blk.at, end)), b.subarray(end));
      const c = b.slice();
      if (c.length >= 12) c.set([c[11]!, c[10]!, c[9]!, c[8]!], 8);
      return c;
    },
  };
}

export function generateCapture(rng: Rng, seeds: readonly SeedPacket[]): Recipe<Uint8Array> {
  const seed = rng.pick(seeds);
  const ops: ByteOp[] = [];
  const n = rng.small(4) + 1;
  for (let i = 0; i < n; i++) {
    const roll = rng.fraction();
    ops.push(roll < 0.4 ? lengthSpot(rng) : roll < 0.55 ? blockOp(rng) : rng.pick([flipBit, setByte, setWord, truncate, deleteRange, insertBytes, duplicateRange, appendBytes])(rng));
  }
  return { base: seed.name, ops, build: (chosen) => chosen.reduce((b, op) => (op as ByteOp).apply(b), seed.bytes) };
}
