// `npm run fuzz`: the decoder fuzzer and the scenario-file fuzzer, for a
// given count or time per target, with their figures printed. Each failing
// input is saved as a regression fixture (src/fuzz/fixtures/), which
// regression-fixtures.test.ts replays on every `npm test`. Exit status 1 when a failure
// was found that open.json does not already list.

import { relative } from 'node:path';
import type { FailureRecord, TargetStats } from './core';
import { FIXTURES_DIR, openFailures, saveFixture } from './regression-fixtures';
import { runJobs } from './sandbox';
import type { Job } from './sandbox-protocol';
import { DEFAULT_BOUND_MS, EXTENSION, TARGET_NAMES, type TargetName } from './targets';

const USAGE = `Usage: npm run fuzz -- [--count N | --seconds S] [--seed N] [--target a,b] [--bound-ms MS] [--no-save] [--quick]

Runs each target for N inputs or S seconds (default: 20 seconds each) and prints
its figures: inputs tried, per second, accepted, refused, distinct error kinds,
failures. Targets: ${TARGET_NAMES.join(', ')}.
  packet    the whole-packet dissector on random and mutated packets
  codecs    every header and message codec at every plausible offset, re-emitted
  pcapng    the capture-file reader on mutated capture files
  scenario  mutated built-in scenario files, validated, then run headless
  lesson    mutated built-in lesson files, validated, then run headless
A failure is a throw, an input that takes longer than its bound (--bound-ms;
default 1 s for decoders, 10 s for scenarios and lessons) or exhausts memory, or
a file that validated and then failed while it ran ("internal error").
Failing inputs are saved under src/fuzz/fixtures/<target>/ unless --no-save.
--quick seeds the decoders from 3 scenarios instead of all of them.
The seed defaults to a fresh one (printed), so each run explores new inputs.`;

