// The run metrics as they were computed before they became a stream: over a
// whole trace held in memory, each mean taken over the finished list. Kept
// as the reference the streamed RunMetricsAccumulator must agree with, figure
// for figure (run-metrics.test.ts, src/cli/streamed-outputs.test.ts).

import type { NodeId, TraceEvent } from '../../node/contract';
import type { Micros } from '../../node/time';
import { readFlowPayload } from '../../network/behaviours/udp-datagram';
import { classifyPacket } from '../../wire/classify';
import { lossCause, type FlowMetrics, type RunMetrics } from '../run-metrics';

interface FlowAccumulator {
  /** "source → destination" of the innermost datagram: the flow's direction. */
  direction: string;
  sentAt: Map<number, Micros>;
  hops: Map<number, number>;
  tunnelled: Set<number>;
  firstDelivery: Map<number, Micros>;
  deliveries: number;
  /** The last loss event's cause per datagram (before its first delivery). */
  cause: Map<number, string>;
}

const isTransmission = (e: TraceEvent) => e.kind === 'sent' || e.kind === 'forwarded';
const isLoss = (e: TraceEvent) => e.kind === 'dropped' || e.kind === 'lost';

export function wholeTraceRunMetrics(trace: readonly TraceEvent[], homeAgents: readonly NodeId[]): RunMetrics {
  const flows = new Map<string, FlowAccumulator>();
  const tunnelLoad = new Map<NodeId, { packets: number; octets: number }>(homeAgents.map((h) => [h, { packets: 0, octets: 0 }]));
  const byMessage: Record<string, number> = {};
  let controlMessages = 0;
  let controlOctets = 0;
  const flow = (id: string, direction: string): FlowAccumulator => {
    let f = flows.get(id);
    if (f === undefined) flows.set(id, (f = { direction, sentAt: new Map(), hops: new Map(), tunnelled: new Set(), firstDelivery: new Map(), deliveries: 0, cause: new Map() }));
    return f;
  };
  for (const e of trace) {
    if (e.bytes === undefined || !(isTransmission(e) || e.kind === 'delivered' || isLoss(e))) continue;
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
    if (isLoss(e)) {
      f.cause.set(tag.sequence, lossCause(e));
      continue;
    }
    f.hops.set(tag.sequence, (f.hops.get(tag.sequence) ?? 0) + 1);
    if (c.tunnels.length > 0) f.tunnelled.add(tag.sequence);
  }
  const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
  const flowMetrics = [...flows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, f]): FlowMetrics => {
    const delivered = [...f.firstDelivery.keys()];
    const lost = [...f.sentAt.keys()].filter((s) => !f.firstDelivery.has(s));
    const causes: Record<string, number> = {};
    for (const s of lost) if (f.cause.has(s)) causes[f.cause.get(s)!] = (causes[f.cause.get(s)!] ?? 0) + 1;
    const latencies = delivered.filter((s) => f.sentAt.has(s)).map((s) => (f.firstDelivery.get(s)! - f.sentAt.get(s)!) / 1000);
    return {
      flow: id,
      sent: f.sentAt.size,
      delivered: delivered.length,
      lost: lost.length,
      inFlight: lost.filter((s) => !f.cause.has(s)).length,
      lossCauses: Object.fromEntries(Object.entries(causes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
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
