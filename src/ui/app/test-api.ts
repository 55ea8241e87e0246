// A small typed API on `window` for end-to-end tests and benchmarks (the
// tldraw e2e pattern in STYLE.md): tests drive virtual time and read the trace
// through it instead of sleeping. It only reads and calls what the UI itself
// uses; the page never depends on it.

import type { LabRuntime } from '../../runtime/types';
import { useLab } from '../store/lab-store';

export interface LabTestApi {
  /** The runtime driving the current scenario (null while none is open). */
  runtime(): LabRuntime | null;
  /** Virtual time, status and counts, as the store holds them. */
  summary(): { scenarioId: string | null; status: string; now: number; events: number; packets: number; mode: string | null };
  /** The whole trace received so far as JSON lines, bytes as hex: the format of `mip-lab run --trace`. */
  exportTraceJsonLines(): string;
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
      return { scenarioId: s.scenarioId, status: s.status, now: s.now, events: s.trace.events.length, packets: s.trace.packets.length, mode: s.runtime?.mode.kind ?? null };
    },
    exportTraceJsonLines: () => useLab.getState().trace.events.map((e) => `${JSON.stringify(e, replacer)}\n`).join(''),
  };
}
