// "Show earlier packets": the store keeps a window of the trace
// (store/trace-log.ts); the packets before it are re-derived by the runtime,
// by replay from a snapshot and the command log (LabRuntime.recall), and join
// the front of the log, numbered as in the whole run.

import { useLab } from '../../store/lab-store';

/** Brings back the stretch before what the log holds; resolves when it is in (or was no longer wanted). */
export async function showEarlierPackets(): Promise<void> {
  const { runtime, trace } = useLab.getState();
  const from = trace.from;
  if (runtime === null || from === undefined || trace.before.events === 0) return;
  const stretch = await runtime.recall(from);
  if (useLab.getState().trace !== trace) return; // another run meanwhile
  trace.prepend(stretch);
  useLab.setState({ traceVersion: useLab.getState().traceVersion + 1 });
}
