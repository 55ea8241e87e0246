// One Mobile IP extension of any type: the union of every kind the lab knows,
// plus `unknown`, with parse / emit / length / dissect dispatching on the Type
// octet (regkey-00 §4, §5 decides the header shape; the family
// files decode the data). Unknown types are read as the simple 8-bit TLV of
// RFC 2002 §1.9 and round-trip unchanged; whether a receiver then drops the message
// (types 0–127) or skips the extension (128–255) is protocol logic (RFC 2002 §1.9).

import type { Codec } from '../../codec';
import { field, group, type FieldNode } from '../../dissection';
import { EncodeError, ok, type WireResult } from '../../result';
import { DEFAULT_PROFILE } from '../profile';
import { bytesText } from '../dissect-helpers';
import { authenticationBody, type AuthenticationExtension } from './authentication';
import { bindingWarningExtensionBody, type BindingWarningExtension } from './binding-warning-extension';
import { extensionHeaderNodes, readExtensionFrame, writeExtensionHeader, type ExtensionBody, type ExtensionDissectContext, type ExtensionFrame } from './extension-frame';
import { extensionName, extensionRef, ExtensionType, isKnownExtensionType, lengthFieldSize } from './extension-types';
import { dhKeyReplyBody, encryptedKeyReplyBody, spiExtensionBody, type KeyReplyExtension } from './key-replies';
import { faKeyRequestBody, faPublicKeyBody, mnPublicKeyBody, registrationKeyRequestBody, type KeyRequestExtension } from './key-requests';
import { previousFaNotificationBody, type PreviousFaNotificationExtension } from './previous-fa-notification';

/** An extension whose Type the lab does not implement: kept as raw data so it round-trips. */
export interface UnknownExtension {
  readonly kind: 'unknown';
  readonly type: number;
  readonly data: Uint8Array;
}

export type MipExtension =
  | AuthenticationExtension
  | BindingWarningExtension
  | PreviousFaNotificationExtension
  | KeyRequestExtension
  | KeyReplyExtension
  | UnknownExtension;

export type MipExtensionKind = MipExtension['kind'];

export const MIP_EXTENSION_LAYER = 'Mobile IP extension';

const unknownBody: ExtensionBody<UnknownExtension> = {
  parse: (bytes, frame) => ok({ kind: 'unknown', type: frame.type, data: bytes.slice(frame.dataStart, frame.end) }),
  dataLength: (ext) => ext.data.length,
  emitData: (ext, buf, at) => buf.set(ext.data, at),
  dissectData: (_bytes, frame, ext) => [field('Data', frame.dataStart, ext.data.length, bytesText(ext.data), { ref: 'RFC 2002 §1.9' })],
  summary: (ext) => `${ext.data.length} octets, not interpreted`,
};

const BODY_OF_TYPE: Readonly<Record<number, ExtensionBody<MipExtension>>> = {
  16: bindingWarningExtensionBody,
  32: authenticationBody,
  33: authenticationBody,
  34: authenticationBody,
  35: authenticationBody,
  96: previousFaNotificationBody,
  113: faKeyRequestBody,
  114: mnPublicKeyBody,
  115: faPublicKeyBody,
  116: registrationKeyRequestBody,
  120: encryptedKeyReplyBody,
  121: encryptedKeyReplyBody,
  122: encryptedKeyReplyBody,
  123: encryptedKeyReplyBody,
  124: dhKeyReplyBody,
  125: spiExtensionBody,
};

/** The Type octet of each kind (docs/protocol-notes.md §Numbers); a Record so a new kind cannot be forgotten. */
const TYPE_OF_KIND: Readonly<Record<Exclude<MipExtensionKind, 'unknown'>, number>> = {
  'binding-warning-extension': ExtensionType.BINDING_WARNING,
  'mobile-home-auth': ExtensionType.MOBILE_HOME_AUTH,
  'mobile-foreign-auth': ExtensionType.MOBILE_FOREIGN_AUTH,
  'foreign-home-auth': ExtensionType.FOREIGN_HOME_AUTH,
  'ro-auth': ExtensionType.RO_AUTH,
  'previous-fa-notification': ExtensionType.PREVIOUS_FA_NOTIFICATION,
  'fa-key-request': ExtensionType.FA_KEY_REQUEST,
  'mn-public-key': ExtensionType.MN_PUBLIC_KEY,
  'fa-public-key': ExtensionType.FA_PUBLIC_KEY,
  'registration-key-request': ExtensionType.REGISTRATION_KEY_REQUEST,
  'home-mobile-key-reply': ExtensionType.HOME_MOBILE_KEY_REPLY,
  'fa-key-reply': ExtensionType.FA_KEY_REPLY,
  'mn-public-key-reply': ExtensionType.MN_PUBLIC_KEY_REPLY,
  'fa-public-key-reply': ExtensionType.FA_PUBLIC_KEY_REPLY,
  'dh-key-reply': ExtensionType.DH_KEY_REPLY,
  spi: ExtensionType.SPI,
};

