// The build step behind validated.ts: a module, `virtual:validated-builtins`, whose
// default export is every built-in as the validator leaves it (validated-text.ts),
// worked out by the bundler in Node when it builds the page or runs the tests. So the
// page opens a built-in without loading zod or the format's schema, and there is no
// generated file to keep in step: the built-in files are dependencies of the bundler's
// configuration, so editing one restarts the dev server and the module is made anew.

import type { Plugin } from 'vite';
import { validatedBuiltinsText } from './validated-text';

export const VALIDATED_BUILTINS_MODULE = 'virtual:validated-builtins';
const RESOLVED = `\0${VALIDATED_BUILTINS_MODULE}`;

export function validatedBuiltinsPlugin(): Plugin {
  return {
    name: 'route-optimization-lab:validated-builtins',
    resolveId: (id) => (id === VALIDATED_BUILTINS_MODULE ? RESOLVED : undefined),
    load: (id) => (id === RESOLVED ? `export default ${validatedBuiltinsText()};\n` : undefined),
  };
}