interface Args {
  count?: number;
  seconds?: number;
  seed: number;
  targets: TargetName[];
  boundMs?: number;
  save: boolean;
  quick: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const a: Args = { seed: (Date.now() ^ (process.pid << 16)) >>> 0, targets: [...TARGET_NAMES], save: true, quick: false };
  const num = (v: string | undefined, what: string, max = Number.MAX_SAFE_INTEGER): number => {
    if (v === undefined || !/^\d+(\.\d+)?$/.test(v) || Number(v) > max) throw new Error(`${what} takes a number${max < Number.MAX_SAFE_INTEGER ? ` up to ${max}` : ''}, not ${v === undefined ? 'nothing' : JSON.stringify(v)}`);
    return Number(v);
  };
  for (let i = 0; i < argv.length; i++) {
    const o = argv[i]!;
    if (o === '--count') a.count = Math.floor(num(argv[++i], '--count'));
    else if (o === '--seconds') a.seconds = num(argv[++i], '--seconds');
    else if (o === '--seed') a.seed = Math.floor(num(argv[++i], '--seed', 0xffffffff));
    else if (o === '--bound-ms') a.boundMs = num(argv[++i], '--bound-ms');
    else if (o === '--no-save') a.save = false;
    else if (o === '--quick') a.quick = true;
    else if (o === '--target') {
      const names = (argv[++i] ?? '').split(',').filter((s) => s !== '');
      const bad = names.filter((n) => !(TARGET_NAMES as readonly string[]).includes(n));
      if (names.length === 0 || bad.length > 0) throw new Error(`--target takes some of ${TARGET_NAMES.join(', ')}, not ${JSON.stringify(bad.join(',') || argv[i] || '')}`);
      a.targets = names as TargetName[];
    } else if (o === '--help' || o === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${o}\n\n${USAGE}`);
  }
  if (a.count === undefined && a.seconds === undefined) a.seconds = 20;
  return a;
}

const n = (v: number): string => Math.round(v).toLocaleString('en-US');

function table(rows: readonly { stats: TargetStats; restarts: number }[]): string {
  const head = ['target', 'inputs', 'per s', 'accepted', 'refused', 'error kinds', 'failures', 'slowest ms', 'restarts'];
  const body = rows.map(({ stats: s, restarts }) => {
    const failing = [...s.failures.values()].reduce((k, f) => k + f.count, 0) + s.moreHangs;
    return [s.target, n(s.tried), n(s.tried / Math.max(s.wallMs / 1000, 1e-9)), n(s.accepted), n(s.refused), n(s.errorKinds.size), `${s.failures.size}${s.moreHangs > 0 ? '+' : ''} (${n(failing)} inputs)`, n(s.slowestMs), String(restarts)];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  return [head, ...body].map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}

function describeFailure(f: FailureRecord, fixture: string | undefined, known: string | undefined): string {
  return [
    `- ${f.target}: ${f.kind}${f.count > 1 ? ` (${f.count} inputs)` : ''}: ${f.message}`,
    ...(f.at === '' ? [] : [`    at ${f.at}`]),
    `    input #${f.index} of seed ${f.seed}: ${f.recipe.slice(0, 400)}`,
    ...(fixture === undefined ? [] : [`    saved as ${fixture}`]),
    ...(known === undefined ? [] : [`    known (fixtures/open.json): ${known}`]),
  ].join('\n');
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const what = args.count !== undefined ? `${n(args.count)} inputs` : `${args.seconds} s`;
  console.log(`Route Optimization Lab — fuzzing ${args.targets.join(', ')}: ${what} per target, seed ${args.seed}`);
  console.log(`(again: npm run fuzz -- --seed ${args.seed}${args.count !== undefined ? ` --count ${args.count}` : ` --seconds ${args.seconds}`}${args.targets.length < TARGET_NAMES.length ? ` --target ${args.targets.join(',')}` : ''}${args.quick ? ' --quick' : ''})\n`);
  const jobs: Job[] = args.targets.map((target) => ({
    kind: 'fuzz', target, seed: args.seed, start: 0, boundMs: args.boundMs ?? DEFAULT_BOUND_MS[target],
    ...(args.count === undefined ? {} : { count: args.count }), ...(args.seconds === undefined ? {} : { seconds: args.seconds }),
  }));
  const corpus = args.quick ? { scenarios: ['route-optimization', 'smooth-handoff', 'key-diffie-hellman'], runSeconds: 15 } : {};
  let shown = -1;
  const results = await runJobs(jobs, {
    corpus,
    onProgress: (j, s) => {
      if (!process.stdout.isTTY) return;
      shown = j;
      process.stdout.write(`\r  ${s.target}: ${n(s.tried)} inputs, ${s.failures.size} failures…   `);
    },
  });
  if (shown >= 0) process.stdout.write('\r\x1b[K');
  const rows = results.map((r) => (r.kind === 'fuzz' ? r : undefined)).filter((r) => r !== undefined);
  console.log(table(rows));
  const open = openFailures();
  const knownSignatures = new Map(Object.values(open).map((o) => [o.signature, o.diagnosis]));
  const failures = rows.flatMap((r) => [...r.stats.failures.values()]);
  let unknown = 0;
  if (failures.length > 0) {
    console.log('\nFailures:');
    for (const f of failures) {
      const extension = EXTENSION[f.target as TargetName];
      const saved = args.save ? saveFixture(f, extension) : undefined;
      const known = knownSignatures.get(f.signature);
      if (known === undefined) unknown++;
      console.log(describeFailure(f, saved === undefined ? undefined : `${relative(process.cwd(), FIXTURES_DIR)}/${saved.name}${saved.isNew ? '' : ' (already there)'}`, known));
    }
  }
  const more = rows.reduce((k, r) => k + r.stats.moreHangs, 0);
  if (more > 0) console.log(`\n${more} more inputs hung, not saved (only the first few hangs of a target are kept).`);
  console.log(failures.length === 0 ? '\nNo failures.' : `\n${failures.length} distinct failures, ${unknown} not listed in src/fuzz/fixtures/open.json.`);
  return unknown > 0 ? 1 : 0;
}

process.exitCode = await main();
