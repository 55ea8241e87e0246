// The code that reads a run's trace — the packet classifier (with every wire
// codec behind it), the run metrics and the lesson evaluator — is a third of
// the lab's JavaScript, and nothing can be read before a run exists. So the
// views that read packets (the trace log, the canvas models, the statistics,
// the lesson feed) take it from here, and it is loaded with the code that
// opens a run (docs/architecture.md "UI": first load): `run-reading-code.ts`
// installs it when evaluated, and every path that attaches a runtime to a
// store imports that module first, so a batch never arrives before it.

import type { RunMetricsAccumulator } from '../../engine/metrics/run-metrics';
import type { classifyPacket } from '../../engine/wire/classify';
import type { LessonEvaluator } from '../../lessons/evaluate/evaluator';

export interface RunReading {
  readonly classifyPacket: typeof classifyPacket;
  readonly RunMetricsAccumulator: typeof RunMetricsAccumulator;
  readonly LessonEvaluator: typeof LessonEvaluator;
}

let installed: RunReading | undefined;

export function installRunReading(reading: RunReading): void {
  installed = reading;
}

/** The installed code; a run's trace read before it is installed is a bug in the page, said as such. */
export function runReading(): RunReading {
  if (installed === undefined) throw new Error('The page read a run before loading the code that reads one.');
  return installed;
}
