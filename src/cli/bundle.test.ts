import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateBuild, makeBundleTree, PROJECT, runSource, spawnNode, spawnProgram, type BundleTree, type ByteRun } from './test-support/bundle-tree';

// The CLI as users run it: bin/mip-lab.js running the bundle that `npm run
// build:cli` makes (README "The command line"). The bundle is built afresh from
// the current source for this test (test-support/bundle-tree.ts), so what is
// compared is never a stale build; the other CLI tests run the source itself.

let tree: BundleTree;
/** A day ahead: the fresh bundle stays newer than its sources even if one is saved while the test runs. */
const AHEAD = new Date(Date.now() + 86_400_000);

beforeAll(async () => {
  tree = await makeBundleTree();
  dateBuild(tree, AHEAD);
}, 180_000);

afterAll(() => {
  if (tree !== undefined) rmSync(tree.root, { recursive: true, force: true });
});

const bin = (args: readonly string[], stdin?: string) => spawnNode([tree.bin, ...args], tree.root, stdin);

/** Same exit code and byte-identical stdout and stderr; the bundle printing no note of its own. */
function expectSameRun(bundled: ByteRun, source: ByteRun): void {
  expect(bundled.stderr.toString()).toBe(source.stderr.toString());
  // As text first, so a difference shows as a readable diff; then byte for byte.
  expect(bundled.stdout.toString()).toBe(source.stdout.toString());
  expect(bundled.stdout.equals(source.stdout)).toBe(true);
  expect(bundled.code).toBe(source.code);
}

/** docs/protocol-notes.md §Test vectors: the Registration Request datagram, 74 octets, copied from the spec (as in cli.test.ts). */
const RRQ = [
  '45 00 00 4a 00 01 00 00 01 11 ec ee 0a 01 00 0a c0 a8 02 01',
  'c0 00 01 b2 00 36 97 8b',
  '01 00 01 2c 0a 01 00 0a 0a 01 00 01 c0 a8 02 01 d5 c1 e2 a0 12 34 56 78',
  '20 14 00 00 01 00 70 55 55 e8 c6 22 fa 19 b3 6b 51 46 37 63 fb f9',
].join('').replace(/ /g, '');

describe('the CLI bundle', () => {
  it('is one self-contained ES module that imports only Node built-ins', () => {
    expect(readdirSync(join(tree.root, 'build', 'cli')).sort()).toEqual(['mip-lab.mjs', 'mip-lab.sources.json']);
    const code = readFileSync(tree.bundle, 'utf8');
    const imports = [...code.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+["']([^"']+)["']/gm), ...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!);
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((s) => !s.startsWith('node:'))).toEqual([]);
    expect(code).toMatch(/^export \{ main \};$/m);
    // Nothing of the page came along: no Web Worker, no React.
    expect(code).not.toMatch(/new Worker\(|from "react"|createElement\(/);
  });

  it('lists every file it was built from, the lessons\' and scenarios\' JSON among them', () => {
    const { bundle, startedAt, sources } = JSON.parse(readFileSync(tree.sourceList, 'utf8')) as { bundle: string; startedAt: unknown; sources: string[] };
    expect(bundle).toBe('mip-lab.mjs');
    expect(typeof startedAt).toBe('number');
    expect(sources).toEqual(expect.arrayContaining(['src/cli/main.ts', 'src/cli/commands/run.ts', 'src/engine/network/simulation.ts', 'vite.cli.config.ts', 'tsconfig.json']));
    for (const dir of ['src/lessons/builtin', 'src/scenarios/builtin']) {
      const json = readdirSync(join(PROJECT, dir)).filter((f) => f.endsWith('.json')).map((f) => `${dir}/${f}`);
      expect(json.length).toBeGreaterThan(3);
      expect(sources).toEqual(expect.arrayContaining(json));
    }
    expect(sources.some((s) => s.startsWith('node_modules/zod/'))).toBe(true);
    expect(sources.every((s) => !s.startsWith('/') && !s.includes('..') && !s.includes('\0'))).toBe(true);
  });
});

describe('bin/mip-lab.js running the fresh bundle prints the same bytes as the source', () => {
  it.each([
    ['lessons --json', ['lessons', '--json']],
    ['lessons', ['lessons']],
    ['scenarios', ['scenarios']],
    ['--help', ['--help']],
    ['help run', ['help', 'run']],
    ['decode <test-vector datagram>', ['decode', RRQ]],
    ['lesson triangle-routing --solve', ['lesson', 'triangle-routing', '--solve']],
    ['run legacy-correspondent --seed 5 --until 12s', ['run', 'legacy-correspondent', '--seed', '5', '--until', '12s']],
    ['run no-such-scenario', ['run', 'no-such-scenario']],
    ['frobnicate', ['frobnicate']],
  ])('mip-lab %s', async (_label, argv) => {
    const bundled = await bin(argv);
    const source = await runSource(...argv);
    // Something to compare: the report on success, the one-line reason on failure.
    expect((source.code === 0 ? source.stdout : source.stderr).length).toBeGreaterThan(0);
    expectSameRun(bundled, source);
  }, 120_000);

  it('run triangle-routing --trace --pcap: the same report and the same trace and capture files, byte for byte', async () => {
    const trace = join(tree.root, 'run.jsonl');
    const pcap = join(tree.root, 'run.pcapng');
    const argv = ['run', 'triangle-routing', '--seed', '3', '--trace', trace, '--pcap', pcap];
    const bundled = await bin(argv);
    const files = [readFileSync(trace), readFileSync(pcap)];
    rmSync(trace);
    rmSync(pcap);
    const source = await runSource(...argv);
    expect(bundled.code).toBe(0);
    expectSameRun(bundled, source);
    expect(bundled.stdout.toString()).toMatch(/wrote \d+ trace events to /);
    expect(files[0]!.length).toBeGreaterThan(10_000);
    expect(files[0]!.equals(readFileSync(trace))).toBe(true);
    expect(files[1]!.equals(readFileSync(pcap))).toBe(true);
  }, 120_000);

  it('check: a grader gets the same verdict on a lab report from either', async () => {
    const report = join(tree.root, 'report.json');
    expect((await runSource('lesson', 'triangle-routing', '--solve', '--report', report)).code).toBe(0);
    for (const argv of [['check', report], ['check', report, '--json']]) {
      const bundled = await bin(argv);
      expect(bundled.code).toBe(0);
      expect(bundled.stdout.toString()).toMatch(/confirmed/i);
      expectSameRun(bundled, await runSource(...argv));
    }
  }, 120_000);

  it('decode - reads the hex from stdin', async () => {
    const bundled = await bin(['decode', '-'], `${RRQ}\n`);
    expect(bundled.stdout.toString()).toMatch(/"name": ?"Registration Request"/);
    expectSameRun(bundled, await runSource('decode', RRQ));
  }, 120_000);
});

