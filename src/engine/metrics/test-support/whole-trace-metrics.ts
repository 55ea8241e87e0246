// The run metrics as they were computed before they became a stream: over a
// whole trace held in memory, each mean taken over the finished list, each
// handoff's loss found by looking back from the datagrams lost. Kept as the
// reference the streamed RunMetricsAccumulator must agree with, figure for
// figure (run-metrics.test.ts, src/cli/streamed-outputs.test.ts,
// src/ui/stats/page-agrees-with-headless.test.ts).

import type { NodeId, TraceEvent } from '../../node/contract';
import type { Micros } from '../../node/time';
import { readFlowPayload } from '../../network/behaviours/udp-datagram';
import { classifyPacket } from '../../wire/classify';
import { tunnelOverheads } from '../encapsulation-overhead';
import { radioChange, type HandoffLoss } from '../handoff-windows';
import { controlName, lossCause, type EncapsulationOverhead, type FlowFigures, type FlowMetrics, type MobileSubject, type RunMetrics } from '../run-metrics';

interface FlowAccumulator {
  /** "source → destination" of the innermost datagram: the flow's direction. */
  direction: string;
  mobile: NodeId | undefined;
  sentAt: Map<number, Micros>;
  hops: Map<number, number>;
  tunnelled: Set<number>;
  viaHomeAgent: Set<number>;
  firstDelivery: Map<number, Micros>;
  deliveries: number;
  /** The last loss event per datagram (before its first delivery): its cause and its place in the trace. */
  cause: Map<number, { text: string; index: number }>;
  encapsulation: Record<string, { transmissions: number; octets: number }>;
}

