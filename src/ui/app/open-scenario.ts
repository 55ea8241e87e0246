// Opening a scenario: validate it, start a runtime for it (workers when the
// browser allows), and connect the runtime's batches to the store. A scenario
// that does not validate, or a runtime that cannot start, becomes the store's
// `loadError` — shown as an alert above the lab, with the problems named — and the
// scenario that was running keeps running (nothing is lost).

import { createLabRuntime } from '../../runtime/create-lab-runtime';
import type { CommandLogEntry, LabRuntime } from '../../runtime/types';
import { builtinScenario } from '../../scenarios/builtin';
import { toLoadedScenario, type LoadedScenario } from '../../scenarios/to-topology';
import { parseScenario, parseScenarioText, type ScenarioResult } from '../../scenarios/validate';
import { useLab } from '../store/lab-store';

export interface OpenOptions {
  readonly seed?: number;
  readonly mode?: 'workers' | 'in-page';
  readonly commands?: readonly CommandLogEntry[];
}

let unsubscribe: (() => void) | null = null;

function describeProblems(source: string, result: Extract<ScenarioResult, { ok: false }>): string {
  return `${source} cannot be opened:\n${result.errors.map((e) => `  • ${e}`).join('\n')}`;
}

async function start(loaded: LoadedScenario, scenarioId: string, options: OpenOptions): Promise<void> {
  let runtime: LabRuntime;
  try {
    runtime = createLabRuntime(loaded, {
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(options.mode === undefined ? {} : { mode: options.mode }),
      ...(options.commands === undefined ? {} : { commandLog: options.commands }),
    });
  } catch (error) {
    useLab.getState().setLoadError(`The lab could not start "${loaded.title}": ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  unsubscribe?.();
  useLab.getState().attachRuntime(runtime, scenarioId);
  unsubscribe = runtime.subscribe((batch) => useLab.getState().applyBatch(batch));
  try {
    await runtime.ready;
  } catch (error) {
    useLab.getState().setLoadError(`The lab could not start "${loaded.title}": ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Opens one of the lab's built-in scenarios by id (BUILTIN_SCENARIOS). */
export async function openBuiltin(id: string, options: OpenOptions = {}): Promise<void> {
  const entry = builtinScenario(id);
  if (entry === undefined) {
    useLab.getState().setLoadError(`There is no built-in scenario "${id}".`);
    return;
  }
  const parsed = parseScenario(entry.data);
  if (!parsed.ok) {
    useLab.getState().setLoadError(describeProblems(`The built-in scenario "${id}"`, parsed));
    return;
  }
  await start(toLoadedScenario(parsed.scenario), id, options);
}

/** Opens a scenario already validated and loaded (a lesson's, built-in or inline), under `scenarioId`. */
export async function openLoadedScenario(loaded: LoadedScenario, scenarioId: string, options: OpenOptions = {}): Promise<void> {
  await start(loaded, scenarioId, options);
}

/** Opens a learner's scenario file (FORMAT.md); problems are reported with their place in the file. */
export async function openScenarioText(text: string, fileName: string, options: OpenOptions = {}): Promise<void> {
  const parsed = parseScenarioText(text);
  if (!parsed.ok) {
    useLab.getState().setLoadError(describeProblems(`The file "${fileName}"`, parsed));
    return;
  }
  await start(toLoadedScenario(parsed.scenario), `file:${fileName}`, options);
}
