#!/usr/bin/env node
// `mip-lab` entry point: runs the TypeScript CLI through tsx, so the package
// needs no separate build step before `npx mip-lab …` works.
import { setFlagsFromString } from 'node:v8';
import { register } from 'tsx/esm/api';

// A long headless run holds only a window of its trace (src/engine/network/trace-window.ts),
// so what it keeps stays at a few tens of MB whatever its length; but V8 lets
// garbage pile up to about four times that before collecting it, so the peak
// would still depend on how long the run went. Letting the heap grow at most
// twofold between collections keeps the peak near what the run holds, for a
// few more short collections.
setFlagsFromString('--heap-growing-percent=100');

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
