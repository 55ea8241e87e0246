// Shared test laws applied to every codec (docs/architecture.md "Examples we follow": "one shared round-trip
// helper applied to every type"; smoltcp's 0xa5-prefilled golden buffers;
// dns-packet's every-truncation tests). Each codec test file calls these with
// its own golden bytes and fast-check arbitrary.

import fc from 'fast-check';
import { expect } from 'vitest';
import type { Codec } from '../codec';
import type { FieldNode } from '../dissection';
import { wallClockMs } from '../../../test-support/wall-clock';

/** "45 00 00 4a" or "4500004a" (whitespace and newlines ignored) → bytes. */
export function hexToBytes(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) throw new Error(`bad hex: ${text}`);
  return Uint8Array.from(clean.match(/../g) ?? [], (h) => parseInt(h, 16));
}

export function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** The value of a result that must have succeeded; a refusal fails the test with the error it carried. */
export function okValue<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(`unexpected refusal: ${JSON.stringify(r.error)}`);
  return r.value;
}

const FILL = 0xa5;
const PAD_BEFORE = 3; // odd, so alignment assumptions show
const PAD_AFTER = 5;

/**
 * Emit into a buffer pre-filled with 0xa5, at an odd offset, and compare with
 * golden bytes assembled by hand from the spec layout. An unwritten byte shows
 * as a5; a byte written outside the structure breaks the fill around it.
 */
export function expectEmitsGolden<R>(codec: Codec<R>, repr: R, golden: Uint8Array): void {
  expect(codec.length(repr)).toBe(golden.length);
  const buf = new Uint8Array(PAD_BEFORE + golden.length + PAD_AFTER).fill(FILL);
  const written = codec.emit(repr, buf, PAD_BEFORE);
  expect(written).toBe(golden.length);
  expect(bytesToHex(buf.subarray(PAD_BEFORE, PAD_BEFORE + golden.length))).toBe(bytesToHex(golden));
  expect(Array.from(buf.subarray(0, PAD_BEFORE))).toEqual(new Array(PAD_BEFORE).fill(FILL));
  expect(Array.from(buf.subarray(PAD_BEFORE + golden.length))).toEqual(new Array(PAD_AFTER).fill(FILL));
}

/** Parse golden bytes (also at an offset inside a larger buffer) and compare with the expected repr. */
export function expectParsesGolden<R>(codec: Codec<R>, golden: Uint8Array, expected: R): void {
  const direct = codec.parse(golden);
  if (!direct.ok) throw new Error(`golden bytes did not parse: ${JSON.stringify(direct.error)}`);
  expect(direct.value).toEqual(expected);
  const buf = new Uint8Array(PAD_BEFORE + golden.length + PAD_AFTER).fill(FILL);
  buf.set(golden, PAD_BEFORE);
  const inner = codec.parse(buf, PAD_BEFORE, PAD_BEFORE + golden.length);
  if (!inner.ok) throw new Error(`golden bytes at an offset did not parse: ${JSON.stringify(inner.error)}`);
  expect(inner.value).toEqual(expected);
}

/** Both directions at once. */
export function expectGolden<R>(codec: Codec<R>, repr: R, golden: Uint8Array, parsedRepr: R = repr): void {
  expectEmitsGolden(codec, repr, golden);
  expectParsesGolden(codec, golden, parsedRepr);
}

/**
 * Round trip: repr → emit → parse gives the repr back (modulo fields only a
 * parser fills in, removed by `normalize`); emit → parse → emit gives the same
 * bytes; the length agrees; it works at an offset inside a larger buffer.
 */
