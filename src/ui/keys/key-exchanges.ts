// One view per registration-key exchange (docs/architecture.md "UI"), assembled from what
// the nodes really reported — no side sees the whole exchange:
//
//  * the mobile node and the foreign agent each emit a `key-established`
//    trace carrying their own KeyExchangeRecord (engine: keys/
//    key-exchange-record.ts): their decision steps, the values they sent or
//    received (X at the MN, Y at the FA), their private value and the key;
//  * the home agent keeps no record: its Perkins & Johnson §9.3; regkey-00 §7.1 steps are `decision` traces,
//    caused by the Request it received. Following the FA's trace back through
//    `causedBy` (FA received Reply ← HA sent Reply ← HA received Request)
//    finds them;
//  * an exchange not finished yet lives in the node states (the MN's pending
//    Request, the FA's `keyExchanges`);
//  * one that ended without a key leaves "no registration key …" decisions.
//
// The MN's record and the FA's are paired by the same path: the FA's
// `key-established` follows the Reply it received, and the MN's follows the
// Reply the FA relayed from it.

import { entryAt } from '../../engine/keyed';
import type { NodeId, TraceEvent, TraceEventId } from '../../engine/node/contract';
import type { Micros } from '../../engine/node/time';
import type { DecisionStep, ExchangedKeyExtension, KeyExchangeRecord, KeyMethod, KeySideRecord } from '../../engine/protocol/keys';
import type { ForeignAgentState } from '../../engine/protocol/nodes/fa/foreign-agent-state';
import type { MobileNodeState } from '../../engine/protocol/nodes/mn/mobile-node-state';
import type { LoadedNode } from '../../scenarios/to-topology';
import type { TraceLog } from '../store/trace-log';
import { replyKeyExtensions } from './reply-extensions';

export interface KeyExchangeView {
  readonly id: string;
  readonly status: 'established' | 'in progress';
  readonly time: Micros;
  readonly homeAddress: string;
  readonly faAddress: string;
  readonly method: KeyMethod | null;
  readonly methodName: string | null;
  readonly mobileNode: KeySideRecord | null;
  readonly foreignAgent: KeySideRecord | null;
  readonly homeAgentSteps: readonly DecisionStep[];
  readonly diffieHellman: KeyExchangeRecord['diffieHellman'];
  readonly extensions: readonly ExchangedKeyExtension[];
  readonly spi: number | null;
  /** The packet to select to see the Reply that carried the key (the FA's relayed Reply). */
  readonly replyPacket: TraceEventId | null;
}

export interface NoKeyOutcome {
  readonly id: TraceEventId;
  readonly time: Micros;
  readonly node: NodeId;
  readonly summary: string;
  readonly ref: string;
}

export interface KeyExchangeSummary {
  readonly exchanges: readonly KeyExchangeView[];
  readonly withoutKey: readonly NoKeyOutcome[];
}

const MAX_CHAIN = 40;

function isRecord(v: unknown): v is KeyExchangeRecord {
  return typeof v === 'object' && v !== null && 'mobileNode' in v && 'foreignAgent' in v && 'homeAddress' in v;
}

/** Every event `e` follows from, nearest first. */
function ancestors(trace: TraceLog, e: TraceEvent): TraceEvent[] {
  const out: TraceEvent[] = [];
  let id = e.causedBy;
  while (id !== undefined && out.length < MAX_CHAIN) {
    const c = trace.byId.get(id);
    if (c === undefined) break;
    out.push(c);
    id = c.causedBy;
  }
  return out;
}

const stepOf = (e: TraceEvent): DecisionStep => ({ step: e.summary, branch: e.reason === 'branch taken' ? 'taken' : 'skipped', ref: e.ref });

