// "Save capture" writes the same file as `mip-lab run --pcap` for the same run
// — scenario, seed, the learner's commands and the end time — byte for byte,
// although the page keeps only a window of the trace: it replays the run
// headless to the playhead (page-capture.ts). And "only filtered packets"
// keeps exactly the packets the packet list's filter shows.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPcapng } from '../../engine/capture/pcapng-reader';
import { runCli } from '../../cli/test-support/run-cli';
import type { CommandLogEntry } from '../../runtime/types';
import { loadBuiltin } from '../../scenarios/builtin/index';
import { captureFileName, filterActive, pageCapture, type PageRun } from './page-capture';

const dir = mkdtempSync(join(tmpdir(), 'mip-lab-page-capture-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The learner walks the mobile node from FA1's cell into FA2's, switches it to GRE, then walks home. */
const WALK: CommandLogEntry[] = [
  { at: 4_000_000, command: { type: 'move', node: 'MN', position: { x: 700, y: 470 } } },
  { at: 6_500_000, command: { type: 'move', node: 'MN', position: { x: 800, y: 470 } } },
  { at: 6_500_000, command: { type: 'configure', node: 'MN', setting: 'encapsulation', value: 'gre' } },
  { at: 11_000_000, command: { type: 'move', node: 'MN', position: { x: 160, y: 470 } } },
];

async function cliCapture(id: string, seed: number, until: number, commands: readonly CommandLogEntry[]): Promise<Uint8Array> {
  const pcap = join(dir, `${id}-${seed}.pcapng`);
  const args = ['run', id, '--seed', String(seed), '--until', `${until}us`, '--pcap', pcap];
  if (commands.length > 0) {
    const log = join(dir, `${id}-${seed}.json`);
    writeFileSync(log, JSON.stringify(commands));
    args.push('--commands', log);
  }
  const r = await runCli(...args);
  expect(r.code, r.stderr).toBe(0);
  return new Uint8Array(readFileSync(pcap));
}

function run(id: string, seed: number, now: number, commands: readonly CommandLogEntry[]): PageRun {
  return { scenarioId: id, scenario: loadBuiltin(id), seed, commands, now };
}

describe('Save capture = mip-lab run --pcap, byte for byte', () => {
  it.each([
    ['route-optimization', 1, 9_000_000],
    ['key-diffie-hellman', 7, 6_250_000],
  ] as const)('%s, seed %i, to %i µs', async (id, seed, until) => {
    const page = await pageCapture(run(id, seed, until, []));
    const cli = await cliCapture(id, seed, until, []);
    expect(page.packets).toBeGreaterThan(20);
    expect(Buffer.from(page.bytes).equals(Buffer.from(cli))).toBe(true);
  }, 60_000);

  it('a run with learner moves and a setting: the page capture equals mip-lab run --commands --pcap', async () => {
    const page = await pageCapture(run('explore', 3, 14_000_000, WALK));
    const cli = await cliCapture('explore', 3, 14_000_000, WALK);
    expect(page.packets).toBeGreaterThan(100);
    expect(page.bytes.length).toBe(cli.length);
    expect(Buffer.from(page.bytes).equals(Buffer.from(cli))).toBe(true);
  }, 60_000);

  it('the learner\'s commands change the capture (the walk registers through FA2)', async () => {
    const withWalk = await pageCapture(run('explore', 3, 14_000_000, WALK));
    const idle = await pageCapture(run('explore', 3, 14_000_000, []));
    const comments = (bytes: Uint8Array) => {
      const r = readPcapng(bytes);
      if (!r.ok) throw new Error(r.error.reason);
      return r.value.sections[0]!.packets.map((p) => p.comments[0] ?? '');
    };
    const viaFa2 = (c: string) => /\| FA2: relayed Registration Request/.test(c);
    expect(comments(withWalk.bytes).some(viaFa2)).toBe(true);
    expect(comments(idle.bytes).some(viaFa2)).toBe(false);
  }, 60_000);
});

describe('Save capture with the packet-list filter', () => {
  it('keeps only the packets the filter shows, each with its message and why it was sent', async () => {
    const r = run('route-optimization', 1, 9_000_000, []);
    const filter = { packetFilter: { nodes: ['HA'], kinds: [] }, text: 'binding update' };
    expect(filterActive(filter)).toBe(true);
    const all = await pageCapture(r);
    const some = await pageCapture(r, { filter });
    expect(some.packets).toBeGreaterThan(0);
    expect(some.packets).toBeLessThan(all.packets);
    const read = readPcapng(some.bytes);
    if (!read.ok) throw new Error(read.error.reason);
    const comments = read.value.sections[0]!.packets.map((p) => p.comments[0] ?? '');
    expect(comments).toHaveLength(some.packets);
    for (const c of comments) expect(c).toMatch(/^.*Binding Update \| HA: .*\(.*§.*\)$/);
    expect(captureFileName(r, true)).toBe('route-optimization-seed1-at9s-filtered.pcapng');
  }, 60_000);

  it('an empty filter is no filter', () => {
    expect(filterActive({ packetFilter: { nodes: [], kinds: [] }, text: '  ' })).toBe(false);
  });
});

describe('a command log the run cannot replay is refused, saying which entry and why', () => {
  it('by the page', async () => {
    const bad: CommandLogEntry[] = [{ at: 1_000_000, command: { type: 'move', node: 'nobody', position: { x: 1, y: 1 } } }];
    await expect(pageCapture(run('explore', 1, 2_000_000, bad))).rejects.toThrow(/command log entry 1/);
  });

  it('mip-lab run --commands also takes an object holding the log under "commands" (a saved run, a lab report)', async () => {
    const log = join(dir, 'report.json');
    writeFileSync(log, JSON.stringify({ scenario: 'explore', seed: 3, commands: WALK }));
    const pcap = join(dir, 'report.pcapng');
    const r = await runCli('run', 'explore', '--seed', '3', '--until', '14000000us', '--commands', log, '--pcap', pcap);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(pcap).equals(await cliCapture('explore', 3, 14_000_000, WALK))).toBe(true);
    const none = join(dir, 'none.json');
    writeFileSync(none, JSON.stringify({ seed: 3 }));
    const refused = await runCli('run', 'explore', '--commands', none);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/none\.json holds no command log/);
  }, 60_000);

  it('by mip-lab run --commands', async () => {
    const log = join(dir, 'bad.json');
    writeFileSync(log, JSON.stringify([{ at: 5, command: { type: 'move', node: 'nobody', position: { x: 1, y: 1 } } }]));
    const r = await runCli('run', 'explore', '--until', '1s', '--commands', log);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.json: command log entry 1/);
  });
});
