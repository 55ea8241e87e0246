// Any Mobile IP message carried in a UDP/434 payload (RFC 2002 §1.9;
// optim-08 §4): dispatches on octet 0 to the message files.
// Types the lab does not implement decode as `unknown` with their raw bytes
// and round-trip unchanged; a node silently discards them.

import type { Codec } from '../codec';
import { field, group, hexBytes, type FieldNode } from '../dissection';
import { EncodeError, fail, ok, type WireResult } from '../result';
import { dissectBindingAcknowledge, emitBindingAcknowledge, bindingAcknowledgeLength, parseBindingAcknowledge, type BindingAcknowledge } from './binding-acknowledge';
import { dissectBindingRequest, emitBindingRequest, bindingRequestLength, parseBindingRequest, type BindingRequest } from './binding-request';
import { dissectBindingUpdate, emitBindingUpdate, bindingUpdateLength, parseBindingUpdate, type BindingUpdate } from './binding-update';
import { dissectBindingWarning, emitBindingWarning, bindingWarningLength, parseBindingWarning, type BindingWarning } from './binding-warning';
import { MipMessageType, mipMessageTypeName } from './message-layout';
import { DEFAULT_PROFILE, type MipProfile } from './profile';
import { dissectRegistrationReply, emitRegistrationReply, parseRegistrationReply, registrationReplyLength, type RegistrationReply } from './registration-reply';
import { dissectRegistrationRequest, emitRegistrationRequest, parseRegistrationRequest, registrationRequestLength, type RegistrationRequest } from './registration-request';

export { MIP_UDP_PORT, MipMessageType, mipMessageTypeName } from './message-layout';

export const MIP_MESSAGE_LAYER = 'Mobile IP message';

/** A message whose type the lab does not implement, kept whole so it round-trips. */
export interface UnknownMipMessage {
  readonly kind: 'unknown';
  readonly type: number;
  /** Every octet after the Type octet, to the end of the payload. */
  readonly body: Uint8Array;
}

export type MipMessage =
  | RegistrationRequest
  | RegistrationReply
  | BindingWarning
  | BindingRequest
  | BindingUpdate
  | BindingAcknowledge
  | UnknownMipMessage;

export type MipMessageKind = MipMessage['kind'];

const KNOWN_TYPES: ReadonlySet<number> = new Set(Object.values(MipMessageType));

const KIND_TYPES: Readonly<Record<Exclude<MipMessageKind, 'unknown'>, number>> = {
  'registration-request': MipMessageType.REGISTRATION_REQUEST,
  'registration-reply': MipMessageType.REGISTRATION_REPLY,
  'binding-warning': MipMessageType.BINDING_WARNING,
  'binding-request': MipMessageType.BINDING_REQUEST,
  'binding-update': MipMessageType.BINDING_UPDATE,
  'binding-acknowledge': MipMessageType.BINDING_ACKNOWLEDGE,
};

/** Octet 0 of the message. */
export function mipMessageTypeOf(m: MipMessage): number {
  return m.kind === 'unknown' ? m.type : KIND_TYPES[m.kind];
}

/** "Binding Update (optim-08 §4.3)" for a parsed message. */
export function mipMessageName(m: MipMessage): string {
  return mipMessageTypeName(mipMessageTypeOf(m));
}

