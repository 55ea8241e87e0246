// The scenario-file fuzzer's targets: mutated built-in scenarios and lessons
// (json/ops.ts), as text, through the same path as `mip-lab run <file>` and
// `mip-lab lesson <file>`. A file must be refused with its problems, or
// validate and then run to its end. Failures:
//  - the validator throws (it must list the problems instead);
//  - a file that validated fails while it runs — the CLI would print
//    "internal error: …" (docs: "internal error" is reserved for bugs);
//  - it does not end within the per-input bound. The scenario run checks the
//    clock as its trace grows, so even an endless burst of events at one
//    instant stops at the bound; a lesson run that does not come back is
//    stopped by the sandbox's watchdog (sandbox.ts).
// A run the work meter stops (WorkLimitExceeded) ends with its reason, as the
// CLI prints it: that is a refusal, not a failure.

import { runHeadless } from '../cli/commands/run';
import { CaptureStream, traceJsonLine } from '../cli/commands/run-capture';
import { formatRunReport } from '../cli/commands/run-report';
import { BUILTIN_LESSONS } from '../lessons/builtin/index';
import { parseLessonText, type LoadedLesson } from '../lessons/format/validate';
import { runLesson } from '../lessons/headless/run-lesson';
import { BUILTIN_SCENARIOS } from '../scenarios/builtin/index';
import { toLoadedScenario, type LoadedScenario } from '../scenarios/to-topology';
import { parseScenarioText, type ScenarioResult } from '../scenarios/validate';
import { WorkLimitExceeded } from '../scenarios/work';
import { errorMessage, type FuzzTarget, type Outcome, type RunLimits } from './core';
import { fromValue, type Json } from './json/ast';
import { buildDocument, jsonOps, type JsonOp } from './json/ops';
import { hashName } from './random';

export interface Seeds {
  readonly documents: readonly { readonly name: string; readonly json: Json }[];
}

const textIo = {
  extension: 'json' as const,
  encode: (t: string) => new TextEncoder().encode(t),
  decode: (b: Uint8Array) => new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(b),
};

const failed = (failure: 'exception' | 'internal-error' | 'hang', e: unknown, prefix = ''): Outcome => ({
  kind: 'failed', failure, message: `${prefix}${errorMessage(e)}`, ...(e instanceof Error && e.stack !== undefined ? { stack: e.stack } : {}),
});

class Overrun extends Error {}

/** A run the work meter stopped (src/scenarios/work.ts): the file's doing, said plainly — not a failure. */
const isWorkStop = (e: unknown): e is Error => e instanceof WorkLimitExceeded || (e instanceof Error && e.name === 'WorkLimitExceeded');

/**
 * What `mip-lab run <file>` does with a loaded scenario — runHeadless, the
 * report, and for one input in four the --pcap and --trace streams — with the
 * clock checked every 256 trace events: past the bound it throws Overrun.
 */
export function runScenarioBounded(loaded: LoadedScenario, limits: RunLimits, extras: boolean): void {
  const t0 = performance.now();
  let events = 0;
  const capture = extras ? new CaptureStream(loaded.topology, loaded.profile, () => {}) : undefined;
  const r = runHeadless(loaded, {
    onTrace: (e) => {
      if (capture !== undefined) {
        capture.add(e);
        traceJsonLine(e);
      }
      if ((++events & 0xff) === 0 && performance.now() - t0 > limits.boundMs) {
        throw new Overrun(`did not end within ${limits.boundMs} ms: ${events} events, virtual time ${e.time / 1e6} s of ${loaded.duration / 1e6} s`);
      }
    },
  });
  formatRunReport(loaded.title, r.seed, r.until, r.metrics);
}

