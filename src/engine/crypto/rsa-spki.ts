// An RSA public key as DER SubjectPublicKeyInfo (OC-19: the form extensions
// 114 and 115 carry; RFC 5280 §4.1.2.7, RFC 3279 §2.3.1, RFC 8017 App. A.1.1;
// from knowledge, not re-read). It is also what WebCrypto's exportKey('spki')
// produces, so the lab's keys and a browser's are interchangeable.
//
//   30 L                                  SubjectPublicKeyInfo ::= SEQUENCE {
//     30 0d                                 algorithm ::= SEQUENCE {
//       06 09 2a 86 48 86 f7 0d 01 01 01      rsaEncryption (1.2.840.113549.1.1.1)
//       05 00                                 parameters NULL }
//     03 L 00                               subjectPublicKey BIT STRING, 0 unused bits, holding
//       30 L                                  RSAPublicKey ::= SEQUENCE {
//         02 L n                                modulus INTEGER
//         02 L e                                publicExponent INTEGER } }
//
// Minimal, strict DER: definite lengths in minimal form, minimal positive
// INTEGERs, NULL parameters present, nothing trailing. Anything else is a
// WireError naming the element, its absolute offset and why — never a throw.

import type { Codec } from '../wire/codec';
import { field, group, hexBytes, type FieldNode } from '../wire/dissection';
import { EncodeError, fail, ok, type WireResult } from '../wire/result';
import { bigIntToBytes, bitLength, byteLength, bytesToBigInt } from './bigint-math';
import type { RsaPublicKey } from './rsa-key';

export const SPKI_LAYER = 'SubjectPublicKeyInfo';
const TAG = { INTEGER: 0x02, BIT_STRING: 0x03, NULL: 0x05, OID: 0x06, SEQUENCE: 0x30 } as const;
const TAG_NAMES: Record<number, string> = { 0x02: 'INTEGER', 0x03: 'BIT STRING', 0x05: 'NULL', 0x06: 'OBJECT IDENTIFIER', 0x30: 'SEQUENCE' };
/** 1.2.840.113549.1.1.1, DER content octets. */
const RSA_ENCRYPTION_OID = Uint8Array.of(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01);

/** Hard limits (ours) against hostile keys: modulus size, exponent size, DER length octets. */
export const RSA_MIN_MODULUS_BITS = 512;
export const RSA_MAX_MODULUS_BITS = 4096;
export const RSA_MAX_EXPONENT_BITS = 64;
const MAX_LENGTH_OCTETS = 2;

interface Tlv {
  readonly start: number;
  readonly contentStart: number;
  readonly end: number;
}

function readTlv(bytes: Uint8Array, at: number, end: number, tag: number, name: string): WireResult<Tlv> {
  if (end - at < 2) return fail(SPKI_LAYER, name, at, `needs a tag and a length octet, only ${Math.max(0, end - at)} remain`);
  if (bytes[at] !== tag) return fail(SPKI_LAYER, name, at, `expected tag 0x${tag.toString(16).padStart(2, '0')} (${TAG_NAMES[tag]}), found 0x${bytes[at]!.toString(16).padStart(2, '0')}`);
  const first = bytes[at + 1]!;
  let length = first;
  let contentStart = at + 2;
  if (first === 0x80) return fail(SPKI_LAYER, name, at + 1, 'indefinite length is not allowed in DER');
  if (first > 0x80) {
    const count = first & 0x7f;
    if (count > MAX_LENGTH_OCTETS) return fail(SPKI_LAYER, name, at + 1, `a length in ${count} octets exceeds the limit of ${MAX_LENGTH_OCTETS}`);
    if (end - contentStart < count) return fail(SPKI_LAYER, name, contentStart, `length needs ${count} more octets, only ${end - contentStart} remain`);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[contentStart + i]!;
    if (bytes[contentStart] === 0 || length < 0x80) return fail(SPKI_LAYER, name, at + 1, `length ${length} is not in minimal DER form`);
    contentStart += count;
  }
  if (contentStart + length > end) return fail(SPKI_LAYER, name, at + 1, `length ${length} runs past the end (${end - contentStart} octets remain)`);
  return ok({ start: at, contentStart, end: contentStart + length });
}

