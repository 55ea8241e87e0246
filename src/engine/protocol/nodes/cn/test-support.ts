// Shared by the Route Optimization story tests: the lab with RO switched on
// where a story wants it, and readers for paths and Binding Updates.

import type { TraceEvent } from '../../../node/contract';
import type { Simulation } from '../../../network/simulation';
import { readFlowPayload } from '../../../network/behaviours/udp-datagram';
import { IpProtocol } from '../../../wire/ipv4';
import { parseUdp } from '../../../wire/udp';
import type { LabOptions } from '../test-support/lab';
import { CN, FA1, FA2, HOME, echoFlow, haCnAssociation, labSimulation, mnHaAssociation } from '../test-support/lab';
import { datagramOf, innermost, isFlowData, mipMessages, type SeenMip } from '../test-support/trace-reading';

export const RO_ON = { enabled: true } as const;

/** The lab with a correspondent, RO on at the HA and both FAs unless `o` says otherwise. */
export function roLab(o: LabOptions & { readonly flow?: { start: number; interval: number; count: number } } = {}): Simulation {
  const flow = o.flow ?? { start: 2_000_000, interval: 100_000, count: 30 };
  return labSimulation({
    cn: {},
    cnFlows: [echoFlow(flow.start, flow.interval, flow.count)],
    ...o,
    ha: { associations: [mnHaAssociation(HOME), haCnAssociation(CN)], routeOptimization: RO_ON, ...o.ha },
    fa1: { routeOptimization: RO_ON, ...o.fa1 },
    fa2: { routeOptimization: RO_ON, ...o.fa2 },
  });
}

function sequenceOf(e: TraceEvent): number | null {
  const d = datagramOf(e);
  if (d === null || !isFlowData(d)) return null;
  const i = innermost(d);
  const u = parseUdp(i.payload, 0, i.payload.length, i);
  if (!u.ok || u.value.sourcePort !== 5000 || i.source !== CN) return null;
  return readFlowPayload(u.value.payload)?.sequence ?? null;
}

/** The nodes that received CN's flow datagram number `sequence`, in order. */
export function pathOf(trace: readonly TraceEvent[], sequence: number): string[] {
  return trace.filter((e) => e.kind === 'received' && sequenceOf(e) === sequence).map((e) => e.node);
}

/** CN → MN flow datagrams the HA received (each one went through the home agent). */
export function flowDatagramsAtHa(trace: readonly TraceEvent[]): number {
  return trace.filter((e) => e.node === 'HA' && e.kind === 'received' && sequenceOf(e) !== null).length;
}

/** Binding Updates the HA sent, in order. */
export function bindingUpdatesFromHa(trace: readonly TraceEvent[]): (SeenMip & { message: Extract<SeenMip['message'], { kind: 'binding-update' }> })[] {
  return mipMessages(trace).filter((m): m is SeenMip & { message: Extract<SeenMip['message'], { kind: 'binding-update' }> } => m.node === 'HA' && m.message.kind === 'binding-update');
}

/** True when the datagram event is IP in IP built by `source`. */
export function isTunnelFrom(e: TraceEvent, source: string): boolean {
  const d = datagramOf(e);
  return d !== null && d.protocol === IpProtocol.IP_IN_IP && d.source === source;
}

export { CN, FA1, FA2, HOME };
