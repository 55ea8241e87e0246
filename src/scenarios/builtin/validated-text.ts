// The source of the `virtual:validated-builtins` module (validated-plugin.ts): every
// built-in as validation leaves it (defaults filled in), one line each, keyed by id
// in the catalog's order. A built-in that fails validation stops the build, naming it.

import { BUILTIN_CATALOG } from './catalog';
import { parseBuiltin } from './index';

export function validatedBuiltinsText(): string {
  const lines = BUILTIN_CATALOG.map((entry) => `${JSON.stringify(entry.id)}: ${JSON.stringify(parseBuiltin(entry.id))}`);
  return `{\n${lines.join(',\n')}\n}`;
}
