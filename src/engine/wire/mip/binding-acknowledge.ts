// Binding Acknowledge, message type 19 (optim-07/-08 §4.4; Perkins & Johnson §3.4; optim-08 §4.4), in the -07/-08 form with a Status octet (D1; the -05/-06 `N` flag is
// not used).
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +---------------+-------------------------------+---------------+
// |   Type = 19   |           Reserved            |    Status     |
// +---------------+-------------------------------+---------------+
// |                    Mobile Node Home Address                   |
// +---------------------------------------------------------------+
// |                  Identification (64 bits)                     |
// |                                                               |
// +---------------------------------------------------------------+
// | Extensions ... (none specified; OC-36)

import { readAddress, writeAddress, type Ipv4Address } from '../address';
import type { Codec } from '../codec';
import { getU16, putU16 } from '../cursor';
import { field, group, type FieldNode } from '../dissection';
import { EncodeError, fail, ok, type WireResult } from '../result';
import { addressNode, reservedNode, wiresharkNote } from './dissect-helpers';
import { dissectExtensions, emitExtensions, extensionsLength, parseExtensions } from './extensions/extensions';
import type { MipExtension } from './extensions/mip-extension';
import { identificationNode, readIdentification, writeIdentification, type Identification } from './identification';
import { BINDING_ACKNOWLEDGE_FIXED_LENGTH, MipMessageType } from './message-layout';
import { DEFAULT_PROFILE, type MipProfile } from './profile';

export const BINDING_ACKNOWLEDGE_LAYER = 'Binding Acknowledge';

export const BINDING_ACKNOWLEDGE_FIELDS = [
  { offset: 0, length: 1, name: 'Type' },
  { offset: 1, length: 2, name: 'Reserved' },
  { offset: 3, length: 1, name: 'Status' },
  { offset: 4, length: 4, name: 'Mobile Node Home Address' },
  { offset: 8, length: 8, name: 'Identification' },
] as const;

/** Status values (optim-07/-08/-11 §4.4). 132 is not defined. */
export const BindingAckStatus = {
  ACCEPTED: 0, // OC-05
  REASON_UNSPECIFIED: 128,
  ADMINISTRATIVELY_PROHIBITED: 129,
  INSUFFICIENT_RESOURCES: 130,
  AUTHENTICATION_FAILED: 131,
  IDENTIFICATION_MISMATCH: 133,
  POORLY_FORMED: 134,
} as const;

const STATUS_NAMES: Readonly<Record<number, string>> = {
  0: 'accepted',
  128: 'reason unspecified',
  129: 'administratively prohibited',
  130: 'insufficient resources',
  131: 'sending node failed authentication',
  133: 'identification mismatch',
  134: 'poorly formed Binding Update',
};

/** "accepted", or for an undefined non-zero value "unknown(5): rejected, treated as reason unspecified" (OC-05). */
export function bindingAckStatusName(status: number): string {
  return STATUS_NAMES[status] ?? `unknown(${status}): rejected, treated as reason unspecified`;
}

/** OC-05: 0 accepts, any other value rejects. */
export function bindingAckAccepted(status: number): boolean {
  return status === BindingAckStatus.ACCEPTED;
}

export interface BindingAcknowledge {
  readonly kind: 'binding-acknowledge';
  /** Octets 1–2, sent as 0; kept so odd input round-trips. */
  readonly reserved: number;
  /** 0 = accepted (OC-05); any value 0..255 round-trips. */
  readonly status: number;
  /** Copied from the Binding Update. */
  readonly homeAddress: Ipv4Address;
  /** Copied from the Binding Update; all zero when it had none (OC-06). */
  readonly identification: Identification;
  readonly extensions: readonly MipExtension[];
}

export function bindingAcknowledge(fields: Omit<BindingAcknowledge, 'kind' | 'reserved' | 'extensions'> & Partial<BindingAcknowledge>): BindingAcknowledge {
  return { reserved: 0, extensions: [], ...fields, kind: 'binding-acknowledge' };
}

export function bindingAcknowledgeLength(m: BindingAcknowledge): number {
  return BINDING_ACKNOWLEDGE_FIXED_LENGTH + extensionsLength(m.extensions);
}

