// Binding Update, message type 18 (optim-08 §4.3; Perkins & Johnson §3.3).
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +---------------+-+-+-+-+-------+-------------------------------+
// |   Type = 18   |A|I|M|G| Rsvd  |           Lifetime            |
// +---------------+-+-+-+-+-------+-------------------------------+
// |                    Mobile Node Home Address                   |
// +---------------------------------------------------------------+
// |                        Care-of Address                        |
// +---------------------------------------------------------------+
// |                 Identification (64 bits, if I = 1)            |
// |                                                               |
// +---------------------------------------------------------------+
// | Extensions ... (exactly one RO Authentication extension, type 35, last)
//
// OC-06: with I = 0 the Identification field is absent and the extensions
// start at octet 12. The repr encodes the I bit as `identification !== null`,
// so a flag that disagrees with the layout cannot be built.

import { readAddress, writeAddress, type Ipv4Address } from '../address';
import type { Codec } from '../codec';
import { getU16, putU16 } from '../cursor';
import { field, group, lifetimeText, type FieldNode } from '../dissection';
import { EncodeError, fail, ok, type WireResult } from '../result';
import { addressNode, flagNode, flagsSummary, wiresharkNote } from './dissect-helpers';
import { dissectExtensions, emitExtensions, extensionsLength, parseExtensions } from './extensions/extensions';
import type { MipExtension } from './extensions/mip-extension';
import { identificationNode, readIdentification, writeIdentification, type Identification } from './identification';
import { BINDING_UPDATE_FIXED_LENGTH, BINDING_UPDATE_FIXED_LENGTH_WITHOUT_IDENTIFICATION, MipMessageType } from './message-layout';
import { DEFAULT_PROFILE, type MipProfile } from './profile';

export const BINDING_UPDATE_LAYER = 'Binding Update';

export const BINDING_UPDATE_FIELDS = [
  { offset: 0, length: 1, name: 'Type' },
  { offset: 1, length: 1, name: 'Flags' },
  { offset: 2, length: 2, name: 'Lifetime' },
  { offset: 4, length: 4, name: 'Mobile Node Home Address' },
  { offset: 8, length: 4, name: 'Care-of Address' },
  { offset: 12, length: 8, name: 'Identification (if I = 1)' },
] as const;

/** Octet 1 masks (Perkins & Johnson §3.3; optim-08 §4.3). */
export const BindingUpdateFlag = {
  A: 0x80,
  I: 0x40,
  M: 0x20,
  G: 0x10,
  RESERVED: 0x0f,
} as const;

export interface BindingUpdateFlags {
  /** A: the sender wants a Binding Acknowledge. */
  readonly acknowledge: boolean;
  /** M: datagrams may be tunnelled to the mobile node with minimal encapsulation. */
  readonly minimalEncapsulation: boolean;
  /** G: datagrams may be tunnelled with GRE. */
  readonly greEncapsulation: boolean;
  /** The low nibble (0x0F), reserved: sent as 0, ignored; kept so odd input round-trips. */
  readonly reserved: number;
}

export const NO_BINDING_UPDATE_FLAGS: BindingUpdateFlags = { acknowledge: false, minimalEncapsulation: false, greEncapsulation: false, reserved: 0 };

export interface BindingUpdate {
  readonly kind: 'binding-update';
  readonly flags: BindingUpdateFlags;
  /** Seconds the cache entry may live; 0 = delete; 0xFFFF = infinite. */
  readonly lifetime: number;
  readonly homeAddress: Ipv4Address;
  /** Current care-of address; equal to the home address = delete (as Lifetime 0). */
  readonly careOfAddress: Ipv4Address;
  /** Present ⇔ the I bit is set (OC-06). The engine always sends one. */
  readonly identification: Identification | null;
  readonly extensions: readonly MipExtension[];
}

export function bindingUpdate(fields: Omit<BindingUpdate, 'kind' | 'flags' | 'extensions'> & Partial<BindingUpdate>): BindingUpdate {
  return { flags: NO_BINDING_UPDATE_FLAGS, extensions: [], ...fields, kind: 'binding-update' };
}

function fixedLength(m: BindingUpdate): number {
  return m.identification === null ? BINDING_UPDATE_FIXED_LENGTH_WITHOUT_IDENTIFICATION : BINDING_UPDATE_FIXED_LENGTH;
}

export function bindingUpdateFlagsOctet(m: BindingUpdate): number {
  const f = m.flags;
  return (f.acknowledge ? BindingUpdateFlag.A : 0)
    | (m.identification !== null ? BindingUpdateFlag.I : 0)
    | (f.minimalEncapsulation ? BindingUpdateFlag.M : 0)
    | (f.greEncapsulation ? BindingUpdateFlag.G : 0)
    | (f.reserved & BindingUpdateFlag.RESERVED);
}

export function bindingUpdateLength(m: BindingUpdate): number {
  return fixedLength(m) + extensionsLength(m.extensions);
}

export function emitBindingUpdate(m: BindingUpdate, buf: Uint8Array, offset = 0): number {
  const total = bindingUpdateLength(m);
  if (offset + total > buf.length) throw new EncodeError(BINDING_UPDATE_LAYER, `buffer too small: need ${total} octets at offset ${offset}`);
  buf[offset] = MipMessageType.BINDING_UPDATE;
  buf[offset + 1] = bindingUpdateFlagsOctet(m);
  putU16(buf, offset + 2, m.lifetime);
  writeAddress(buf, offset + 4, m.homeAddress);
  writeAddress(buf, offset + 8, m.careOfAddress);
  if (m.identification !== null) writeIdentification(buf, offset + 12, m.identification);
  emitExtensions(m.extensions, buf, offset + fixedLength(m));
  return total;
}

