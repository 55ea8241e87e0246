// Binding Request, message type 17 (optim-08 §4.2; Perkins & Johnson §3.2).
// A cache holder asks the mobile node's home agent for a fresh Binding Update.
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +---------------+-----------------------------------------------+
// |   Type = 17   |                   Reserved                    |
// +---------------+-----------------------------------------------+
// |                    Mobile Node Home Address                   |
// +---------------------------------------------------------------+
// |                  Identification (64 bits)                     |
// |                                                               |
// +---------------------------------------------------------------+
// | Extensions ... (none specified; a receiver ignores an authentication extension here, Perkins & Johnson §3.5; optim-08 §4.5)

import { readAddress, writeAddress, type Ipv4Address } from '../address';
import type { Codec } from '../codec';
import { field, group, type FieldNode } from '../dissection';
import { EncodeError, fail, ok, type WireResult } from '../result';
import { addressNode, reservedNode, wiresharkNote } from './dissect-helpers';
import { dissectExtensions, emitExtensions, extensionsLength, parseExtensions } from './extensions/extensions';
import type { MipExtension } from './extensions/mip-extension';
import { identificationNode, readIdentification, writeIdentification, type Identification } from './identification';
import { BINDING_REQUEST_FIXED_LENGTH, MipMessageType } from './message-layout';
import { DEFAULT_PROFILE, type MipProfile } from './profile';

export const BINDING_REQUEST_LAYER = 'Binding Request';

export const BINDING_REQUEST_FIELDS = [
  { offset: 0, length: 1, name: 'Type' },
  { offset: 1, length: 3, name: 'Reserved' },
  { offset: 4, length: 4, name: 'Mobile Node Home Address' },
  { offset: 8, length: 8, name: 'Identification' },
] as const;

export interface BindingRequest {
  readonly kind: 'binding-request';
  /** Octets 1–3 (24 bits), sent as 0; kept so odd input round-trips. */
  readonly reserved: number;
  /** The mobile node whose binding is requested. */
  readonly homeAddress: Ipv4Address;
  /** Chosen by the requester for matching and replay protection (OC-40: an NTP timestamp; OC-44: nonce challenge). */
  readonly identification: Identification;
  readonly extensions: readonly MipExtension[];
}

export function bindingRequest(fields: Omit<BindingRequest, 'kind' | 'reserved' | 'extensions'> & Partial<BindingRequest>): BindingRequest {
  return { reserved: 0, extensions: [], ...fields, kind: 'binding-request' };
}

export function bindingRequestLength(m: BindingRequest): number {
  return BINDING_REQUEST_FIXED_LENGTH + extensionsLength(m.extensions);
}

export function emitBindingRequest(m: BindingRequest, buf: Uint8Array, offset = 0): number {
  const total = bindingRequestLength(m);
  if (offset + total > buf.length) throw new EncodeError(BINDING_REQUEST_LAYER, `buffer too small: need ${total} octets at offset ${offset}`);
  buf[offset] = MipMessageType.BINDING_REQUEST;
  buf[offset + 1] = (m.reserved >>> 16) & 0xff;
  buf[offset + 2] = (m.reserved >>> 8) & 0xff;
  buf[offset + 3] = m.reserved & 0xff;
  writeAddress(buf, offset + 4, m.homeAddress);
  writeIdentification(buf, offset + 8, m.identification);
  emitExtensions(m.extensions, buf, offset + BINDING_REQUEST_FIXED_LENGTH);
  return total;
}

export function parseBindingRequest(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<BindingRequest> {
  if (end - offset < BINDING_REQUEST_FIXED_LENGTH) {
    return fail(BINDING_REQUEST_LAYER, 'fixed part', offset, `needs ${BINDING_REQUEST_FIXED_LENGTH} octets, only ${Math.max(0, end - offset)} remain`);
  }
  if (bytes[offset] !== MipMessageType.BINDING_REQUEST) {
    return fail(BINDING_REQUEST_LAYER, 'Type', offset, `type ${bytes[offset]}, expected ${MipMessageType.BINDING_REQUEST}`);
  }
  const extensions = parseExtensions(bytes, offset + BINDING_REQUEST_FIXED_LENGTH, end);
  if (!extensions.ok) return extensions;
  return ok({
    kind: 'binding-request',
    reserved: (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!,
    homeAddress: readAddress(bytes, offset + 4),
    identification: readIdentification(bytes, offset + 8),
    extensions: extensions.value,
  });
}

export function dissectBindingRequest(bytes: Uint8Array, offset = 0, end = bytes.length, profile: MipProfile = DEFAULT_PROFILE): WireResult<FieldNode> {
  const parsed = parseBindingRequest(bytes, offset, end);
  if (!parsed.ok) return parsed;
  const m = parsed.value;
  const extensions = dissectExtensions(bytes, offset + BINDING_REQUEST_FIXED_LENGTH, end, { messageStart: offset, profile });
  if (!extensions.ok) return extensions;
  const children: FieldNode[] = [
    field('Type', offset, 1, '17 (Binding Request)', {
      ref: 'optim-08 §4',
      children: [wiresharkNote(offset, 1, 'not decoded as a Binding Request: IANA later gave type 17 to Handoff Reply; the lab keeps the 1998 numbering')],
    }),
    reservedNode('Reserved', offset + 1, 3, m.reserved, 'optim-08 §4.2'),
    addressNode('Mobile Node Home Address', bytes, offset + 4, { ref: 'optim-08 §4.2' }),
    identificationNode(bytes, offset + 8, 'optim-08 §4.2; lab choice', 'the answering Binding Update copies it; with nonces only the low half, lab choice, optim-08 §4.3'),
    extensions.value,
  ];
  return ok(group('Mobile IP Binding Request', offset, end - offset, `binding of ${m.homeAddress}`, children, { ref: 'optim-08 §4.2; Perkins & Johnson §3.2' }));
}

export const bindingRequestCodec: Codec<BindingRequest> = {
  layer: BINDING_REQUEST_LAYER,
  parse: parseBindingRequest,
  length: bindingRequestLength,
  emit: emitBindingRequest,
  dissect: (bytes, offset, end) => dissectBindingRequest(bytes, offset, end),
};
