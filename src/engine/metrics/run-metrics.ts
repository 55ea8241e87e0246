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

interface FlowAccumulator {
  /** "source → destination" of the innermost datagram: the flow's direction. */
  direction: string;
  sentAt: Map<number, Micros>;
  hops: Map<number, number>;
  tunnelled: Set<number>;
  firstDelivery: Map<number, Micros>;
  deliveries: number;
}

const isTransmission = (e: TraceEvent) => e.kind === 'sent' || e.kind === 'forwarded';

export function computeRunMetrics(trace: readonly TraceEvent[], homeAgents: readonly NodeId[]): RunMetrics {
  const flows = new Map<string, FlowAccumulator>();
  const tunnelLoad = new Map<NodeId, { packets: number; octets: number }>(homeAgents.map((h) => [h, { packets: 0, octets: 0 }]));
  const byMessage: Record<string, number> = {};
  let controlMessages = 0;
  let controlOctets = 0;
  const flow = (id: string, direction: string): FlowAccumulator => {
    let f = flows.get(id);
    if (f === undefined) flows.set(id, (f = { direction, sentAt: new Map(), hops: new Map(), tunnelled: new Set(), firstDelivery: new Map(), deliveries: 0 }));
    return f;
  };
  for (const e of trace) {
    if (e.bytes === undefined || !(isTransmission(e) || e.kind === 'delivered')) continue;
    const c = classifyPacket(e.bytes);
    if (c === null) continue;
    if (isTransmission(e) && c.tunnels.length > 0 && tunnelLoad.has(e.node)) {
      const t = tunnelLoad.get(e.node)!;
      t.packets++;
      t.octets += e.bytes.length;
    }
    if (isTransmission(e) && (c.kind === 'control' || c.kind === 'key-exchange' || c.kind === 'discovery')) {
      controlMessages++;
      controlOctets += e.bytes.length;
      byMessage[c.name] = (byMessage[c.name] ?? 0) + 1;
    }
    const tag = c.udpPayload !== undefined && (c.kind === 'data' || c.kind === 'tunnelled-data') ? readFlowPayload(c.udpPayload) : undefined;
    if (tag === undefined) continue;
    const direction = `${c.source} → ${c.destination}`;
    const f = flow(tag.flow, direction);
    if (f.direction !== direction) continue; // e.g. an echo of the flow's datagram on its way back
    if (e.kind === 'delivered') {
      f.deliveries++;
      if (!f.firstDelivery.has(tag.sequence)) f.firstDelivery.set(tag.sequence, e.time);
      continue;
    }
    // The first transmission is the send, tunnelled or not (a correspondent with a binding tunnels its own datagrams).
    if (!f.sentAt.has(tag.sequence)) f.sentAt.set(tag.sequence, e.time);
    if (f.firstDelivery.has(tag.sequence)) continue; // hops after the first delivery belong to duplicates
    f.hops.set(tag.sequence, (f.hops.get(tag.sequence) ?? 0) + 1);
    if (c.tunnels.length > 0) f.tunnelled.add(tag.sequence);
  }
  const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
  const flowMetrics = [...flows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, f]): FlowMetrics => {
    const delivered = [...f.firstDelivery.keys()];
    const latencies = delivered.filter((s) => f.sentAt.has(s)).map((s) => (f.firstDelivery.get(s)! - f.sentAt.get(s)!) / 1000);
    return {
      flow: id,
      sent: f.sentAt.size,
      delivered: delivered.length,
      lost: [...f.sentAt.keys()].filter((s) => !f.firstDelivery.has(s)).length,
      duplicated: f.deliveries - delivered.length,
      meanHops: mean(delivered.map((s) => f.hops.get(s) ?? 0)),
      meanLatencyMs: mean(latencies),
      tunnelled: delivered.filter((s) => f.tunnelled.has(s)).length,
    };
  });
  return {
    flows: flowMetrics,
    homeAgentTunnelling: [...tunnelLoad.entries()].map(([node, t]) => ({ node, ...t })),
    control: { messages: controlMessages, octets: controlOctets, byMessage },
    events: trace.length,
    endTime: trace.length === 0 ? 0 : trace[trace.length - 1]!.time,
  };
}
