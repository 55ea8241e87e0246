// A dissection is a tree of fields with byte ranges (docs/architecture.md "engine/wire").
// The inspector's tree and hex highlighting and the CLI's JSON both come from it.

export interface FieldNode {
  /** Field or layer name as the spec names it, e.g. "Care-of Address". */
  readonly name: string;
  /** Absolute byte offset in the packet being dissected. */
  readonly offset: number;
  /** Length in bytes (for bit fields, the bytes that hold them). */
  readonly length: number;
  /** Human-readable value, e.g. "192.168.2.1", "300 s", "0x02 (P: private binding)". */
  readonly value: string;
  /** For bit fields: the mask within the bytes, e.g. 0x80. */
  readonly mask?: number;
  /** Where a value or behaviour comes from, e.g. "RFC 2002 §3.3" or "OC-02". */
  readonly ref?: string;
  /** Problems a learner should see on this field, e.g. "bad checksum (should be 0x1234)". */
  readonly warning?: string;
  readonly children?: readonly FieldNode[];
}

export function field(name: string, offset: number, length: number, value: string | number, extra: Partial<FieldNode> = {}): FieldNode {
  return { name, offset, length, value: String(value), ...extra };
}

export function group(name: string, offset: number, length: number, value: string, children: readonly FieldNode[], extra: Partial<FieldNode> = {}): FieldNode {
  return { name, offset, length, value, children, ...extra };
}

export function hex(v: number, digits: number): string {
  return `0x${v.toString(16).padStart(digits, '0')}`;
}

export function hexBytes(bytes: Uint8Array, max = 64): string {
  const shown = Array.from(bytes.subarray(0, max), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return bytes.length > max ? `${shown} … (${bytes.length} octets)` : shown;
}

/** "infinite" for 0xFFFF, otherwise "N s" (Mobile IP lifetimes, RFC 2002 §3.3). */
export function lifetimeText(v: number): string {
  return v === 0xffff ? '65535 (infinite)' : `${v} s`;
}