export function checkRoundTrip<R>(codec: Codec<R>, arb: fc.Arbitrary<R>, normalize: (r: R) => unknown = (r) => r, numRuns = 300): void {
  fc.assert(
    fc.property(arb, fc.nat(7), (repr, pad) => {
      const len = codec.length(repr);
      const buf = new Uint8Array(pad + len + 3).fill(FILL);
      expect(codec.emit(repr, buf, pad)).toBe(len);
      const parsed = codec.parse(buf, pad, pad + len);
      if (!parsed.ok) throw new Error(`emitted bytes did not parse: ${JSON.stringify(parsed.error)}`);
      expect(normalize(parsed.value)).toEqual(normalize(repr));
      const again = new Uint8Array(len);
      codec.emit(parsed.value, again, 0);
      expect(bytesToHex(again)).toBe(bytesToHex(buf.subarray(pad, pad + len)));
      const dissected = codec.dissect(buf, pad, pad + len);
      expect(dissected.ok).toBe(true);
      if (dissected.ok) expectInside(dissected.value, pad, pad + len);
    }),
    { numRuns },
  );
}

/** Every field of a dissection lies within [start, end). */
export function expectInside(node: FieldNode, start: number, end: number): void {
  expect(node.offset).toBeGreaterThanOrEqual(start);
  expect(node.offset + node.length).toBeLessThanOrEqual(end);
  for (const c of node.children ?? []) expectInside(c, start, end);
}

/**
 * Every truncation of a valid encoding either fails with a typed error inside
 * the buffer, or — for TLV lists whose end comes from the container — parses
 * as the genuinely shorter message it is (re-emitting gives exactly the
 * truncated bytes). Pass `strict` where every truncation must fail. Afterwards
 * the parser still decodes the whole message.
 */
export function checkEveryTruncation<R>(codec: Codec<R>, valid: Uint8Array, strict = false): void {
  for (let n = 0; n < valid.length; n++) {
    const cut = valid.slice(0, n);
    const r = codec.parse(cut);
    if (r.ok) {
      if (strict) throw new Error(`${codec.layer}: truncation to ${n} of ${valid.length} octets parsed without error`);
      const re = new Uint8Array(codec.length(r.value));
      codec.emit(r.value, re, 0);
      expect(bytesToHex(re), `truncation to ${n} octets parsed as a different message`).toBe(bytesToHex(cut));
    } else {
      expect(r.error.layer.length).toBeGreaterThan(0);
      expect(r.error.field.length).toBeGreaterThan(0);
      expect(r.error.reason.length).toBeGreaterThan(0);
      expect(r.error.offset).toBeGreaterThanOrEqual(0);
      expect(r.error.offset).toBeLessThanOrEqual(n);
    }
    const d = codec.dissect(cut);
    expect(d.ok).toBe(r.ok);
  }
  const whole = codec.parse(valid);
  expect(whole.ok).toBe(true);
}

/**
 * Fuzz: random bytes and single/multi-byte mutations of valid encodings never
 * throw, and each parse finishes quickly (no hang on hostile lengths).
 */
export function checkFuzz<R>(codec: Codec<R>, validSamples: readonly Uint8Array[], numRuns = 2000): void {
  const check = (bytes: Uint8Array) => {
    const t0 = wallClockMs();
    const r = codec.parse(bytes);
    const d = codec.dissect(bytes);
    expect(d.ok).toBe(r.ok);
    if (r.ok) {
      // whatever parsed must re-emit without throwing and re-parse
      const out = new Uint8Array(codec.length(r.value));
      codec.emit(r.value, out, 0);
      expect(codec.parse(out).ok).toBe(true);
    }
    // generous: the point is "no hang on hostile lengths", not speed (that is for the benchmark), and CI machines are shared
    expect(wallClockMs() - t0).toBeLessThan(2000);
  };
  fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (b) => check(b)), { numRuns });
  if (validSamples.length === 0) return;
  const mutated = fc
    .tuple(fc.constantFrom(...validSamples), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }))
    .map(([base, muts]) => {
      const b = base.slice();
      for (const [pos, val] of muts) if (b.length > 0) b[pos % b.length] = val;
      return b;
    });
  fc.assert(fc.property(mutated, (b) => check(b)), { numRuns });
}
