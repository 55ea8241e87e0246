// Checks on registration keys (Perkins & Johnson §9; regkey-00 §3):
//
//   registration-key  the mobile node, registering through a foreign agent,
//                     ends up sharing a registration key with it, established
//                     by the method the check names (one of the five).
//
// The evidence is the mobile node's own `key-established` trace event: it
// carries the whole key-exchange record (which method, both sides' keys), so
// what the check reads is what the node decided, not a guess from the
// extensions on the wire. A registration that ends without a key traces no
// such event, so "no key" is checked another way (e.g. no smooth-handoff
// Binding Update to that agent later).

import type { TraceEvent } from '../../engine/node/contract';
import type { Micros } from '../../engine/node/time';
import type { KeyExchangeRecord } from '../../engine/protocol/keys/key-exchange-record';
import type { Check } from '../format/schema';
import type { CheckContext, CheckRun, CheckStatus } from './check-run';
import type { EventRef } from './observations';

type RegistrationKeyCheck = Extract<Check, { kind: 'registration-key' }>;

/** What a `key-established` event says, as the evaluator observes it. */
export interface KeyObservation {
  readonly kind: 'key';
  readonly node: string;
  readonly homeAddress: string;
  readonly foreignAgentAddress: string;
  /** 1–5 (Perkins & Johnson §9; regkey-00 §3). */
  readonly method: number;
  readonly methodName: string | null;
}

/** The key-exchange record of a `key-established` event; null for any other event. */
export function keyObservationOf(e: TraceEvent): KeyObservation | null {
  if (e.kind !== 'key-established' || typeof e.after !== 'object' || e.after === null) return null;
  const r = e.after as Partial<KeyExchangeRecord>;
  if (typeof r.homeAddress !== 'string' || typeof r.faAddress !== 'string') return null;
  if (typeof r.method !== 'number') return null;
  return { kind: 'key', node: e.node, homeAddress: r.homeAddress, foreignAgentAddress: r.faAddress, method: r.method, methodName: r.methodName ?? null };
}

const describe = (method: number, name: string | null): string => `a key by method ${method}${name === null ? '' : ` (${name})`}`;

/**
 * Decided by the first key the mobile node establishes with that foreign
 * agent from where the check looks: passed if by the method the check names,
 * failed otherwise (the detail says which method it was).
 */
export function registrationKeyRun(check: RegistrationKeyCheck, from: Micros, ctx: CheckContext): CheckRun {
  const home = ctx.homeAddressOf(check.mobileNode);
  const agent = new Set(ctx.addressesOf(check.foreignAgent));
  const expected = describe(check.method, null);
  let result: CheckStatus | undefined;
  return {
    observe(o) {
      if (result !== undefined || o.kind !== 'key' || o.time < from) return;
      if (o.node !== check.mobileNode || o.homeAddress !== home || !agent.has(o.foreignAgentAddress)) return;
      const evidence: EventRef = o.evidence;
      const seen = `${check.mobileNode} shares ${describe(o.method, o.methodName)} with ${check.foreignAgent}`;
      result = o.method === check.method
        ? { state: 'passed', at: o.time, evidence, measured: o.method, detail: seen }
        : { state: 'failed', at: o.time, evidence, measured: o.method, detail: `${seen}, not ${expected}` };
    },
    status: () => result ?? { state: 'pending', detail: `waiting for ${check.mobileNode} to register through ${check.foreignAgent} (expecting ${expected})` },
  };
}