/** The element must fill its container exactly. */
function mustEnd(tlv: Tlv, containerEnd: number, name: string): WireResult<Tlv> {
  return tlv.end === containerEnd ? ok(tlv) : fail(SPKI_LAYER, name, tlv.end, `${containerEnd - tlv.end} unexpected octets after ${name}`);
}

function readPositiveInteger(bytes: Uint8Array, tlv: Tlv, name: string): WireResult<bigint> {
  const len = tlv.end - tlv.contentStart;
  if (len === 0) return fail(SPKI_LAYER, name, tlv.start, 'empty INTEGER');
  const b0 = bytes[tlv.contentStart]!;
  if (b0 & 0x80) return fail(SPKI_LAYER, name, tlv.contentStart, 'negative INTEGER');
  if (len > 1 && b0 === 0 && !(bytes[tlv.contentStart + 1]! & 0x80)) return fail(SPKI_LAYER, name, tlv.contentStart, 'INTEGER not in minimal DER form (superfluous leading zero)');
  return ok(bytesToBigInt(bytes.subarray(tlv.contentStart, tlv.end)));
}

function oidText(content: Uint8Array): string {
  if (content.length === 0 || content.length > 32) return `(${content.length}-octet OID)`;
  const arcs: number[] = [];
  let v = 0;
  for (const b of content) {
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      arcs.push(v);
      v = 0;
    }
  }
  const first = arcs.shift() ?? 0;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...arcs].join('.');
}

interface SpkiLayout {
  readonly key: RsaPublicKey;
  readonly outer: Tlv;
  readonly algorithm: Tlv;
  readonly oid: Tlv;
  readonly parameters: Tlv;
  readonly bitString: Tlv;
  readonly rsaKey: Tlv;
  readonly modulus: Tlv;
  readonly exponent: Tlv;
}

