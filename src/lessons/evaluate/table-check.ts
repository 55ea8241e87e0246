// A table holds, or lost, a mobile node's entry: a correspondent's or foreign
// agent's binding cache (Perkins & Johnson §3), a foreign agent's visitor
// list or a home agent's mobility bindings (RFC 2002 §3.7, §3.8) — and in
// IPv6 a correspondent's binding cache and a home agent's bindings (Perkins &
// Johnson §10), whose entries name the home address `address`.
//
// The table is rebuilt from its table-changed trace events, which carry the
// entry before and after each change — the same state the node holds — so
// the check needs no node views and gives the event that made it true.
// Entries are told apart by (home address, care-of address, state); a
// visitor-list entry counts only once registered (not while pending, nor a
// key kept after the visitor left).
//
//   holds  passes at the first moment from the window's start at which the
//          table holds a matching entry — at once if it already did;
//   lost   passes at the first change from the window's start that leaves
//          the table without a matching entry it had just before.

import type { Micros } from '../../engine/node/time';
import type { Check } from '../format/schema';
import type { CheckContext, CheckRun, CheckStatus } from './check-run';
import type { EventRef } from './observations';

type TableCheck = Extract<Check, { kind: 'table' }>;

const field = (entry: unknown, name: string): unknown => (typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>)[name] : undefined);
/** The entry's home address: `homeAddress`, or an IPv6 agent's binding's `address`. */
const homeOf = (entry: unknown): unknown => field(entry, 'homeAddress') ?? field(entry, 'address');
const identity = (entry: unknown): string => JSON.stringify([homeOf(entry), field(entry, 'careOfAddress'), field(entry, 'state')]);
const TABLE_TITLES = { 'binding-cache': 'binding cache', 'visitor-list': 'visitor list', 'mobility-bindings': 'mobility bindings' } as const;

export function tableRun(check: TableCheck, from: Micros, ctx: CheckContext): CheckRun {
  const home = ctx.homeAddressOf(check.mobileNode);
  const careOf = check.careOf;
  const matches = (entry: unknown): boolean => homeOf(entry) === home
    && (careOf === undefined || ctx.isCareOfAt(careOf, field(entry, 'careOfAddress')))
    && (field(entry, 'state') === undefined || field(entry, 'state') === 'registered');
  const entries = new Map<string, unknown>();
  const held = (): boolean => [...entries.values()].some(matches);
  let heldSince: EventRef | undefined;
  let result: CheckStatus | undefined;
  const what = `${check.node}'s ${TABLE_TITLES[check.table]}`;
  const entry = `the entry for ${check.mobileNode}${check.careOf === undefined ? '' : ` at ${check.careOf}`}`;

  const pass = (at: Micros, evidence: EventRef, detail: string) => { result = { state: 'passed', at, evidence, detail }; };

  return {
    observe(o) {
      if (result !== undefined || o.kind !== 'table' || o.node !== check.node || o.table !== check.table) return;
      const before = held();
      if (check.state === 'holds' && before && o.time >= from && heldSince !== undefined) return pass(from, heldSince, `${what} held ${entry} when the step began`);
      if (o.before !== undefined) entries.delete(identity(o.before));
      if (o.after !== undefined) entries.set(identity(o.after), o.after);
      const after = held();
      if (after && !before) heldSince = o.evidence;
      if (o.time < from) return;
      if (check.state === 'holds' && after) pass(o.time, o.evidence, `${what} holds ${entry}`);
      if (check.state === 'lost' && before && !after) pass(o.time, o.evidence, `${what} no longer holds ${entry}`);
    },
    status(settled) {
      if (result !== undefined) return result;
      if (check.state === 'holds' && heldSince !== undefined && held() && settled >= from) return { state: 'passed', at: from, evidence: heldSince, detail: `${what} held ${entry} when the step began` };
      return { state: 'pending', detail: check.state === 'holds' ? `${what} does not hold ${entry} yet` : `${what} still holds ${entry}, or never did` };
    },
  };
}
