// A small typed API on `window` for end-to-end tests and benchmarks (the
// tldraw e2e pattern in docs/architecture.md "Examples we follow"): tests drive virtual time and read the trace
// through it instead of sleeping. It only reads and calls what the UI itself
// uses; the page never depends on it.

import type { TraceEvent } from '../../engine/node/contract';
import type { LabRuntime } from '../../runtime/types';
import { useLab } from '../store/lab-store';
import { openScenarioText, setNextStartOptions } from './run-opener';

export interface LabTestApi {
  /** The runtime driving the current scenario (null while none is open). */
  runtime(): LabRuntime | null;
  /** Virtual time, status and counts, as the store holds them. */
  /** `events`, `packets`: what the store holds (a window of the run); `eventsBefore`: the run's events before it. */
  summary(): { scenarioId: string | null; status: string; now: number; events: number; packets: number; eventsBefore: number; mode: string | null };
  /**
   * The whole trace so far as JSON lines, bytes as hex: the format of `mip-lab run --trace`.
   * What the store no longer holds is re-derived by the runtime (LabRuntime.recall), a stretch at a time.
   */
  exportTraceJsonLines(): Promise<string>;
  /**
   * Opens a scenario file's text as the scenario picker does, in `mode` (a
   * long run of a scenario with 1 ms links runs in the page: the worker
   * fabric's windows are as short as the shortest link).
   */
  openScenarioText(text: string, fileName: string, mode?: 'workers' | 'in-page'): Promise<void>;
  /** Advances virtual time by `micros` at once (a seek forward: the run ends up paused there), as the timeline does. */
  advanceBy(micros: number): Promise<void>;
  /**
   * The next run the page starts gets this work limit (LabRuntimeOptions.workLimit):
   * a valid file then stops at its start, as one whose first instant outgrew the
   * real limit would — how the tests check that such a file leaves the open run alone.
   */
  limitNextStartWork(events: number): void;
  /** The run's command log as the store holds it: each entry's time and command. */
  commandLog(): { at: number; command: unknown }[];
  /**
   * Makes the next render of the lab throw, as a bug in a panel would: the
   * node views become an object that throws when read. For the crash screen's test.
   */
  crash(): void;
  /** The open lesson: its id, the step shown and the furthest, and each step's state as the panel shows it. */
  lesson(): { id: string; step: number; reached: number; states: string[] } | null;
}

declare global {
  interface Window {
    routeOptimizationLab?: LabTestApi;
  }
}

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** The same replacer as the CLI's traceJsonLines (src/cli/commands/run-capture.ts), so the two compare line by line. */
function replacer(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? hex(value) : typeof value === 'bigint' ? value.toString() : value;
}

export function installTestApi(): void {
  window.routeOptimizationLab = {
    runtime: () => useLab.getState().runtime,
    summary: () => {
      const s = useLab.getState();
      return { scenarioId: s.scenarioId, status: s.status, now: s.now, events: s.trace.events.length, packets: s.trace.packets.length, eventsBefore: s.trace.before.events, mode: s.runtime?.mode.kind ?? null };
    },
    exportTraceJsonLines: async () => {
      const { trace, runtime } = useLab.getState();
      const stretches: (readonly TraceEvent[])[] = [trace.events.slice()];
      for (let from = trace.from, before = trace.before.events; runtime !== null && from !== undefined && before > 0;) {
        const earlier = await runtime.recall(from);
        if (earlier.events.length === 0) break;
        stretches.unshift(earlier.events);
        from = earlier.events[0]!.time;
        before = earlier.before.events;
      }
      return stretches.map((events) => events.map((e) => `${JSON.stringify(e, replacer)}\n`).join('')).join('');
    },
    openScenarioText: (text, fileName, mode) => openScenarioText(text, fileName, mode === undefined ? {} : { mode }),
    advanceBy: async (micros) => {
      const { runtime, now } = useLab.getState();
      await runtime?.seek(now + micros);
    },
    limitNextStartWork: (events) => void setNextStartOptions({ workLimit: events }),
    commandLog: () => useLab.getState().commands.map((e) => ({ at: e.at, command: e.command })),
    crash: () => {
      const broken = new Proxy({}, { get: () => { throw new Error('a panel read a node view that could not be read'); }, ownKeys: () => { throw new Error('a panel listed node views that could not be listed'); } });
      useLab.setState({ nodes: broken });
    },
    lesson: () => {
      const l = useLab.getState().lesson;
      return l === null ? null : { id: l.id, step: l.progress.step, reached: l.progress.reached, states: l.views.map((v) => v.state) };
    },
  };
}
