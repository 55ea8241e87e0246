import validated from 'virtual:validated-builtins';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../validate';
import { BUILTIN_SCENARIOS, loadBuiltin } from './index';
import { loadValidatedBuiltin, validatedBuiltin } from './validated';

describe('built-ins validated when the page is built (virtual:validated-builtins)', () => {
  it.each(BUILTIN_SCENARIOS.map((s) => [s.id, s] as const))('%s equals parseScenario of its file, and loads the same', (id, entry) => {
    const parsed = parseScenario(entry.data);
    expect(parsed.ok).toBe(true);
    expect(validatedBuiltin(id)).toStrictEqual(parsed.ok ? parsed.scenario : undefined);
    expect(loadValidatedBuiltin(id)).toStrictEqual(loadBuiltin(id));
  });

  it('has no other entries, and none under a name every object has', () => {
    expect(Object.keys(validated)).toEqual(BUILTIN_SCENARIOS.map((s) => s.id));
    expect(validatedBuiltin('constructor')).toBeUndefined();
    expect(validatedBuiltin('toString')).toBeUndefined();
    expect(loadValidatedBuiltin('no-such-scenario')).toBeUndefined();
  });
});
