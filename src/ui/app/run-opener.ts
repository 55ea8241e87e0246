// The way into opening a run, loaded when the first run opens rather than with the
// page: validating a scenario (zod, the scenario checks, the built-in files) and
// starting a runtime weigh more than the rest of the first load, and the header
// and the canvas can be drawn before them (docs/architecture.md "UI"). The page
// asks for this code as soon as it starts, so it arrives beside the lab's own.
// If it cannot be fetched, the lab says so where it reports a scenario that
// cannot open, and the run that was open (if any) keeps running.

import type { LabRuntimeOptions } from '../../runtime/types';
import type { LoadedScenario } from '../../scenarios/to-topology';
import { useLab } from '../store/lab-store';
import type { RunAddress } from './links/run-address';
import type { OpenOptions } from './open-scenario';

type Opener = typeof import('./open-scenario');
type AddressOpener = typeof import('./links/open-run-link');

const UNREACHABLE = 'The code that opens a scenario could not be loaded: the lab may be offline, or a newer version may have replaced it. Reload the page to try again.';

let opener: Promise<Opener> | null = null;
let addressOpener: Promise<AddressOpener> | null = null;

/** Starts fetching the code now (the page calls this at start, so the first run does not wait for it). */
export function preloadRunOpener(): void {
  void loadOpener().catch(() => undefined);
}

function loadOpener(): Promise<Opener> {
  // Forgotten on failure, so a later attempt (back online) fetches it again.
  opener ??= import('./open-scenario').catch((error: unknown) => {
    opener = null;
    throw error;
  });
  return opener;
}

async function withOpener<T>(call: (m: Opener) => Promise<T>, unreachable: T): Promise<T> {
  let m: Opener;
  try {
    m = await loadOpener();
  } catch {
    useLab.getState().setLoadError(UNREACHABLE);
    return unreachable;
  }
  return call(m);
}

export const openBuiltin = (id: string, options: OpenOptions = {}): Promise<void> => withOpener((m) => m.openBuiltin(id, options), undefined);
export const openLoadedScenario = (loaded: LoadedScenario, scenarioId: string, options: OpenOptions = {}): Promise<void> =>
  withOpener((m) => m.openLoadedScenario(loaded, scenarioId, options), undefined);
export const openScenarioText = (text: string, fileName: string, options: OpenOptions = {}): Promise<void> =>
  withOpener((m) => m.openScenarioText(text, fileName, options), undefined);
/** Options the next start adds (the end-to-end tests' work limit); applied before any open asked for after it. */
export const setNextStartOptions = (options: Partial<LabRuntimeOptions>): Promise<void> => withOpener(async (m) => m.setNextStartOptions(options), undefined);

/** The run the page address names (links/open-run-link.ts), or `fallback`. */
export async function openRunFromAddress(address: RunAddress, fallback: string): Promise<void> {
  addressOpener ??= import('./links/open-run-link').catch((error: unknown) => {
    addressOpener = null;
    throw error;
  });
  let m: AddressOpener;
  try {
    m = await addressOpener;
  } catch {
    useLab.getState().setLoadError(UNREACHABLE);
    return;
  }
  await m.openRunFromAddress(address, fallback);
}