function parseLayout(bytes: Uint8Array, offset: number, end: number): WireResult<SpkiLayout> {
  const outer = readTlv(bytes, offset, end, TAG.SEQUENCE, 'SubjectPublicKeyInfo');
  if (!outer.ok) return outer;
  const whole = mustEnd(outer.value, end, 'SubjectPublicKeyInfo');
  if (!whole.ok) return whole;
  const o = outer.value;
  const algorithm = readTlv(bytes, o.contentStart, o.end, TAG.SEQUENCE, 'algorithm');
  if (!algorithm.ok) return algorithm;
  const a = algorithm.value;
  const oid = readTlv(bytes, a.contentStart, a.end, TAG.OID, 'algorithm OID');
  if (!oid.ok) return oid;
  const oidBytes = bytes.subarray(oid.value.contentStart, oid.value.end);
  if (oidBytes.length !== RSA_ENCRYPTION_OID.length || oidBytes.some((b, i) => b !== RSA_ENCRYPTION_OID[i])) {
    return fail(SPKI_LAYER, 'algorithm OID', oid.value.contentStart, `OID ${oidText(oidBytes)} is not rsaEncryption (1.2.840.113549.1.1.1), the only key type the lab uses (lab choice, regkey-00 §5.3)`);
  }
  const parameters = readTlv(bytes, oid.value.end, a.end, TAG.NULL, 'parameters');
  if (!parameters.ok) return parameters;
  if (parameters.value.end !== parameters.value.contentStart) return fail(SPKI_LAYER, 'parameters', parameters.value.start + 1, 'NULL must have length 0');
  const paramsEnd = mustEnd(parameters.value, a.end, 'parameters');
  if (!paramsEnd.ok) return paramsEnd;
  const bitString = readTlv(bytes, a.end, o.end, TAG.BIT_STRING, 'subjectPublicKey');
  if (!bitString.ok) return bitString;
  const bs = bitString.value;
  const bsEnd = mustEnd(bs, o.end, 'subjectPublicKey');
  if (!bsEnd.ok) return bsEnd;
  if (bs.end === bs.contentStart) return fail(SPKI_LAYER, 'subjectPublicKey', bs.start, 'empty BIT STRING');
  if (bytes[bs.contentStart] !== 0) return fail(SPKI_LAYER, 'subjectPublicKey', bs.contentStart, `${bytes[bs.contentStart]} unused bits; an RSA key has 0`);
  const rsaKey = readTlv(bytes, bs.contentStart + 1, bs.end, TAG.SEQUENCE, 'RSAPublicKey');
  if (!rsaKey.ok) return rsaKey;
  const rk = rsaKey.value;
  const rkEnd = mustEnd(rk, bs.end, 'RSAPublicKey');
  if (!rkEnd.ok) return rkEnd;
  const modulus = readTlv(bytes, rk.contentStart, rk.end, TAG.INTEGER, 'modulus');
  if (!modulus.ok) return modulus;
  const n = readPositiveInteger(bytes, modulus.value, 'modulus');
  if (!n.ok) return n;
  const exponent = readTlv(bytes, modulus.value.end, rk.end, TAG.INTEGER, 'publicExponent');
  if (!exponent.ok) return exponent;
  const expEnd = mustEnd(exponent.value, rk.end, 'publicExponent');
  if (!expEnd.ok) return expEnd;
  const e = readPositiveInteger(bytes, exponent.value, 'publicExponent');
  if (!e.ok) return e;
  const nBits = bitLength(n.value);
  if (nBits < RSA_MIN_MODULUS_BITS || nBits > RSA_MAX_MODULUS_BITS) {
    return fail(SPKI_LAYER, 'modulus', modulus.value.contentStart, `${nBits}-bit modulus is outside the lab's range ${RSA_MIN_MODULUS_BITS}–${RSA_MAX_MODULUS_BITS}`);
  }
  if ((n.value & 1n) === 0n) return fail(SPKI_LAYER, 'modulus', modulus.value.contentStart, 'an RSA modulus is odd');
  if (e.value < 3n || (e.value & 1n) === 0n || bitLength(e.value) > RSA_MAX_EXPONENT_BITS || e.value >= n.value) {
    return fail(SPKI_LAYER, 'publicExponent', exponent.value.contentStart, `exponent ${e.value} must be odd, ≥ 3, below the modulus and at most ${RSA_MAX_EXPONENT_BITS} bits`);
  }
  return ok({ key: { n: n.value, e: e.value }, outer: o, algorithm: a, oid: oid.value, parameters: parameters.value, bitString: bs, rsaKey: rk, modulus: modulus.value, exponent: exponent.value });
}

