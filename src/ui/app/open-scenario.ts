// Opening a scenario: validate it (a built-in was validated ahead of time,
// scenarios/builtin/validated.ts, so the validator loads only for a learner's own
// file), start a runtime for it (workers when the browser allows), and connect the
// runtime's batches to the store. A scenario
// that does not validate, or a runtime that cannot start, becomes the store's
// `loadError` — shown as an alert above the lab, with the problems named — and the
// scenario that was running keeps running (nothing is lost).
//
// Starting is a transaction: the new run is started beside the old one and
// only swapped in once it has loaded and processed its first instant without
// failing (docs/architecture.md "Runtime": a run that fails is reported, not
// silently lost). A run the runtime refuses, or that stops at its start (a
// node that fails, the work limit), is destroyed; the old run keeps its state
// and the page its address.

// Zod's no-eval switch shares zod's chunk (vite.config.ts), so it runs wherever zod
// is first loaded; imported here, before the runtime, whose command checks use zod for an
// adversary's actions (scenarios/adversary-action-schema.ts).
import '../../zod-without-eval';
// The code that reads a run's trace (store/run-reading.ts), in place before the first batch.
import '../store/run-reading-code';
import { createLabRuntime, prestartWorkers } from '../../runtime/create-lab-runtime';
import type { CommandLogEntry, LabRuntime, LabRuntimeOptions, RuntimeBatch, Speed } from '../../runtime/types';
import { validatedBuiltin } from '../../scenarios/builtin/validated';
import { toLoadedScenario, type LoadedScenario } from '../../scenarios/to-topology';
import type { ScenarioResult } from '../../scenarios/validate';
import { useLab } from '../store/lab-store';
import { stashFile } from './links/file-stash';

type Validator = typeof import('../../scenarios/validate');

/**
 * The scenario validator (zod and the format's schema), loaded when a learner's own file
 * is opened: the built-ins were validated ahead of time (scenarios/builtin/validated.ts).
 * Null, with the reason shown, when its code cannot be fetched.
 */
export async function loadValidator(): Promise<Validator | null> {
  try {
    return await import('../../scenarios/validate');
  } catch {
    useLab.getState().setLoadError('The code that checks a scenario file could not be loaded: the lab may be offline, or a newer version may have replaced it. Reload the page to try again.');
    return null;
  }
}

export interface OpenOptions {
  readonly seed?: number;
  readonly mode?: 'workers' | 'in-page';
  readonly commands?: readonly CommandLogEntry[];
  readonly speed?: Speed;
}

let unsubscribe: (() => void) | null = null;

/**
 * Options the next start adds (the end-to-end tests ask the runtime for a
 * smaller work limit, so that a valid file stops at its start as an
 * oversized one would). Used once, then forgotten.
 */
let nextStartOptions: Partial<LabRuntimeOptions> = {};

export function setNextStartOptions(options: Partial<LabRuntimeOptions>): void {
  nextStartOptions = options;
}

function describeProblems(source: string, result: Extract<ScenarioResult, { ok: false }>): string {
  return `${source} cannot be opened:\n${result.errors.map((e) => `  • ${e}`).join('\n')}`;
}

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The run's batches from its first on, held until the run is swapped in, and the
 * first one after loading (status no longer 'loading'). One subscription for the
 * whole run: the store gets the batches already sent in the same task as the
 * runtime itself, so the lab draws the new run with its first results once,
 * not once empty and again a frame later.
 */
function heldBatches(runtime: LabRuntime): { settled: Promise<RuntimeBatch>; swapIn: (apply: (b: RuntimeBatch) => void) => void; stop: () => void } {
  let held: RuntimeBatch[] | null = [];
  let apply: (b: RuntimeBatch) => void = () => undefined;
  let stop = (): void => undefined;
  const settled = new Promise<RuntimeBatch>((resolve) => {
    stop = runtime.subscribe((b) => {
      if (held === null) apply(b);
      else held.push(b);
      if (b.status !== 'loading') resolve(b);
    });
  });
  return {
    settled,
    swapIn(to) {
      apply = to;
      const waiting = held ?? [];
      held = null;
      for (const b of waiting) to(b);
    },
    stop: () => stop(),
  };
}

