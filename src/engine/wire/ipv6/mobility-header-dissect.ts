// The field tree of a Mobility Header (RFC 6275 §6.1): the common part, the
// message data of its MH Type with flags as bit fields, and the options.
// Parsing has already succeeded when this runs (mobility-header.ts).

import { getU16 } from '../cursor';
import { field, group, hex, hexBytes, type FieldNode } from '../dissection';
import { ok, type WireResult } from '../result';
import { flagNode, flagsSummary, reservedNode } from '../mip/dissect-helpers';
import type { ParsedMobilityHeader } from './mobility-header';
import {
  BINDING_ACK_K_FLAG, BindingUpdateFlag, mhTypeOf, mobilityMessageName, mobilityTypeInfo,
  type MobilityMessage,
} from './mobility-messages';
import { dissectMobilityOptions } from './mobility-options-dissect';
import { bindingAckStatusText, bindingErrorStatusText, isBindingAckAccepted } from './mobility-status';

function lifetimeText(units: number): string {
  return units === 0 ? '0 (delete the binding)' : `${units} × 4 s = ${units * 4} s`;
}

/** One line for packet lists and the tree's root: "Binding Update #7 (A H), lifetime 300 s". */
export function mobilityMessageSummary(m: MobilityMessage): string {
  const name = mobilityMessageName(mhTypeOf(m));
  switch (m.kind) {
    case 'binding-refresh-request':
      return name;
    case 'home-test-init':
    case 'care-of-test-init':
      return `${name}, cookie ${hexBytes(m.cookie)}`;
    case 'home-test':
    case 'care-of-test':
      return `${name}, nonce index ${m.nonceIndex}, cookie ${hexBytes(m.cookie)}`;
    case 'binding-update': {
      const flags = [m.acknowledge ? 'A' : '', m.homeRegistration ? 'H' : '', m.linkLocalCompatibility ? 'L' : '', m.keyManagement ? 'K' : ''].filter((f) => f !== '');
      const life = m.lifetimeUnits === 0 ? 'lifetime 0 (delete the binding)' : `lifetime ${m.lifetimeUnits * 4} s`;
      return `${name} #${m.sequence}${flags.length > 0 ? ` (${flags.join(' ')})` : ''}, ${life}`;
    }
    case 'binding-acknowledgement':
      return `${name} #${m.sequence}: ${bindingAckStatusText(m.status)}${isBindingAckAccepted(m.status) ? `, lifetime ${m.lifetimeUnits * 4} s` : ''}`;
    case 'binding-error':
      return `${name}: ${bindingErrorStatusText(m.status)}, home address ${m.homeAddress}`;
    case 'unknown':
      return `${name} (unknown to the lab; the receiver answers with a Binding Error, RFC 6275 §9.2)`;
  }
}

