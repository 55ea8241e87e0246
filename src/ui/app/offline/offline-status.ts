// What the service worker told the page (register-offline-support.ts), for the
// update prompt. A store of its own so the prompt can be tested without a
// service worker and the page never imports the build-time virtual module
// outside main.tsx.

import { create } from 'zustand';

export interface OfflineStatus {
  /** A new version of the lab is installed and waiting: reloading switches to it. */
  readonly updateWaiting: boolean;
  /** Activates the waiting version and reloads the page (the run is kept in the address). */
  readonly applyUpdate: (() => void) | null;
  readonly dismissed: boolean;
}

export const useOfflineStatus = create<OfflineStatus>(() => ({ updateWaiting: false, applyUpdate: null, dismissed: false }));
