// "Save capture": the page's run so far as a pcapng file. The page keeps only
// a window of its trace (PAGE_TRACE_RETENTION), so the capture is not built
// from what the page holds: the run is replayed headless from its scenario,
// seed and command log to the playhead (runtime/replay), which writes the file
// with the same CaptureStream as `mip-lab run --pcap` — the same bytes as the
// command line for the same run (page-capture.test.ts). Optionally only the
// packets the packet-list filter shows are kept, numbered as in the list.

import type { TraceEvent } from '../../engine/node/contract';
import type { Micros } from '../../engine/node/time';
import type { RunCapture } from '../../cli/commands/run-capture';
import { replayCapture } from '../../runtime/replay/replay-capture';
import type { ReplayPacing } from '../../runtime/replay/replay-run';
import type { CommandLogEntry } from '../../runtime/types';
import type { LoadedScenario } from '../../scenarios/to-topology';
import { filterPackets } from '../inspector/list/filter-packets';
import { packetRowOf } from '../store/trace-log';

/** What fixes a run: its scenario, seed and commands, and how far it went. */
export interface PageRun {
  readonly scenarioId: string | null;
  readonly scenario: LoadedScenario;
  readonly seed: number;
  readonly commands: readonly CommandLogEntry[];
  /** The playhead: the capture holds every packet sent at or before it. */
  readonly now: Micros;
}

import { filterActive, type ListFilter } from './list-filter';

export { filterActive, type ListFilter };


export function pageCapture(run: PageRun, options: { readonly filter?: ListFilter } & ReplayPacing = {}): Promise<RunCapture> {
  const { filter: f, ...pacing } = options;
  const keep = f === undefined || !filterActive(f) ? undefined : (e: TraceEvent, n: number) => filterPackets([packetRowOf(e, n)], f.packetFilter, f.text).length === 1;
  return replayCapture({ loaded: run.scenario, seed: run.seed, commandLog: run.commands, until: run.now }, { ...pacing, ...(keep === undefined ? {} : { keep }) });
}

/** "smooth-handoff-seed1-at12.5s.pcapng", "…-filtered.pcapng"; a file or lesson scenario is named by its title. */
export function captureFileName(run: PageRun, filtered: boolean): string {
  const id = run.scenarioId !== null && !run.scenarioId.includes(':') ? run.scenarioId : run.scenario.title;
  const base = id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'run';
  const at = Number((run.now / 1_000_000).toFixed(6));
  return `${base}-seed${run.seed}-at${at}s${filtered ? '-filtered' : ''}.pcapng`;
}