/** The message at `offset`; `end` is the end of the UDP payload (extensions run to it). */
export function parseMipMessage(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<MipMessage> {
  if (end - offset < 1) return fail(MIP_MESSAGE_LAYER, 'Type', offset, 'needs 1 octet, only 0 remain');
  const type = bytes[offset]!;
  switch (type) {
    case MipMessageType.REGISTRATION_REQUEST: return parseRegistrationRequest(bytes, offset, end);
    case MipMessageType.REGISTRATION_REPLY: return parseRegistrationReply(bytes, offset, end);
    case MipMessageType.BINDING_WARNING: return parseBindingWarning(bytes, offset, end);
    case MipMessageType.BINDING_REQUEST: return parseBindingRequest(bytes, offset, end);
    case MipMessageType.BINDING_UPDATE: return parseBindingUpdate(bytes, offset, end);
    case MipMessageType.BINDING_ACKNOWLEDGE: return parseBindingAcknowledge(bytes, offset, end);
    default: return ok({ kind: 'unknown', type, body: bytes.slice(offset + 1, end) });
  }
}

export function mipMessageLength(m: MipMessage): number {
  switch (m.kind) {
    case 'registration-request': return registrationRequestLength(m);
    case 'registration-reply': return registrationReplyLength(m);
    case 'binding-warning': return bindingWarningLength(m);
    case 'binding-request': return bindingRequestLength(m);
    case 'binding-update': return bindingUpdateLength(m);
    case 'binding-acknowledge': return bindingAcknowledgeLength(m);
    case 'unknown': return 1 + m.body.length;
  }
}

export function emitMipMessage(m: MipMessage, buf: Uint8Array, offset = 0): number {
  switch (m.kind) {
    case 'registration-request': return emitRegistrationRequest(m, buf, offset);
    case 'registration-reply': return emitRegistrationReply(m, buf, offset);
    case 'binding-warning': return emitBindingWarning(m, buf, offset);
    case 'binding-request': return emitBindingRequest(m, buf, offset);
    case 'binding-update': return emitBindingUpdate(m, buf, offset);
    case 'binding-acknowledge': return emitBindingAcknowledge(m, buf, offset);
    case 'unknown': {
      // A known type here would parse back as that message, not as these bytes.
      if (KNOWN_TYPES.has(m.type) || m.type < 0 || m.type > 255) throw new EncodeError(MIP_MESSAGE_LAYER, `type ${m.type} cannot be written as an unknown message`);
      const total = 1 + m.body.length;
      if (offset + total > buf.length) throw new EncodeError(MIP_MESSAGE_LAYER, `buffer too small: need ${total} octets at offset ${offset}`);
      buf[offset] = m.type;
      buf.set(m.body, offset + 1);
      return total;
    }
  }
}

function dissectUnknown(bytes: Uint8Array, offset: number, end: number): FieldNode {
  const type = bytes[offset]!;
  return group(`Mobile IP message (unknown type ${type})`, offset, end - offset, `${end - offset} octets, not interpreted`, [
    field('Type', offset, 1, `${type} (unknown: a node silently discards this message)`, { ref: 'RFC 2002 §1.9' }),
    field('Data', offset + 1, end - offset - 1, `${end - offset - 1} octets: ${hexBytes(bytes.subarray(offset + 1, end), 32)}`),
  ], { ref: 'RFC 2002 §1.9', warning: `message type ${type} is not implemented by the lab` });
}

/** The field tree of the message; `profile` decides how the P bit and authenticator coverage read (OC-01, OC-02, OC-11). */
export function dissectMipMessage(bytes: Uint8Array, offset = 0, end = bytes.length, profile: MipProfile = DEFAULT_PROFILE): WireResult<FieldNode> {
  if (end - offset < 1) return fail(MIP_MESSAGE_LAYER, 'Type', offset, 'needs 1 octet, only 0 remain');
  switch (bytes[offset]) {
    case MipMessageType.REGISTRATION_REQUEST: return dissectRegistrationRequest(bytes, offset, end, profile);
    case MipMessageType.REGISTRATION_REPLY: return dissectRegistrationReply(bytes, offset, end, profile);
    case MipMessageType.BINDING_WARNING: return dissectBindingWarning(bytes, offset, end);
    case MipMessageType.BINDING_REQUEST: return dissectBindingRequest(bytes, offset, end, profile);
    case MipMessageType.BINDING_UPDATE: return dissectBindingUpdate(bytes, offset, end, profile);
    case MipMessageType.BINDING_ACKNOWLEDGE: return dissectBindingAcknowledge(bytes, offset, end, profile);
    default: return ok(dissectUnknown(bytes, offset, end));
  }
}

export const mipMessageCodec: Codec<MipMessage> = {
  layer: MIP_MESSAGE_LAYER,
  parse: parseMipMessage,
  length: mipMessageLength,
  emit: emitMipMessage,
  dissect: (bytes, offset, end) => dissectMipMessage(bytes, offset, end),
};
