// What `mip-lab run` prints after a run, and the page's Statistics tab shows
// as it plays, computed from the trace alone (so the same figures come out of
// a headless run, a worker run or a saved trace): per traffic flow and over
// all flows — delivered, lost, duplicated, mean path hops, mean and worst
// latency, how many a home agent tunnelled, the octets tunnels added — the
// home agents' tunnelling load, the control overhead by message, and the loss
// around each handoff (handoff-windows.ts).
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
import { tunnelOverheads } from './encapsulation-overhead';
import { HandoffWindows, radioChange, type HandoffLoss } from './handoff-windows';
import { SequenceSet } from './sequence-set';

export type { HandoffLoss } from './handoff-windows';

/** Octets tunnels of one method added to a flow's datagrams, over their link transmissions. */
export interface EncapsulationOverhead {
  readonly transmissions: number;
  readonly octets: number;
}

/** A flow's figures, or (in `RunMetrics.overall`) every flow's together. */
export interface FlowFigures {
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
  /** The longest first delivery minus send, in milliseconds. */
  readonly worstLatencyMs: number | null;
  /** Delivered datagrams that travelled in a tunnel at least once. */
  readonly tunnelled: number;
  /** Delivered datagrams a home agent tunnelled (Perkins & Johnson §2: triangle routing). */
  readonly viaHomeAgent: number;
  /**
   * Per encapsulation ("IP in IP", "GRE", "minimal encapsulation"; for IPv6 "IPv6 in IPv6" and the route-optimized path's
   * "type 2 Routing header", "Home Address option", "AH", ipv6-overhead.ts): the octets added on the link transmissions up to
   * each datagram's first delivery.
   */
  readonly encapsulation: Readonly<Record<string, EncapsulationOverhead>>;
}

export interface FlowMetrics extends FlowFigures {
  readonly flow: string;
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
  /** Octets of those transmissions per message name. */
  readonly octetsByMessage: Readonly<Record<string, number>>;
}

export interface RunMetrics {
  readonly flows: readonly FlowMetrics[];
  readonly overall: FlowFigures;
  readonly homeAgentTunnelling: readonly TunnelLoad[];
  readonly control: ControlOverhead;
  readonly handoffs: readonly HandoffLoss[];
  readonly events: number;
  readonly endTime: Micros;
}

/** A mobile node whose handoffs the metrics follow, and the addresses datagrams for it carry (its home address first). */
export interface MobileSubject {
  readonly id: NodeId;
  readonly addresses: readonly string[];
}

/** A flow datagram's first delivery: a point of the latency chart, a row of the per-datagram table. */
export interface DatagramDelivery {
  readonly flow: string;
  readonly sequence: number;
  readonly sentAt: Micros;
  readonly deliveredAt: Micros;
  readonly latencyMs: number;
  readonly hops: number;
  readonly tunnelled: boolean;
  readonly viaHomeAgent: boolean;
}

interface Flight {
  readonly sentAt: Micros;
  hops: number;
  tunnelled: boolean;
  viaHomeAgent: boolean;
  /** The last loss traced, and the handoff window it fell in. */
  cause?: string;
  handoff?: number;
}

interface FlowAccumulator {
  /** "source → destination" of the innermost datagram: the flow's direction. */
  readonly direction: string;
  /** The mobile node the flow is for, if it is for one. */
  readonly mobile: NodeId | undefined;
  readonly sent: SequenceSet;
  readonly delivered: SequenceSet;
  /** Sent and delivered: lost = sent − this. */
  sentAndDelivered: number;
  /** Per datagram sent and not delivered yet. */
  readonly inFlight: Map<number, Flight>;
  deliveries: number;
  readonly sums: Sums;
  readonly encapsulation: Map<string, { transmissions: number; octets: number }>;
}

/** Sums over first deliveries, in delivery order (the order a mean over the whole list would add them). */
interface Sums {
  hopSum: number;
  latencySum: number;
  latencyCount: number;
  worst: number | null;
  tunnelled: number;
  viaHomeAgent: number;
}

