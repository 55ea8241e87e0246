// How much work a run will be, estimated before it starts (FORMAT.md "Limits").
//
// The limits on single values (limits.ts) do not bound what they do together:
// a thousand-datagram-a-second flow is fine for a second and not for a day.
// So before a run starts, its work is estimated in events — the unit of the
// trace a learner reads — and a run over WORK_BUDGET is refused, naming the
// field whose work is largest, so the author knows what to change. The page,
// the lessons and the CLI all start runs through this check (the CLI's
// --until, a long run its user asked for, against UNTIL_WORK_BUDGET);
// the runtime adds a learner's commands (runtime/commands/validate.ts) and
// stops a run that still passes WORK_LIMIT events (runtime/control/timeline.ts).
//
// The rule, per part of the scenario (each an upper-ish bound, calibrated on
// the built-ins to within about 1.5× of the events they really record):
//  - a flow: datagrams sent before the run ends × 2 (the datagram and its echo)
//    × (4 + 2 × H) events, H = the forwarding nodes + 1 (at most 64: an IP TTL);
//  - an agent's advertisements: the run's length / its interval × (2 + the
//    nodes that hear them: every radio interface for a cell, the other
//    members for a wired link);
//  - a mobile node's registrations: (1 + the run's length / half its requested
//    lifetime) × 40;
//  - each move 50 + the node count (routes are recomputed); each adversary
//    action and each fault 20; each node 4 (its routes and its start).

import { LAB_ADVERTISEMENT_INTERVAL } from '../engine/protocol/discovery/advertiser';
import type { UdpFlow } from '../engine/network/behaviours/host';
import type { Topology } from '../engine/network/topology';
import { MICROS_PER_SECOND, type Micros } from '../engine/node/time';
import { LIMITS } from './limits';
import type { LoadedNode, LoadedScenario } from './to-topology';

/**
 * The most events a file, a lesson or a run link may ask for: a few seconds
 * of work on a modest machine (a busy data path runs about 15,000 events a
 * second), several times what any built-in needs (explore: about 44,000).
 */
export const WORK_BUDGET = 80_000;
/** A running run that records more events than this is stopped: estimates are estimates, and learner commands add work. */
export const WORK_LIMIT = 2 * WORK_BUDGET;
/**
 * `mip-lab run --until` past the scenario's end: the person at the terminal
 * asked for a long run (a virtual day of explore is about 850,000 events, a
 * dozen seconds); a file alone never gets this much.
 */
export const UNTIL_WORK_BUDGET = 2_000_000;
export const UNTIL_WORK_LIMIT = 2 * UNTIL_WORK_BUDGET;

const EVENTS_PER_REGISTRATION = 40;
export const EVENTS_PER_ACTION = 20;
const EVENTS_PER_NODE = 4;
export const EVENTS_PER_MOVE = 50;
const MAX_HOPS = 64;

/** One part of a run's work, and the field that would reduce it. */
export interface WorkPart {
  /** Where to change it: a path in the file, or another name the caller gives. */
  readonly field: string;
  readonly events: number;
  /** What to do, in a few words: "a longer intervalMs, a smaller count or an earlier untilS". */
  readonly remedy: string;
  /** Grows with the run's length (advertisements, registrations): a shorter durationS reduces it too. */
  readonly periodic?: boolean;
}

/** The hops a datagram may take: through every forwarding node at most once, and never past its TTL. */
export function hopBound(topology: Topology): number {
  return Math.min(MAX_HOPS, topology.nodes.filter((n) => n.forwards === true).length + 1);
}

/** Datagrams of `flow` sent by `end` (the first at its start, then one per interval, at most `count`). */
export function datagramsBy(flow: Pick<UdpFlow, 'start' | 'interval' | 'count'>, end: Micros): number {
  if (flow.start > end) return 0;
  return Math.min(flow.count, Math.floor((end - flow.start) / Math.max(1, flow.interval)) + 1);
}

/** A flow's events: each datagram and its echo, per hop received and forwarded. */
export function flowEvents(datagrams: number, hops: number): number {
  return datagrams * 2 * (4 + 2 * hops);
}

const FLOW_REMEDY = 'a longer intervalMs, a smaller count or an earlier untilS';

