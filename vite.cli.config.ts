import { existsSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

// `npm run build:cli` (run by `npm ci` through `prepare`, and first by `npm test`):
// the `mip-lab` CLI as one ES module for Node, so a command starts without
// compiling TypeScript first (bin/mip-lab.js runs it; README "The command line").
// Every dependency is bundled in, so starting up reads one file and resolves no
// packages; the lessons' and scenarios' JSON files become plain objects in it.

const root = fileURLToPath(new URL('.', import.meta.url));

/** The names bin/mip-lab.js and src/cli/bundle.test.ts look for in build/cli. */
const CLI_BUNDLE = 'mip-lab.mjs';
const CLI_SOURCES = 'mip-lab.sources.json';

/**
 * Writes the list of files the bundle was built from, relative to the project
 * root, beside it, with the moment the build began. bin/mip-lab.js compares
 * their times with that moment, so a source edited since (even during the build,
 * after it was read) is never run from a stale bundle.
 */
function sourceList(): Plugin {
  let startedAt = 0;
  return {
    name: 'mip-lab-source-list',
    buildStart() {
      startedAt = Date.now();
    },
    generateBundle(_options, bundle) {
      // This file and tsconfig.json (its compiler settings shape the output) count as sources too.
      const files = new Set<string>([relative(root, fileURLToPath(import.meta.url)), 'tsconfig.json']);
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        for (const id of output.moduleIds) {
          // Ids of real files are absolute paths; skip virtual modules (helpers with "\0" ids).
          const file = id.split('?')[0]!;
          if (isAbsolute(file) && existsSync(file)) files.add(relative(root, file).split('\\').join('/'));
        }
      }
      const sources = [...files].sort();
      if (!sources.includes('src/cli/main.ts')) this.error('the CLI bundle does not contain src/cli/main.ts');
      this.emitFile({ type: 'asset', fileName: CLI_SOURCES, source: `${JSON.stringify({ bundle: CLI_BUNDLE, startedAt, sources }, null, 1)}\n` });
    },
  };
}

export default defineConfig({
  root,
  publicDir: false,
  logLevel: 'warn',
  plugins: [sourceList()],
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'build/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    reportCompressedSize: false,
    rolldownOptions: { output: { entryFileNames: CLI_BUNDLE, format: 'es', codeSplitting: false } },
  },
});
