#!/usr/bin/env node
// `mip-lab` entry point. It runs the CLI bundled at install time
// (build/cli/mip-lab.mjs, built by `npm run build:cli`, which `npm ci` runs
// through `prepare`), so a command starts in a fraction of a second instead of
// compiling TypeScript first. When that bundle is missing, or older than a file
// it was built from, it runs the TypeScript source through tsx instead and says
// so in one line on stderr: never a stale CLI, only a slower start.
import { readFileSync, statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// A long headless run holds only a window of its trace (src/engine/network/trace-window.ts),
// so what it keeps stays at a few tens of MB whatever its length; but V8 lets
// garbage pile up to about four times that before collecting it, so the peak
// would still depend on how long the run went. Letting the heap grow at most
// twofold between collections keeps the peak near what the run holds, for a
// few more short collections.
setFlagsFromString('--heap-growing-percent=100');

const root = new URL('../', import.meta.url);
const bundle = new URL('build/cli/mip-lab.mjs', root);
const sourceList = new URL('build/cli/mip-lab.sources.json', root);

/** Why the bundle cannot be run (missing, or older than one of its sources), or undefined when it can. */
function bundleProblem() {
  let written;
  try {
    written = statSync(bundle).mtimeMs;
  } catch {
    return 'the built CLI (build/cli/mip-lab.mjs) is missing';
  }
  let sources;
  let built;
  try {
    const list = JSON.parse(readFileSync(sourceList, 'utf8'));
    sources = list.sources;
    if (!Array.isArray(sources) || sources.length === 0 || typeof list.startedAt !== 'number') throw new Error('not a source list');
    // The build read its sources after it began: one saved since then may not be in the bundle.
    built = Math.min(list.startedAt, written);
  } catch {
    return 'the built CLI has no readable list of its sources (build/cli/mip-lab.sources.json)';
  }
  for (const source of sources) {
    let changed;
    try {
      changed = statSync(new URL(source, root)).mtimeMs;
    } catch {
      return `the built CLI was built from ${source}, which is gone`;
    }
    if (changed > built) return `the built CLI is older than ${source}`;
  }
  return undefined;
}

const problem = bundleProblem();
let main;
if (problem === undefined) {
  ({ main } = await import(bundle.href));
} else {
  process.stderr.write(`mip-lab: ${problem}; running the TypeScript source instead (slower to start; \`npm run build:cli\` rebuilds it).\n`);
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
