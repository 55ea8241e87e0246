// Every fuzz target by name, in the order `npm run fuzz` runs them. Loaded
// on demand, so a worker only loads the code of the targets it runs.

import type { FuzzTarget } from './core';
import type { CorpusOptions } from './packets/corpus';

export const TARGET_NAMES = ['packet', 'codecs', 'pcapng', 'scenario', 'lesson'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

type AnyTarget = FuzzTarget<unknown, unknown>;

/** `corpus`: which built-in scenarios' captures seed the decoder targets (default: all of them, 30 s each). */
export async function makeTarget(name: string, corpus: CorpusOptions = {}): Promise<AnyTarget> {
  switch (name) {
    case 'packet': return (await import('./decoder-targets')).packetTarget(corpus) as AnyTarget;
    case 'codecs': return (await import('./decoder-targets')).codecsTarget(corpus) as AnyTarget;
    case 'pcapng': return (await import('./decoder-targets')).pcapngTarget(corpus) as AnyTarget;
    case 'scenario': return (await import('./scenario-targets')).scenarioTarget() as AnyTarget;
    case 'lesson': return (await import('./scenario-targets')).lessonTarget() as AnyTarget;
    case 'selftest': return (await import('./selftest-target')).selftestTarget() as AnyTarget;
    default: throw new Error(`no fuzz target "${name}" (targets: ${TARGET_NAMES.join(', ')})`);
  }
}

/**
 * Decoders decode in microseconds. A scenario or lesson that validates runs
 * in a second or two (the work budget, src/scenarios/work.ts, bounds it); the
 * bound leaves room for a machine shared with other work.
 */
export const DEFAULT_BOUND_MS: Readonly<Record<TargetName, number>> = { packet: 1000, codecs: 1000, pcapng: 1000, scenario: 10_000, lesson: 10_000 };

/** Fixture file extension of each target's inputs. */
export const EXTENSION: Readonly<Record<TargetName, 'bin' | 'json'>> = { packet: 'bin', codecs: 'bin', pcapng: 'bin', scenario: 'json', lesson: 'json' };