/** The Type octet an extension is written with. */
export function extensionTypeOf(ext: MipExtension): number {
  return ext.kind === 'unknown' ? ext.type : TYPE_OF_KIND[ext.kind];
}

function bodyOf(ext: MipExtension): ExtensionBody<MipExtension> {
  if (ext.kind !== 'unknown') return BODY_OF_TYPE[extensionTypeOf(ext)]!;
  // An "unknown" with a known Type would parse back as that kind, and one of
  // the 16-bit-length types would not even have the 8-bit shape it claims.
  if (isKnownExtensionType(ext.type) || lengthFieldSize(ext.type) !== 1 || ext.type < 0 || ext.type > 255) {
    throw new EncodeError(MIP_EXTENSION_LAYER, `type ${ext.type} cannot be written as an unknown extension (it is ${extensionName(ext.type)})`);
  }
  return unknownBody as ExtensionBody<MipExtension>;
}

/** Decodes the data of an extension whose frame has been read and bounds-checked. */
export function parseFramedExtension(bytes: Uint8Array, frame: ExtensionFrame): WireResult<MipExtension> {
  return (BODY_OF_TYPE[frame.type] ?? (unknownBody as ExtensionBody<MipExtension>)).parse(bytes, frame);
}

/** One extension starting at `offset`; `end` bounds the region it may use (it may end earlier). */
export function parseMipExtension(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<MipExtension> {
  const frame = readExtensionFrame(bytes, offset, end);
  return frame.ok ? parseFramedExtension(bytes, frame.value) : frame;
}

export function mipExtensionLength(ext: MipExtension): number {
  const type = extensionTypeOf(ext);
  return 1 + lengthFieldSize(type) + bodyOf(ext).dataLength(ext);
}

export function emitMipExtension(ext: MipExtension, buf: Uint8Array, offset = 0): number {
  const body = bodyOf(ext);
  const type = extensionTypeOf(ext);
  const total = 1 + lengthFieldSize(type) + body.dataLength(ext);
  if (offset + total > buf.length) throw new EncodeError(extensionName(type), `buffer too small: need ${total} octets at offset ${offset}`);
  const header = writeExtensionHeader(buf, offset, type, total - 1 - lengthFieldSize(type));
  body.emitData(ext, buf, offset + header);
  return total;
}

/** The node for an extension already parsed from `frame`. */
export function extensionNode(bytes: Uint8Array, frame: ExtensionFrame, ext: MipExtension, context: ExtensionDissectContext): FieldNode {
  const body = BODY_OF_TYPE[frame.type] ?? (unknownBody as ExtensionBody<MipExtension>);
  const known = isKnownExtensionType(frame.type);
  return group(
    known ? extensionName(frame.type) : `Unknown extension (type ${frame.type})`,
    frame.start,
    frame.end - frame.start,
    body.summary(ext),
    [...extensionHeaderNodes(frame), ...body.dissectData(bytes, frame, ext, context)],
    { ref: extensionRef(frame.type) },
  );
}

export function dissectMipExtension(bytes: Uint8Array, offset = 0, end = bytes.length, context: ExtensionDissectContext = { profile: DEFAULT_PROFILE }): WireResult<FieldNode> {
  const frame = readExtensionFrame(bytes, offset, end);
  if (!frame.ok) return frame;
  const parsed = parseFramedExtension(bytes, frame.value);
  if (!parsed.ok) return parsed;
  return ok(extensionNode(bytes, frame.value, parsed.value, context));
}

/** A single extension as a codec, so every kind gets the shared test laws. */
export const mipExtensionCodec: Codec<MipExtension> = {
  layer: MIP_EXTENSION_LAYER,
  parse: parseMipExtension,
  length: mipExtensionLength,
  emit: emitMipExtension,
  dissect: (bytes, offset, end) => dissectMipExtension(bytes, offset, end),
};
