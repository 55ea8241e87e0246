// IPv4 addresses travel through the engine as dotted-quad strings: readable in
// traces, scenario files and test failures, and structured-cloneable.

export type Ipv4Address = string;

const DOTTED = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function isIpv4Address(s: string): boolean {
  const m = DOTTED.exec(s);
  return m !== null && m.slice(1).every((p) => Number(p) <= 255 && String(Number(p)) === p);
}

export function addressToU32(a: Ipv4Address): number {
  const m = DOTTED.exec(a);
  if (m === null || !isIpv4Address(a)) throw new RangeError(`not an IPv4 address: ${JSON.stringify(a)}`);
  return ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
}

export function u32ToAddress(v: number): Ipv4Address {
  return `${(v >>> 24) & 0xff}.${(v >>> 16) & 0xff}.${(v >>> 8) & 0xff}.${v & 0xff}`;
}

export function readAddress(buf: Uint8Array, at: number): Ipv4Address {
  return `${buf[at]}.${buf[at + 1]}.${buf[at + 2]}.${buf[at + 3]}`;
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