export function parseBindingUpdate(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<BindingUpdate> {
  if (end - offset < BINDING_UPDATE_FIXED_LENGTH_WITHOUT_IDENTIFICATION) {
    return fail(BINDING_UPDATE_LAYER, 'fixed part', offset, `needs ${BINDING_UPDATE_FIXED_LENGTH_WITHOUT_IDENTIFICATION} octets, only ${Math.max(0, end - offset)} remain`);
  }
  if (bytes[offset] !== MipMessageType.BINDING_UPDATE) {
    return fail(BINDING_UPDATE_LAYER, 'Type', offset, `type ${bytes[offset]}, expected ${MipMessageType.BINDING_UPDATE}`);
  }
  const octet = bytes[offset + 1]!;
  const hasIdentification = (octet & BindingUpdateFlag.I) !== 0; // OC-06
  if (hasIdentification && end - offset < BINDING_UPDATE_FIXED_LENGTH) {
    return fail(BINDING_UPDATE_LAYER, 'Identification', offset + 12, `I = 1 announces 8 octets, only ${end - offset - 12} remain`);
  }
  const fixed = hasIdentification ? BINDING_UPDATE_FIXED_LENGTH : BINDING_UPDATE_FIXED_LENGTH_WITHOUT_IDENTIFICATION;
  const extensions = parseExtensions(bytes, offset + fixed, end);
  if (!extensions.ok) return extensions;
  return ok({
    kind: 'binding-update',
    flags: {
      acknowledge: (octet & BindingUpdateFlag.A) !== 0,
      minimalEncapsulation: (octet & BindingUpdateFlag.M) !== 0,
      greEncapsulation: (octet & BindingUpdateFlag.G) !== 0,
      reserved: octet & BindingUpdateFlag.RESERVED,
    },
    lifetime: getU16(bytes, offset + 2),
    homeAddress: readAddress(bytes, offset + 4),
    careOfAddress: readAddress(bytes, offset + 8),
    identification: hasIdentification ? readIdentification(bytes, offset + 12) : null,
    extensions: extensions.value,
  });
}

export function dissectBindingUpdate(bytes: Uint8Array, offset = 0, end = bytes.length, profile: MipProfile = DEFAULT_PROFILE): WireResult<FieldNode> {
  const parsed = parseBindingUpdate(bytes, offset, end);
  if (!parsed.ok) return parsed;
  const m = parsed.value;
  const fixed = fixedLength(m);
  const extensions = dissectExtensions(bytes, offset + fixed, end, { messageStart: offset, profile });
  if (!extensions.ok) return extensions;
  const octet = bytes[offset + 1]!;
  const at = offset + 1;
  const ref = 'optim-08 §4.3; Perkins & Johnson §3.3';
  const deletes = m.lifetime === 0 || m.careOfAddress === m.homeAddress;
  const flags = group('Flags', at, 1, flagsSummary(octet, [[0x80, 'A'], [0x40, 'I'], [0x20, 'M'], [0x10, 'G']]), [
    flagNode('A', 'acknowledge requested', at, 0x80, m.flags.acknowledge, { ref }),
    flagNode('I', 'Identification present', at, 0x40, m.identification !== null, {
      ref: 'optim-08 §4.3; lab choice',
      ...(m.identification === null ? { value: 'not set: no Identification field, extensions start at octet 12 (lab choice, Perkins & Johnson §3.3)' } : {}),
    }),
    flagNode('M', 'minimal encapsulation allowed', at, 0x20, m.flags.minimalEncapsulation, { ref }),
    flagNode('G', 'GRE encapsulation allowed', at, 0x10, m.flags.greEncapsulation, { ref }),
    field('Reserved', at, 1, m.flags.reserved === 0 ? '0' : `${m.flags.reserved} (should be 0; ignored)`, { mask: 0x0f, ref }),
  ], { ref });
  const lifetime = m.lifetime === 0 ? '0 s (delete any cache entry for this home address)' : lifetimeText(m.lifetime);
  const children: FieldNode[] = [
    field('Type', offset, 1, '18 (Binding Update)', {
      ref: 'optim-08 §4',
      children: [wiresharkNote(offset, 1, 'decoded as a Regional Registration Request, not a Binding Update: the lab keeps the 1998 numbering')],
    }),
    flags,
    field('Lifetime', offset + 2, 2, lifetime, { ref }),
    addressNode('Mobile Node Home Address', bytes, offset + 4, { ref }),
    addressNode('Care-of Address', bytes, offset + 8, {
      ref,
      ...(m.careOfAddress === m.homeAddress ? { value: `${m.careOfAddress} (= home address: delete the cache entry)` } : {}),
    }),
  ];
  if (m.identification !== null) children.push(identificationNode(bytes, offset + 12, 'optim-08 §4.3; Perkins & Johnson §3.3'));
  children.push(extensions.value);
  const what = deletes ? `delete the binding of ${m.homeAddress}` : `${m.homeAddress} → ${m.careOfAddress} for ${lifetimeText(m.lifetime)}`;
  return ok(group('Mobile IP Binding Update', offset, end - offset, `${what}${m.flags.acknowledge ? ', acknowledge requested' : ''}`, children, { ref }));
}

export const bindingUpdateCodec: Codec<BindingUpdate> = {
  layer: BINDING_UPDATE_LAYER,
  parse: parseBindingUpdate,
  length: bindingUpdateLength,
  emit: emitBindingUpdate,
  dissect: (bytes, offset, end) => dissectBindingUpdate(bytes, offset, end),
};
