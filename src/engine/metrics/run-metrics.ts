// What `mip-lab run` prints after a run, computed from the trace alone (so the
// same figures come out of a headless run, a worker run or a saved trace):
// per traffic flow — delivered, lost, duplicated, mean path hops, mean
// latency — the home agents' tunnelling load, and the control overhead.
//
// A flow datagram is recognised by its payload (network/behaviours/udp-datagram.ts:
// sequence number + flow id), wherever it travels — inside tunnels too — so
// every link transmission of it counts as one hop. A flow has one direction:
// the innermost source and destination of its first transmission. An echo
// that carries the same payload back is not the flow and is not counted.
//
// Every loss has a trace event — a node's `dropped`, or the link model's
// `lost` (a loss draw, a frame that reached no one, a radio out of range) —
// so each datagram lost is explained by the last such event that carried it;
// one with none was still on its way when the run stopped. A datagram the
// source could not even put on a link (its radio out of range) is sent and
// lost with that reason.

import type { NodeId, TraceEvent } from '../node/contract';
import type { Micros } from '../node/time';
import { readFlowPayload } from '../network/behaviours/udp-datagram';
import { classifyPacket } from '../wire/classify';

export interface FlowMetrics {
  readonly flow: string;
  readonly sent: number;
  /** Distinct datagrams delivered. */
  readonly delivered: number;
  /** Sent but never delivered (including any still in flight when the run stopped). */
  readonly lost: number;
  /** Of the lost, those no loss event explains: still on their way when the run stopped. */
  readonly inFlight: number;
  /** Of the lost, how many each traced cause explains, e.g. { "FA1 lost it: no station on cell1 has that address": 3 }. */
  readonly lossCauses: Readonly<Record<string, number>>;
  /** Deliveries beyond the first of the same datagram (e.g. simultaneous bindings). */
  readonly duplicated: number;
  /** Link transmissions per delivered datagram, averaged. */
  readonly meanHops: number | null;
  /** First delivery minus send, averaged, in milliseconds. */
  readonly meanLatencyMs: number | null;
  /** Delivered datagrams that travelled in a tunnel at least once. */
  readonly tunnelled: number;
}

export interface TunnelLoad {
  readonly node: NodeId;
  readonly packets: number;
  readonly octets: number;
}

export interface ControlOverhead {
  readonly messages: number;
  readonly octets: number;
  /** Link transmissions per message name, e.g. { "Registration Request": 4 }. */
  readonly byMessage: Readonly<Record<string, number>>;
}

export interface RunMetrics {
  readonly flows: readonly FlowMetrics[];
  readonly homeAgentTunnelling: readonly TunnelLoad[];
  readonly control: ControlOverhead;
  readonly events: number;
  readonly endTime: Micros;
}

/** Flow datagram sequence numbers seen: a bit each (a Set only for huge ones), so a long flow costs little. */
class SequenceSet {
  private bits = new Uint8Array(64);
  private large: Set<number> | undefined;
  size = 0;

  has(n: number): boolean {
    if (n >= SequenceSet.BITS) return this.large?.has(n) ?? false;
    return n >>> 3 < this.bits.length && (this.bits[n >>> 3]! & (1 << (n & 7))) !== 0;
  }

  /** Adds `n`; false if it was there. */
  add(n: number): boolean {
    if (this.has(n)) return false;
    this.size++;
    if (n >= SequenceSet.BITS) (this.large ??= new Set()).add(n);
    else {
      if (n >>> 3 >= this.bits.length) {
        const grown = new Uint8Array(Math.max(this.bits.length * 2, (n >>> 3) + 1));
        grown.set(this.bits);
        this.bits = grown;
      }
      this.bits[n >>> 3]! |= 1 << (n & 7);
    }
    return true;
  }

  /** Sequence numbers below this are bits (2 MB at most). */
  private static readonly BITS = 1 << 24;
}

interface FlowAccumulator {
  /** "source → destination" of the innermost datagram: the flow's direction. */
  readonly direction: string;
  readonly sent: SequenceSet;
  readonly delivered: SequenceSet;
  /** Sent and delivered: lost = sent − this. */
  sentAndDelivered: number;
  /** Per datagram sent and not delivered yet: its first transmission, hops so far, whether it was tunnelled, the last loss traced. */
  readonly inFlight: Map<number, { readonly sentAt: Micros; hops: number; tunnelled: boolean; cause?: string }>;
  deliveries: number;
  /** Sums over first deliveries, in delivery order (the order a mean over the whole list would add them). */
  hopSum: number;
  latencySum: number;
  latencyCount: number;
  tunnelled: number;
}

const isTransmission = (e: TraceEvent) => e.kind === 'sent' || e.kind === 'forwarded';
const isLoss = (e: TraceEvent) => e.kind === 'dropped' || e.kind === 'lost';

/** "FA1 lost it: no station on cell1 has that address": who, and the first clause of why (numbers and whereabouts left out). */
export function lossCause(e: TraceEvent): string {
  const why = e.reason ?? e.summary;
  const end = why.search(/[:;]/);
  return `${e.node} ${e.kind === 'lost' ? 'lost' : 'dropped'} it: ${end < 0 ? why : why.slice(0, end)}`;
}