describe('which CLI bin/mip-lab.js runs', () => {
  const sentinel = 'export async function main(argv, io) { io.stdout.write(`sentinel bundle ran with ${JSON.stringify(argv)}\\n`); return 3; }\n';

  const pkg = JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };

  it('is built by npm ci (the prepare script) and first thing by npm test, with this configuration', () => {
    expect(pkg.scripts['build:cli']).toBe('vite build --config vite.cli.config.ts');
    expect(pkg.scripts.prepare).toBe('npm run build:cli');
    expect(pkg.scripts.test).toMatch(/^npm run build:cli && /);
  });

  it('npx mip-lab resolves to bin/mip-lab.js, which runs build/cli/mip-lab.mjs', async () => {
    expect(pkg.bin['mip-lab']).toBe('bin/mip-lab.js');
    const real = `${tree.bundle}.real`;
    renameSync(tree.bundle, real);
    try {
      // A stand-in bundle that says it ran proves which file the bin loads.
      writeFileSync(tree.bundle, sentinel);
      dateBuild(tree, AHEAD);
      const direct = await bin(['lessons', '--json']);
      expect({ code: direct.code, stdout: direct.stdout.toString(), stderr: direct.stderr.toString() }).toEqual({ code: 3, stdout: 'sentinel bundle ran with ["lessons","--json"]\n', stderr: '' });
      const npx = await spawnProgram('npx', ['--no-install', 'mip-lab', 'scenarios'], tree.root);
      expect(npx.stdout.toString()).toBe('sentinel bundle ran with ["scenarios"]\n');
      expect(npx.code).toBe(3);
    } finally {
      renameSync(real, tree.bundle);
      dateBuild(tree, AHEAD);
    }
  }, 120_000);

  const past = new Date('2000-01-01T00:00:00Z');
  it.each([
    ['a bundle older than its sources', past, past],
    // A source saved while the build ran, after it was read, is older than the bundle file but not in it.
    ['a bundle written after its sources changed, by a build that began before', past, AHEAD],
  ])('%s is not run: the source is, with a one-line note', async (_what, startedAt, written) => {
    dateBuild(tree, startedAt, written);
    try {
      const r = await bin(['lessons', '--json']);
      const lines = r.stderr.toString().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^mip-lab: the built CLI is older than (src\/|node_modules\/|vite\.cli\.config\.ts|tsconfig\.json)\S*; /);
      expect(lines[0]).toMatch(/running the TypeScript source instead .*npm run build:cli/);
      const source = await runSource('lessons', '--json');
      expect(r.code).toBe(0);
      expect(r.stdout.equals(source.stdout)).toBe(true);
    } finally {
      dateBuild(tree, AHEAD);
    }
  }, 120_000);

  it('without a bundle it runs the source, with a one-line note', async () => {
    const aside = `${tree.bundle}.aside`;
    renameSync(tree.bundle, aside);
    try {
      const r = await bin(['--help']);
      expect(r.stderr.toString()).toMatch(/^mip-lab: the built CLI \(build\/cli\/mip-lab\.mjs\) is missing; running the TypeScript source instead[^\n]*\n$/);
      expectSameRun({ ...r, stderr: Buffer.alloc(0) }, await runSource('--help'));
    } finally {
      renameSync(aside, tree.bundle);
    }
  }, 120_000);

  it.each([
    ['damaged', () => '{"sources": "not a list"}', /^mip-lab: the built CLI has no readable list of its sources \(build\/cli\/mip-lab\.sources\.json\); running the TypeScript source instead[^\n]*\n$/],
    ['without the time its build began', (list: { sources: string[] }) => JSON.stringify({ sources: list.sources }), /^mip-lab: the built CLI has no readable list of its sources/],
    ['naming a file that is gone', (list: { sources: string[] }) => JSON.stringify({ ...list, sources: [...list.sources, 'src/cli/renamed-away.ts'] }), /^mip-lab: the built CLI was built from src\/cli\/renamed-away\.ts, which is gone; running the TypeScript source instead/],
  ])('a bundle whose list of sources is %s is not trusted', async (_what, damage, note) => {
    const list = readFileSync(tree.sourceList);
    writeFileSync(tree.sourceList, damage(JSON.parse(list.toString()) as { sources: string[] }));
    try {
      const r = await bin(['scenarios']);
      expect(r.stderr.toString()).toMatch(note);
      expectSameRun({ ...r, stderr: Buffer.alloc(0) }, await runSource('scenarios'));
    } finally {
      writeFileSync(tree.sourceList, list);
    }
  }, 120_000);
});
