// The built-in scenarios as the validator leaves them (schema.ts fills in every default;
// semantics.ts and work.ts find nothing wrong), worked out when the page is built
// (validated-plugin.ts). Opening a built-in is then the page's most
// common start and needs neither zod nor the format's schema, whose construction and
// checks held up a slow phone's first run by about a quarter of a second; a learner's
// own file, a capture or a lesson file still goes through the validator (validate.ts).
// validated.test.ts checks each entry equals parseScenario of its file, so the two cannot drift.

import type { Scenario } from '../schema';
import { toLoadedScenario, type LoadedScenario } from '../to-topology';
import validated from 'virtual:validated-builtins';

const VALIDATED = validated as unknown as Readonly<Record<string, Scenario>>;

/** The built-in `id` as validation leaves it, or undefined when there is none. */
export function validatedBuiltin(id: string): Scenario | undefined {
  return Object.hasOwn(VALIDATED, id) ? VALIDATED[id] : undefined;
}

/** The built-in `id` ready for a runtime, or undefined when there is none. */
export function loadValidatedBuiltin(id: string): LoadedScenario | undefined {
  const scenario = validatedBuiltin(id);
  return scenario === undefined ? undefined : toLoadedScenario(scenario);
}
