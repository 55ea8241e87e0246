// The extension list of a Mobile IP message: extensions follow the fixed part
// back to back and run to the end of the region — the end of the UDP payload
// (RFC 2002 §1.9). Also where each extension sits inside its message
// and which bytes an authenticator covers (RFC 2002 §3.5.1; Perkins & Johnson §3.5; optim-08 §4.5),
// which the crypto layer and the inspector both need.

import type { Codec } from '../../codec';
import { group, type FieldNode } from '../../dissection';
import { EncodeError, fail, ok, type WireResult } from '../../result';
import { fixedPartLength } from '../message-layout';
import type { MipMessage } from '../mip-message';
import { DEFAULT_PROFILE, type MipProfile } from '../profile';
import { authenticatorCoverageEnd, isAuthenticationKind } from './authentication';
import { readExtensionFrame, type ExtensionDissectContext, type ExtensionFrame } from './extension-frame';
import { MAX_EXTENSIONS } from './extension-types';
import { emitMipExtension, extensionNode, mipExtensionLength, parseFramedExtension, type MipExtension } from './mip-extension';

export const EXTENSIONS_LAYER = 'Mobile IP extensions';

interface Walked {
  readonly frame: ExtensionFrame;
  readonly extension: MipExtension;
}

function walk(bytes: Uint8Array, offset: number, end: number): WireResult<readonly Walked[]> {
  const out: Walked[] = [];
  for (let at = offset; at < end;) {
    if (out.length === MAX_EXTENSIONS) {
      return fail(EXTENSIONS_LAYER, 'Extensions', at, `more than ${MAX_EXTENSIONS} extensions (hard limit against hostile input)`);
    }
    const frame = readExtensionFrame(bytes, at, end);
    if (!frame.ok) return frame;
    const extension = parseFramedExtension(bytes, frame.value);
    if (!extension.ok) return extension;
    out.push({ frame: frame.value, extension: extension.value });
    at = frame.value.end;
  }
  return ok(out);
}

/** Every extension in [offset, end); an empty region is an empty list. */
export function parseExtensions(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<readonly MipExtension[]> {
  const walked = walk(bytes, offset, end);
  return walked.ok ? ok(walked.value.map((w) => w.extension)) : walked;
}

export function extensionsLength(extensions: readonly MipExtension[]): number {
  return extensions.reduce((n, e) => n + mipExtensionLength(e), 0);
}

export function emitExtensions(extensions: readonly MipExtension[], buf: Uint8Array, offset = 0): number {
  if (extensions.length > MAX_EXTENSIONS) {
    throw new EncodeError(EXTENSIONS_LAYER, `${extensions.length} extensions exceed the limit of ${MAX_EXTENSIONS} the parser accepts`);
  }
  let at = offset;
  for (const e of extensions) at += emitMipExtension(e, buf, at);
  return at - offset;
}

/**
 * The "Extensions" node of a message. Pass `context.messageStart` so
 * authentication extensions can show which bytes they cover.
 */
export function dissectExtensions(bytes: Uint8Array, offset = 0, end = bytes.length, context: ExtensionDissectContext = { profile: DEFAULT_PROFILE }): WireResult<FieldNode> {
  const walked = walk(bytes, offset, end);
  if (!walked.ok) return walked;
  const n = walked.value.length;
  return ok(group('Extensions', offset, Math.max(0, end - offset), n === 0 ? 'none' : `${n} extension${n === 1 ? '' : 's'}`,
    walked.value.map((w) => extensionNode(bytes, w.frame, w.extension, context)),
    { ref: 'RFC 2002 §1.9' }));
}

/** The extension list as a codec (the shared test laws run on it). */
export const extensionListCodec: Codec<readonly MipExtension[]> = {
  layer: EXTENSIONS_LAYER,
  parse: parseExtensions,
  length: extensionsLength,
  emit: emitExtensions,
  dissect: (bytes, offset, end) => dissectExtensions(bytes, offset, end),
};

/**
 * Offset of each extension's Type octet relative to the message's Type octet
 * (= UDP payload offset 0). A Binding Warning and an unknown message carry no
 * extensions: their list is empty.
 */
export function extensionOffsets(message: MipMessage): readonly number[] {
  if (!('extensions' in message)) return [];
  const offsets: number[] = [];
  let at = fixedPartLength(message);
  for (const e of message.extensions) {
    offsets.push(at);
    at += mipExtensionLength(e);
  }
  return offsets;
}

/** A half-open byte range [start, end), relative to the message start. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * The bytes the authenticator of extension `index` covers, relative to the
 * message start, so the crypto layer hashes exactly these and the inspector
 * highlights them. With E = the extension's offset (RFC 2002 §3.5.1, OC-11):
 * ro98 → [0, E+2) (SPI not covered); rfc3344 → [0, E+6) (SPI covered).
 * null when `index` is not an authentication extension (32–35); the
 * authenticator inside a Previous FA Notification (96) covers a Binding Update
 * that does not exist yet, not this message (OC-10).
 */
export function authCoverage(message: MipMessage, index: number, profile: MipProfile): ByteRange | null {
  if (!('extensions' in message)) return null;
  const ext = message.extensions[index];
  if (ext === undefined || !isAuthenticationKind(ext.kind)) return null;
  const e = extensionOffsets(message)[index]!;
  return { start: 0, end: authenticatorCoverageEnd(e, profile) };
}
