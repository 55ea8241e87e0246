// The loss invariant of a run (property (f) in ../invariants.test.ts): every
// flow datagram sent is delivered, lost with a trace event saying why, or
// still in flight. Kept apart from invariants.ts, whose checkers read
// tunnels, causes, caches and rate limits.

import type { TraceEvent } from '../../../engine/node/contract';
import { IpProtocol } from '../../../engine/wire/ipv4';
import { innermostDatagram, type RunFacts } from './invariants';

const seconds = (t: number): string => `${(t / 1_000_000).toFixed(6)} s`;

// ── losses ──────────────────────────────────────────────────────────────────

/** One flow as its source counted it: datagrams numbered 0 … sent − 1. */
export interface FlowTally {
  readonly flow: string;
  readonly source: string;
  readonly sent: number;
}

/** Per flow, each datagram sent is delivered, lost with a trace event, or still in flight. */
export interface FlowAccount {
  readonly flow: string;
  readonly sent: number;
  readonly delivered: number;
  readonly lost: number;
  readonly inFlight: number;
}

/** The flow datagram (flow id, sequence, innermost addresses) an event carries, read through every tunnel. */
function flowDatagramIn(e: TraceEvent): { flow: string; sequence: number; direction: string } | null {
  if (e.bytes === undefined) return null;
  const inner = innermostDatagram(e.bytes);
  if (inner === null || inner.protocol !== IpProtocol.UDP || inner.payload.length < 8 + 5) return null;
  const payload = inner.payload.subarray(8); // the UDP header is 8 octets (RFC 768)
  let flow = '';
  for (let i = 4; i < payload.length && payload[i] !== 0 && flow.length < 64; i++) flow += String.fromCharCode(payload[i]!);
  if (flow === '') return null;
  const sequence = ((payload[0]! << 24) | (payload[1]! << 16) | (payload[2]! << 8) | payload[3]!) >>> 0;
  return { flow, sequence, direction: `${inner.source} → ${inner.destination}` };
}

/**
 * (f) Every loss has a trace event: for every datagram of every flow, sent =
 * delivered + lost with a trace event + in flight at the end. A datagram is
 * delivered if some copy reached its destination's `delivered`; else in
 * flight if a frame carrying it (or the loss event of one) is still queued
 * (`pending`: the transmissions those queued events belong to); else it must
 * have a `dropped` or `lost` event — a node's refusal, or the link model's
 * record of a frame that reached no one. Besides, every transmission of a
 * flow datagram must have an outcome: received, lost, dropped, or in flight.
 * The flow's direction (source → destination of the innermost datagram) is
 * that of its first event, so an echo coming back is not counted.
 */
export function lossAccounting(facts: RunFacts, flows: readonly FlowTally[], pending: ReadonlySet<string>): { accounts: FlowAccount[]; violations: string[] } {
  const violations: string[] = [];
  interface Seen { delivered: boolean; lost: boolean; inFlight: boolean; first: TraceEvent }
  const byFlow = new Map<string, { direction: string; datagrams: Map<number, Seen> }>();
  const outcomes = new Set<string>();
  const transmissions: TraceEvent[] = [];
  for (const e of facts.trace) {
    if ((e.kind === 'received' || e.kind === 'lost' || e.kind === 'dropped') && e.causedBy !== undefined) outcomes.add(e.causedBy);
    const d = flowDatagramIn(e);
    if (d === null || !(e.kind === 'sent' || e.kind === 'forwarded' || e.kind === 'delivered' || e.kind === 'dropped' || e.kind === 'lost' || e.kind === 'received')) continue;
    let f = byFlow.get(d.flow);
    if (f === undefined) byFlow.set(d.flow, (f = { direction: d.direction, datagrams: new Map() }));
    if (f.direction !== d.direction) continue;
    let s = f.datagrams.get(d.sequence);
    if (s === undefined) f.datagrams.set(d.sequence, (s = { delivered: false, lost: false, inFlight: false, first: e }));
    if (e.kind === 'delivered') s.delivered = true;
    if (e.kind === 'dropped' || e.kind === 'lost') s.lost = true;
    if (e.kind === 'sent' || e.kind === 'forwarded') {
      transmissions.push(e);
      if (pending.has(e.id)) s.inFlight = true;
    }
  }
  for (const tx of transmissions) {
    if (!outcomes.has(tx.id) && !pending.has(tx.id)) violations.push(`${tx.node} at ${seconds(tx.time)}: "${tx.summary}" reached no node, has no loss event and is not in flight`);
  }
  const accounts = flows.map((tally): FlowAccount => {
    const datagrams = byFlow.get(tally.flow)?.datagrams ?? new Map<number, Seen>();
    let delivered = 0;
    let lost = 0;
    let inFlight = 0;
    for (let n = 0; n < tally.sent; n++) {
      const s = datagrams.get(n);
      if (s === undefined) violations.push(`flow ${tally.flow}: datagram #${n} that ${tally.source} counted as sent appears nowhere in the trace`);
      else if (s.delivered) delivered++;
      else if (s.inFlight) inFlight++;
      else if (s.lost) lost++;
      else violations.push(`flow ${tally.flow}: datagram #${n} (first seen at ${s.first.node}, ${seconds(s.first.time)}) was neither delivered, nor lost with a trace event, nor in flight at the end`);
    }
    for (const n of datagrams.keys()) if (n >= tally.sent) violations.push(`flow ${tally.flow}: datagram #${n} is in the trace, but ${tally.source} counted only ${tally.sent} sent`);
    return { flow: tally.flow, sent: tally.sent, delivered, lost, inFlight };
  });
  return { accounts, violations };
}
