import { useLab } from '../store/lab-store';

// A scenario that would not open, a command the runtime refused, or a node
// that failed, is said plainly above the lab — what went wrong and where —
// while whatever was running stays. Both messages can show at once, so each
// Dismiss button names what it dismisses.
export function LoadProblem() {
  const loadError = useLab((s) => s.loadError);
  const failure = useLab((s) => s.failure);
  const rejected = useLab((s) => s.rejectedCommand);
  if (loadError === null && failure === null && rejected === null) return null;
  return (
    <div className="load-problem" role="alert">
      {loadError === null ? null : (
        <div>
          <pre className="load-problem-text">{loadError}</pre>
          <button type="button" aria-label="Dismiss the loading problem" onClick={() => useLab.getState().setLoadError(null)}>Dismiss</button>
        </div>
      )}
      {rejected === null ? null : (
        <div>
          <p>{rejected}</p>
          <button type="button" aria-label="Dismiss the refused command" onClick={() => useLab.getState().dismissRejectedCommand()}>Dismiss</button>
        </div>
      )}
      {failure === null ? null : (
        <p>
          The run stopped: {failure.node === undefined ? '' : `node ${failure.node} failed — `}{failure.reason}. Pick the scenario again to restart it.
        </p>
      )}
    </div>
  );
}
