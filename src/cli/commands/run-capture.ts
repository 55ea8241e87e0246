// What `mip-lab run` writes besides its table: the run's trace as JSON lines,
// and a pcapng capture with one interface per link, built from the trace's
// transmission events (`sent` / `forwarded`, which carry the datagram and the
// interface it left by). A wired interface belongs to one link; a radio
// interface to the cells in range at that moment, which the trace also
// records (the simulation's `table-changed` event of each move, RADIO_REF).
// A frame sent while in range of two cells is on both, so it is written on both.

import { captureLinkType, topologyCarriesIpv6 } from '../../engine/capture/capture-link-type';
import { PcapngStream } from '../../engine/capture/pcapng';
import { cellsInRange } from '../../engine/network/radio';
import { RADIO_REF } from '../../engine/network/simulation';
import type { Topology } from '../../engine/network/topology';
import type { TraceEvent } from '../../engine/node/contract';
import { toHex } from '../../engine/crypto/bytes';
import { describePacket } from '../../engine/wire/packet';
import { describeWireError } from '../../engine/wire/result';
import type { MipProfile } from '../../engine/wire/mip/profile';

const replacer = (_key: string, value: unknown): unknown => (value instanceof Uint8Array ? toHex(value) : typeof value === 'bigint' ? value.toString() : value);

/** One trace event as a line of the trace file (bytes, also in before/after, as lower-case hex). */
export function traceJsonLine(e: TraceEvent): string {
  return `${JSON.stringify(e, replacer)}\n`;
}

/** One trace event per line; bytes (anywhere, also in before/after) as lower-case hex. */
export function traceJsonLines(trace: readonly TraceEvent[]): string {
  return trace.map(traceJsonLine).join('');
}

export interface RunCapture {
  readonly bytes: Uint8Array;
  readonly packets: number;
  readonly links: number;
}

export const RUN_CAPTURE_APPLICATION = 'mip-lab run (Route Optimization Lab)';

/**
 * The pcapng file of a run, built as the trace goes (a streaming consumer):
 * interfaces in topology link order, written at once; then packets in trace
 * order, each commented with its summary, handed to `write` as they come.
 */
export class CaptureStream {
  private readonly stream: PcapngStream;
  private readonly linkInterface = new Map<string, number>();
  /** Which links each node interface is on, as the run goes: wired ones never change; radio ones start where the node is. */
  private readonly attached = new Map<string, readonly string[]>();
  packets = 0;
  readonly links: number;

  constructor(topology: Topology, private readonly profile: MipProfile, write: (bytes: Uint8Array) => void, application = RUN_CAPTURE_APPLICATION) {
    const ipv6 = topologyCarriesIpv6(topology); // raw IP for both versions, else the IPv4 default (capture-link-type.ts)
    const interfaces = topology.links.map((link, i) => {
      this.linkInterface.set(link.id, i);
      return { name: link.id, description: `${link.kind === 'radio' ? 'radio cell' : link.kind} ${link.id}`, ...captureLinkType(ipv6) };
    });
    this.links = topology.links.length;
    for (const node of topology.nodes) {
      for (const i of node.interfaces) {
        const links = i.link !== undefined ? [i.link] : i.radio === true && node.position !== undefined ? cellsInRange(topology, node.position) : [];
        this.attached.set(`${node.id}/${i.name}`, links);
      }
    }
    this.stream = new PcapngStream(application, interfaces, write);
  }

  add(e: TraceEvent): void {
    if (e.kind === 'table-changed' && e.ref === RADIO_REF && e.interface !== undefined && Array.isArray(e.after)) {
      this.attached.set(`${e.node}/${e.interface}`, e.after as string[]);
      return;
    }
    if ((e.kind !== 'sent' && e.kind !== 'forwarded') || e.bytes === undefined || e.interface === undefined) return;
    const d = describePacket(e.bytes, this.profile);
    const what = d.ok ? d.value.summary : `undecodable: ${describeWireError(d.error)}`;
    for (const link of this.attached.get(`${e.node}/${e.interface}`) ?? []) {
      this.stream.addPacket({ interfaceId: this.linkInterface.get(link)!, timeMicros: e.time, bytes: e.bytes, comment: `${what} | ${e.node}: ${e.summary} (${e.ref})` });
      this.packets++;
    }
  }
}

/** The pcapng file of a whole trace held in memory (CaptureStream over it, collected). */
export function captureFromTrace(trace: readonly TraceEvent[], topology: Topology, profile: MipProfile, application = RUN_CAPTURE_APPLICATION): RunCapture {
  const chunks: Uint8Array[] = [];
  const capture = new CaptureStream(topology, profile, (b) => chunks.push(b), application);
  for (const e of trace) capture.add(e);
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return { bytes, packets: capture.packets, links: capture.links };
}