const isTransmission = (e: TraceEvent) => e.kind === 'sent' || e.kind === 'forwarded';
const isLoss = (e: TraceEvent) => e.kind === 'dropped' || e.kind === 'lost';
const newSums = (): Sums => ({ hopSum: 0, latencySum: 0, latencyCount: 0, worst: null, tunnelled: 0, viaHomeAgent: 0 });
const byName = <T>(entries: Iterable<[string, T]>): Record<string, T> => Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * The message's name; a registration carrying a registration key (regkey-00 §4, §5) is told apart, so the cost of key
 * establishment shows. An IPv6 return routability test (a Mobility Header message, RFC 6275 §5.2) is a key exchange by its name alone.
 */
export function controlName(c: { readonly kind: string; readonly name: string; readonly mhType?: number }): string {
  return c.kind === 'key-exchange' && c.mhType === undefined ? `${c.name} with key extensions` : c.name;
}

const IPV6_TEXT = /[0-9a-fA-F]*:[0-9a-fA-F]*:[0-9a-fA-F:.]*/g;

/** "FA1 lost it: no station on cell1 has that address": who, and the first clause of why (numbers and whereabouts left out). */
export function lossCause(e: TraceEvent): string {
  const why = e.reason ?? e.summary;
  // The colons inside an IPv6 address (two or more, hex between) do not end the clause.
  const masked = why.replace(IPV6_TEXT, (a) => (a.endsWith(':') && !a.endsWith('::') ? `${'_'.repeat(a.length - 1)}:` : '_'.repeat(a.length)));
  const end = masked.search(/[:;]/);
  return `${e.node} ${e.kind === 'lost' ? 'lost' : 'dropped'} it: ${end < 0 ? why : why.slice(0, end)}`;
}

/**
 * The run metrics, fed one event at a time as the run records them (a
 * streaming consumer: a long run need not keep its trace). What it holds
 * grows with the number of flow datagrams not delivered, not with the trace.
 *
 * Per datagram, everything a mean needs is final at its first delivery:
 * hops after it belong to duplicates, and its first transmission (the send)
 * came before it — the trace is causal — so the sums are taken then, in
 * delivery order, as `computeRunMetrics` over a whole trace always did.
 * `clone` copies the whole state: the page keeps checkpoints of it and goes
 * back to one after a seek backwards (ui/stats/stats-feed.ts).
 */
export class RunMetricsAccumulator {
  private flows = new Map<string, FlowAccumulator>();
  private tunnelLoad: Map<NodeId, { packets: number; octets: number }>;
  private control = new Map<string, { messages: number; octets: number }>();
  private handoffs = new HandoffWindows();
  private all = newSums();
  private events = 0;
  private endTime: Micros = 0;
  private readonly mobileByAddress: ReadonlyMap<string, NodeId>;

  constructor(homeAgents: readonly NodeId[], private readonly mobiles: readonly MobileSubject[] = []) {
    this.tunnelLoad = new Map(homeAgents.map((h) => [h, { packets: 0, octets: 0 }]));
    this.mobileByAddress = new Map(mobiles.flatMap((m) => m.addresses.map((a) => [a, m.id] as const)));
  }

