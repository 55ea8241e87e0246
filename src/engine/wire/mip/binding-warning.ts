// Binding Warning, message type 16 (optim-08 §4.1; Perkins & Johnson §3.1).
// Unauthenticated by design (optim-08 §3.1). The targets run to the end of the
// UDP payload, so a Binding Warning carries no extensions.
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +---------------+-----------------------------------------------+
// |   Type = 16   |                   Reserved                    |
// +---------------+-----------------------------------------------+
// |                    Mobile Node Home Address                   |
// +---------------------------------------------------------------+
// |                   Target Node Address [0..N-1]                |
// +---------------------------------------------------------------+
//
// N = (length − 8) / 4. optim-05..-07 had exactly one target (byte-identical
// to N = 1 here), -08 one or more, -11 zero or more (D2). OC-03: we send ≥ 1
// and accept 0..n.

import { readAddress, writeAddress, type Ipv4Address } from '../address';
import type { Codec } from '../codec';
import { field, group, type FieldNode } from '../dissection';
import { EncodeError, fail, ok, type WireResult } from '../result';
import { addressNode, reservedNode, wiresharkNote } from './dissect-helpers';
import { BINDING_WARNING_HEADER_LENGTH, MipMessageType } from './message-layout';

export const BINDING_WARNING_LAYER = 'Binding Warning';

export const BINDING_WARNING_FIELDS = [
  { offset: 0, length: 1, name: 'Type' },
  { offset: 1, length: 3, name: 'Reserved' },
  { offset: 4, length: 4, name: 'Mobile Node Home Address' },
  { offset: 8, length: 4, name: 'Target Node Address [0]' }, // then every 4 octets to the end
] as const;

export interface BindingWarning {
  readonly kind: 'binding-warning';
  /** Octets 1–3 (24 bits), sent as 0 and ignored; kept so odd input round-trips. */
  readonly reserved: number;
  /** The mobile node the warning is about. */
  readonly homeAddress: Ipv4Address;
  /** Nodes that should receive a Binding Update from the home agent (0..n, OC-03). */
  readonly targets: readonly Ipv4Address[];
}

export function bindingWarning(fields: Omit<BindingWarning, 'kind' | 'reserved'> & Partial<BindingWarning>): BindingWarning {
  return { reserved: 0, ...fields, kind: 'binding-warning' };
}

export function bindingWarningLength(m: BindingWarning): number {
  return BINDING_WARNING_HEADER_LENGTH + 4 * m.targets.length;
}

export function emitBindingWarning(m: BindingWarning, buf: Uint8Array, offset = 0): number {
  const total = bindingWarningLength(m);
  if (offset + total > buf.length) throw new EncodeError(BINDING_WARNING_LAYER, `buffer too small: need ${total} octets at offset ${offset}`);
  buf[offset] = MipMessageType.BINDING_WARNING;
  buf[offset + 1] = (m.reserved >>> 16) & 0xff;
  buf[offset + 2] = (m.reserved >>> 8) & 0xff;
  buf[offset + 3] = m.reserved & 0xff;
  writeAddress(buf, offset + 4, m.homeAddress);
  m.targets.forEach((t, i) => writeAddress(buf, offset + BINDING_WARNING_HEADER_LENGTH + 4 * i, t));
  return total;
}

/** The Warning at `offset`; its targets run to `end`, the end of the UDP payload (optim-08 §4.1). */
export function parseBindingWarning(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<BindingWarning> {
  const length = end - offset;
  if (length < BINDING_WARNING_HEADER_LENGTH) {
    return fail(BINDING_WARNING_LAYER, 'fixed part', offset, `needs ${BINDING_WARNING_HEADER_LENGTH} octets, only ${Math.max(0, length)} remain`);
  }
  if (bytes[offset] !== MipMessageType.BINDING_WARNING) {
    return fail(BINDING_WARNING_LAYER, 'Type', offset, `type ${bytes[offset]}, expected ${MipMessageType.BINDING_WARNING}`);
  }
  const rest = length - BINDING_WARNING_HEADER_LENGTH;
  if (rest % 4 !== 0) {
    return fail(BINDING_WARNING_LAYER, 'Target Node Address', offset + BINDING_WARNING_HEADER_LENGTH + rest - (rest % 4),
      `${rest} octets after the Home Address are not a whole number of 4-octet addresses (N = (length − 8) / 4)`);
  }
  const targets: Ipv4Address[] = [];
  for (let at = offset + BINDING_WARNING_HEADER_LENGTH; at < end; at += 4) targets.push(readAddress(bytes, at));
  return ok({
    kind: 'binding-warning',
    reserved: (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!,
    homeAddress: readAddress(bytes, offset + 4),
    targets,
  });
}

export function dissectBindingWarning(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<FieldNode> {
  const parsed = parseBindingWarning(bytes, offset, end);
  if (!parsed.ok) return parsed;
  const m = parsed.value;
  const first = offset + BINDING_WARNING_HEADER_LENGTH;
  const n = m.targets.length;
  const targets = group('Target Node Addresses', first, 4 * n,
    n === 0 ? '0: the receiver itself is the node that needs a Binding Update (optim-11; lab choice)' : `${n} (N = (length − 8) / 4)`,
    m.targets.map((_, i) => addressNode(`Target Node Address [${i}]`, bytes, first + 4 * i, { ref: 'optim-08 §4.1: send this node a Binding Update' })),
    { ref: 'optim-08 §4.1; lab choice' });
  const children: FieldNode[] = [
    field('Type', offset, 1, '16 (Binding Warning)', {
      ref: 'optim-08 §4',
      children: [wiresharkNote(offset, 1, 'not decoded as a Binding Warning: IANA later gave type 16 to Handoff Request; the lab keeps the 1998 numbering')],
    }),
    reservedNode('Reserved', offset + 1, 3, m.reserved, 'optim-08 §4.1'),
    addressNode('Mobile Node Home Address', bytes, offset + 4, { ref: 'optim-08 §4.1' }),
    targets,
  ];
  return ok(group('Mobile IP Binding Warning', offset, end - offset,
    `about ${m.homeAddress}, ${n} target${n === 1 ? '' : 's'}${n === 0 ? '' : `: ${m.targets.join(', ')}`}`, children, { ref: 'optim-08 §4.1; Perkins & Johnson §3.1' }));
}

export const bindingWarningCodec: Codec<BindingWarning> = {
  layer: BINDING_WARNING_LAYER,
  parse: parseBindingWarning,
  length: bindingWarningLength,
  emit: emitBindingWarning,
  dissect: dissectBindingWarning,
};
