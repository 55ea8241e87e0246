// Invariants of a run, read from its trace (and, for cache expiry, from node
// state on the way). Each checker returns the violations it found as
// sentences naming the node, the virtual time and the rule, so a failing
// property prints a story a protocol engineer can follow. The rules are
// restated here from the paper and the lab's register of choices rather than
// imported from the code under test, so a bug in the code cannot hide behind
// the same bug in its checker.

import type { TraceEvent } from '../../../engine/node/contract';
import type { Simulation } from '../../../engine/network/simulation';
import { decapsulateGre } from '../../../engine/wire/gre';
import { decapsulateIpInIp } from '../../../engine/wire/ip-in-ip';
import { IpProtocol, parseIpv4, type Ipv4Datagram } from '../../../engine/wire/ipv4';
import { decapsulateMinimal } from '../../../engine/wire/minimal-encapsulation';
import { mipMessages } from '../../../engine/protocol/nodes/test-support/trace-reading';
import type { LoadedScenario } from '../../to-topology';

const SECOND = 1_000_000;
const seconds = (t: number): string => `${(t / SECOND).toFixed(6)} s`;
const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** Facts about the scenario the checkers need: who is who, and who owns which address. */
export interface RunFacts {
  readonly trace: readonly TraceEvent[];
  readonly roles: ReadonlyMap<string, string>;
  readonly addresses: ReadonlyMap<string, ReadonlySet<string>>;
  /** OC-20 policy of each home agent. */
  readonly rateLimit: ReadonlyMap<string, 'exponential' | 'mipv6-07'>;
}

export function runFacts(loaded: LoadedScenario, trace: readonly TraceEvent[]): RunFacts {
  const roles = new Map(loaded.nodes.map((n) => [n.id, n.role] as const));
  const addresses = new Map(loaded.nodes.map((n) => {
    const own = new Set(n.interfaces.map((i) => i.address));
    if (n.role === 'mobile-node') own.add(n.settings.homeAddress);
    return [n.id, own as ReadonlySet<string>] as const;
  }));
  const rateLimit = new Map(loaded.nodes.flatMap((n) => (n.role === 'home-agent' ? [[n.id, n.settings.rateLimit] as const] : [])));
  return { trace, roles, addresses, rateLimit };
}

// ── tunnels ─────────────────────────────────────────────────────────────────

const TUNNEL_PROTOCOLS: ReadonlySet<number> = new Set([IpProtocol.IP_IN_IP, IpProtocol.MINIMAL_ENCAPSULATION, IpProtocol.GRE]);

/** The datagram at the bottom of every tunnel layer (IP in IP, minimal encapsulation, GRE). */
export function innermostDatagram(bytes: Uint8Array): Ipv4Datagram | null {
  let at = bytes;
  for (let depth = 0; depth < 16; depth++) {
    const d = parseIpv4(at);
    if (!d.ok) return null;
    if (!TUNNEL_PROTOCOLS.has(d.value.protocol)) return d.value;
    const opened = d.value.protocol === IpProtocol.IP_IN_IP ? decapsulateIpInIp(at)
      : d.value.protocol === IpProtocol.GRE ? decapsulateGre(at) : decapsulateMinimal(at);
    if (!opened.ok) return null;
    at = opened.value.inner;
  }
  return null;
}

/** Identity of a datagram whatever tunnels carry it and whatever its TTL: addresses, IP Identification, protocol, payload. */
function datagramIdentity(d: Ipv4Datagram): string {
  return `${d.source} → ${d.destination} id ${d.identification} proto ${d.protocol} ${hex(d.payload)}`;
}

export interface Encapsulation {
  readonly event: TraceEvent;
  readonly outer: Ipv4Datagram;
  readonly inner: Ipv4Datagram;
}

/**
 * Every tunnel entry in the trace: a node transmitting (sent or forwarded) a
 * tunnelled datagram whose outer source is its own address — it put the
 * datagram into that tunnel. Routers passing a tunnel on are not entries.
 */
