// The field tree of a mobility option area (RFC 6275 §6.2): every option and
// padding run at its absolute offset, with a warning where a sender broke a
// rule a learner should notice (misalignment, non-zero padding, an option
// the message does not define).

import { field, group, hexBytes, type FieldNode } from '../dissection';
import { ok, type WireResult } from '../result';
import {
  mobilityOptionAlignment, mobilityOptionName, mobilityOptionRef, walkMobilityOptions, MobilityOptionType,
  type MobilityOption, type WalkedOption,
} from './mobility-options';

export interface OptionAreaContext {
  /** Absolute offset of the Mobility Header, for the alignment check. */
  readonly headerStart: number;
  /** The message's name and the option types RFC 6275 defines for it. */
  readonly messageName: string;
  readonly validOptions: readonly number[];
}

function optionFields(bytes: Uint8Array, w: WalkedOption, o: MobilityOption, ref: string): FieldNode[] {
  const d = w.offset + 2;
  switch (o.kind) {
    case 'binding-refresh-advice':
      return [field('Refresh Interval', d, 2, `${o.refreshIntervalUnits} (${o.refreshIntervalUnits * 4} s)`, { ref })];
    case 'alternate-care-of-address':
      return [field('Alternate Care-of Address', d, 16, o.address, { ref })];
    case 'nonce-indices':
      return [
        field('Home Nonce Index', d, 2, o.homeNonceIndex, { ref }),
        field('Care-of Nonce Index', d + 2, 2, o.careOfNonceIndex, { ref }),
      ];
    case 'binding-authorization-data':
      return [field('Authenticator', d, o.authenticator.length, hexBytes(o.authenticator), { ref: 'RFC 6275 §6.2.7, §5.2.6' })];
    case 'unknown':
      return o.data.length === 0 ? [] : [field('Option Data', d, o.data.length, hexBytes(bytes.subarray(d, d + o.data.length), 32), { ref })];
  }
}

function summary(o: MobilityOption): string {
  switch (o.kind) {
    case 'binding-refresh-advice': return `refresh after ${o.refreshIntervalUnits * 4} s`;
    case 'alternate-care-of-address': return o.address;
    case 'nonce-indices': return `home ${o.homeNonceIndex}, care-of ${o.careOfNonceIndex}`;
    case 'binding-authorization-data': return `authenticator ${hexBytes(o.authenticator)}`;
    case 'unknown': return `${o.data.length} octets, skipped by a receiver that does not know it`;
  }
}

function optionNode(bytes: Uint8Array, w: WalkedOption, context: OptionAreaContext): FieldNode {
  const name = mobilityOptionName(w.type);
  const ref = mobilityOptionRef(w.type);
  if (w.type === MobilityOptionType.PAD1) return field('Pad1', w.offset, 1, '1 octet of padding', { ref });
  const header = [
    field('Option Type', w.offset, 1, `${w.type} (${name})`, { ref }),
    field('Option Length', w.offset + 1, 1, `${w.length - 2} octets`, { ref }),
  ];
  if (w.option === undefined) {
    const data = bytes.subarray(w.offset + 2, w.offset + w.length);
    const dirty = data.some((b) => b !== 0);
    const padding = data.length === 0 ? [] : [field('Padding', w.offset + 2, data.length, dirty ? hexBytes(data, 16) : 'zeros', {
      ref,
      ...(dirty ? { warning: 'PadN data should be zeros; a receiver ignores it (RFC 6275 §6.2.3)' } : {}),
    })];
    return group('PadN', w.offset, w.length, `${w.length} octets of padding`, [...header, ...padding], { ref });
  }
  const warnings: string[] = [];
  const [x, y] = mobilityOptionAlignment(w.type);
  const position = w.offset - context.headerStart;
  if (position % x !== y) warnings.push(`starts at ${position}, not at ${x}n+${y} from the header start (${ref})`);
  if (w.option.kind !== 'unknown' && !context.validOptions.includes(w.type)) {
    warnings.push(`not defined for a ${context.messageName}; a receiver ignores it (RFC 6275 §6.2.1)`);
  }
  return group(name, w.offset, w.length, summary(w.option), [...header, ...optionFields(bytes, w, w.option, ref)], {
    ref,
    ...(warnings.length > 0 ? { warning: warnings.join('; ') } : {}),
  });
}

/** The "Mobility Options" node for [offset, end). */
export function dissectMobilityOptions(bytes: Uint8Array, offset: number, end: number, context: OptionAreaContext): WireResult<FieldNode> {
  const walked = walkMobilityOptions(bytes, offset, end);
  if (!walked.ok) return walked;
  const meaningful = walked.value.filter((w) => w.option !== undefined).length;
  const padding = walked.value.length - meaningful;
  const text = meaningful === 0 ? (padding === 0 ? 'none' : 'padding only') : `${meaningful} option${meaningful === 1 ? '' : 's'}`;
  return ok(group('Mobility Options', offset, Math.max(0, end - offset), text, walked.value.map((w) => optionNode(bytes, w, context)), { ref: 'RFC 6275 §6.2' }));
}

