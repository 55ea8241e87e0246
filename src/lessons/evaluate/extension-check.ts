// Checks on the extensions a Mobile IP message carries (RFC 2002 §1.9; the
// registration-key extensions of Perkins & Johnson §6–§8, numbered as in
// regkey-00 §4, §5):
//
//   message-extensions  the first message of a kind that one node received
//                       from another, from where the check looks, carries
//                       every extension type in `include` and none in
//                       `exclude` — "the mobile node's Request asks for a
//                       key with 116", "the home agent's Reply carries no
//                       key of its own (no 120, 121, 123)".
//
// Decided by that first message, not by any later one: a lesson predicting
// what a registration carries is settled by that registration, and a run in
// which it carried something else fails, saying what it did carry. The types
// are read from the message as the receiver decoded it (the trace's bytes),
// so the check sees what a learner sees in the packet view.

import type { Micros } from '../../engine/node/time';
import { extensionTypeOf } from '../../engine/wire/mip/extensions/mip-extension';
import type { MipMessage } from '../../engine/wire/mip/mip-message';
import type { Check } from '../format/schema';
import { messageTitle, type CheckRun, type CheckStatus } from './check-run';

type MessageExtensionsCheck = Extract<Check, { kind: 'message-extensions' }>;

/** The Type of every extension a message carries, in wire order ([] for a message that has none). */
export function extensionTypesOf(message: MipMessage): number[] {
  return 'extensions' in message ? message.extensions.map(extensionTypeOf) : [];
}

const listed = (types: readonly number[]): string => (types.length === 0 ? 'no extension' : `extension${types.length === 1 ? '' : 's'} ${types.join(', ')}`);

/** Why a carried list does not match the check, or null when it does. */
export function extensionMismatch(carried: readonly number[], include: readonly number[], exclude: readonly number[]): string | null {
  const missing = include.filter((t) => !carried.includes(t));
  const unwanted = exclude.filter((t) => carried.includes(t));
  const problems = [
    ...(missing.length === 0 ? [] : [`without ${listed(missing)}`]),
    ...(unwanted.length === 0 ? [] : [`with ${listed(unwanted)}`]),
  ];
  return problems.length === 0 ? null : problems.join(' and ');
}

export function messageExtensionsRun(check: MessageExtensionsCheck, from: Micros): CheckRun {
  const title = messageTitle(check.message);
  const include = check.include ?? [];
  const exclude = check.exclude ?? [];
  let result: CheckStatus | undefined;
  return {
    observe(o) {
      if (result !== undefined || o.kind !== 'message' || o.time < from) return;
      if (o.message !== check.message || o.from !== check.from || o.to !== check.to) return;
      const seen = `${o.to} received the ${title} from ${o.from} with ${listed(o.extensions)}`;
      const mismatch = extensionMismatch(o.extensions, include, exclude);
      result = mismatch === null
        ? { state: 'passed', at: o.time, evidence: o.evidence, detail: seen }
        : { state: 'failed', at: o.time, evidence: o.evidence, detail: `${seen}: ${mismatch}` };
    },
    status: () => result ?? { state: 'pending', detail: `waiting for ${check.to} to receive a ${title} from ${check.from}` },
  };
}
