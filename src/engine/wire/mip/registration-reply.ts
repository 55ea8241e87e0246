// Registration Reply, message type 3 (RFC 2002 §3.4).
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +---------------+---------------+-------------------------------+
// |   Type = 3    |     Code      |           Lifetime            |
// +---------------+---------------+-------------------------------+
// |                         Home Address                          |
// +---------------------------------------------------------------+
// |                          Home Agent                           |
// +---------------------------------------------------------------+
// |                  Identification (64 bits)                     |
// |                                                               |
// +---------------------------------------------------------------+
// | Extensions ... (to the end of the UDP payload)

import { readAddress, writeAddress, type Ipv4Address } from '../address';
import type { Codec } from '../codec';
import { getU16, putU16 } from '../cursor';
import { field, group, lifetimeText, type FieldNode } from '../dissection';
import { EncodeError, fail, ok, type WireResult } from '../result';
import { addressNode } from './dissect-helpers';
import { dissectExtensions, emitExtensions, extensionsLength, parseExtensions } from './extensions/extensions';
import type { MipExtension } from './extensions/mip-extension';
import { identificationNode, readIdentification, writeIdentification, type Identification } from './identification';
import { MipMessageType, REGISTRATION_REPLY_FIXED_LENGTH } from './message-layout';
import { DEFAULT_PROFILE, type MipProfile } from './profile';
import { replyCodeAccepted, replyCodeName, replyCodeText, ReplyCode } from './registration-reply-codes';

export const REGISTRATION_REPLY_LAYER = 'Registration Reply';

/** Field table (offset, length, name) of the fixed part; extensions follow at 20. */
export const REGISTRATION_REPLY_FIELDS = [
  { offset: 0, length: 1, name: 'Type' },
  { offset: 1, length: 1, name: 'Code' },
  { offset: 2, length: 2, name: 'Lifetime' },
  { offset: 4, length: 4, name: 'Home Address' },
  { offset: 8, length: 4, name: 'Home Agent' },
  { offset: 12, length: 8, name: 'Identification' },
] as const;

export interface RegistrationReply {
  readonly kind: 'registration-reply';
  /** Result (registration-reply-codes.ts); any value 0..255 round-trips. */
  readonly code: number;
  /** Granted seconds if accepted; meaningless if denied, except Code 69 (the FA's maximum). */
  readonly lifetime: number;
  readonly homeAddress: Ipv4Address;
  readonly homeAgent: Ipv4Address;
  readonly identification: Identification;
  readonly extensions: readonly MipExtension[];
}

export function registrationReply(fields: Omit<RegistrationReply, 'kind' | 'extensions'> & Partial<RegistrationReply>): RegistrationReply {
  return { extensions: [], ...fields, kind: 'registration-reply' };
}

export function registrationReplyLength(m: RegistrationReply): number {
  return REGISTRATION_REPLY_FIXED_LENGTH + extensionsLength(m.extensions);
}

export function emitRegistrationReply(m: RegistrationReply, buf: Uint8Array, offset = 0): number {
  const total = registrationReplyLength(m);
  if (offset + total > buf.length) throw new EncodeError(REGISTRATION_REPLY_LAYER, `buffer too small: need ${total} octets at offset ${offset}`);
  buf[offset] = MipMessageType.REGISTRATION_REPLY;
  buf[offset + 1] = m.code;
  putU16(buf, offset + 2, m.lifetime);
  writeAddress(buf, offset + 4, m.homeAddress);
  writeAddress(buf, offset + 8, m.homeAgent);
  writeIdentification(buf, offset + 12, m.identification);
  emitExtensions(m.extensions, buf, offset + REGISTRATION_REPLY_FIXED_LENGTH);
  return total;
}

export function parseRegistrationReply(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<RegistrationReply> {
  if (end - offset < REGISTRATION_REPLY_FIXED_LENGTH) {
    return fail(REGISTRATION_REPLY_LAYER, 'fixed part', offset, `needs ${REGISTRATION_REPLY_FIXED_LENGTH} octets, only ${Math.max(0, end - offset)} remain`);
  }
  if (bytes[offset] !== MipMessageType.REGISTRATION_REPLY) {
    return fail(REGISTRATION_REPLY_LAYER, 'Type', offset, `type ${bytes[offset]}, expected ${MipMessageType.REGISTRATION_REPLY}`);
  }
  const extensions = parseExtensions(bytes, offset + REGISTRATION_REPLY_FIXED_LENGTH, end);
  if (!extensions.ok) return extensions;
  return ok({
    kind: 'registration-reply',
    code: bytes[offset + 1]!,
    lifetime: getU16(bytes, offset + 2),
    homeAddress: readAddress(bytes, offset + 4),
    homeAgent: readAddress(bytes, offset + 8),
    identification: readIdentification(bytes, offset + 12),
    extensions: extensions.value,
  });
}

function lifetimeValue(code: number, lifetime: number): string {
  if (code === ReplyCode.FA_LIFETIME_TOO_LONG) return `${lifetimeText(lifetime)} (the longest Lifetime the foreign agent accepts)`;
  if (!replyCodeAccepted(code)) return `${lifetimeText(lifetime)} (meaningless: registration denied)`;
  return lifetime === 0 ? '0 s (deregistered)' : lifetimeText(lifetime);
}

export function dissectRegistrationReply(bytes: Uint8Array, offset = 0, end = bytes.length, profile: MipProfile = DEFAULT_PROFILE): WireResult<FieldNode> {
  const parsed = parseRegistrationReply(bytes, offset, end);
  if (!parsed.ok) return parsed;
  const m = parsed.value;
  const extensions = dissectExtensions(bytes, offset + REGISTRATION_REPLY_FIXED_LENGTH, end, { messageStart: offset, profile });
  if (!extensions.ok) return extensions;
  const note = m.code === ReplyCode.HA_IDENTIFICATION_MISMATCH ? 'Code 133: low half copied, high half resynchronises the mobile node (RFC 2002 §5.6)' : undefined;
  const children: FieldNode[] = [
    field('Type', offset, 1, '3 (Registration Reply)', { ref: 'RFC 2002 §1.9' }),
    field('Code', offset + 1, 1, replyCodeText(m.code), { ref: 'RFC 2002 §3.4' }),
    field('Lifetime', offset + 2, 2, lifetimeValue(m.code, m.lifetime), { ref: 'RFC 2002 §3.4' }),
    addressNode('Home Address', bytes, offset + 4, { ref: 'RFC 2002 §3.4: copied from the Request' }),
    addressNode('Home Agent', bytes, offset + 8, { ref: 'RFC 2002 §3.4, §3.8.3' }),
    identificationNode(bytes, offset + 12, 'RFC 2002 §5.6', note),
    extensions.value,
  ];
  return ok(group('Mobile IP Registration Reply', offset, end - offset,
    `${replyCodeName(m.code)}, home ${m.homeAddress}, Lifetime ${lifetimeText(m.lifetime)}`, children, { ref: 'RFC 2002 §3.4' }));
}

export const registrationReplyCodec: Codec<RegistrationReply> = {
  layer: REGISTRATION_REPLY_LAYER,
  parse: parseRegistrationReply,
  length: registrationReplyLength,
  emit: emitRegistrationReply,
  dissect: (bytes, offset, end) => dissectRegistrationReply(bytes, offset, end),
};
