// The shape every wire structure exposes (docs/architecture.md "engine/wire" and "Examples we follow"
// smoltcp/dns-packet): parse / emit / length / dissect over the same field
// layout. The shared test laws in test-support/ are written against this
// interface, so every codec gets golden, round-trip, truncation and fuzz tests.

import type { FieldNode } from './dissection';
import type { WireResult } from './result';
import { packetBytes } from './packet-memory';

export interface Codec<R> {
  /** Name shown in errors and dissections, e.g. "IPv4". */
  readonly layer: string;
  /**
   * Decode the structure starting at `offset`; `end` bounds the region it may
   * read (e.g. the end of the UDP payload, for TLV extension lists that run to
   * the end of the message). Never throws on bad bytes.
   */
  parse(bytes: Uint8Array, offset?: number, end?: number): WireResult<R>;
  /** Octets `emit` will write for this repr. */
  length(repr: R): number;
  /** Write the repr at `offset` (checksums and length fields computed); returns octets written. */
  emit(repr: R, buf: Uint8Array, offset?: number): number;
  /** The field tree with absolute byte ranges, for the inspector and the CLI. */
  dissect(bytes: Uint8Array, offset?: number, end?: number): WireResult<FieldNode>;
}

/** Convenience: emit into a fresh buffer of exactly the right size. */
export function encode<R>(codec: Codec<R>, repr: R): Uint8Array {
  const buf = packetBytes(codec.length(repr));
  codec.emit(repr, buf, 0);
  return buf;
}