  /** Takes the next event; returns the first delivery of a flow datagram it records, if it is one. */
  add(e: TraceEvent): DatagramDelivery | undefined {
    this.events++;
    this.endTime = e.time;
    if (e.kind === 'table-changed') {
      const change = radioChange(e);
      if (change !== null && this.mobiles.some((m) => m.id === e.node)) this.handoffs.handoff(e.node, e.time, change.from, change.to);
      return undefined;
    }
    if (e.bytes === undefined || !(isTransmission(e) || e.kind === 'delivered' || isLoss(e))) return undefined;
    const c = classifyPacket(e.bytes);
    if (c === null) return undefined;
    const byHomeAgent = isTransmission(e) && c.tunnels.length > 0 && this.tunnelLoad.has(e.node);
    if (byHomeAgent) {
      const t = this.tunnelLoad.get(e.node)!;
      t.packets++;
      t.octets += e.bytes.length;
    }
    if (isTransmission(e) && (c.kind === 'control' || c.kind === 'key-exchange' || c.kind === 'discovery')) {
      const name = controlName(c);
      const m = this.control.get(name) ?? { messages: 0, octets: 0 };
      m.messages++;
      m.octets += e.bytes.length;
      this.control.set(name, m);
    }
    const tag = c.udpPayload !== undefined && (c.kind === 'data' || c.kind === 'tunnelled-data') ? readFlowPayload(c.udpPayload) : undefined;
    if (tag === undefined) return undefined;
    const direction = `${c.source} → ${c.destination}`;
    const f = this.flow(tag.flow, direction, this.mobileByAddress.get(c.destination));
    if (f.direction !== direction) return undefined; // e.g. an echo of the flow's datagram on its way back
    const s = tag.sequence;
    if (e.kind === 'delivered') return this.delivered(f, tag.flow, s, e);
    // The first transmission is the send, tunnelled or not (a correspondent with a binding tunnels its own datagrams);
    // a datagram its source could not put on any link is sent and lost at once.
    if (f.sent.add(s) && f.delivered.has(s)) f.sentAndDelivered++;
    if (f.delivered.has(s)) return undefined; // hops after the first delivery belong to duplicates
    let flight = f.inFlight.get(s);
    if (flight === undefined) f.inFlight.set(s, (flight = { sentAt: e.time, hops: 0, tunnelled: false, viaHomeAgent: false }));
    if (isLoss(e)) {
      flight.cause = lossCause(e);
      const window = f.mobile === undefined ? undefined : this.handoffs.openFor(f.mobile);
      if (flight.handoff !== window) {
        if (flight.handoff !== undefined) this.handoffs.count(flight.handoff, -1);
        if (window !== undefined) this.handoffs.count(window, 1);
      }
      if (window === undefined) delete flight.handoff;
      else flight.handoff = window;
      return undefined;
    }
    flight.hops++;
    if (c.tunnels.length > 0) flight.tunnelled = true;
    if (byHomeAgent) flight.viaHomeAgent = true;
    for (const o of tunnelOverheads(e.bytes)) {
      const acc = f.encapsulation.get(o.method) ?? { transmissions: 0, octets: 0 };
      acc.transmissions++;
      acc.octets += o.octets;
      f.encapsulation.set(o.method, acc);
    }
    return undefined;
  }

