// "A new version of the lab is available": shown when the service worker has
// installed a newer build. Reloading is safe — the address holds the run
// (scenario, seed, every command and the time), so the learner comes back to
// the same moment in the new version.

import { useOfflineStatus } from './offline-status';
import './update-prompt.css';

export function UpdatePrompt() {
  const { updateWaiting, applyUpdate, dismissed } = useOfflineStatus();
  if (!updateWaiting || dismissed || applyUpdate === null) return null;
  return (
    <div className="update-prompt" role="status" aria-live="polite">
      <p>A new version of the lab is available. Your run is kept in the address, so reloading brings you back to the same moment.</p>
      <div className="update-prompt-actions">
        <button type="button" onClick={applyUpdate}>Reload now</button>
        <button type="button" onClick={() => useOfflineStatus.setState({ dismissed: true })}>Later</button>
      </div>
    </div>
  );
}