function runChecked(loaded: () => LoadedScenario, limits: RunLimits, extras: boolean): Outcome {
  try {
    runScenarioBounded(loaded(), limits, extras);
    return { kind: 'accepted' };
  } catch (e) {
    if (e instanceof Overrun) return { kind: 'failed', failure: 'hang', message: e.message };
    if (isWorkStop(e)) return { kind: 'refused', reasons: [`(run stopped) ${e.message}`] };
    return failed('internal-error', e, 'validated, then failed while running: ');
  }
}

function validated(parse: () => ScenarioResult | ReturnType<typeof parseLessonText>): { outcome: Outcome } | { value: ScenarioResult | ReturnType<typeof parseLessonText> } {
  try {
    return { value: parse() };
  } catch (e) {
    return { outcome: failed('exception', e, 'the validator threw: ') };
  }
}

/** The validators' problems, for boundaryNumber (a validator that throws is the target's failure to find, not the generator's). */
const probe = (parse: () => ScenarioResult | ReturnType<typeof parseLessonText>): readonly string[] => {
  try {
    const r = parse();
    return r.ok ? [] : r.errors;
  } catch {
    return [];
  }
};
const probeScenario = (text: string): readonly string[] => probe(() => parseScenarioText(text));
const probeLesson = (text: string): readonly string[] => probe(() => parseLessonText(text));

export function scenarioSeeds(): Seeds {
  return { documents: BUILTIN_SCENARIOS.map((s) => ({ name: `scenario ${s.id}`, json: fromValue(s.data) })) };
}

export function scenarioTarget(): FuzzTarget<string, Seeds> {
  return {
    name: 'scenario',
    ...textIo,
    corpus: scenarioSeeds,
    generate(rng, seeds) {
      const seed = rng.pick(seeds.documents);
      return { base: seed.name, ops: jsonOps(rng, probeScenario), build: (ops) => buildDocument(seed.json, ops as readonly JsonOp[]) };
    },
    run(text, limits) {
      const v = validated(() => parseScenarioText(text));
      if ('outcome' in v) return v.outcome;
      const parsed = v.value as ScenarioResult;
      if (!parsed.ok) return { kind: 'refused', reasons: parsed.errors };
      return runChecked(() => toLoadedScenario(parsed.scenario), limits, hashName(text) % 4 === 0);
    },
  };
}

/** The built-in lessons, and each again with its scenario written inline (so scenario mutations reach a lesson too). */
export function lessonSeeds(): Seeds {
  const documents = BUILTIN_LESSONS.flatMap((l) => {
    const data = l.data as { scenario?: unknown };
    const inline = BUILTIN_SCENARIOS.find((s) => s.id === data.scenario);
    return [
      { name: `lesson ${l.id}`, json: fromValue(l.data) },
      ...(inline === undefined ? [] : [{ name: `lesson ${l.id}, scenario inline`, json: fromValue({ ...data, scenario: inline.data }) }]),
    ];
  });
  return { documents };
}

export function lessonTarget(): FuzzTarget<string, Seeds> {
  return {
    name: 'lesson',
    ...textIo,
    corpus: lessonSeeds,
    generate(rng, seeds) {
      const seed = rng.pick(seeds.documents);
      return { base: seed.name, ops: jsonOps(rng, probeLesson), build: (ops) => buildDocument(seed.json, ops as readonly JsonOp[]) };
    },
    async run(text) {
      const v = validated(() => parseLessonText(text));
      if ('outcome' in v) return v.outcome;
      const parsed = v.value as ReturnType<typeof parseLessonText>;
      if (!parsed.ok) return { kind: 'refused', reasons: parsed.errors };
      const loaded: LoadedLesson = parsed.loaded;
      try {
        await runLesson(loaded, { mode: hashName(text) % 3 === 0 ? 'idle' : 'solve' });
        return { kind: 'accepted' };
      } catch (e) {
        if (isWorkStop(e)) return { kind: 'refused', reasons: [`(run stopped) ${e.message}`] };
        return failed('internal-error', e, 'validated, then failed while running: ');
      }
    },
  };
}