export function encapsulations(facts: RunFacts): Encapsulation[] {
  const out: Encapsulation[] = [];
  for (const e of facts.trace) {
    if ((e.kind !== 'sent' && e.kind !== 'forwarded') || e.bytes === undefined) continue;
    const outer = parseIpv4(e.bytes);
    if (!outer.ok || !TUNNEL_PROTOCOLS.has(outer.value.protocol)) continue;
    if (!(facts.addresses.get(e.node)?.has(outer.value.source) ?? false)) continue;
    const inner = innermostDatagram(e.bytes);
    if (inner === null) continue;
    out.push({ event: e, outer: outer.value, inner });
  }
  return out;
}

/** (a) No datagram is put into a tunnel more than `bound` times (encapsulation and every re-tunnelling counted). */
export function tunnelBoundViolations(facts: RunFacts, bound: number): string[] {
  const byDatagram = new Map<string, Encapsulation[]>();
  for (const x of encapsulations(facts)) {
    const id = datagramIdentity(x.inner);
    byDatagram.set(id, [...(byDatagram.get(id) ?? []), x]);
  }
  const out: string[] = [];
  for (const list of byDatagram.values()) {
    if (list.length <= bound) continue;
    const first = list[0]!;
    const hops = list.slice(0, 8).map((x) => `${x.event.node}→${x.outer.destination} at ${seconds(x.event.time)}`).join(', ');
    out.push(`datagram ${first.inner.source} → ${first.inner.destination} (IP id ${first.inner.identification}) tunnelled ${list.length} times (bound ${bound}): ${hops}${list.length > 8 ? ', …' : ''}`);
  }
  return out;
}

// ── causes ──────────────────────────────────────────────────────────────────

function eventIndex(trace: readonly TraceEvent[]): Map<string, TraceEvent> {
  return new Map(trace.map((e) => [e.id, e] as const));
}

function isRegistrationRelay(e: TraceEvent): boolean {
  if (e.bytes === undefined) return false;
  const seen = mipMessages([e]);
  return seen.length === 1 && (seen[0]!.message.kind === 'registration-request' || seen[0]!.message.kind === 'registration-reply');
}

/**
 * The node that sent the message behind `change` (a table change): follows the
 * frame back over the links, through routers that forwarded it and foreign
 * agents that relayed a registration, to the node that made it. A change
 * caused by a timer is the node's own.
 */
export function messageOriginator(change: TraceEvent, byId: ReadonlyMap<string, TraceEvent>, roles: ReadonlyMap<string, string>): string {
  let cur = change.causedBy === undefined ? undefined : byId.get(change.causedBy);
  if (cur === undefined || cur.kind !== 'received') return change.node;
  for (let steps = 0; steps < 64; steps++) {
    const from: TraceEvent | undefined = cur.causedBy === undefined ? undefined : byId.get(cur.causedBy);
    if (from === undefined) return cur.node;
    if (cur.kind === 'received') { cur = from; continue; } // back over the link to the transmission
    if (cur.kind === 'forwarded') { cur = from; continue; } // a router passed it on
    if (cur.kind === 'sent' && roles.get(cur.node) === 'foreign-agent' && isRegistrationRelay(cur) && from.kind === 'received') { cur = from; continue; }
    return cur.node;
  }
  return cur.node;
}

/** Table name, and the entry after (undefined when the change removed it), of a table-changed event. */
function tableChange(e: TraceEvent): { table: string; after: Record<string, unknown> | undefined; before: Record<string, unknown> | undefined } | null {
  if (e.kind !== 'table-changed') return null;
  const colon = e.summary.indexOf(':');
  if (colon < 0) return null;
  return { table: e.summary.slice(0, colon), after: e.after as Record<string, unknown> | undefined, before: e.before as Record<string, unknown> | undefined };
}

/**
 * (b) A message the mobile node did not send never changes the home agent's
 * binding for it (Registration Requests are authenticated and replay-checked,
 * RFC 2002 §3.8.2.1, §5.6), and no adversary's Binding Update changes a
 * correspondent's binding cache (Perkins & Johnson §3.3, §3.5).
 */