/** How many nodes hear what an agent sends on a link: counted once per run, so the estimate stays linear in the file. */
function hearing(topology: Topology): (link: string | undefined) => number {
  const cells = new Set(topology.links.filter((l) => l.kind === 'radio').map((l) => l.id));
  const members = new Map<string, number>();
  let radios = 0;
  for (const i of topology.nodes.flatMap((n) => n.interfaces)) {
    if (i.radio === true) radios++;
    if (i.link !== undefined) members.set(i.link, (members.get(i.link) ?? 0) + 1);
  }
  return (link) => (link === undefined ? 0 : cells.has(link) ? radios : Math.max(0, (members.get(link) ?? 0) - 1));
}

/** The link an agent advertises on: a home agent's home link; a foreign agent's cell, else its last interface's link (registry.ts). */
function advertisedLink(node: LoadedNode, cells: ReadonlySet<string>): string | undefined {
  if (node.role === 'home-agent') return node.settings.homeNetwork.link;
  return (node.interfaces.find((i) => i.link !== undefined && cells.has(i.link)) ?? node.interfaces[node.interfaces.length - 1])?.link;
}

/**
 * The parts of a run of `loaded` to `until`. `flowField` names a flow (default
 * by its id; the validator passes its path in the file).
 */
export function scenarioWork(loaded: LoadedScenario, until: Micros, flowField: (id: string) => string = (id) => `flow ${JSON.stringify(id)}`): WorkPart[] {
  const parts: WorkPart[] = [{ field: 'nodes', events: EVENTS_PER_NODE * loaded.nodes.length, remedy: 'fewer nodes' }];
  const hops = hopBound(loaded.topology);
  const cells = new Set(loaded.topology.links.filter((l) => l.kind === 'radio').map((l) => l.id));
  const hearers = hearing(loaded.topology);
  let homeAgentEvents = 0;
  loaded.nodes.forEach((node, n) => {
    for (const flow of node.flows) parts.push({ field: flowField(flow.id), events: flowEvents(datagramsBy(flow, until), hops), remedy: FLOW_REMEDY });
    if (node.role === 'foreign-agent' || node.role === 'home-agent') {
      const interval = node.role === 'foreign-agent' ? Math.max(1, Math.round(node.settings.advertiseIntervalS * MICROS_PER_SECOND)) : LAB_ADVERTISEMENT_INTERVAL;
      const events = (Math.floor(until / interval) + 1) * (2 + hearers(advertisedLink(node, cells)));
      if (node.role === 'foreign-agent') parts.push({ field: `nodes[${n}].settings.advertiseIntervalS`, events, remedy: 'a larger advertiseIntervalS', periodic: true });
      else homeAgentEvents += events;
    }
    if (node.role === 'mobile-node') {
      const renewals = Math.floor(until / Math.max(1, (node.settings.requestLifetimeS * MICROS_PER_SECOND) / 2));
      parts.push({ field: `nodes[${n}].settings.requestLifetimeS`, events: (1 + renewals) * EVENTS_PER_REGISTRATION, remedy: 'a longer requestLifetimeS', periodic: true });
    }
    if (node.role === 'adversary' || node.role === 'adversary-v6') parts.push({ field: `nodes[${n}].settings.actions`, events: node.settings.actions.length * EVENTS_PER_ACTION, remedy: 'fewer actions' });
    parts.push(...ipv6RoleWork(node, n, until, hearers));
  });
  // A home agent's advertisements have a fixed interval (OC-32): only the run's length changes them.
  parts.push({ field: 'durationS', events: homeAgentEvents, remedy: 'a shorter durationS', periodic: true });
  parts.push({ field: 'moves', events: loaded.moves.length * (EVENTS_PER_MOVE + loaded.nodes.length), remedy: 'fewer moves' });
  parts.push({ field: 'faults', events: (loaded.faults?.length ?? 0) * EVENTS_PER_ACTION, remedy: 'fewer faults' });
  return parts;
}

/**
 * The IPv6 roles (docs/ipv6.md §3): a router's Router Advertisements every
 * advertiseIntervalS to whoever hears them on its link; a mobile node's home
 * registrations, and its Binding Updates to correspondents, each renewed at
 * about half their lifetime.
 */
