import { useState } from 'react';
import { useLab } from '../../store/lab-store';
import { showEarlierPackets } from './earlier-packets';

// Above the packet list when the store no longer holds the run's first
// packets (it keeps a window of recent ones): says how many, and brings the
// previous stretch back on request, re-derived by the runtime.
export function EarlierPackets() {
  const trace = useLab((s) => s.trace);
  useLab((s) => s.traceVersion); // the log is mutable: re-read its counts when it changes
  const available = useLab((s) => s.runtime !== null && s.status !== 'failed');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const before = trace.before.packets;
  if (before === 0) return null;

  const show = async (): Promise<void> => {
    setBusy(true);
    try {
      await showEarlierPackets();
      setProblem(null);
    } catch (e) {
      setProblem(`Could not replay the earlier packets: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <p className="earlier-packets">
      <span>{before === 1 ? 'Packet 1 is' : `Packets 1–${before} are`} not shown: the lab keeps the latest stretch of the run.</span>{' '}
      <button type="button" disabled={!available || busy} onClick={() => void show()}>
        {busy ? 'Replaying…' : 'Show earlier packets'}
      </button>
      {problem === null ? null : <span role="alert"> {problem}</span>}
    </p>
  );
}
