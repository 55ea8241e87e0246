// The pcapng capture of a run replayed headless (replay-run.ts), written by the
// same CaptureStream as `mip-lab run --pcap`: so the page's "Save capture" and
// the command line give the same file, byte for byte, for the same scenario,
// seed, commands and end time. A filter may keep only some packets (the page's
// packet-list filter); packets are numbered over the whole run, as in the list.

import { isPacketEvent } from '../../engine/metrics/trace-events';
import type { TraceEvent } from '../../engine/node/contract';
import { CaptureStream, RUN_CAPTURE_APPLICATION, type RunCapture } from '../../cli/commands/run-capture';
import { replayRun, type ReplayPacing, type ReplayRequest } from './replay-run';

export interface ReplayCaptureOptions extends ReplayPacing {
  /** Keep this packet (its event and its number over the whole run, from 1)? Default: every packet. */
  readonly keep?: (event: TraceEvent, number: number) => boolean;
}

export async function replayCapture(request: ReplayRequest, options: ReplayCaptureOptions = {}): Promise<RunCapture> {
  const chunks: Uint8Array[] = [];
  const capture = new CaptureStream(request.loaded.topology, request.loaded.profile, (b) => chunks.push(b), RUN_CAPTURE_APPLICATION);
  let number = 0;
  const keep = options.keep;
  await replayRun(request, (e) => {
    if (isPacketEvent(e)) {
      number++;
      if (keep !== undefined && !keep(e, number)) return;
    }
    capture.add(e);
  }, options);
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  chunks.reduce((at, c) => {
    bytes.set(c, at);
    return at + c.length;
  }, 0);
  return { bytes, packets: capture.packets, links: capture.links };
}
