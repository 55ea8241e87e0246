import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPcapng } from '../engine/capture/pcapng-reader';
import { BUILTIN_SCENARIOS } from '../scenarios/builtin/index';
import routeOptimization from '../scenarios/builtin/route-optimization.json' with { type: 'json' };
import { parseDuration } from './commands/run';
import { runCli } from './test-support/run-cli';

// `mip-lab run` and `mip-lab scenarios`, in-process with fake streams.

const run = runCli;

let dir = '';
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'mip-lab-run-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('mip-lab scenarios', () => {
  it('lists every built-in, id then title, in teaching order', async () => {
    const r = await run('scenarios');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(BUILTIN_SCENARIOS.length);
    lines.forEach((l, i) => expect(l).toMatch(new RegExp(`^${BUILTIN_SCENARIOS[i]!.id} +${BUILTIN_SCENARIOS[i]!.title.replace(/[()]/g, '\\$&')}$`)));
  });

  it('has help, and refuses arguments', async () => {
    expect((await run('scenarios', '--help')).stdout).toMatch(/^Usage: mip-lab scenarios/);
    const r = await run('scenarios', 'extra');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/takes no arguments/);
  });
});

describe('mip-lab run', () => {
  it('prints the help with every option', async () => {
    const r = await run('run', '--help');
    expect(r.code).toBe(0);
    for (const o of ['--seed', '--until', '--pcap', '--trace']) expect(r.stdout).toContain(o);
  });

  it('runs a built-in and prints per-flow metrics, home-agent load and control overhead', async () => {
    const r = await run('run', 'triangle-routing', '--until', '10s');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^Triangle routing — seed 1, ran to 10 s virtual, \d+ trace events/);
    // CN sends every 500 ms from 2 s: 17 datagrams by 10 s; each goes CN → R → HA → R → FA1 → MN (tunnelled).
    const row = /^ {2}cn-to-mn +(\d+) +(\d+) +(\d+) +(\d+) +([\d.]+) +([\d.]+) +(\d+)$/m.exec(r.stdout);
    expect(row).not.toBeNull();
    const [sent, delivered, lost, duplicated, hops, , tunnelled] = row!.slice(1).map(Number);
    expect(sent).toBe(17);
    expect(delivered! + lost!).toBe(sent);
    expect(delivered).toBeGreaterThan(10);
    expect(duplicated).toBe(0);
    expect(hops).toBeGreaterThanOrEqual(5);
    expect(tunnelled).toBe(delivered);
    expect(r.stdout).toMatch(/^ {2}HA +[1-9]\d* +[1-9]\d*$/m);
    expect(r.stdout).toMatch(/^Control overhead: [1-9]\d* messages/m);
    expect(r.stdout).toMatch(/^ {2}Registration Request with key extensions +[1-9]\d* +[1-9]\d*$/m); // the triangle's MN asks for a registration key
    expect(r.stdout).toMatch(/^ {2}Agent Advertisement +[1-9]/m);
  });

  it('writes a pcapng file that reads back: one interface per link, every transmission commented', async () => {
    const pcap = join(dir, 'ro.pcapng');
    const trace = join(dir, 'ro.jsonl');
    const r = await run('run', 'route-optimization', '--until', '8s', '--pcap', pcap, '--trace', trace);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`wrote \\d+ packets on 7 links to ${pcap.replace(/[.]/g, '\\.')}`));
    const read = readPcapng(new Uint8Array(await readFile(pcap)));
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    const section = read.value.sections[0]!;
    expect(section.interfaces.map((i) => i.name)).toEqual(routeOptimization.links.map((l) => l.id));
    const events = (await readFile(trace, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as { kind: string; time: number; bytes?: string; interface?: string; node: string });
    const transmissions = events.filter((e) => (e.kind === 'sent' || e.kind === 'forwarded') && e.bytes !== undefined);
    expect(section.packets.length).toBeGreaterThanOrEqual(transmissions.length); // ≥: a frame in range of two cells is on both
    const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    const first = section.packets[0]!;
    expect(first.comments[0]).toMatch(/ \| \w+: /);
    expect(transmissions.some((t) => t.bytes === hex(first.bytes) && t.time === first.timeMicros)).toBe(true);
    // The registration through FA1 crosses the cell and then the FA's wired link.
    const names = section.packets.map((p) => `${section.interfaces[p.interfaceId]!.name}: ${p.comments[0]}`);
    expect(names.some((n) => /^cell1: .*Registration Request/.test(n))).toBe(true);
    expect(names.some((n) => /^fa1-r: .*Registration Request/.test(n))).toBe(true);
  });

  it('writes the trace as JSON lines, bytes as hex', async () => {
    const trace = join(dir, 't.jsonl');
    const r = await run('run', 'triangle-routing', '--until', '3s', '--trace', trace);
    expect(r.code).toBe(0);
    const lines = (await readFile(trace, 'utf8')).trimEnd().split('\n');
    expect(r.stdout).toContain(`wrote ${lines.length} trace events`);
    const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.filter((e) => e.bytes !== undefined).length).toBeGreaterThan(0); // so the hex check below runs
    for (const e of events) {
      expect(e).toMatchObject({ id: expect.any(String), time: expect.any(Number), node: expect.any(String), kind: expect.any(String), summary: expect.any(String), ref: expect.any(String) });
      if (e.bytes !== undefined) expect(e.bytes).toMatch(/^45[0-9a-f]+$/); // IPv4, header length 20
    }
    expect(events.at(-1)!.time as number).toBeLessThanOrEqual(3_000_000);
  });

  it('is deterministic: same seed, same trace file, byte for byte', async () => {
    const files = ['a', 'b'].map((n) => join(dir, `${n}.jsonl`));
    for (const f of files) expect((await run('run', 'smooth-handoff', '--seed', '9', '--until', '15s', '--trace', f)).code).toBe(0);
    const [a, b] = await Promise.all(files.map((f) => readFile(f)));
    expect(a!.length).toBeGreaterThan(10_000);
    expect(a!.equals(b!)).toBe(true);
  });

  it('runs a scenario file, and refuses a bad one with every problem (path + reason), exit 1', async () => {
    const good = join(dir, 'good.json');
    await writeFile(good, JSON.stringify(routeOptimization));
    expect((await run('run', good, '--until', '1s')).stdout).toMatch(/^Route optimization — seed 1/);
    const broken = structuredClone(routeOptimization) as { nodes: { interfaces: { address: string }[] }[]; securityAssociations: { spi: number }[] };
    broken.nodes[1]!.interfaces[0]!.address = '10.0.1.300';
    broken.securityAssociations[0]!.spi = 12;
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify(broken));
    const r = await run('run', bad);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`mip-lab run: ${bad} is not a valid scenario (2 problems):`);
    expect(r.stderr).toMatch(/^ {2}nodes\[1\]\.interfaces\[0\]\.address: "10\.0\.1\.300" is not an IPv4 address/m);
    expect(r.stderr).toMatch(/^ {2}securityAssociations\[0\]\.spi: .*256/m);
    const syntax = join(dir, 'syntax.json');
    await writeFile(syntax, '{\n  "format": 1,,\n}');
    expect((await run('run', syntax)).stderr).toMatch(/line 2, column \d+: not valid JSON/);
  });

  it.each([
    ['no scenario', [], /give a scenario/],
    ['an unknown id that is no file either', ['no-such-lab'], /no built-in scenario "no-such-lab", and cannot read it as a file \(ENOENT\)/],
    ['a bad --until', ['triangle-routing', '--until', '10 parsecs'], /--until takes a positive virtual time/],
    ['a bad --seed', ['triangle-routing', '--seed', 'x'], /--seed takes a whole number/],
    ['a missing --pcap value', ['triangle-routing', '--pcap'], /--pcap needs a value/],
    ['an unknown option', ['triangle-routing', '--fast'], /unknown option --fast/],
    ['two scenarios', ['triangle-routing', 'return-home'], /give one scenario/],
  ])('refuses %s with a clean error', async (_what, args, pattern) => {
    const r = await run('run', ...args);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/internal error|\bat .*:\d+:\d+/);
  });
});

describe('parseDuration', () => {
  it.each([['30s', 30_000_000], ['500ms', 500_000], ['1.5 s', 1_500_000], ['250us', 250], ['2min', 120_000_000], ['7', 7_000_000]])('%s = %d µs', (text, micros) => {
    expect(parseDuration(text)).toBe(micros);
  });
  it.each(['', '0s', '-1s', 'abc', '1h', '0.0000001s'])('refuses %j', (text) => expect(parseDuration(text)).toBeUndefined());
});
