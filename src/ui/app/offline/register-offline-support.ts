// Registers the service worker that vite-plugin-pwa (Workbox) generates at
// build time: it precaches the whole built lab, so a page opened once keeps
// working with no network and can be installed (the web app manifest is in
// vite.config.ts). The worker waits instead of taking over at once: a learner
// mid-run is asked before the page reloads into a new version.

import { registerSW } from 'virtual:pwa-register';
import { useOfflineStatus } from './offline-status';

export function registerOfflineSupport(): void {
  if (!('serviceWorker' in navigator)) return;
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