/** Starts the run beside the current one; swaps it in only if it started. Returns whether it did. */
async function start(loaded: LoadedScenario, scenarioId: string, options: OpenOptions): Promise<boolean> {
  const cannot = (why: string): false => {
    useLab.getState().setLoadError(`The lab could not start "${loaded.title}": ${why}. ${useLab.getState().scenario === null ? '' : 'The run that was open is still there, as it was.'}`.trimEnd());
    return false;
  };
  const extra = nextStartOptions;
  nextStartOptions = {};
  let runtime: LabRuntime;
  try {
    runtime = createLabRuntime(loaded, {
      ...extra,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(options.mode === undefined ? {} : { mode: options.mode }),
      ...(options.commands === undefined ? {} : { commandLog: options.commands }),
      ...(options.speed === undefined ? {} : { speed: options.speed }),
    });
  } catch (error) {
    return cannot(reasonOf(error));
  }
  const batches = heldBatches(runtime);
  let batch: RuntimeBatch;
  try {
    [, batch] = await Promise.all([runtime.ready, batches.settled]);
  } catch (error) {
    batches.stop();
    runtime.destroy();
    return cannot(reasonOf(error));
  }
  if (batch.status === 'failed') {
    batches.stop();
    runtime.destroy();
    const failure = batch.failure;
    return cannot(failure === undefined ? 'it stopped at its start' : `it stopped at its start — ${failure.node === undefined ? '' : `node ${failure.node} failed: `}${failure.reason}`);
  }
  unsubscribe?.();
  useLab.getState().attachRuntime(runtime, scenarioId);
  batches.swapIn((b) => useLab.getState().applyBatch(b));
  unsubscribe = batches.stop;
  return true;
}

/** Opens one of the lab's built-in scenarios by id (BUILTIN_SCENARIOS). */
export async function openBuiltin(id: string, options: OpenOptions = {}): Promise<void> {
  await openBuiltinRun(id, options);
}

/** openBuiltin, saying whether the scenario is now the open run. */
export async function openBuiltinRun(id: string, options: OpenOptions = {}): Promise<boolean> {
  const scenario = validatedBuiltin(id);
  if (scenario === undefined) {
    useLab.getState().setLoadError(`There is no built-in scenario "${id}".`);
    return false;
  }
  prestartBuiltinWorkers(id);
  return start(toLoadedScenario(scenario), id, options);
}

/** The workers of a built-in's nodes start loading now, while the rest of the run is set up (a run that does not use them lets them go). */
export function prestartBuiltinWorkers(id: string): void {
  const scenario = validatedBuiltin(id);
  if (scenario !== undefined) prestartWorkers(scenario.nodes.map((n) => n.id));
}

/** openLoadedScenario, saying whether the scenario is now the open run. */
export function openLoadedRun(loaded: LoadedScenario, scenarioId: string, options: OpenOptions = {}): Promise<boolean> {
  return start(loaded, scenarioId, options);
}

/** Opens a scenario already validated and loaded (a lesson's, built-in or inline), under `scenarioId`. */
export async function openLoadedScenario(loaded: LoadedScenario, scenarioId: string, options: OpenOptions = {}): Promise<void> {
  await start(loaded, scenarioId, options);
}

/** Opens a learner's scenario file (FORMAT.md); problems are reported with their place in the file. */
export async function openScenarioText(text: string, fileName: string, options: OpenOptions = {}): Promise<void> {
  await openScenarioTextRun(text, fileName, options);
}

/** openScenarioText, saying whether the file is now the open run (then kept in this tab for a reload, links/file-stash.ts). */
export async function openScenarioTextRun(text: string, fileName: string, options: OpenOptions = {}): Promise<boolean> {
  const validator = await loadValidator();
  if (validator === null) return false;
  const parsed = validator.parseScenarioText(text);
  if (!parsed.ok) {
    useLab.getState().setLoadError(describeProblems(`The file "${fileName}"`, parsed));
    return false;
  }
  const opened = await start(toLoadedScenario(parsed.scenario), `file:${fileName}`, options);
  if (opened) stashFile(fileName, text);
  return opened;
}
