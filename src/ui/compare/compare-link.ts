// The compare page's address: `#/compare?scenario=<id>&setting=<choice>&left=<value>&right=<value>&seed=<n>`.
// Every part may be left out (the lab's scenario, or route-optimization; the
// first setting the scenario supports; that setting's usual pair; the
// scenario's seed). A part that names nothing we have is refused with a
// sentence the page shows, and the page falls back to what it can open.

import { BUILTIN_CATALOG, isBuiltinId } from '../../scenarios/builtin/catalog';
import type { LoadedScenario } from '../../scenarios/to-topology';
import { applicableSettings, type CompareSetting, type CompareValue } from './compare-settings';

export const COMPARE_ROUTE = '#/compare';
export const FALLBACK_SCENARIO = 'route-optimization';

export interface CompareRequest {
  readonly scenario?: string;
  readonly setting?: string;
  readonly left?: string;
  readonly right?: string;
  readonly seed?: string;
}

/** The parameters after `#/compare?` (null: the hash is not the compare page). */
export function parseCompareHash(hash: string): CompareRequest | null {
  const m = /^#\/compare(?:\?(.*))?$/.exec(hash);
  if (m === null) return null;
  const q = new URLSearchParams(m[1] ?? '');
  const pick = (k: string): Partial<Record<string, string>> => (q.has(k) ? { [k]: q.get(k)! } : {});
  return { ...pick('scenario'), ...pick('setting'), ...pick('left'), ...pick('right'), ...pick('seed') };
}

export function compareHash(r: { scenario?: string; setting: string; left: string; right: string; seed?: number }): string {
  const q = new URLSearchParams();
  if (r.scenario !== undefined) q.set('scenario', r.scenario);
  q.set('setting', r.setting);
  q.set('left', r.left);
  q.set('right', r.right);
  if (r.seed !== undefined) q.set('seed', String(r.seed));
  return `${COMPARE_ROUTE}?${q.toString()}`;
}

export interface ResolvedComparison {
  readonly choice: CompareSetting;
  readonly left: CompareValue;
  readonly right: CompareValue;
  readonly seed: number;
}

/** The scenario to open: the named built-in, else the lab's, else the fallback; a name we lack is a problem. */
export function scenarioProblem(id: string | undefined): string | null {
  if (id === undefined || isBuiltinId(id)) return null;
  return `There is no built-in scenario "${id}" to compare. Pick one of the ${BUILTIN_CATALOG.length} below.`;
}

/** The comparison the request names in `loaded`, or why it cannot be opened (then the first one that can, as a fallback). */
export function resolveComparison(loaded: LoadedScenario, r: CompareRequest): { comparison: ResolvedComparison | null; problems: string[] } {
  const problems: string[] = [];
  const offered = applicableSettings(loaded);
  if (offered.length === 0) return { comparison: null, problems: [`"${loaded.title}" has none of the settings a comparison can differ in.`] };
  let choice = offered[0]!;
  if (r.setting !== undefined) {
    const named = offered.find((s) => s.id === r.setting);
    if (named !== undefined) choice = named;
    else problems.push(`"${r.setting}" is not a setting "${loaded.title}" can be compared in; it offers: ${offered.map((s) => s.title).join(', ')}.`);
  }
  const value = (side: 'left' | 'right', id: string | undefined, fallback: string): CompareValue => {
    const all = choice.values;
    const found = id === undefined ? undefined : all.find((v) => v.id === id);
    if (id !== undefined && found === undefined) problems.push(`The ${side} side's value "${id}" is not one of ${choice.title}'s: ${all.map((v) => v.id).join(', ')}.`);
    return found ?? all.find((v) => v.id === fallback)!;
  };
  const left = value('left', r.left, choice.defaults[0]);
  const right = value('right', r.right, choice.defaults[1]);
  let seed = loaded.seed;
  if (r.seed !== undefined) {
    const n = Number(r.seed);
    if (/^\d{1,10}$/.test(r.seed) && Number.isSafeInteger(n)) seed = n;
    else problems.push(`The seed "${r.seed}" is not a whole number; the scenario's own seed (${loaded.seed}) is used.`);
  }
  return { comparison: { choice, left, right, seed }, problems };
}