function messageFields(bytes: Uint8Array, at: number, m: MobilityMessage, ref: string): FieldNode[] {
  switch (m.kind) {
    case 'binding-refresh-request':
      return [reservedNode('Reserved', at + 6, 2, getU16(bytes, at + 6), ref)];
    case 'home-test-init':
    case 'care-of-test-init': {
      const which = m.kind === 'home-test-init' ? 'Home' : 'Care-of';
      return [reservedNode('Reserved', at + 6, 2, getU16(bytes, at + 6), ref), field(`${which} Init Cookie`, at + 8, 8, hexBytes(m.cookie), { ref })];
    }
    case 'home-test':
    case 'care-of-test': {
      const which = m.kind === 'home-test' ? 'Home' : 'Care-of';
      return [
        field(`${which} Nonce Index`, at + 6, 2, m.nonceIndex, { ref }),
        field(`${which} Init Cookie`, at + 8, 8, hexBytes(m.cookie), { ref }),
        field(`${which} Keygen Token`, at + 16, 8, hexBytes(m.keygenToken), { ref: `${ref}; RFC 6275 §5.2.5` }),
      ];
    }
    case 'binding-update': {
      const word = getU16(bytes, at + 8);
      const flags = group('Flags', at + 8, 2, flagsSummary(word >>> 8, [[0x80, 'A'], [0x40, 'H'], [0x20, 'L'], [0x10, 'K']]), [
        flagNode('A', 'acknowledge requested', at + 8, BindingUpdateFlag.A >>> 8, m.acknowledge, { ref }),
        flagNode('H', 'home registration', at + 8, BindingUpdateFlag.H >>> 8, m.homeRegistration, { ref }),
        flagNode('L', 'link-local address compatibility', at + 8, BindingUpdateFlag.L >>> 8, m.linkLocalCompatibility, { ref }),
        flagNode('K', 'key management mobility capability', at + 8, BindingUpdateFlag.K >>> 8, m.keyManagement, { ref }),
        { ...reservedNode('Reserved', at + 8, 2, word & 0x0fff, ref), mask: 0x0fff },
      ], { ref });
      return [
        field('Sequence #', at + 6, 2, m.sequence, { ref }),
        flags,
        field('Lifetime', at + 10, 2, lifetimeText(m.lifetimeUnits), { ref }),
      ];
    }
    case 'binding-acknowledgement': {
      const octet = bytes[at + 7]!;
      const accepted = isBindingAckAccepted(m.status);
      return [
        field('Status', at + 6, 1, bindingAckStatusText(m.status), { ref, ...(accepted ? {} : { warning: 'the Binding Update was refused' }) }),
        group('Flags', at + 7, 1, flagsSummary(octet, [[BINDING_ACK_K_FLAG, 'K']]), [
          flagNode('K', 'key management mobility capability', at + 7, BINDING_ACK_K_FLAG, m.keyManagement, { ref }),
          { ...reservedNode('Reserved', at + 7, 1, octet & 0x7f, ref), mask: 0x7f },
        ], { ref }),
        field('Sequence #', at + 8, 2, m.sequence, { ref }),
        field('Lifetime', at + 10, 2, accepted ? lifetimeText(m.lifetimeUnits) : `${m.lifetimeUnits} (ignored: refused)`, { ref }),
      ];
    }
    case 'binding-error':
      return [
        field('Status', at + 6, 1, bindingErrorStatusText(m.status), { ref }),
        reservedNode('Reserved', at + 7, 1, bytes[at + 7]!, ref),
        field('Home Address', at + 8, 16, m.homeAddress, { ref }),
      ];
    case 'unknown':
      return m.data.length === 0 ? [] : [field('Message Data', at + 6, m.data.length, hexBytes(m.data, 32), { ref: 'RFC 6275 §6.1.1' })];
  }
}

/** The tree of a header that parsed; `expectedChecksum` is given when the stored one is wrong. */
export function dissectMobilityHeaderFrame(bytes: Uint8Array, at: number, end: number, parsed: ParsedMobilityHeader, expectedChecksum?: number): WireResult<FieldNode> {
  const m = parsed.message;
  const mhType = mhTypeOf(m);
  const info = mobilityTypeInfo(mhType);
  const ref = info?.ref ?? 'RFC 6275 §6.1.1';
  const stored = getU16(bytes, at + 4);
  const children: FieldNode[] = [
    field('Payload Proto', at, 1, '59 (no next header)', { ref: 'RFC 6275 §6.1.1' }),
    field('Header Len', at + 1, 1, `${parsed.length / 8 - 1} (${parsed.length} octets: 8 + ${parsed.length / 8 - 1} × 8)`, { ref: 'RFC 6275 §6.1.1' }),
    field('MH Type', at + 2, 1, `${mhType} (${mobilityMessageName(mhType)})`, {
      ref: 'RFC 6275 §6.1.1',
      ...(info === undefined ? { warning: 'unknown MH Type: the receiver discards it and answers with Binding Error status 2 (RFC 6275 §9.2)' } : {}),
    }),
    reservedNode('Reserved', at + 3, 1, bytes[at + 3]!, 'RFC 6275 §6.1.1'),
    field('Checksum', at + 4, 2, parsed.checksumValid ? `${hex(stored, 4)} [correct]` : `${hex(stored, 4)} [incorrect, should be ${hex(expectedChecksum ?? 0, 4)}]`, {
      ref: 'RFC 6275 §6.1.1; RFC 8200 §8.1',
      ...(parsed.checksumValid ? {} : { warning: 'bad Mobility Header checksum: the receiver silently discards the message (RFC 6275 §9.2)' }),
    }),
    ...messageFields(bytes, at, m, ref),
  ];
  if (info !== undefined) {
    const options = dissectMobilityOptions(bytes, at + info.optionsAt, at + parsed.length, { headerStart: at, messageName: info.name, validOptions: info.validOptions });
    if (!options.ok) return options;
    children.push(options.value);
  }
  const extra: Partial<FieldNode> = { ref };
  if (end - at > parsed.length) Object.assign(extra, { warning: `${end - at - parsed.length} octets after the Mobility Header are not part of it` });
  return ok(group('Mobility Header', at, parsed.length, mobilityMessageSummary(m), children, extra));
}