export function emitBindingAcknowledge(m: BindingAcknowledge, buf: Uint8Array, offset = 0): number {
  const total = bindingAcknowledgeLength(m);
  if (offset + total > buf.length) throw new EncodeError(BINDING_ACKNOWLEDGE_LAYER, `buffer too small: need ${total} octets at offset ${offset}`);
  buf[offset] = MipMessageType.BINDING_ACKNOWLEDGE;
  putU16(buf, offset + 1, m.reserved);
  buf[offset + 3] = m.status;
  writeAddress(buf, offset + 4, m.homeAddress);
  writeIdentification(buf, offset + 8, m.identification);
  emitExtensions(m.extensions, buf, offset + BINDING_ACKNOWLEDGE_FIXED_LENGTH);
  return total;
}

export function parseBindingAcknowledge(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<BindingAcknowledge> {
  if (end - offset < BINDING_ACKNOWLEDGE_FIXED_LENGTH) {
    return fail(BINDING_ACKNOWLEDGE_LAYER, 'fixed part', offset, `needs ${BINDING_ACKNOWLEDGE_FIXED_LENGTH} octets, only ${Math.max(0, end - offset)} remain`);
  }
  if (bytes[offset] !== MipMessageType.BINDING_ACKNOWLEDGE) {
    return fail(BINDING_ACKNOWLEDGE_LAYER, 'Type', offset, `type ${bytes[offset]}, expected ${MipMessageType.BINDING_ACKNOWLEDGE}`);
  }
  const extensions = parseExtensions(bytes, offset + BINDING_ACKNOWLEDGE_FIXED_LENGTH, end);
  if (!extensions.ok) return extensions;
  return ok({
    kind: 'binding-acknowledge',
    reserved: getU16(bytes, offset + 1),
    status: bytes[offset + 3]!,
    homeAddress: readAddress(bytes, offset + 4),
    identification: readIdentification(bytes, offset + 8),
    extensions: extensions.value,
  });
}

export function dissectBindingAcknowledge(bytes: Uint8Array, offset = 0, end = bytes.length, profile: MipProfile = DEFAULT_PROFILE): WireResult<FieldNode> {
  const parsed = parseBindingAcknowledge(bytes, offset, end);
  if (!parsed.ok) return parsed;
  const m = parsed.value;
  const extensions = dissectExtensions(bytes, offset + BINDING_ACKNOWLEDGE_FIXED_LENGTH, end, { messageStart: offset, profile });
  if (!extensions.ok) return extensions;
  const zeroId = m.identification.high === 0 && m.identification.low === 0;
  const children: FieldNode[] = [
    field('Type', offset, 1, '19 (Binding Acknowledge)', {
      ref: 'optim-08 §4',
      children: [wiresharkNote(offset, 1, 'decoded as a Regional Registration Reply, not a Binding Acknowledge: the lab keeps the 1998 numbering')],
    }),
    reservedNode('Reserved', offset + 1, 2, m.reserved, 'optim-08 §4.4'),
    field('Status', offset + 3, 1, `${m.status} (${bindingAckStatusName(m.status)})`, { ref: 'optim-08 §4.4; lab choice' }),
    addressNode('Mobile Node Home Address', bytes, offset + 4, { ref: 'optim-08 §4.4: copied from the Binding Update' }),
    identificationNode(bytes, offset + 8, 'optim-08 §4.4: copied from the Binding Update', zeroId ? 'all zero: the Binding Update carried none, lab choice, Perkins & Johnson §3.3' : undefined),
    extensions.value,
  ];
  return ok(group('Mobile IP Binding Acknowledge', offset, end - offset, `${bindingAckStatusName(m.status)}, about ${m.homeAddress}`, children, { ref: 'optim-08 §4.4; Perkins & Johnson §3.4' }));
}

export const bindingAcknowledgeCodec: Codec<BindingAcknowledge> = {
  layer: BINDING_ACKNOWLEDGE_LAYER,
  parse: parseBindingAcknowledge,
  length: bindingAcknowledgeLength,
  emit: emitBindingAcknowledge,
  dissect: (bytes, offset, end) => dissectBindingAcknowledge(bytes, offset, end),
};