export function adversaryChangeViolations(facts: RunFacts): string[] {
  const byId = eventIndex(facts.trace);
  const out: string[] = [];
  for (const e of facts.trace) {
    const c = tableChange(e);
    if (c === null) continue;
    const role = facts.roles.get(e.node);
    const watched = (role === 'home-agent' && c.table === 'mobility bindings') || (role === 'correspondent' && c.table === 'binding cache');
    if (!watched) continue;
    const origin = messageOriginator(e, byId, facts.roles);
    if (facts.roles.get(origin) === 'adversary') out.push(`${e.node} at ${seconds(e.time)}: "${e.summary}" was caused by a message from the adversary ${origin}`);
  }
  return out;
}

// ── binding caches ──────────────────────────────────────────────────────────

interface CacheEntryView {
  readonly careOfAddress: string;
  readonly expiresAt: number | null;
  readonly lifetimeSeconds: number;
  readonly origin?: string;
}

function asCacheEntry(x: Record<string, unknown> | undefined): CacheEntryView | null {
  if (x === undefined || typeof x.careOfAddress !== 'string' || !('expiresAt' in x) || typeof x.lifetimeSeconds !== 'number') return null;
  return x as unknown as CacheEntryView;
}

function homeAddressOf(x: Record<string, unknown> | undefined): string | null {
  return x !== undefined && typeof x.homeAddress === 'string' ? x.homeAddress : null;
}

/** A binding cache rebuilt from a node's table-changed events, step by step through the trace. */
class CacheReplica {
  private readonly entries = new Map<string, Map<string, CacheEntryView>>();

  /** Applies `e` if it changes a binding cache; returns the entry it wrote (null for a removal, undefined if not a cache change). */
  apply(e: TraceEvent): { home: string; entry: CacheEntryView | null } | undefined {
    const c = tableChange(e);
    if (c === null || c.table !== 'binding cache') return undefined;
    const home = homeAddressOf(c.after) ?? homeAddressOf(c.before);
    if (home === null) return undefined;
    const node = this.entries.get(e.node) ?? new Map<string, CacheEntryView>();
    this.entries.set(e.node, node);
    const entry = asCacheEntry(c.after);
    if (entry === null) node.delete(home);
    else node.set(home, entry);
    return { home, entry };
  }

  get(node: string, home: string): CacheEntryView | undefined {
    return this.entries.get(node)?.get(home);
  }
}

/**
 * (c) No node tunnels with a binding-cache entry past its lifetime
 * (Perkins & Johnson §3: an entry is deleted when its lifetime expires), and
 * a correspondent's entry never outlives the registration it was learnt from
 * (the home agent gives the remaining registration lifetime, §3.3).
 */
export function cacheLifetimeViolations(facts: RunFacts): string[] {
  const caches = new CacheReplica();
  /** Latest known registration expiry per "home@care-of" at any home agent (null = infinite). */
  const registrations = new Map<string, number | null>();
  const tunnels = new Map(encapsulations(facts).map((x) => [x.event.id, x] as const));
  const out: string[] = [];
  for (const e of facts.trace) {
    const c = tableChange(e);
    if (c !== null && facts.roles.get(e.node) === 'home-agent' && c.table === 'mobility bindings' && c.after !== undefined) {
      const b = asCacheEntry(c.after);
      const home = homeAddressOf(c.after);
      if (b !== null && home !== null) {
        const k = `${home}@${b.careOfAddress}`;
        const prev = registrations.get(k);
        registrations.set(k, prev === null || b.expiresAt === null ? null : Math.max(prev ?? 0, b.expiresAt));
      }
    }
    const written = caches.apply(e);
    if (written?.entry != null && facts.roles.get(e.node) === 'correspondent' && written.entry.expiresAt !== null && written.entry.careOfAddress !== written.home) {
      const reg = registrations.get(`${written.home}@${written.entry.careOfAddress}`);
      if (reg === undefined) out.push(`${e.node} at ${seconds(e.time)}: cached ${written.home} → ${written.entry.careOfAddress}, a binding no home agent ever registered`);
      else if (reg !== null && written.entry.expiresAt > reg + SECOND / 2) {
        out.push(`${e.node} at ${seconds(e.time)}: cached ${written.home} → ${written.entry.careOfAddress} until ${seconds(written.entry.expiresAt)}, after the registration ends (${seconds(reg)})`);
      }
    }
    const tunnel = tunnels.get(e.id);
    if (tunnel === undefined) continue;
    const role = facts.roles.get(e.node);
    if (role === 'home-agent' || tunnel.outer.destination === tunnel.inner.destination) continue; // the HA's own tunnels; special tunnels
    const entry = caches.get(e.node, tunnel.inner.destination);
    if (entry === undefined) {
      out.push(`${e.node} at ${seconds(e.time)} tunnelled a datagram for ${tunnel.inner.destination} to ${tunnel.outer.destination} with no binding-cache entry for it`);
    } else if (entry.careOfAddress !== tunnel.outer.destination) {
      out.push(`${e.node} at ${seconds(e.time)} tunnelled a datagram for ${tunnel.inner.destination} to ${tunnel.outer.destination}, but its cache entry says ${entry.careOfAddress}`);
    } else if (entry.expiresAt !== null && e.time >= entry.expiresAt) {
      out.push(`${e.node} at ${seconds(e.time)} tunnelled a datagram for ${tunnel.inner.destination} with a cache entry that expired at ${seconds(entry.expiresAt)}`);
    }
  }
  return out;
}

