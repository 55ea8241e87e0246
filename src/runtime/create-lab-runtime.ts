// The UI's one entry point to a running network (docs/architecture.md "Runtime"): picks a
// backend — the worker fabric (one Web Worker per node) or the in-page
// simulation — and puts the control layer (control/) in front of it.
//
// 'auto' takes workers when the browser has them and the topology allows
// them (the fabric's lookahead is the smallest link delay: every link must
// delay ≥ 1 µs, docs/architecture.md "Runtime"); otherwise, or if the workers fail to
// start, the in-page backend, with the reason in `mode.reason`. The fabric is
// imported lazily, so a page that runs in-page never downloads it.

import { traceRetentionProblem } from '../engine/network/trace-window';
import type { Micros } from '../engine/node/time';
import type { LoadedScenario } from '../scenarios/to-topology';
import type { SimulationBackend } from './backend';
import { validateLabCommand, MIN_LINK_DELAY_MICROS } from './commands/validate';
import { commandLogWorkProblem } from './commands/work';
import { commandLogProblem } from './control/check-command-log';
import { RuntimeController } from './control/controller';
import { failureOf } from './control/failure';
import type { FrameClock } from './control/frame-clock';
import { PAGE_TRACE_RETENTION, type LabCommand, type LabRuntime, type LabRuntimeOptions } from './types';
import { discardPrestartedWorkers, prestartWorkers } from './fabric/prestarted-workers';

export type RuntimeMode = LabRuntime['mode'];

/** What the browser offers; tests replace it. */
export interface RuntimeEnvironment {
  readonly workersAvailable?: boolean;
  readonly startWorkers?: (scenario: LoadedScenario, seed: number) => Promise<SimulationBackend>;
  readonly clock?: FrameClock;
}

/** The worker fabric, loaded on demand. */
async function startWorkerFabric(scenario: LoadedScenario, seed: number): Promise<SimulationBackend> {
  const [{ createWorkerBackend }, { createBrowserSpawner }] = await Promise.all([import('./fabric/worker-backend'), import('./fabric/browser-spawner')]);
  try {
    return createWorkerBackend(scenario, seed, createBrowserSpawner());
  } finally {
    // Every host is spawned before createWorkerBackend first waits: prestarted workers not taken by now are not needed.
    discardPrestartedWorkers();
  }
}

// The page may start a run's workers while it still checks the scenario (fabric/prestarted-workers.ts).
export { prestartWorkers };

/** Which backend a run starts on, and why not workers when it is not. */
export function chooseMode(scenario: LoadedScenario, requested: LabRuntimeOptions['mode'], workersAvailable: boolean): RuntimeMode {
  if (requested === 'in-page') return { kind: 'in-page', reason: 'the in-page mode was asked for' };
  if (requested === 'workers') return { kind: 'workers' };
  if (!workersAvailable) return { kind: 'in-page', reason: 'this browser offers no Web Workers' };
  const tooShort = scenario.topology.links.find((l) => l.delay < MIN_LINK_DELAY_MICROS);
  if (tooShort !== undefined) {
    return { kind: 'in-page', reason: `link "${tooShort.id}" has a delay of ${tooShort.delay} µs; the worker fabric needs every link to delay at least ${MIN_LINK_DELAY_MICROS} µs (its lookahead)` };
  }
  return { kind: 'workers' };
}

/** Throws (one sentence) if `options` cannot start a run: a bad command log, too much work, or a bad snapshot interval. */
function checkOptions(scenario: LoadedScenario, options: LabRuntimeOptions, validate: (c: LabCommand) => string | null): void {
  if (options.commandLog !== undefined) {
    const problem = commandLogProblem(options.commandLog, scenario.duration, validate);
    if (problem !== null) throw new Error(`cannot replay this run: ${problem}`);
  }
  // The work estimate (src/scenarios/work.ts), commands included, before anything starts.
  const work = commandLogWorkProblem(options.commandLog ?? [], scenario);
  if (work !== null) throw new Error(`cannot start this run: ${work}`);
  const interval: Micros | undefined = options.snapshotInterval;
  if (interval !== undefined && (!Number.isSafeInteger(interval) || interval < 1)) throw new Error(`snapshotInterval must be a whole number of µs ≥ 1, got ${interval}`);
}

export function createLabRuntime(scenario: LoadedScenario, options: LabRuntimeOptions = {}, environment: RuntimeEnvironment = {}): LabRuntime {
  const seed = options.seed ?? scenario.seed;
  const validate = (command: LabCommand): string | null => validateLabCommand(command, scenario);
  checkOptions(scenario, options, validate);

  let mode = chooseMode(scenario, options.mode ?? 'auto', environment.workersAvailable ?? typeof Worker !== 'undefined');
  // Loaded on demand like the fabric: the engine's node behaviours stay out of the page's first load.
  const inPage = async (): Promise<SimulationBackend> => (await import('./in-page/in-page-backend')).createInPageBackend(scenario, seed);
  if (mode.kind === 'in-page') discardPrestartedWorkers();
  const backend: Promise<SimulationBackend> = mode.kind === 'in-page'
    ? inPage()
    : (environment.startWorkers ?? startWorkerFabric)(scenario, seed).catch((error: unknown) => {
        mode = { kind: 'in-page', reason: `the workers could not start (${failureOf(error).reason}); running in the page instead` };
        return inPage();
      });

  const traceRetention = options.traceRetention ?? PAGE_TRACE_RETENTION;
  const retentionProblem = traceRetentionProblem(traceRetention);
  if (retentionProblem !== null) throw new Error(`traceRetention: ${retentionProblem}`);
  const controller = new RuntimeController(backend, {
    duration: scenario.duration,
    validate,
    ...(options.speed === undefined ? {} : { speed: options.speed }),
    ...(options.snapshotInterval === undefined ? {} : { snapshotInterval: options.snapshotInterval }),
    ...(options.commandLog === undefined ? {} : { commandLog: options.commandLog }),
    ...(options.workLimit === undefined ? {} : { workLimit: options.workLimit }),
    ...(environment.clock === undefined ? {} : { clock: environment.clock }),
    traceRetention,
  });

  return {
    scenario,
    seed,
    get mode() {
      return mode;
    },
    ready: controller.ready,
    start: () => controller.start(),
    pause: () => controller.pause(),
    step: () => controller.step(),
    seek: (t) => controller.seek(t),
    setSpeed: (speed) => controller.setSpeed(speed),
    send: (command) => controller.send(command),
    subscribe: (listener) => controller.subscribe(listener),
    traceRetention,
    recall: (t) => controller.recall(t),
    destroy: () => controller.destroy(),
  };
}
