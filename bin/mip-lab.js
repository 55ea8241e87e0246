#!/usr/bin/env node
// `mip-lab` entry point: runs the TypeScript CLI through tsx, so the package
// needs no separate build step before `npx mip-lab …` works.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