function isBindingCache(x: unknown): x is { capacity: number; entries: Record<string, Record<string, unknown>> } {
  return typeof x === 'object' && x !== null && 'capacity' in x && 'entries' in x && typeof (x as { entries: unknown }).entries === 'object';
}

/** Every binding cache held anywhere in a node's state (found by shape, wherever the node keeps it). */
function bindingCachesIn(state: unknown, depth = 0): Array<{ capacity: number; entries: Record<string, Record<string, unknown>> }> {
  if (typeof state !== 'object' || state === null || depth > 6 || state instanceof Uint8Array) return [];
  if (isBindingCache(state)) return [state];
  return Object.values(state as Record<string, unknown>).flatMap((v) => bindingCachesIn(v, depth + 1));
}

/** (c) At `now` (after running to it), no node still holds a binding-cache entry whose lifetime ended at or before `now`. */
export function expiredEntriesHeld(simulation: Simulation, nodes: readonly string[]): string[] {
  const now = simulation.now;
  const out: string[] = [];
  for (const node of nodes) {
    for (const cache of bindingCachesIn(simulation.nodeState(node))) {
      for (const [home, raw] of Object.entries(cache.entries)) {
        const entry = asCacheEntry(raw);
        if (entry?.expiresAt != null && entry.expiresAt <= now) out.push(`${node} still holds ${home} → ${entry.careOfAddress} at ${seconds(now)}; it expired at ${seconds(entry.expiresAt)}`);
      }
    }
  }
  return out;
}

// ── rate limits ─────────────────────────────────────────────────────────────

/**
 * OC-20: after the k-th consecutive send of an unchanged binding, the next no
 * sooner than min(2^(k−1), 32) s later; the mipv6-07 preset: 1 s for the
 * first five, then 10 s.
 */
export function requiredGapSeconds(policy: 'exponential' | 'mipv6-07', k: number): number {
  return policy === 'exponential' ? Math.min(2 ** (k - 1), 32) : k >= 5 ? 10 : 1;
}

interface Streak {
  signature: string;
  sends: number;
  last: number;
}

function checkStreak(streaks: Map<string, Streak>, key: string, signature: string, time: number, policy: 'exponential' | 'mipv6-07', what: string, out: string[]): void {
  const s = streaks.get(key);
  if (s === undefined || s.signature !== signature) {
    streaks.set(key, { signature, sends: 1, last: time });
    return;
  }
  const gap = requiredGapSeconds(policy, s.sends);
  if (time - s.last < gap * SECOND) {
    out.push(`${what} at ${seconds(time)}: ${seconds(time - s.last)} after the previous one, but the ${s.sends}${s.sends === 1 ? 'st' : s.sends === 2 ? 'nd' : s.sends === 3 ? 'rd' : 'th'} consecutive send of the unchanged binding (${signature}) requires ${gap} s`);
  }
  streaks.set(key, { signature, sends: s.sends + 1, last: time });
}

