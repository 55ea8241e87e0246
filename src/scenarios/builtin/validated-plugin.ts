// The build step behind validated.ts: a module, `virtual:validated-builtins`, whose
// default export is every built-in as the validator leaves it (validated-text.ts),
// worked out in Node when Vite builds the page or the tests run. So the page opens a
// built-in without loading zod or the format's schema, and there is no generated file
// to keep in step. The validator is loaded through Vite's module runner, not imported
// here, so the configuration that uses this plugin stays small; the files it read are
// watched, so the dev server makes the module anew when a built-in changes.

import { join } from 'node:path';
import { runnerImport, type Plugin } from 'vite';

export const VALIDATED_BUILTINS_MODULE = 'virtual:validated-builtins';
const RESOLVED = `\0${VALIDATED_BUILTINS_MODULE}`;

export function validatedBuiltinsPlugin(): Plugin {
  let root = process.cwd();
  return {
    name: 'route-optimization-lab:validated-builtins',
    configResolved: (config) => {
      root = config.root;
    },
    resolveId: (id) => (id === VALIDATED_BUILTINS_MODULE ? RESOLVED : undefined),
    async load(id) {
      if (id !== RESOLVED) return undefined;
      const source = join(root, 'src/scenarios/builtin/validated-text.ts');
      const { module, dependencies } = await runnerImport<{ validatedBuiltinsText(): string }>(source, { configFile: false, logLevel: 'silent' });
      for (const file of dependencies) this.addWatchFile(file);
      return `export default ${module.validatedBuiltinsText()};\n`;
    },
  };
}
