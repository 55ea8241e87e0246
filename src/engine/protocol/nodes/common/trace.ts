// Trace helpers shared by the mobility agents and the mobile node: every
// receive, drop, decision and table change becomes a `trace` output with a
// summary a learner can read, the reason where there is a choice, and the
// spec section (docs/architecture.md "Engine": "Why did this node do that?").

import type { InterfaceName, NodeOutput, TraceKind } from '../../../node/contract';
import type { TableChange } from '../../tables/table-change';

export interface TraceExtras {
  readonly reason?: string;
  readonly bytes?: Uint8Array;
  readonly interface?: InterfaceName;
  readonly before?: unknown;
  readonly after?: unknown;
}

/** A trace output with no undefined keys (traces compare as JSON). */
export function trace(kind: TraceKind, summary: string, ref: string, extras: TraceExtras = {}): NodeOutput {
  const event: Record<string, unknown> = { kind, summary, ref };
  const fields = extras as Record<string, unknown>;
  for (const k in fields) if (fields[k] !== undefined) event[k] = fields[k]; // for…in: Object.entries' order, without its arrays
  return { kind: 'trace', event: event as unknown as Extract<NodeOutput, { kind: 'trace' }>['event'] };
}

export function dropped(summary: string, reason: string, ref: string, extras: Omit<TraceExtras, 'reason'> = {}): NodeOutput {
  return trace('dropped', summary, ref, { ...extras, reason });
}

export function decision(summary: string, reason: string, ref: string): NodeOutput {
  return trace('decision', summary, ref, { reason });
}

/** One `table-changed` trace per change record, carrying before/after as the table returned them. */
export function tableTraces(table: string, changes: readonly TableChange<unknown>[]): NodeOutput[] {
  return changes.map((c) => trace('table-changed', `${table}: ${c.key} ${c.kind}`, c.ref, { reason: c.reason, before: c.before, after: c.after }));
}
