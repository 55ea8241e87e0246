// A memo over the trace has to know when to look again. The TraceLog is
// mutable on purpose (trace-log.ts: a busy run appends thousands of events a
// second), so the log object itself never changes; the store publishes a
// version number beside it. A TraceView pairs the two: a new object each time
// the version moves, the same object otherwise. A memo that reads the log
// through the view therefore depends on exactly what it reads, and the rules
// of hooks can check it (docs/architecture.md "UI").

import { useShallow } from 'zustand/shallow';
import { useLab, type LabState } from './lab-store';
import { useLabState } from './lab-store-context';
import type { TraceLog } from './trace-log';

export interface TraceView {
  /** The store's log: read it, never keep it apart from its view. */
  readonly log: TraceLog;
  /** The store's traceVersion when this view was taken. */
  readonly version: number;
}

export const traceViewOf = (s: LabState): TraceView => ({ log: s.trace, version: s.traceVersion });

/** The lab page's trace as a view: a new object whenever the log changed. */
export function useTraceView(): TraceView {
  return useLab(useShallow(traceViewOf));
}

/** The same, from the surrounding store (the compare page gives each side its own). */
export function useTraceViewHere(): TraceView {
  return useLabState(useShallow(traceViewOf));
}
