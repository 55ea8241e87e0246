// The frame every extension shares: Type, then a Length of 1 or 2 octets
// depending on the Type (regkey-00 §4, §5; RFC 2002 §1.9), then Length
// octets of data. The family files (authentication.ts, key-requests.ts, …)
// only read and write the data part; this file reads and writes the header,
// bounds the data by the region the list may use, and dissects the header.

import { getU16, putU16 } from '../../cursor';
import { field, type FieldNode } from '../../dissection';
import { EncodeError, fail, ok, type WireResult } from '../../result';
import type { MipProfile } from '../profile';
import { wiresharkNote } from '../dissect-helpers';
import { extensionName, extensionRef, extensionWiresharkNote, isKnownExtensionType, lengthFieldSize } from './extension-types';

/** Where one extension lies in the buffer (all offsets absolute). */
export interface ExtensionFrame {
  readonly type: number;
  /** Offset of the Type octet. */
  readonly start: number;
  readonly lengthFieldSize: 1 | 2;
  readonly dataStart: number;
  /** The Length field's value: data octets, excluding Type and Length (docs/protocol-notes.md §Conventions). */
  readonly dataLength: number;
  /** Exclusive end of the extension. */
  readonly end: number;
}

/** What a dissector may know beyond the extension's own bytes. */
export interface ExtensionDissectContext {
  /** Absolute offset of the message's Type octet, when the extension is dissected inside a message. */
  readonly messageStart?: number;
  readonly profile: MipProfile;
}

/**
 * The data part of one extension kind (or of a family of kinds sharing a
 * layout). The frame has already been bounds-checked when `parse` runs.
 */
export interface ExtensionBody<E> {
  parse(bytes: Uint8Array, frame: ExtensionFrame): WireResult<E>;
  dataLength(ext: E): number;
  emitData(ext: E, buf: Uint8Array, at: number): void;
  dissectData(bytes: Uint8Array, frame: ExtensionFrame, ext: E, context: ExtensionDissectContext): FieldNode[];
  /** One line for the extension's tree node, e.g. "SPI 256, 16-octet authenticator". */
  summary(ext: E): string;
}

export function readExtensionFrame(bytes: Uint8Array, offset: number, end: number): WireResult<ExtensionFrame> {
  if (end - offset < 1) return fail('Mobile IP extension', 'Type', offset, 'needs 1 octet, only 0 remain');
  const type = bytes[offset]!;
  const layer = extensionName(type);
  const size = lengthFieldSize(type);
  if (end - offset - 1 < size) {
    return fail(layer, 'Length', offset + 1, `needs ${size} octet${size === 1 ? '' : 's'}, only ${end - offset - 1} remain`);
  }
  const dataLength = size === 1 ? bytes[offset + 1]! : getU16(bytes, offset + 1);
  const dataStart = offset + 1 + size;
  if (dataLength > end - dataStart) {
    return fail(layer, 'Length', offset + 1, `${dataLength} octets of data, only ${end - dataStart} remain`);
  }
  return ok({ type, start: offset, lengthFieldSize: size, dataStart, dataLength, end: dataStart + dataLength });
}

/** Writes Type and Length; returns the header size. Throws if the data cannot fit the Length field. */
export function writeExtensionHeader(buf: Uint8Array, at: number, type: number, dataLength: number): number {
  const size = lengthFieldSize(type);
  const max = size === 1 ? 0xff : 0xffff;
  if (dataLength > max) throw new EncodeError(extensionName(type), `${dataLength} octets of data do not fit a ${size * 8}-bit Length (max ${max})`);
  buf[at] = type;
  if (size === 1) buf[at + 1] = dataLength;
  else putU16(buf, at + 1, dataLength);
  return 1 + size;
}

/** The Type and Length nodes, with the Wireshark remark and the unknown-type rule. */
export function extensionHeaderNodes(frame: ExtensionFrame): FieldNode[] {
  const { type, start } = frame;
  const known = isKnownExtensionType(type);
  const typeText = known
    ? `${type} (${extensionName(type)})`
    : `${type} (unknown; ${type < 128 ? '0–127: a receiver that does not know it discards the whole message' : '128–255: a receiver that does not know it skips it'})`;
  const note = extensionWiresharkNote(type);
  const typeNode = field('Type', start, 1, typeText, {
    ref: known ? extensionRef(type) : 'RFC 2002 §1.9',
    ...(note === undefined ? {} : { children: [wiresharkNote(start, 1, note)] }),
  });
  const lengthText = frame.lengthFieldSize === 2
    ? `${frame.dataLength} octets (16-bit Length right after the Type, regkey-00)`
    : `${frame.dataLength} octets`;
  return [
    typeNode,
    field('Length', start + 1, frame.lengthFieldSize, lengthText, { ref: frame.lengthFieldSize === 2 ? 'regkey-00 §4, §5' : 'RFC 2002 §1.9' }),
  ];
}