  /** The metrics of everything added so far. */
  result(): RunMetrics {
    const entries = [...this.flows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const flows = entries.map(([id, f]): FlowMetrics => ({ flow: id, ...figures(f) }));
    const sum = (pick: (f: FlowMetrics) => number) => flows.reduce((a, f) => a + pick(f), 0);
    const causes = new Map<string, number>();
    const encapsulation = new Map<string, EncapsulationOverhead>();
    for (const f of flows) {
      for (const [cause, n] of Object.entries(f.lossCauses)) causes.set(cause, (causes.get(cause) ?? 0) + n);
      for (const [method, o] of Object.entries(f.encapsulation)) {
        const was = encapsulation.get(method) ?? { transmissions: 0, octets: 0 };
        encapsulation.set(method, { transmissions: was.transmissions + o.transmissions, octets: was.octets + o.octets });
      }
    }
    const delivered = sum((f) => f.delivered);
    const overall: FlowFigures = {
      sent: sum((f) => f.sent), delivered, lost: sum((f) => f.lost), inFlight: sum((f) => f.inFlight), lossCauses: byName(causes),
      duplicated: sum((f) => f.duplicated),
      ...means(this.all, delivered),
      tunnelled: this.all.tunnelled, viaHomeAgent: this.all.viaHomeAgent, encapsulation: byName(encapsulation),
    };
    const control = [...this.control.entries()];
    return {
      flows,
      overall,
      homeAgentTunnelling: [...this.tunnelLoad.entries()].map(([node, t]) => ({ node, ...t })),
      control: {
        messages: control.reduce((a, [, m]) => a + m.messages, 0),
        octets: control.reduce((a, [, m]) => a + m.octets, 0),
        byMessage: byName(control.map(([n, m]) => [n, m.messages])),
        octetsByMessage: byName(control.map(([n, m]) => [n, m.octets])),
      },
      handoffs: this.handoffs.result(),
      events: this.events,
      endTime: this.endTime,
    };
  }

  /** An independent copy of everything added so far. */
  clone(): RunMetricsAccumulator {
    const c = new RunMetricsAccumulator([], this.mobiles);
    c.flows = new Map([...this.flows].map(([id, f]) => [id, {
      ...f,
      sent: f.sent.clone(),
      delivered: f.delivered.clone(),
      inFlight: new Map([...f.inFlight].map(([s, flight]) => [s, { ...flight }])),
      sums: { ...f.sums },
      encapsulation: new Map([...f.encapsulation].map(([m, o]) => [m, { ...o }])),
    }]));
    c.tunnelLoad = new Map([...this.tunnelLoad].map(([n, t]) => [n, { ...t }]));
    c.control = new Map([...this.control].map(([n, m]) => [n, { ...m }]));
    c.handoffs = this.handoffs.clone();
    c.all = { ...this.all };
    c.events = this.events;
    c.endTime = this.endTime;
    return c;
  }

  private delivered(f: FlowAccumulator, flow: string, s: number, e: TraceEvent): DatagramDelivery | undefined {
    f.deliveries++;
    if (f.mobile !== undefined && e.node === f.mobile) this.handoffs.delivered(e.node, e.time);
    if (!f.delivered.add(s)) return undefined;
    if (f.sent.has(s)) f.sentAndDelivered++;
    const flight = f.inFlight.get(s);
    if (flight === undefined) return undefined; // delivered where it was sent: no hops, no latency
    f.inFlight.delete(s);
    if (flight.handoff !== undefined) this.handoffs.count(flight.handoff, -1);
    const latencyMs = (e.time - flight.sentAt) / 1000;
    for (const sums of [f.sums, this.all]) {
      sums.hopSum += flight.hops;
      sums.latencySum += latencyMs;
      sums.latencyCount++;
      sums.worst = sums.worst === null ? latencyMs : Math.max(sums.worst, latencyMs);
      if (flight.tunnelled) sums.tunnelled++;
      if (flight.viaHomeAgent) sums.viaHomeAgent++;
    }
    return { flow, sequence: s, sentAt: flight.sentAt, deliveredAt: e.time, latencyMs, hops: flight.hops, tunnelled: flight.tunnelled, viaHomeAgent: flight.viaHomeAgent };
  }

  private flow(id: string, direction: string, mobile: NodeId | undefined): FlowAccumulator {
    let f = this.flows.get(id);
    if (f === undefined) {
      f = { direction, mobile, sent: new SequenceSet(), delivered: new SequenceSet(), sentAndDelivered: 0, inFlight: new Map(), deliveries: 0, sums: newSums(), encapsulation: new Map() };
      this.flows.set(id, f);
    }
    return f;
  }
}

function means(s: Sums, delivered: number): Pick<FlowFigures, 'meanHops' | 'meanLatencyMs' | 'worstLatencyMs'> {
  return {
    meanHops: delivered === 0 ? null : s.hopSum / delivered,
    meanLatencyMs: s.latencyCount === 0 ? null : s.latencySum / s.latencyCount,
    worstLatencyMs: s.worst,
  };
}

function figures(f: FlowAccumulator): FlowFigures {
  let inFlight = 0;
  const causes = new Map<string, number>();
  for (const flight of f.inFlight.values()) {
    if (flight.cause === undefined) inFlight++;
    else causes.set(flight.cause, (causes.get(flight.cause) ?? 0) + 1);
  }
  return {
    sent: f.sent.size,
    delivered: f.delivered.size,
    lost: f.sent.size - f.sentAndDelivered,
    inFlight,
    lossCauses: byName(causes),
    duplicated: f.deliveries - f.delivered.size,
    ...means(f.sums, f.delivered.size),
    tunnelled: f.sums.tunnelled,
    viaHomeAgent: f.sums.viaHomeAgent,
    encapsulation: byName([...f.encapsulation].map(([m, o]) => [m, { ...o }])),
  };
}

/** The metrics of a whole trace held in memory. */
export function computeRunMetrics(trace: readonly TraceEvent[], homeAgents: readonly NodeId[], mobiles: readonly MobileSubject[] = []): RunMetrics {
  const m = new RunMetricsAccumulator(homeAgents, mobiles);
  for (const e of trace) m.add(e);
  return m.result();
}
