// Which lab store a view reads (docs/architecture.md "UI"). The lab page has
// one store, `useLab`, and every view defaults to it; the compare page
// (src/ui/compare) draws two networks side by side, each from its own store,
// by wrapping each side's views in a provider of that side's store.

import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { useLab, type LabState, type LabStore } from './lab-store';

export const LabStoreContext = createContext<LabStore>(useLab);

/** The store the surrounding views read: the lab's, unless a compare side provides its own. */
export function useLabStore(): LabStore {
  return useContext(LabStoreContext);
}

/** A selector on the surrounding store, like `useLab(selector)`. */
export function useLabState<T>(selector: (s: LabState) => T): T {
  return useStore(useLabStore(), selector);
}
