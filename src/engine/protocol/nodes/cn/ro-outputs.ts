// Turning what the pure route-optimization functions return (route-
// optimization/types.ts: sends, forwards, traces) into node outputs: frames
// routed by the node's forwarding table and trace events. Shared by the
// three RO-aware nodes — correspondent, home agent, foreign agent — and kept
// in this folder because it is the route-optimization wiring's own.

import type { NodeConfig, NodeOutput } from '../../../node/contract';
import type { ForwardingTable } from '../../../node/route-table';
import { sendDatagram } from '../../../network/behaviours/ip-output';
import { parseIpv4 } from '../../../wire/ipv4';
import { toDatagram, type RoForward, type RoSend, type RoTrace } from '../../route-optimization/types';
import { dropped, trace } from '../common/trace';

/** Where the sending node takes its IP Identification values from: the next one, and how many it used. */
export interface RoEmission {
  readonly outputs: NodeOutput[];
  /** IP Identification values consumed (one per send; forwards are already built). */
  readonly identificationsUsed: number;
}

export function roTraceOutputs(traces: readonly RoTrace[]): NodeOutput[] {
  return traces.map((t) => trace(t.kind, t.summary, t.ref, { reason: t.reason, before: t.before, after: t.after, ...(t.bytes === undefined ? {} : { bytes: t.bytes }) }));
}

/**
 * Traces first (they explain the decision), then the control messages
 * (UDP 434 → 434, OC-07; IP-in-IP around them when `tunnelTo` is set, OC-36),
 * then the datagrams forwarded as they are (Perkins & Johnson §4.3; spectun-00 §3.1, §3.2).
 */
export function roOutputs(node: NodeConfig, table: ForwardingTable, result: { readonly sends: readonly RoSend[]; readonly forwards: readonly RoForward[]; readonly traces: readonly RoTrace[] }, firstIdentification: number): RoEmission {
  const outputs = roTraceOutputs(result.traces);
  let id = firstIdentification;
  for (const send of result.sends) {
    const bytes = toDatagram(send, id & 0xffff);
    id += 1;
    outputs.push(sendDatagram(node, table, bytes, send.tunnelTo ?? send.destination, { summary: send.summary, ref: send.ref }));
  }
  for (const f of result.forwards) {
    const outer = parseIpv4(f.bytes);
    if (!outer.ok) {
      outputs.push(dropped(`not forwarded: ${f.summary}`, 'the datagram built for forwarding does not parse', f.ref, { bytes: f.bytes }));
      continue;
    }
    outputs.push(sendDatagram(node, table, f.bytes, outer.value.destination, { summary: f.summary, ref: f.ref, traceAs: 'forwarded' }));
  }
  return { outputs, identificationsUsed: id - firstIdentification };
}