function ipv6RoleWork(node: LoadedNode, n: number, until: Micros, hearers: (link: string | undefined) => number): WorkPart[] {
  const renewals = (lifetimeS: number): number => 1 + Math.floor(until / Math.max(1, (lifetimeS * MICROS_PER_SECOND) / 2));
  switch (node.role) {
    case 'home-agent-v6':
    case 'access-router-v6': {
      const link = node.role === 'home-agent-v6' ? node.settings.homeLink : node.settings.cellLink;
      const interval = Math.max(1, Math.round(node.settings.advertiseIntervalS * MICROS_PER_SECOND));
      return [{ field: `nodes[${n}].settings.advertiseIntervalS`, events: (Math.floor(until / interval) + 1) * (2 + hearers(link)), remedy: 'a larger advertiseIntervalS', periodic: true }];
    }
    case 'mobile-node-v6': {
      const parts: WorkPart[] = [{ field: `nodes[${n}].settings.requestLifetimeS`, events: renewals(node.settings.requestLifetimeS) * EVENTS_PER_REGISTRATION, remedy: 'a longer requestLifetimeS', periodic: true }];
      if (node.settings.routeOptimization) parts.push({ field: `nodes[${n}].settings.correspondentLifetimeS`, events: renewals(node.settings.correspondentLifetimeS) * EVENTS_PER_REGISTRATION, remedy: 'a longer correspondentLifetimeS', periodic: true });
      return parts;
    }
    default:
      return [];
  }
}

export function totalEvents(parts: readonly WorkPart[]): number {
  return parts.reduce((sum, p) => sum + p.events, 0);
}

const count = (n: number): string => Math.round(n).toLocaleString('en-US');

/**
 * The field to name: the largest part's — unless the work is spread over many
 * parts that all grow with the run's length (agents advertising, nodes
 * registering), when the length itself is what to change.
 */
function culprit(parts: readonly WorkPart[]): WorkPart {
  const largest = parts.reduce((a, b) => (b.events > a.events ? b : a));
  if (largest.periodic !== true) return largest;
  const periodic = totalEvents(parts.filter((p) => p.periodic === true));
  if (largest.events * 2 < periodic) return { field: 'durationS', events: periodic, remedy: 'a shorter durationS (every advertisement and registration repeats over it)' };
  return largest.field === 'durationS' ? largest : { ...largest, remedy: `${largest.remedy}, or a shorter durationS` };
}

const tooMuch = (total: number, part: number, budget: number): string =>
  `the run would take about ${count(total)} events of work (this part about ${count(part)}), more than the ${count(budget)} a run may take`;

/**
 * Null when `parts` fit `budget`; otherwise one line naming the field to
 * change: "<field>: the run would take about N events (this part about M); …".
 */
export function workProblem(parts: readonly WorkPart[], budget: number = WORK_BUDGET): string | null {
  const total = totalEvents(parts);
  if (!(total > budget)) return null;
  const named = culprit(parts);
  return `${named.field}: ${tooMuch(total, named.events, budget)}; change it to do less: ${named.remedy}`;
}

/**
 * A run to `until` (the CLI's --until), which may be past the scenario's own
 * duration: null when its work fits, else why not, naming the option.
 */
export function untilProblem(loaded: LoadedScenario, until: Micros): string | null {
  const days = LIMITS.maxDurationS * MICROS_PER_SECOND;
  if (until > days) return `--until: ${formatSeconds(until)} is longer than a run may be (${LIMITS.maxDurationS.toLocaleString('en-US')} s of virtual time)`;
  const parts = scenarioWork(loaded, until);
  const total = totalEvents(parts);
  if (!(total > UNTIL_WORK_BUDGET)) return null;
  const named = culprit(parts);
  const also = named.periodic === true ? '' : ` (or change ${named.field}: ${named.remedy})`;
  return `--until: to ${formatSeconds(until)}, ${tooMuch(total, named.events, UNTIL_WORK_BUDGET)}; choose an earlier --until${also}`;
}

const formatSeconds = (t: Micros): string => `${(t / MICROS_PER_SECOND).toLocaleString('en-US', { maximumFractionDigits: 6 })} s`;

/** A run stopped because it did more work than WORK_LIMIT allows (a running run; the estimate came before). */
export class WorkLimitExceeded extends Error {
  constructor(readonly events: number, readonly at: Micros, readonly limit: number = WORK_LIMIT) {
    super(`at ${formatSeconds(at)} of virtual time the run had taken ${count(events)} events of work, more than the ${count(limit)} a run may take, so it was stopped; send fewer or slower flows, or run for a shorter time`);
    this.name = 'WorkLimitExceeded';
  }
}

/**
 * Counts a running run's events; past `limit` it throws WorkLimitExceeded,
 * which stops the run wherever it is (the CLI, the page's runtime, a lesson).
 */
export class WorkMeter {
  constructor(private done = 0, readonly limit: number = WORK_LIMIT) {}

  get events(): number {
    return this.done;
  }

  charge(events: number, at: Micros): void {
    this.done += events;
    if (this.done > this.limit) throw new WorkLimitExceeded(this.done, at, this.limit);
  }
}
