// `npm run bench`: how long `mip-lab` takes to start — what a grader replaying
// a class's lab reports with `mip-lab check` pays per report. Times whole
// processes of `node bin/mip-lab.js lessons` (a trivial command: almost all
// of it is start-up) and prints the median wall time. Printed, never asserted.
//
// It builds the bundle first (`npm run build:cli`), so the figure is the
// bundled CLI's; a run that falls back to the TypeScript source (bin/mip-lab.js
// says so on stderr, e.g. when a source is saved during the bench) is reported
// as not measured rather than passed off as the bundle's figure.

import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PROJECT = fileURLToPath(new URL('../', import.meta.url));

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Wall milliseconds of `runs` runs of `node args…`; throws if one fails or prints on stderr. */
function timeRuns(args: readonly string[], runs: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: PROJECT, encoding: 'utf8' });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    // A note on stderr means the bin fell back to the source: the figure would not be the bundle's.
    if (r.stderr !== '') throw new Error(`node ${args.join(' ')} did not run the bundle: ${r.stderr.trim()}`);
  }
  return times;
}

export function cliStartupBench(runs = 11): void {
  console.log(`\nCLI start-up (median wall time of ${runs} runs, each a whole process)\n`);
  try {
    measure(runs);
  } catch (e) {
    console.log(`not measured: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function measure(runs: number): void {
  execFileSync(process.execPath, [fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url)), 'build', '--config', 'vite.cli.config.ts'], { cwd: PROJECT, stdio: 'ignore' });
  const baseline = median(timeRuns(['-e', '0'], runs));
  const lessons = median(timeRuns(['bin/mip-lab.js', 'lessons'], runs));
  const run = median(timeRuns(['bin/mip-lab.js', 'run', 'triangle-routing'], Math.min(runs, 5)));
  const ms = (v: number) => `${Math.round(v).toLocaleString('en-US')} ms`;
  console.log(`node with nothing to do                         ${ms(baseline)}`);
  console.log(`mip-lab lessons (bundled CLI)                   ${ms(lessons)}`);
  console.log(`mip-lab run triangle-routing (bundled CLI)      ${ms(run)}`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  cliStartupBench(Number(process.argv[2] ?? 11));
}
