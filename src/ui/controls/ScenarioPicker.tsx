import { useRef, useState } from 'react';
import { BUILTIN_CATALOG as BUILTIN_SCENARIOS } from '../../scenarios/builtin/catalog';
import { openBuiltin, openScenarioText } from '../app/run-opener';
import { useLab } from '../store/lab-store';
import './controls.css';

// Choosing what to run (docs/architecture.md "UI"): one of the built-in lessons, or the
// learner's own scenario file (src/scenarios/FORMAT.md). A file that does not
// validate is refused with every problem and its place in the file — shown in
// the lab's problem area (LoadProblem, from the store's loadError) — and the
// scenario that was running keeps running: nothing is lost.

const FILE_PREFIX = 'file:';

export function ScenarioPicker() {
  const scenarioId = useLab((s) => s.scenarioId);
  const description = useLab((s) => s.scenario?.description);
  const title = useLab((s) => s.scenario?.title);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const open = async (what: string, action: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setNote(null);
    useLab.getState().setLoadError(null); // what is reported next is about this attempt
    try {
      await action();
      const problem = useLab.getState().loadError;
      setNote(problem === null ? null : `${what} was not opened — the problems are listed above the lab. ${title === undefined ? '' : `"${title}" is still loaded.`}`);
    } catch (e) {
      setNote(`${what} could not be opened: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  const onFile = async (file: File): Promise<void> => {
    let text: string;
    try {
      text = await file.text();
    } catch (e) {
      setNote(`"${file.name}" could not be read: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    await open(`"${file.name}"`, () => openScenarioText(text, file.name));
  };

  const fromFile = scenarioId?.startsWith(FILE_PREFIX) === true ? scenarioId.slice(FILE_PREFIX.length) : null;
  // A lesson may carry its scenario inside it (lessons/open-lesson.ts).
  const lessonOwn = scenarioId?.startsWith('lesson:') === true;
  const builtin = BUILTIN_SCENARIOS.some((s) => s.id === scenarioId) ? scenarioId! : '';
  return (
    <div className="scenario-picker">
      <label>
        Scenario{' '}
        <select
          value={builtin}
          disabled={busy}
          onChange={(e) => {
            const id = e.target.value;
            if (id !== '') void open(`The scenario "${BUILTIN_SCENARIOS.find((s) => s.id === id)?.title ?? id}"`, () => openBuiltin(id));
          }}
        >
          {builtin === '' ? <option value="">{fromFile !== null ? `Your file: ${fromFile}` : lessonOwn ? `The lesson's own: ${title ?? ''}` : 'Choose a scenario…'}</option> : null}
          {BUILTIN_SCENARIOS.map((s) => <option key={s.id} value={s.id}>{s.title}</option>)}
        </select>
      </label>
      <button type="button" disabled={busy} onClick={() => fileInput.current?.click()}>
        Open scenario file…
      </button>
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        aria-label="Scenario file"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = ''; // the same file can be chosen again after it is fixed
          if (file !== undefined) void onFile(file);
        }}
      />
      {description === undefined ? null : (
        <details className="scenario-about">
          <summary>About this scenario</summary>
          <p>{description}</p>
        </details>
      )}
      <span className="scenario-file-note" role="status">{busy ? 'Opening…' : note ?? ''}</span>
    </div>
  );
}
