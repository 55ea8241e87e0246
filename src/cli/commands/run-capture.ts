// What `mip-lab run` writes besides its table: the run's trace as JSON lines,
// and a pcapng capture with one interface per link, built from the trace's
// transmission events (`sent` / `forwarded`, which carry the datagram and the
// interface it left by). A wired interface belongs to one link; a radio
// interface to the cells in range at that moment, which the trace also
// records (the simulation's `table-changed` event of each move, RADIO_REF).
// A frame sent while in range of two cells is on both, so it is written on both.

import { createPcapngWriter } from '../../engine/capture/pcapng';
import { cellsInRange } from '../../engine/network/radio';
import { RADIO_REF } from '../../engine/network/simulation';
import type { Topology } from '../../engine/network/topology';
import type { TraceEvent } from '../../engine/node/contract';
import { toHex } from '../../engine/crypto/bytes';
import { describePacket } from '../../engine/wire/packet';
import { describeWireError } from '../../engine/wire/result';
import type { MipProfile } from '../../engine/wire/mip/profile';

/** One trace event per line; bytes (anywhere, also in before/after) as lower-case hex. */
export function traceJsonLines(trace: readonly TraceEvent[]): string {
  const replacer = (_key: string, value: unknown): unknown => (value instanceof Uint8Array ? toHex(value) : typeof value === 'bigint' ? value.toString() : value);
  return trace.map((e) => `${JSON.stringify(e, replacer)}\n`).join('');
}

export interface RunCapture {
  readonly bytes: Uint8Array;
  readonly packets: number;
  readonly links: number;
}

/** The pcapng file of a run: interfaces in topology link order, packets in trace order, each commented with its summary. */
export function captureFromTrace(trace: readonly TraceEvent[], topology: Topology, profile: MipProfile, application = 'mip-lab run (Route Optimization Lab)'): RunCapture {
  const w = createPcapngWriter({ application });
  const linkInterface = new Map<string, number>();
  for (const link of topology.links) {
    const kind = link.kind === 'radio' ? 'radio cell' : link.kind;
    linkInterface.set(link.id, w.addInterface({ name: link.id, description: `${kind} ${link.id}` }));
  }
  // Which links each node interface is on, as the run goes: wired ones never change; radio ones start where the node is.
  const attached = new Map<string, readonly string[]>();
  for (const node of topology.nodes) {
    for (const i of node.interfaces) {
      const links = i.link !== undefined ? [i.link] : i.radio === true && node.position !== undefined ? cellsInRange(topology, node.position) : [];
      attached.set(`${node.id}/${i.name}`, links);
    }
  }
  let packets = 0;
  for (const e of trace) {
    if (e.kind === 'table-changed' && e.ref === RADIO_REF && e.interface !== undefined && Array.isArray(e.after)) {
      attached.set(`${e.node}/${e.interface}`, e.after as string[]);
      continue;
    }
    if ((e.kind !== 'sent' && e.kind !== 'forwarded') || e.bytes === undefined || e.interface === undefined) continue;
    const d = describePacket(e.bytes, profile);
    const what = d.ok ? d.value.summary : `undecodable: ${describeWireError(d.error)}`;
    for (const link of attached.get(`${e.node}/${e.interface}`) ?? []) {
      w.addPacket({ interfaceId: linkInterface.get(link)!, timeMicros: e.time, bytes: e.bytes, comment: `${what} | ${e.node}: ${e.summary} (${e.ref})` });
      packets++;
    }
  }
  return { bytes: w.finish(), packets, links: topology.links.length };
}