/**
 * (d) The home agent's Binding Updates and every node's Binding Warnings
 * respect the OC-20 rate limit, per (destination, mobile node) — per target
 * too for Warnings — with the backoff starting over when the binding changes.
 * A Binding Update that answers a Binding Request counts in a bucket of its
 * own (the rule the lab implements: tables/rate-limiter.ts), but is limited
 * just the same (Perkins & Johnson §3.3).
 */
export function rateLimitViolations(facts: RunFacts): string[] {
  const byId = eventIndex(facts.trace);
  const caches = new CacheReplica();
  const streaks = new Map<string, Streak>();
  const out: string[] = [];
  for (const e of facts.trace) {
    caches.apply(e);
    if (e.kind !== 'sent' || e.bytes === undefined) continue;
    const seen = mipMessages([e])[0];
    if (seen === undefined) continue;
    const m = seen.message;
    const role = facts.roles.get(e.node);
    if (m.kind === 'binding-update' && role === 'home-agent') {
      const cause = e.causedBy === undefined ? undefined : byId.get(e.causedBy);
      const causeMessage = cause?.kind === 'received' ? mipMessages([cause], ['received'])[0]?.message : undefined;
      const answer = causeMessage?.kind === 'binding-request';
      const policy = facts.rateLimit.get(e.node) ?? 'exponential';
      checkStreak(streaks, `BU|${e.node}|${seen.ip.destination}|${m.homeAddress}|${answer ? 'answer' : 'unsolicited'}`, m.careOfAddress, e.time, policy,
        `${e.node}'s ${answer ? 'answering ' : ''}Binding Update to ${seen.ip.destination} about ${m.homeAddress}`, out);
    } else if (m.kind === 'binding-warning') {
      const careOf = caches.get(e.node, m.homeAddress)?.careOfAddress ?? '(no cache entry)';
      for (const target of m.targets) {
        checkStreak(streaks, `BW|${e.node}|${seen.ip.destination}|${m.homeAddress}|${target}`, careOf, e.time, 'exponential',
          `${e.node}'s Binding Warning to ${seen.ip.destination} about ${m.homeAddress} (target ${target})`, out);
      }
    }
  }
  return out;
}

/**
 * (d) A cache holder sends at most one Binding Request per entry per refresh
 * window (OC-43, revised 2026-12-06). The refresh window is the stretch of
 * time an entry spends within max(10 s, 20 % of its lifetime) of its expiry; a
 * new one begins only when a Binding Update takes the entry out of it — its
 * new refresh point lies after the moment the update was applied. An answer
 * that extends the entry by less than that leaves it in the same window, and
 * the holder must not ask again.
 */
export function bindingRequestViolations(facts: RunFacts): string[] {
  const lastRequest = new Map<string, number>();
  const reopened = new Map<string, boolean>();
  const out: string[] = [];
  const caches = new CacheReplica();
  for (const e of facts.trace) {
    const written = caches.apply(e);
    if (written !== undefined) {
      const k = `${e.node}|${written.home}`;
      const asked = lastRequest.get(k);
      const entry = written.entry;
      if (entry === null) {
        lastRequest.delete(k); // the entry is gone: a later one is a new entry, with windows of its own
        reopened.delete(k);
      } else if (asked !== undefined) {
        const margin = entry.expiresAt === null ? 0 : Math.max(10 * SECOND, (entry.lifetimeSeconds * SECOND) / 5);
        if (entry.expiresAt === null || entry.expiresAt - margin > e.time) reopened.set(k, true);
      }
      continue;
    }
    if (e.kind !== 'sent' || e.bytes === undefined) continue;
    const seen = mipMessages([e])[0];
    if (seen === undefined || seen.message.kind !== 'binding-request') continue;
    const k = `${e.node}|${seen.message.homeAddress}`;
    const asked = lastRequest.get(k);
    if (asked !== undefined && reopened.get(k) !== true) {
      out.push(`${e.node} at ${seconds(e.time)} sent another Binding Request about ${seen.message.homeAddress}; its previous one (${seconds(asked)}) was in the same refresh window, and no Binding Update since took the entry out of it`);
    }
    lastRequest.set(k, e.time);
    reopened.set(k, false);
  }
  return out;
}