function mergeExtensions(a: readonly ExchangedKeyExtension[], b: readonly ExchangedKeyExtension[]): ExchangedKeyExtension[] {
  const seen = new Set<string>();
  return [...a, ...b].filter((x) => {
    const k = `${x.type}|${x.spi}|${x.value}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function mergeDh(mn: KeyExchangeRecord | null, fa: KeyExchangeRecord | null): KeyExchangeRecord['diffieHellman'] {
  const a = mn?.diffieHellman ?? null;
  const b = fa?.diffieHellman ?? null;
  if (a === null) return b;
  if (b === null) return a;
  return { ...a, Y: b.Y ?? a.Y };
}

function view(id: string, status: KeyExchangeView['status'], time: Micros, mn: KeyExchangeRecord | null, fa: KeyExchangeRecord | null, haSteps: readonly DecisionStep[], replyPacket: TraceEventId | null, replyExtensions: readonly ExchangedKeyExtension[] = []): KeyExchangeView {
  const base = (mn ?? fa)!;
  const method = fa?.method ?? mn?.method ?? null;
  return {
    id, status, time, homeAddress: base.homeAddress, faAddress: base.faAddress, method,
    methodName: fa?.methodName ?? mn?.methodName ?? null,
    mobileNode: mn?.mobileNode ?? null,
    foreignAgent: fa?.foreignAgent ?? null,
    homeAgentSteps: haSteps,
    diffieHellman: mergeDh(mn, fa),
    extensions: mergeExtensions(mergeExtensions(mn?.extensions ?? [], fa?.extensions ?? []), replyExtensions),
    spi: mn?.mobileNode.spi ?? fa?.foreignAgent.spi ?? fa?.newKeySpi ?? mn?.newKeySpi ?? null,
    replyPacket,
  };
}

/** The events a key exchange view is built from (for a TraceCursor): the rest of the trace is reached through `causedBy`. */
export function isKeyEvent(e: TraceEvent): boolean {
  return (e.kind === 'key-established' && isRecord(e.after))
    || (e.kind === 'decision' && (e.summary.startsWith('§9.3') || e.summary.startsWith('no registration key')));
}

/** `keyEvents`: the trace's events that pass isKeyEvent, in order. */
export function collectKeyExchanges(trace: TraceLog, keyEvents: readonly TraceEvent[], specs: readonly LoadedNode[], states: Readonly<Record<NodeId, { readonly state: unknown }>>): KeyExchangeSummary {
  const roles = new Map(specs.map((n) => [n.id, n.role] as const));
  const haStepsByCause = new Map<TraceEventId, TraceEvent[]>();
  const established: TraceEvent[] = [];
  const withoutKey: NoKeyOutcome[] = [];
  for (const e of keyEvents) {
    if (e.kind === 'key-established' && isRecord(e.after)) established.push(e);
    else if (e.kind === 'decision' && roles.get(e.node) === 'home-agent' && e.summary.startsWith('§9.3') && e.causedBy !== undefined) {
      const list = haStepsByCause.get(e.causedBy);
      if (list === undefined) haStepsByCause.set(e.causedBy, [e]);
      else list.push(e);
    } else if (e.kind === 'decision' && e.summary.startsWith('no registration key')) {
      withoutKey.push({ id: e.id, time: e.time, node: e.node, summary: e.summary, ref: e.ref });
    }
  }

  const faEvents = established.filter((e) => roles.get(e.node) === 'foreign-agent');
  const mnEvents = established.filter((e) => roles.get(e.node) !== 'foreign-agent');
  const pairedFa = new Set<TraceEventId>();
  const exchanges: KeyExchangeView[] = [];
  // The nearest Request the HA handled: a renewal's chain runs on through timers to older registrations.
  const haStepsOf = (chain: readonly TraceEvent[]): DecisionStep[] => (chain.map((c) => haStepsByCause.get(c.id)).find((l) => l !== undefined) ?? []).map(stepOf);
  const relayedReply = (chain: readonly TraceEvent[], fa: NodeId | undefined): TraceEventId | null =>
    chain.find((c) => c.node === fa && trace.packetById.has(c.id))?.id ?? null;
  // The Reply as the home agent sent it: the nearest transmission of a home agent up the chain.
  const haReply = (chain: readonly TraceEvent[]): readonly ExchangedKeyExtension[] => {
    const sent = chain.find((c) => roles.get(c.node) === 'home-agent' && c.bytes !== undefined && trace.packetById.has(c.id));
    return sent === undefined ? [] : replyKeyExtensions(sent.bytes!);
  };

  const faByCause = new Map(faEvents.filter((f) => f.causedBy !== undefined).map((f) => [f.causedBy!, f] as const));
  for (const mnEvent of mnEvents) {
    const chain = ancestors(trace, mnEvent);
    const mn = mnEvent.after as KeyExchangeRecord;
    const unpaired = (f: TraceEvent | undefined): f is TraceEvent => f !== undefined && !pairedFa.has(f.id);
    const faEvent = chain.map((c) => faByCause.get(c.id)).find(unpaired)
      ?? faEvents.find((f) => !pairedFa.has(f.id) && sameExchange(mn, f.after as KeyExchangeRecord));
    if (faEvent !== undefined) pairedFa.add(faEvent.id);
    const fa = faEvent === undefined ? null : (faEvent.after as KeyExchangeRecord);
    exchanges.push(view(mnEvent.id, 'established', mnEvent.time, mn, fa, haStepsOf(chain), relayedReply(chain, faEvent?.node), haReply(chain)));
  }
  for (const faEvent of faEvents) {
    if (pairedFa.has(faEvent.id)) continue;
    const chain = ancestors(trace, faEvent);
    exchanges.push(view(faEvent.id, 'established', faEvent.time, null, faEvent.after as KeyExchangeRecord, haStepsOf(chain), null, haReply(chain)));
  }
  exchanges.push(...inProgress(specs, states, exchanges));
  exchanges.sort((a, b) => b.time - a.time);
  return { exchanges, withoutKey: withoutKey.sort((a, b) => b.time - a.time) };
}

function sameExchange(mn: KeyExchangeRecord, fa: KeyExchangeRecord): boolean {
  return mn.homeAddress === fa.homeAddress && mn.faAddress === fa.faAddress && mn.mobileNode.spi !== null && mn.mobileNode.spi === fa.foreignAgent.spi;
}

/** Exchanges the node states hold that no `key-established` trace has closed yet. */
function inProgress(specs: readonly LoadedNode[], states: Readonly<Record<NodeId, { readonly state: unknown }>>, done: readonly KeyExchangeView[]): KeyExchangeView[] {
  const mnRecords: KeyExchangeRecord[] = [];
  const faRecords: KeyExchangeRecord[] = [];
  for (const spec of specs) {
    const state = entryAt(states, spec.id)?.state;
    if (typeof state !== 'object' || state === null) continue;
    if (spec.role === 'mobile-node' && 'pending' in state) {
      const record = (state as MobileNodeState).pending?.keyRecord;
      if (record !== null && record !== undefined) mnRecords.push(record);
    } else if (spec.role === 'foreign-agent' && 'keyExchanges' in state) {
      faRecords.push(...Object.values((state as ForeignAgentState).keyExchanges));
    }
  }
  const out: KeyExchangeView[] = [];
  const usedFa = new Set<KeyExchangeRecord>();
  for (const mn of mnRecords) {
    const fa = faRecords.find((f) => f.homeAddress === mn.homeAddress && f.faAddress === mn.faAddress) ?? null;
    if (fa !== null) usedFa.add(fa);
    out.push(view(`pending ${mn.homeAddress} ${mn.faAddress}`, 'in progress', Number.MAX_SAFE_INTEGER, mn, fa, [], null));
  }
  for (const fa of faRecords) {
    if (!usedFa.has(fa)) out.push(view(`pending ${fa.homeAddress} ${fa.faAddress}`, 'in progress', Number.MAX_SAFE_INTEGER, null, fa, [], null));
  }
  return out.filter((p) => !done.some((d) => d.id === p.id));
}

/** Whether the MN and the FA ended with the same key: null until both have one. */
export function keysMatch(x: KeyExchangeView): boolean | null {
  const a = x.mobileNode?.key ?? null;
  const b = x.foreignAgent?.key ?? null;
  return a === null || b === null ? null : a.toLowerCase() === b.toLowerCase();
}