export function parseRsaPublicKeyDer(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<RsaPublicKey> {
  const r = parseLayout(bytes, offset, Math.min(end, bytes.length));
  return r.ok ? ok(r.value.key) : r;
}

// --- emit -------------------------------------------------------------------

function lengthOctets(n: number): number {
  return n < 0x80 ? 1 : n < 0x100 ? 2 : 3;
}

function tlvSize(contentLength: number): number {
  return 1 + lengthOctets(contentLength) + contentLength;
}

/** Content octets of a positive INTEGER: a leading 0x00 when the top bit is set. */
function integerContentLength(v: bigint): number {
  const len = Math.max(1, byteLength(v));
  return bitLength(v) % 8 === 0 && v > 0n ? len + 1 : len;
}

function sizes(key: RsaPublicKey) {
  const rsaKeyContent = tlvSize(integerContentLength(key.n)) + tlvSize(integerContentLength(key.e));
  const bitStringContent = 1 + tlvSize(rsaKeyContent);
  const algorithmContent = tlvSize(RSA_ENCRYPTION_OID.length) + tlvSize(0);
  const outerContent = tlvSize(algorithmContent) + tlvSize(bitStringContent);
  return { rsaKeyContent, bitStringContent, algorithmContent, outerContent, total: tlvSize(outerContent) };
}

export function rsaPublicKeyDerLength(key: RsaPublicKey): number {
  return sizes(key).total;
}

export function emitRsaPublicKeyDer(key: RsaPublicKey, buf: Uint8Array, offset = 0): number {
  if (key.n <= 0n || key.e <= 0n) throw new EncodeError(SPKI_LAYER, 'modulus and exponent must be positive');
  const s = sizes(key);
  if (s.total > 0xffff) throw new EncodeError(SPKI_LAYER, 'key too large');
  if (offset + s.total > buf.length) throw new EncodeError(SPKI_LAYER, `buffer too small: need ${s.total} octets at offset ${offset}`);
  let at = offset;
  const header = (tag: number, len: number) => {
    buf[at++] = tag;
    if (len >= 0x100) buf[at++] = 0x82; // long form, two length octets
    else if (len >= 0x80) buf[at++] = 0x81; // long form, one length octet
    if (len >= 0x100) buf[at++] = len >> 8;
    buf[at++] = len & 0xff;
  };
  const integer = (v: bigint) => {
    const len = integerContentLength(v);
    header(TAG.INTEGER, len);
    buf.set(bigIntToBytes(v, len), at);
    at += len;
  };
  header(TAG.SEQUENCE, s.outerContent);
  header(TAG.SEQUENCE, s.algorithmContent);
  header(TAG.OID, RSA_ENCRYPTION_OID.length);
  buf.set(RSA_ENCRYPTION_OID, at);
  at += RSA_ENCRYPTION_OID.length;
  header(TAG.NULL, 0);
  header(TAG.BIT_STRING, s.bitStringContent);
  buf[at++] = 0; // no unused bits
  header(TAG.SEQUENCE, s.rsaKeyContent);
  integer(key.n);
  integer(key.e);
  return at - offset;
}

/** DER SPKI of `key` in a fresh array. */
export function encodeRsaPublicKeyDer(key: RsaPublicKey): Uint8Array {
  const out = new Uint8Array(rsaPublicKeyDerLength(key));
  emitRsaPublicKeyDer(key, out, 0);
  return out;
}

// --- dissect ----------------------------------------------------------------

const span = (t: Tlv): [number, number] => [t.start, t.end - t.start];

export function dissectRsaPublicKeyDer(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<FieldNode> {
  const r = parseLayout(bytes, offset, Math.min(end, bytes.length));
  if (!r.ok) return r;
  const l = r.value;
  const nBits = bitLength(l.key.n);
  const modulusBytes = bytes.subarray(l.modulus.contentStart, l.modulus.end);
  return ok(
    group(SPKI_LAYER, ...span(l.outer), `RSA public key, ${nBits}-bit modulus, e = ${l.key.e}`, [
      group('algorithm', ...span(l.algorithm), 'rsaEncryption', [
        field('algorithm', ...span(l.oid), 'rsaEncryption (1.2.840.113549.1.1.1)', { ref: 'RFC 3279 §2.3.1' }),
        field('parameters', ...span(l.parameters), 'NULL'),
      ]),
      group('subjectPublicKey', ...span(l.bitString), 'BIT STRING, 0 unused bits', [
        field('unused bits', l.bitString.contentStart, 1, 0),
        group('RSAPublicKey', ...span(l.rsaKey), 'RFC 8017 App. A.1.1', [
          field('modulus', ...span(l.modulus), `${nBits} bits: ${hexBytes(modulusBytes, 8)}`),
          field('publicExponent', ...span(l.exponent), String(l.key.e)),
        ]),
      ]),
    ], { ref: 'lab choice, regkey-00 §5.3' }),
  );
}

export const rsaSpkiCodec: Codec<RsaPublicKey> = {
  layer: SPKI_LAYER,
  parse: parseRsaPublicKeyDer,
  length: rsaPublicKeyDerLength,
  emit: emitRsaPublicKeyDer,
  dissect: dissectRsaPublicKeyDer,
};
