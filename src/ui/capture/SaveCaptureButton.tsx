import { useState } from 'react';
import { useLab } from '../store/lab-store';
import { downloadFile } from '../download-file';
import { filterActive } from './list-filter';
import type { PageRun } from './page-capture';
import { usePacketTextFilter } from './packet-text-filter';
import './capture.css';

// "Save capture": the run so far, to the playhead, as a pcapng file that opens
// in Wireshark (the lab's dissector adds the Route Optimization messages), the
// same bytes as `mip-lab run --pcap` for this run. With a packet-list filter
// on, the learner may keep only the packets the list shows.
export function SaveCaptureButton() {
  const packetFilter = useLab((s) => s.packetFilter);
  const text = usePacketTextFilter((s) => s.text);
  const filter = { packetFilter, text };
  const filtering = filterActive(filter);
  const [onlyFiltered, setOnlyFiltered] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (): Promise<void> => {
    const { scenario, runtime, commands, now, scenarioId } = useLab.getState();
    if (scenario === null || runtime === null) {
      setStatus('No run to save yet.');
      return;
    }
    const run: PageRun = { scenarioId, scenario, seed: runtime.seed, commands, now };
    const filtered = filtering && onlyFiltered;
    setBusy(true);
    setStatus('Writing the capture…');
    try {
      const onProgress = (t: number, until: number) => setStatus(`Writing the capture… ${(t / 1e6).toFixed(0)} s of ${(until / 1e6).toFixed(0)} s`);
      // The writer replays the run with the whole engine: fetched on the first save, not with the page.
      const { captureFileName, pageCapture } = await import('./page-capture');
      const capture = await pageCapture(run, { ...(filtered ? { filter } : {}), yieldBetweenSlices: true, onProgress });
      const name = captureFileName(run, filtered);
      downloadFile(name, capture.bytes, 'application/x-pcapng');
      setStatus(`Saved ${capture.packets} packet${capture.packets === 1 ? '' : 's'} as ${name}.`);
    } catch (e) {
      setStatus(`The capture could not be written: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="save-capture">
      <button type="button" onClick={() => void save()} disabled={busy}>Save capture</button>
      {filtering ? (
        <label title="Save only the packets the packet-list filter shows">
          <input type="checkbox" checked={onlyFiltered} onChange={(e) => setOnlyFiltered(e.target.checked)} /> filtered only
        </label>
      ) : null}
      <span role="status" className="save-capture-status" title={status ?? undefined}>{status ?? ''}</span>
    </span>
  );
}
