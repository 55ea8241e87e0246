// The second half of the evaluator: one check, folded over observations.
//
// A CheckRun is created for a check and a window start (`from`: the step's
// start, or the learner's first action in it), is shown every observation in
// time order — those before `from` too, so a table check knows what a table
// held when the window opened — and answers its status for a settled time.
// Each kind lives in its own file; this one holds what they share.

import type { Micros } from '../../engine/node/time';
import type { Ipv4Address } from '../../engine/wire/address';
import { ipv6InPrefix, type Ipv6Address } from '../../engine/wire/ipv6/ipv6-address';
import type { LoadedScenario } from '../../scenarios/to-topology';
import type { EventRef, Observation } from './observations';

export type CheckState = 'pending' | 'passed' | 'failed';

export interface CheckStatus {
  readonly state: CheckState;
  /** When it passed or failed (virtual µs). */
  readonly at?: Micros;
  /** The trace event that satisfies it (or breaks it): what "show me" seeks to and selects. */
  readonly evidence?: EventRef;
  /** The number it counted, where it counts: hops of the route, datagrams lost, messages sent. */
  readonly measured?: number;
  /** One line for the learner: what was seen, or what it is waiting for. */
  readonly detail: string;
}

export interface CheckRun {
  observe(o: Observation): void;
  /** `settled`: the trace has been read up to and including this time. */
  status(settled: Micros): CheckStatus;
}

/** What checks need to know of the scenario: nodes' addresses (IPv4, and IPv6 on a dual-stack network), a mobile node's home address. */
export interface CheckContext {
  addressesOf(node: string): readonly (Ipv4Address | Ipv6Address)[];
  homeAddressOf(mobileNode: string): Ipv4Address | Ipv6Address | undefined;
  /**
   * Whether `address` is a care-of address "at" `node`: one of its addresses (a foreign agent's, RFC 2002 §3) or, in IPv6,
   * an address in one of its interfaces' prefixes — a care-of address autoconfigured on an access router's link (Perkins & Johnson §10).
   */
  isCareOfAt(node: string, address: unknown): boolean;
}

export function checkContext(scenario: LoadedScenario): CheckContext {
  return {
    addressesOf: (id) => scenario.topology.nodes.find((n) => n.id === id)?.interfaces.flatMap((i) => (i.ipv6 === undefined ? [i.address] : [i.address, i.ipv6.address])) ?? [],
    homeAddressOf: (id) => {
      const node = scenario.nodes.find((n) => n.id === id);
      return node?.role === 'mobile-node' || node?.role === 'mobile-node-v6' ? node.settings.homeAddress : undefined;
    },
    isCareOfAt: (id, address) => {
      const interfaces = scenario.topology.nodes.find((n) => n.id === id)?.interfaces ?? [];
      if (typeof address !== 'string') return false;
      if (!address.includes(':')) return interfaces.some((i) => i.address === address);
      return interfaces.some((i) => i.ipv6 !== undefined && ipv6InPrefix(address, i.ipv6.address, i.ipv6.prefixLength));
    },
  };
}

/** Names whose words are not simply capitalised (RFC 6275 §6.1.4, §6.1.6 write "Care-of"). */
const TITLES: Readonly<Record<string, string>> = { 'care-of-test-init': 'Care-of Test Init', 'care-of-test': 'Care-of Test' };

/** "Binding Update" for "binding-update". */
export const messageTitle = (name: string): string => TITLES[name] ?? name.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ');

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** A check waiting for the learner's first action in the step: it cannot start looking yet. */
export const waitingForAction: CheckRun = {
  observe() {},
  status: () => ({ state: 'pending', detail: 'waiting for your action' }),
};

/**
 * The shared rule of the counting checks (message-count, flow-loss): "at
 * least N" alone passes once N is reached; with a span (`spanEnd`) it fails
 * if the span ends first. "At most N" fails once N is exceeded and passes
 * when the span is over (settled) within bounds.
 */
export interface Mark {
  /** When the count was known. */
  readonly at: Micros;
  readonly evidence: EventRef;
  /** The count then: a check that has passed keeps saying what it saw when it passed. */
  readonly n: number;
}

export function countStatus(
  bounds: { readonly atLeast?: number | undefined; readonly atMost?: number | undefined },
  counted: { readonly n: number; readonly reached?: Mark | undefined; readonly exceeded?: Mark | undefined },
  spanEnd: Micros | undefined,
  settled: Micros,
  what: (n: number) => string,
): CheckStatus {
  const { n, reached, exceeded } = counted;
  if (exceeded !== undefined) return { state: 'failed', at: exceeded.at, evidence: exceeded.evidence, measured: exceeded.n, detail: `${what(exceeded.n)}: more than ${bounds.atMost}` };
  const enough = bounds.atLeast === undefined || n >= bounds.atLeast;
  if (bounds.atMost === undefined && enough && reached !== undefined) return { state: 'passed', at: reached.at, evidence: reached.evidence, measured: reached.n, detail: what(reached.n) };
  if (spanEnd === undefined || settled < spanEnd) return { state: 'pending', measured: n, detail: `so far ${what(n)}` };
  if (!enough) return { state: 'failed', at: spanEnd, measured: n, detail: `${what(n)}: fewer than ${bounds.atLeast}` };
  return { state: 'passed', at: spanEnd, ...(reached === undefined ? {} : { evidence: reached.evidence }), measured: n, detail: what(n) };
}
