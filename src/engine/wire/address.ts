// IPv4 addresses travel through the engine as dotted-quad strings: readable in
// traces, scenario files and test failures, and structured-cloneable.

export type Ipv4Address = string;

const DOTTED = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

// Every hop converts a few addresses (route lookups, header emitters), and a
// run uses few distinct ones: a memo of the valid ones keeps the regex off
// the per-datagram path. A pure function's cache, so determinism is unaffected;
// bounded (cleared when full) so a long run with ever-new addresses cannot grow it.
const NUMERIC_MEMO_LIMIT = 16_384;
const numeric = new Map<string, number>();

/** The address as a number, or undefined when `s` is not a dotted quad of octets (no leading zeros). */
function parseDotted(s: string): number | undefined {
  const m = DOTTED.exec(s);
  if (m === null || !m.slice(1).every((p) => Number(p) <= 255 && String(Number(p)) === p)) return undefined;
  return ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
}

// In front of both memos, a small table of the values seen last, picked by a cheap mix (a string's
// length and last two characters, a number's bits): most lookups end there, without a Map's probe.
const RECENT = 256;
const recentText: (string | undefined)[] = new Array<string | undefined>(RECENT).fill(undefined);
const recentValue = new Float64Array(RECENT);
const recentU32 = new Float64Array(RECENT).fill(-1); // -1 is no address: an empty slot
const recentDotted: string[] = new Array<string>(RECENT).fill('');

const textSlot = (s: string): number => (s.length * 7 + s.charCodeAt(s.length - 1) * 31 + s.charCodeAt(s.length - 2)) & (RECENT - 1); // NaN (short text) & … is 0
const valueSlot = (u: number): number => Math.imul(u, 0x9e3779b1) >>> 24;

function numericValue(s: string): number | undefined {
  if (typeof s !== 'string') return parseDotted(s); // untyped input (a scenario file): checked as before, not memoized
  const slot = textSlot(s);
  if (recentText[slot] === s) return recentValue[slot];
  const known = numeric.get(s);
  if (known !== undefined) {
    recentText[slot] = s;
    recentValue[slot] = known;
    return known;
  }
  const v = parseDotted(s);
  if (v === undefined) return undefined;
  if (numeric.size >= NUMERIC_MEMO_LIMIT) numeric.clear();
  numeric.set(s, v);
  return v;
}

export function isIpv4Address(s: string): boolean {
  return numericValue(s) !== undefined;
}

export function addressToU32(a: Ipv4Address): number {
  const v = numericValue(a);
  if (v === undefined) throw new RangeError(`not an IPv4 address: ${JSON.stringify(a)}`);
  return v;
}

// The other direction, for the addresses read from every parsed header: the
// same few strings again and again, built once (and then already in the memo above).
const dotted = new Map<number, string>();

export function u32ToAddress(v: number): Ipv4Address {
  const u = v >>> 0;
  const slot = valueSlot(u);
  if (recentU32[slot] === u) return recentDotted[slot]!;
  let text = dotted.get(u);
  if (text === undefined) {
    text = `${(u >>> 24) & 0xff}.${(u >>> 16) & 0xff}.${(u >>> 8) & 0xff}.${u & 0xff}`;
    if (dotted.size >= NUMERIC_MEMO_LIMIT) dotted.clear();
    dotted.set(u, text);
  }
  recentU32[slot] = u;
  recentDotted[slot] = text;
  return text;
}

export function readAddress(buf: Uint8Array, at: number): Ipv4Address {
  if (at < 0 || at + 4 > buf.length) return `${buf[at]}.${buf[at + 1]}.${buf[at + 2]}.${buf[at + 3]}`; // as it always read, past the end included
  return u32ToAddress(((buf[at]! << 24) | (buf[at + 1]! << 16) | (buf[at + 2]! << 8) | buf[at + 3]!) >>> 0);
}

export function writeAddress(buf: Uint8Array, at: number, a: Ipv4Address): void {
  const v = addressToU32(a);
  buf[at] = v >>> 24;
  buf[at + 1] = (v >>> 16) & 0xff;
  buf[at + 2] = (v >>> 8) & 0xff;
  buf[at + 3] = v & 0xff;
}

/** The 4 raw octets in network order (used e.g. by the master-key derivation, OC-35). */
export function addressBytes(a: Ipv4Address): Uint8Array {
  const out = new Uint8Array(4);
  writeAddress(out, 0, a);
  return out;
}
