// A bounds-checked reader over a byte buffer (the msgpack/dns-packet shape from
// docs/architecture.md "Examples we follow"). Every read names the field it reads, so a short buffer turns into
// a WireError that says which field was cut off and where.

import { fail, type WireResult } from './result';

/** What every empty field reads as (an IPv4 header's absent options): one shared array, which has nothing to write into. */
export const NO_OCTETS = new Uint8Array(0);

/** Octets `start` to `end` of `bytes` as a view, as Reader.take reads them (see there). */
export function viewOf(bytes: Uint8Array, start: number, end: number): Uint8Array {
  return end === start ? NO_OCTETS : bytes.subarray(start, end);
}

export class Reader {
  private pos: number;

  constructor(
    readonly bytes: Uint8Array,
    readonly layer: string,
    start = 0,
    /** Exclusive end of the region this reader may touch. */
    readonly end = bytes.length,
  ) {
    this.pos = start;
  }

  get offset(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  /** The failure for a field that needs `n` octets when fewer remain. */
  short<T = never>(field: string, n: number): WireResult<T> {
    return fail(this.layer, field, this.pos, `needs ${n} octet${n === 1 ? '' : 's'}, only ${Math.max(0, this.remaining)} remain`);
  }

  has(n: number): boolean {
    return this.remaining >= n;
  }

  // The read methods assume the caller checked `has(n)` (or `need`) first;
  // they are small and unchecked so hot paths stay cheap.
  u8(): number {
    return this.bytes[this.pos++]!;
  }

  u16(): number {
    const v = (this.bytes[this.pos]! << 8) | this.bytes[this.pos + 1]!;
    this.pos += 2;
    return v;
  }

  u32(): number {
    const b = this.bytes;
    const p = this.pos;
    this.pos += 4;
    return ((b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) >>> 0;
  }

  /**
   * A view of the next `n` octets, not a copy: a parsed record shares the
   * packet's buffer. Safe because packet bytes are read-only — every in-place
   * writer (a TTL decrement, a tampering adversary, a signer) works on a copy
   * it made or a buffer it allocated (docs/architecture.md "Engine") — and
   * copying every payload at every layer of every hop cost more than the parse.
   */
  take(n: number): Uint8Array {
    const out = viewOf(this.bytes, this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  skip(n: number): void {
    this.pos += n;
  }
}

/** Big-endian writers into a caller-provided buffer. */
export function putU8(buf: Uint8Array, at: number, v: number): void {
  buf[at] = v & 0xff;
}

export function putU16(buf: Uint8Array, at: number, v: number): void {
  buf[at] = (v >>> 8) & 0xff;
  buf[at + 1] = v & 0xff;
}

export function putU32(buf: Uint8Array, at: number, v: number): void {
  buf[at] = (v >>> 24) & 0xff;
  buf[at + 1] = (v >>> 16) & 0xff;
  buf[at + 2] = (v >>> 8) & 0xff;
  buf[at + 3] = v & 0xff;
}

export function getU16(buf: Uint8Array, at: number): number {
  return (buf[at]! << 8) | buf[at + 1]!;
}

export function getU32(buf: Uint8Array, at: number): number {
  return ((buf[at]! << 24) | (buf[at + 1]! << 16) | (buf[at + 2]! << 8) | buf[at + 3]!) >>> 0;
}
