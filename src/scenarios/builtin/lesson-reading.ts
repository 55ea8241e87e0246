// Test support for the lesson stories (lessons.test.ts): run a built-in
// scenario headless for a bounded stretch of virtual time, and read its trace
// back as the things a learner is told to watch — where each correspondent
// datagram went, which Mobile IP messages crossed the wire, which keys were
// established and how a table changed.
//
// Datagrams are followed by their flow payload (flow id + sequence,
// engine/metrics/trace-events.ts), so tunnels do not hide them. Only the
// correspondent → mobile node direction is followed: the echo the mobile node
// sends back carries the same payload, and is told apart by its source.

import { runHeadless, type HeadlessRun } from '../../cli/commands/run';
import { flowDatagramOf } from '../../engine/metrics/trace-events';
import type { NodeId, TraceEvent } from '../../engine/node/contract';
import { seconds, type Micros } from '../../engine/node/time';
import type { KeyExchangeRecord } from '../../engine/protocol/keys';
import { mipMessages, type SeenMip } from '../../engine/protocol/nodes/test-support/trace-reading';
import type { MipMessage } from '../../engine/wire/mip/mip-message';
import { toLoadedScenario } from '../to-topology';
import { parseScenario } from '../validate';
import { builtinScenario, loadBuiltin } from './index';

/** The lab topology family every built-in uses (builtin.test.ts checks it). */
export const LAB = {
  ha: '10.1.0.1',
  fa1: '192.168.2.1',
  fa2: '192.168.3.1',
  cn: '198.51.100.5',
  mn: '10.1.0.10',
} as const;

/** Runs a built-in to `untilSeconds` of virtual time (not its whole duration, to keep the stories quick). */
export function runLesson(id: string, untilSeconds: number): HeadlessRun {
  return runHeadless(loadBuiltin(id), { until: seconds(untilSeconds) });
}

/** Runs a built-in with some nodes' settings changed, as a learner editing the file would (the variant a lesson invites). */
export function runLessonWithSettings(id: string, untilSeconds: number, settings: Readonly<Record<NodeId, Readonly<Record<string, unknown>>>>): HeadlessRun {
  const data = builtinScenario(id)!.data as { nodes: { id: string; settings?: Record<string, unknown> }[] };
  const edited = { ...data, nodes: data.nodes.map((n) => (settings[n.id] === undefined ? n : { ...n, settings: { ...n.settings, ...settings[n.id] } })) };
  const parsed = parseScenario(edited);
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return runHeadless(toLoadedScenario(parsed.scenario), { until: seconds(untilSeconds) });
}

/** One link-layer step of a datagram: who sent, forwarded or received it, and whether it was inside a tunnel then. */
export interface Leg {
  readonly node: NodeId;
  readonly kind: 'sent' | 'forwarded' | 'received';
  readonly time: Micros;
  /** Tunnels around the datagram at this step, outermost first; [] when plain. */
  readonly tunnels: readonly string[];
  /** The outermost header's source (the tunnel entry point when tunnelled). */
  readonly outerSource: string;
}

/** One correspondent → mobile node datagram, followed from its first transmission. */
export interface FollowedDatagram {
  readonly flow: string;
  readonly sequence: number;
  readonly sentAt: Micros;
  readonly legs: readonly Leg[];
  /** When a mobile node received it; null if none did (lost, or still in flight). */
  readonly arrivedAt: Micros | null;
  /** Link transmissions (sends and forwards) before it arrived; all of them if it never did. */
  readonly transmissions: number;
  /** The nodes that received it, in order (the path). */
  readonly path: readonly NodeId[];
}

const isMobileNode = (node: NodeId) => /^MN\d*$/.test(node);

/** Every datagram of `flow` that `from` sent, in sequence order. */
export function followFlow(trace: readonly TraceEvent[], flow: string, from: string = LAB.cn): FollowedDatagram[] {
  const legs = new Map<number, Leg[]>();
  for (const e of trace) {
    if (e.kind !== 'sent' && e.kind !== 'forwarded' && e.kind !== 'received') continue;
    const d = flowDatagramOf(e);
    if (d === null || d.source !== from || d.flow !== flow) continue;
    const list = legs.get(d.sequence) ?? [];
    list.push({ node: e.node, kind: e.kind, time: e.time, tunnels: d.tunnels, outerSource: d.outerSource });
    legs.set(d.sequence, list);
  }
  return [...legs.entries()].sort(([a], [b]) => a - b).map(([sequence, l]) => {
    const arrival = l.findIndex((leg) => leg.kind === 'received' && isMobileNode(leg.node));
    const before = arrival === -1 ? l : l.slice(0, arrival);
    return {
      flow,
      sequence,
      sentAt: l[0]!.time,
      legs: l,
      arrivedAt: arrival === -1 ? null : l[arrival]!.time,
      transmissions: before.filter((leg) => leg.kind !== 'received').length,
      path: l.filter((leg) => leg.kind === 'received').map((leg) => leg.node),
    };
  });
}

/** True when `node` passed the datagram on inside a tunnel it built itself. */
export function tunnelledBy(d: FollowedDatagram, node: NodeId, nodeAddress: string): boolean {
  return d.legs.some((leg) => leg.node === node && leg.kind !== 'received' && leg.tunnels.length > 0 && leg.outerSource === nodeAddress);
}

export const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

type Of<K extends MipMessage['kind']> = SeenMip & { readonly message: Extract<MipMessage, { kind: K }> };

/** The Mobile IP messages of one kind as first transmitted by `node` (not forwarded by routers). */
export function sentMessages<K extends MipMessage['kind']>(trace: readonly TraceEvent[], kind: K, node?: NodeId): Of<K>[] {
  return mipMessages(trace, ['sent']).filter((m): m is Of<K> => m.message.kind === kind && (node === undefined || m.node === node));
}

/** The Mobile IP messages of one kind that `node` received. */
export function receivedMessages<K extends MipMessage['kind']>(trace: readonly TraceEvent[], kind: K, node: NodeId): Of<K>[] {
  return mipMessages(trace, ['received']).filter((m): m is Of<K> => m.message.kind === kind && m.node === node);
}

export interface KeyEstablished {
  readonly node: NodeId;
  readonly time: Micros;
  /** The key-exchange record the key panel shows (common/smooth-handoff-io.ts keyEstablished). */
  readonly record: KeyExchangeRecord;
}

export function keysEstablished(trace: readonly TraceEvent[], node: NodeId): KeyEstablished[] {
  return trace.filter((e) => e.kind === 'key-established' && e.node === node).map((e) => ({ node: e.node, time: e.time, record: e.after as KeyExchangeRecord }));
}

/** `table-changed` events of one table at `node`, by the prefix of their summary (e.g. "binding cache:"). */
export function tableChanges(trace: readonly TraceEvent[], node: NodeId, table: string): TraceEvent[] {
  return trace.filter((e) => e.kind === 'table-changed' && e.node === node && e.summary.startsWith(`${table}:`));
}
