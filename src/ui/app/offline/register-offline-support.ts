// Registers the service worker that vite-plugin-pwa (Workbox) generates at
// build time: it precaches the whole built lab, so a page opened once keeps
// working with no network and can be installed (the web app manifest is in
// vite.config.ts). The worker waits instead of taking over at once: a learner
// mid-run is asked before the page reloads into a new version.
//
// It registers once the first run is usable (or could not open), not at the
// page's load event: installing downloads every file of the lab and the browser
// compiles each script it caches, which on a slow device competed with the
// first run's start. A page that opens no run (the references, the decoder)
// registers after FALLBACK_MS.

import { registerSW } from 'virtual:pwa-register';
import { useLab } from '../../store/lab-store';
import { useOfflineStatus } from './offline-status';

const FALLBACK_MS = 10_000;

/** Calls `then` once, when the lab's first run has left 'loading' or failed to open, or after FALLBACK_MS. */
function afterFirstRun(then: () => void): void {
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    stop();
    clearTimeout(timer);
    then();
  };
  const settled = (s: ReturnType<typeof useLab.getState>): boolean => (s.runtime !== null && s.status !== 'loading') || s.loadError !== null;
  const stop = useLab.subscribe((s) => { if (settled(s)) once(); });
  const timer = setTimeout(once, FALLBACK_MS);
  if (settled(useLab.getState())) once();
}

export function registerOfflineSupport(): void {
  if (!('serviceWorker' in navigator)) return;
  afterFirstRun(register);
}

function register(): void {
  const updateServiceWorker = registerSW({
    onNeedRefresh() {
      useOfflineStatus.setState({ updateWaiting: true, dismissed: false, applyUpdate: () => void updateServiceWorker(true) });
    },
    onRegisterError(error: unknown) {
      // Offline use is a convenience: the lab runs the same without it.
      console.warn('The lab could not install its offline copy:', error);
    },
  });
}