const isTransmission = (e: TraceEvent) => e.kind === 'sent' || e.kind === 'forwarded';
const isLoss = (e: TraceEvent) => e.kind === 'dropped' || e.kind === 'lost';
const sorted = <T>(o: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

export function wholeTraceRunMetrics(trace: readonly TraceEvent[], homeAgents: readonly NodeId[], mobiles: readonly MobileSubject[] = []): RunMetrics {
  const flows = new Map<string, FlowAccumulator>();
  const tunnelLoad = new Map<NodeId, { packets: number; octets: number }>(homeAgents.map((h) => [h, { packets: 0, octets: 0 }]));
  const byMessage: Record<string, number> = {};
  const octetsByMessage: Record<string, number> = {};
  let controlMessages = 0;
  let controlOctets = 0;
  const mobileOf = new Map(mobiles.flatMap((m) => m.addresses.map((a) => [a, m.id] as const)));
  /** Every flow's first deliveries' latencies, in trace order; the handoffs and the deliveries at each mobile node, by trace index. */
  const allLatencies: number[] = [];
  const handoffs: { node: NodeId; index: number; time: Micros; from: readonly string[]; to: readonly string[] }[] = [];
  const deliveriesAt = new Map<NodeId, { index: number; time: Micros }[]>();
  const flow = (id: string, direction: string, mobile: NodeId | undefined): FlowAccumulator => {
    let f = flows.get(id);
    if (f === undefined) flows.set(id, (f = { direction, mobile, sentAt: new Map(), hops: new Map(), tunnelled: new Set(), viaHomeAgent: new Set(), firstDelivery: new Map(), deliveries: 0, cause: new Map(), encapsulation: {} }));
    return f;
  };
  trace.forEach((e, index) => {
    const change = radioChange(e);
    if (change !== null && mobiles.some((m) => m.id === e.node)) handoffs.push({ node: e.node, index, time: e.time, ...change });
    if (e.bytes === undefined || !(isTransmission(e) || e.kind === 'delivered' || isLoss(e))) return;
    const c = classifyPacket(e.bytes);
    if (c === null) return;
    const byHomeAgent = isTransmission(e) && c.tunnels.length > 0 && tunnelLoad.has(e.node);
    if (byHomeAgent) {
      const t = tunnelLoad.get(e.node)!;
      t.packets++;
      t.octets += e.bytes.length;
    }
    if (isTransmission(e) && (c.kind === 'control' || c.kind === 'key-exchange' || c.kind === 'discovery')) {
      controlMessages++;
      controlOctets += e.bytes.length;
      const name = controlName(c);
      byMessage[name] = (byMessage[name] ?? 0) + 1;
      octetsByMessage[name] = (octetsByMessage[name] ?? 0) + e.bytes.length;
    }
    const tag = c.udpPayload !== undefined && (c.kind === 'data' || c.kind === 'tunnelled-data') ? readFlowPayload(c.udpPayload) : undefined;
    if (tag === undefined) return;
    const direction = `${c.source} → ${c.destination}`;
    const f = flow(tag.flow, direction, mobileOf.get(c.destination));
    if (f.direction !== direction) return; // e.g. an echo of the flow's datagram on its way back
    if (e.kind === 'delivered') {
      f.deliveries++;
      if (e.node === f.mobile) deliveriesAt.set(e.node, [...(deliveriesAt.get(e.node) ?? []), { index, time: e.time }]);
      if (!f.firstDelivery.has(tag.sequence)) {
        f.firstDelivery.set(tag.sequence, e.time);
        if (f.sentAt.has(tag.sequence)) allLatencies.push((e.time - f.sentAt.get(tag.sequence)!) / 1000);
      }
      return;
    }
    // The first transmission is the send, tunnelled or not (a correspondent with a binding tunnels its own datagrams).
    if (!f.sentAt.has(tag.sequence)) f.sentAt.set(tag.sequence, e.time);
    if (f.firstDelivery.has(tag.sequence)) return; // hops after the first delivery belong to duplicates
    if (isLoss(e)) {
      f.cause.set(tag.sequence, { text: lossCause(e), index });
      return;
    }
    f.hops.set(tag.sequence, (f.hops.get(tag.sequence) ?? 0) + 1);
    if (c.tunnels.length > 0) f.tunnelled.add(tag.sequence);
    if (byHomeAgent) f.viaHomeAgent.add(tag.sequence);
    for (const o of tunnelOverheads(e.bytes)) {
      const was = f.encapsulation[o.method] ?? { transmissions: 0, octets: 0 };
      f.encapsulation[o.method] = { transmissions: was.transmissions + 1, octets: was.octets + o.octets };
    }
  });

  // A handoff's window: from it to the node's first delivery after it, or its next handoff.
  const windowEnd = (h: (typeof handoffs)[number]): { index: number; delivery?: Micros } => {
    const delivery = (deliveriesAt.get(h.node) ?? []).find((d) => d.index > h.index);
    const next = handoffs.find((o) => o.node === h.node && o.index > h.index);
    if (delivery !== undefined && (next === undefined || delivery.index < next.index)) return { index: delivery.index, delivery: delivery.time };
    return { index: next?.index ?? Infinity };
  };
  const handoffLoss: HandoffLoss[] = handoffs.map((h) => ({ node: h.node, time: h.time, from: h.from, to: h.to, firstDeliveryAt: windowEnd(h).delivery ?? null, lost: 0 }));

  const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
  const max = (xs: number[]) => (xs.length === 0 ? null : Math.max(...xs));
  let overallHops = 0;
  const flowMetrics = [...flows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, f]): FlowMetrics => {
    const delivered = [...f.firstDelivery.keys()];
    const lost = [...f.sentAt.keys()].filter((s) => !f.firstDelivery.has(s));
    const causes: Record<string, number> = {};
    for (const s of lost) {
      const cause = f.cause.get(s);
      if (cause === undefined) continue;
      causes[cause.text] = (causes[cause.text] ?? 0) + 1;
      const k = handoffs.findIndex((h) => h.node === f.mobile && h.index < cause.index && cause.index < windowEnd(h).index);
      if (k >= 0) handoffLoss[k] = { ...handoffLoss[k]!, lost: handoffLoss[k]!.lost + 1 };
    }
    const latencies = delivered.filter((s) => f.sentAt.has(s)).map((s) => (f.firstDelivery.get(s)! - f.sentAt.get(s)!) / 1000);
    const hops = delivered.map((s) => f.hops.get(s) ?? 0);
    overallHops += hops.reduce((a, b) => a + b, 0);
    return {
      flow: id,
      sent: f.sentAt.size,
      delivered: delivered.length,
      lost: lost.length,
      inFlight: lost.filter((s) => !f.cause.has(s)).length,
      lossCauses: sorted(causes),
      duplicated: f.deliveries - delivered.length,
      meanHops: mean(hops),
      meanLatencyMs: mean(latencies),
      worstLatencyMs: max(latencies),
      tunnelled: delivered.filter((s) => f.tunnelled.has(s)).length,
      viaHomeAgent: delivered.filter((s) => f.viaHomeAgent.has(s)).length,
      encapsulation: sorted(f.encapsulation),
    };
  });
  const total = (pick: (f: FlowMetrics) => number) => flowMetrics.reduce((a, f) => a + pick(f), 0);
  const causes: Record<string, number> = {};
  const encapsulation: Record<string, EncapsulationOverhead> = {};
  for (const f of flowMetrics) {
    for (const [k, n] of Object.entries(f.lossCauses)) causes[k] = (causes[k] ?? 0) + n;
    for (const [k, o] of Object.entries(f.encapsulation)) encapsulation[k] = { transmissions: (encapsulation[k]?.transmissions ?? 0) + o.transmissions, octets: (encapsulation[k]?.octets ?? 0) + o.octets };
  }
  const delivered = total((f) => f.delivered);
  const overall: FlowFigures = {
    sent: total((f) => f.sent), delivered, lost: total((f) => f.lost), inFlight: total((f) => f.inFlight), lossCauses: sorted(causes), duplicated: total((f) => f.duplicated),
    meanHops: delivered === 0 ? null : overallHops / delivered, meanLatencyMs: mean(allLatencies), worstLatencyMs: max(allLatencies),
    tunnelled: total((f) => f.tunnelled), viaHomeAgent: total((f) => f.viaHomeAgent), encapsulation: sorted(encapsulation),
  };
  return {
    flows: flowMetrics,
    overall,
    homeAgentTunnelling: [...tunnelLoad.entries()].map(([node, t]) => ({ node, ...t })),
    control: { messages: controlMessages, octets: controlOctets, byMessage, octetsByMessage },
    handoffs: handoffLoss,
    events: trace.length,
    endTime: trace.length === 0 ? 0 : trace[trace.length - 1]!.time,
  };
}
