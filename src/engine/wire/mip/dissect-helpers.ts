// Small builders shared by the Mobile IP dissectors, so every message and
// extension renders flags, addresses, SPIs and Wireshark remarks the same way.

import { readAddress } from '../address';
import { getU32 } from '../cursor';
import { field, hex, type FieldNode } from '../dissection';

/** One flag bit: "S: simultaneous bindings" = "set", with its mask (docs/protocol-notes.md §Conventions). */
export function flagNode(letter: string, meaning: string, offset: number, mask: number, set: boolean, extra: Partial<FieldNode> = {}): FieldNode {
  return field(`${letter}: ${meaning}`, offset, 1, set ? 'set' : 'not set', { mask, ...extra });
}

/** "0xc0 (A I)" — the flag octet with the letters that are set, or "(none)". */
export function flagsSummary(octet: number, letters: readonly (readonly [number, string])[]): string {
  const set = letters.filter(([mask]) => (octet & mask) !== 0).map(([, letter]) => letter);
  return `${hex(octet, 2)} (${set.length === 0 ? 'none' : set.join(' ')})`;
}

/**
 * A remark about how Wireshark decodes these bytes differently (docs/protocol-notes.md §Wireshark,
 * D15, OC-42), attached as a child of the field it concerns so a learner who
 * opens the capture in Wireshark is not surprised.
 */
export function wiresharkNote(offset: number, length: number, text: string): FieldNode {
  return field('Wireshark', offset, length, text, { ref: 'how Wireshark decodes it (lab note)' });
}

export function addressNode(name: string, bytes: Uint8Array, at: number, extra: Partial<FieldNode> = {}): FieldNode {
  return field(name, at, 4, readAddress(bytes, at), extra);
}

/** SPI values 0..255 are reserved and never name an MSA (RFC 2002 §1.6; optim-08 §2). */
export function spiNode(bytes: Uint8Array, at: number, ref: string, name = 'SPI'): FieldNode {
  const spi = getU32(bytes, at);
  return field(name, at, 4, `${spi} (${hex(spi, 8)})`, spi < 256
    ? { ref, warning: 'SPI 0–255 is reserved and never names a mobility security association (RFC 2002 §1.6)' }
    : { ref });
}

/** A reserved field: "0", or the value with a note that senders should send 0 (receivers ignore it). */
export function reservedNode(name: string, offset: number, length: number, value: number, ref: string): FieldNode {
  return field(name, offset, length, value === 0 ? '0' : `${hex(value, length * 2)} (should be 0; ignored)`, { ref });
}

/** "16 octets: 70 55 55 e8 …", or "none" for an empty byte string. */
export function bytesText(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'none (0 octets)';
  const shown = Array.from(bytes.subarray(0, 32), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return `${bytes.length} octet${bytes.length === 1 ? '' : 's'}: ${shown}${bytes.length > 32 ? ' …' : ''}`;
}