/**
 * The run metrics, fed one event at a time as the run records them (a
 * streaming consumer: a long run need not keep its trace). What it holds
 * grows with the number of flow datagrams in flight, not with the trace.
 *
 * Per datagram, everything a mean needs is final at its first delivery:
 * hops after it belong to duplicates, and its first transmission (the send)
 * came before it — the trace is causal — so the sums are taken then, in
 * delivery order, as `computeRunMetrics` over a whole trace always did.
 */
export class RunMetricsAccumulator {
  private readonly flows = new Map<string, FlowAccumulator>();
  private readonly tunnelLoad: Map<NodeId, { packets: number; octets: number }>;
  private readonly byMessage: Record<string, number> = {};
  private controlMessages = 0;
  private controlOctets = 0;
  private events = 0;
  private endTime: Micros = 0;

  constructor(homeAgents: readonly NodeId[]) {
    this.tunnelLoad = new Map(homeAgents.map((h) => [h, { packets: 0, octets: 0 }]));
  }

  add(e: TraceEvent): void {
    this.events++;
    this.endTime = e.time;
    if (e.bytes === undefined || !(isTransmission(e) || e.kind === 'delivered' || isLoss(e))) return;
    const c = classifyPacket(e.bytes);
    if (c === null) return;
    if (isTransmission(e) && c.tunnels.length > 0 && this.tunnelLoad.has(e.node)) {
      const t = this.tunnelLoad.get(e.node)!;
      t.packets++;
      t.octets += e.bytes.length;
    }
    if (isTransmission(e) && (c.kind === 'control' || c.kind === 'key-exchange' || c.kind === 'discovery')) {
      this.controlMessages++;
      this.controlOctets += e.bytes.length;
      this.byMessage[c.name] = (this.byMessage[c.name] ?? 0) + 1;
    }
    const tag = c.udpPayload !== undefined && (c.kind === 'data' || c.kind === 'tunnelled-data') ? readFlowPayload(c.udpPayload) : undefined;
    if (tag === undefined) return;
    const direction = `${c.source} → ${c.destination}`;
    const f = this.flow(tag.flow, direction);
    if (f.direction !== direction) return; // e.g. an echo of the flow's datagram on its way back
    const s = tag.sequence;
    if (e.kind === 'delivered') {
      f.deliveries++;
      if (!f.delivered.add(s)) return;
      const flight = f.inFlight.get(s);
      f.hopSum += flight?.hops ?? 0;
      if (flight !== undefined) {
        f.latencySum += (e.time - flight.sentAt) / 1000;
        f.latencyCount++;
        if (flight.tunnelled) f.tunnelled++;
        f.inFlight.delete(s);
      }
      if (f.sent.has(s)) f.sentAndDelivered++;
      return;
    }
    // The first transmission is the send, tunnelled or not (a correspondent with a binding tunnels its own datagrams);
    // a datagram its source could not put on any link is sent and lost at once.
    if (f.sent.add(s) && f.delivered.has(s)) f.sentAndDelivered++;
    if (f.delivered.has(s)) return; // hops after the first delivery belong to duplicates
    let flight = f.inFlight.get(s);
    if (flight === undefined) f.inFlight.set(s, (flight = { sentAt: e.time, hops: 0, tunnelled: false }));
    if (isLoss(e)) {
      flight.cause = lossCause(e);
      return;
    }
    flight.hops++;
    if (c.tunnels.length > 0) flight.tunnelled = true;
  }

  /** The metrics of everything added so far. */
  result(): RunMetrics {
    const flowMetrics = [...this.flows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, f]): FlowMetrics => ({
      flow: id,
      sent: f.sent.size,
      delivered: f.delivered.size,
      lost: f.sent.size - f.sentAndDelivered,
      ...lossesOf(f),
      duplicated: f.deliveries - f.delivered.size,
      meanHops: f.delivered.size === 0 ? null : f.hopSum / f.delivered.size,
      meanLatencyMs: f.latencyCount === 0 ? null : f.latencySum / f.latencyCount,
      tunnelled: f.tunnelled,
    }));
    return {
      flows: flowMetrics,
      homeAgentTunnelling: [...this.tunnelLoad.entries()].map(([node, t]) => ({ node, ...t })),
      control: { messages: this.controlMessages, octets: this.controlOctets, byMessage: { ...this.byMessage } },
      events: this.events,
      endTime: this.endTime,
    };
  }

  private flow(id: string, direction: string): FlowAccumulator {
    let f = this.flows.get(id);
    if (f === undefined) {
      f = { direction, sent: new SequenceSet(), delivered: new SequenceSet(), sentAndDelivered: 0, inFlight: new Map(), deliveries: 0, hopSum: 0, latencySum: 0, latencyCount: 0, tunnelled: 0 };
      this.flows.set(id, f);
    }
    return f;
  }
}

/** The lost datagrams of a flow, split into those a traced loss explains (by cause, sorted) and those still in flight. */
function lossesOf(f: FlowAccumulator): { inFlight: number; lossCauses: Record<string, number> } {
  let inFlight = 0;
  const causes = new Map<string, number>();
  for (const flight of f.inFlight.values()) {
    if (flight.cause === undefined) inFlight++;
    else causes.set(flight.cause, (causes.get(flight.cause) ?? 0) + 1);
  }
  return { inFlight, lossCauses: Object.fromEntries([...causes.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
}

/** The metrics of a whole trace held in memory. */
export function computeRunMetrics(trace: readonly TraceEvent[], homeAgents: readonly NodeId[]): RunMetrics {
  const m = new RunMetricsAccumulator(homeAgents);
  for (const e of trace) m.add(e);
  return m.result();
}
