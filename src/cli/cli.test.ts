import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPcapng } from '../engine/capture/pcapng-reader';
import { buildAllSamplePackets } from '../engine/samples/all-samples';
import type { FieldNode } from '../engine/wire/dissection';
import { runCli, type CliRun as Run } from './test-support/run-cli';

// The CLI run in-process with fake streams: exactly what a user would see.

const run = runCli;

/** Exit 1, nothing on stdout, exactly one line on stderr, and no stack trace. */
function expectOneLineError(r: Run, pattern: RegExp): void {
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.slice(0, -1)).not.toContain('\n');
  expect(r.stderr).not.toMatch(/\bat .*:\d+:\d+|Error:|internal error/);
  expect(r.stderr).toMatch(pattern);
}

/** docs/protocol-notes.md §Test vectors: the Registration Request datagram, 74 octets, copied from the spec. */
const RRQ_HEX = [
  '45 00 00 4a 00 01 00 00 01 11 ec ee 0a 01 00 0a c0 a8 02 01',
  'c0 00 01 b2 00 36 97 8b',
  '01 00 01 2c 0a 01 00 0a 0a 01 00 01 c0 a8 02 01 d5 c1 e2 a0 12 34 56 78',
  '20 14 00 00 01 00 70 55 55 e8 c6 22 fa 19 b3 6b 51 46 37 63 fb f9',
];
const RRQ_PACKED = RRQ_HEX.join('').replace(/ /g, '');

function find(node: FieldNode, name: string): FieldNode | undefined {
  if (node.name === name) return node;
  for (const c of node.children ?? []) {
    const f = find(c, name);
    if (f !== undefined) return f;
  }
  return undefined;
}

describe('mip-lab help', () => {
  it.each([[[]], [['--help']], [['-h']], [['help']]])('%j prints the overview and exits 0', async (argv) => {
    const r = await run(...argv);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^Usage: mip-lab <command>/m);
    expect(r.stdout).toMatch(/^ {2}decode\s+dissect/m);
    expect(r.stdout).toMatch(/^ {2}sample-capture\s+write/m);
  });

  it('help decode, decode --help and decode -h print the decode help', async () => {
    const a = await run('help', 'decode');
    const b = await run('decode', '--help');
    const c = await run('decode', RRQ_PACKED, '-h');
    for (const r of [a, b, c]) {
      expect(r).toMatchObject({ code: 0, stderr: '' });
      expect(r.stdout).toMatch(/^Usage: mip-lab decode <hex>/);
    }
    expect(b.stdout).toBe(a.stdout);
  });

  it('sample-capture --help prints its help and writes nothing', async () => {
    const r = await run('sample-capture', 'never-written.pcapng', '--help');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^Usage: mip-lab sample-capture <file.pcapng> \[--seed N\]/);
  });

  it('an unknown command, or help about one, is one line on stderr and exit 1', async () => {
    expectOneLineError(await run('frobnicate', 'x'), /unknown command 'frobnicate'.*decode, sample-capture/);
    expectOneLineError(await run('help', 'frobnicate'), /unknown command 'frobnicate'/);
  });
});

describe('mip-lab decode', () => {
  it('decodes the docs/protocol-notes.md §Test vectors Registration Request datagram to JSON with every layer and field', async () => {
    const r = await run('decode', RRQ_PACKED);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const json = JSON.parse(r.stdout) as { length: number; name: string; summary: string; protocols: string[]; kind: string; tunnelled: boolean; dissection: FieldNode };
    expect(json).toMatchObject({ length: 74, name: 'Registration Request', summary: '10.1.0.10 → 192.168.2.1 — Registration Request', protocols: ['IPv4', 'UDP', 'Mobile IP'], kind: 'control', tunnelled: false });
    const rrq = find(json.dissection, 'Mobile IP Registration Request')!;
    expect(rrq).toMatchObject({ offset: 28, length: 46 });
    expect(find(rrq, 'Care-of Address')).toMatchObject({ offset: 40, length: 4, value: '192.168.2.1' });
    expect(find(rrq, 'Home Address')).toMatchObject({ offset: 32, value: '10.1.0.10' });
    expect(find(rrq, 'Lifetime')).toMatchObject({ offset: 30, value: '300 s' });
    expect(find(rrq, 'SPI')).toMatchObject({ offset: 54, value: expect.stringMatching(/^256/) });
    expect(find(rrq, 'Type')?.ref).toMatch(/RFC 2002/);
  });

  it('accepts the hex spaced, across several arguments', async () => {
    const packed = await run('decode', RRQ_PACKED);
    const spaced = await run('decode', ...RRQ_HEX);
    const split = await run('decode', ...RRQ_HEX.join(' ').split(' '));
    expect(spaced).toEqual(packed);
    expect(split).toEqual(packed);
  });

  it('names the flags and authenticator coverage after the profile asked for (OC-01)', async () => {
    const r = await run('decode', '--profile', 'rfc3344', RRQ_PACKED);
    expect(r.code).toBe(0);
    expect(find((JSON.parse(r.stdout) as { dissection: FieldNode }).dissection, 'Covered bytes')?.value).toMatch(/HMAC-MD5/);
  });

  it.each([
    ['a truncated packet', [RRQ_PACKED.slice(0, 120)], /malformed packet: IPv4: Total Length at offset 2: 74 exceeds the 60 octets/],
    ['a packet shorter than a header', ['45 00'], /malformed packet: IPv4: header at offset 0/],
    ['bad hex', ['45 00 zz'], /not hex: character "z" at position \d+/],
    ['an odd number of digits', ['45 00 0'], /not hex: odd number of hex digits \(5\)/],
    ['a bad IHL', [`44${RRQ_PACKED.slice(2)}`], /malformed packet: IPv4: IHL at offset 0/],
    ['a bad Mobile IP extension Length', [RRQ_PACKED.slice(0, 106) + '30' + RRQ_PACKED.slice(108)], /malformed packet: Mobile-Home Authentication extension: Length at offset 53/],
    ['no hex at all', [], /give the packet as hex/],
    ['a bad --profile', ['--profile', 'RFC 9999', RRQ_PACKED], /--profile takes ro98 or rfc3344, not "RFC 9999"/],
    ['an unknown option', ['--fast', RRQ_PACKED], /unknown option --fast/],
  ])('refuses %s with one clean line', async (_what, args, pattern) => {
    const r = await run('decode', ...args);
    expectOneLineError(r, pattern);
    expect(r.stderr).toMatch(/^mip-lab decode: /);
  });
});

describe('mip-lab sample-capture', () => {
  let dir = '';
  beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'mip-lab-cli-')); });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  it('writes a pcapng file with one commented packet per sample and one interface per link', async () => {
    const file = join(dir, 'samples.pcapng');
    const r = await run('sample-capture', file);
    const samples = buildAllSamplePackets({ seed: 1 });
    expect(samples.length).toBeGreaterThanOrEqual(25);
    const links = [...new Set(samples.map((s) => s.link))];
    expect(r).toEqual({ code: 0, stdout: `wrote ${samples.length} packets on ${links.length} links to ${file}\n`, stderr: '' });
    const read = readPcapng(new Uint8Array(await readFile(file)));
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    expect(read.value.sections).toHaveLength(1);
    const section = read.value.sections[0]!;
    expect(section.interfaces.map((i) => i.name)).toEqual(links);
    expect(section.interfaces.map((i) => i.linkType)).toEqual(links.map(() => 101)); // LINKTYPE_RAW: the samples carry IPv6 too (capture-link-type.ts)
    expect(section.packets).toHaveLength(samples.length);
    section.packets.forEach((p, i) => {
      const s = samples[i]!;
      expect(p.bytes).toEqual(s.bytes);
      expect(p.originalLength).toBe(s.bytes.length);
      expect(p.comments).toEqual([`${s.name} — ${s.ref}`]);
      expect(section.interfaces[p.interfaceId]!.name).toBe(s.link);
      if (i > 0) expect(p.timeMicros).toBeGreaterThan(section.packets[i - 1]!.timeMicros);
    });
  });

  it('writes the same file for the same seed, another for another seed', async () => {
    const [a, b, c] = ['a', 'b', 'c'].map((n) => join(dir, `${n}.pcapng`));
    expect((await run('sample-capture', a!, '--seed', '7')).code).toBe(0);
    expect((await run('sample-capture', '--seed', '7', b!)).code).toBe(0);
    expect((await run('sample-capture', c!, '--seed', '8')).code).toBe(0);
    const [fa, fb, fc] = await Promise.all([a!, b!, c!].map((f) => readFile(f)));
    expect(fa!.equals(fb!)).toBe(true);
    expect(fa!.equals(fc!)).toBe(false);
  });

  it.each([
    ['a seed that is not a number', ['--seed', 'x', 'out.pcapng'], /--seed takes a whole number from 0 to 4294967295, not "x"/],
    ['a negative seed', ['--seed', '-1', 'out.pcapng'], /--seed takes a whole number/],
    ['a seed too large', ['--seed', '4294967296', 'out.pcapng'], /--seed takes a whole number/],
    ['a seed with no value', ['out.pcapng', '--seed'], /--seed takes a whole number from 0 to 4294967295, not nothing/],
    ['no file', [], /give exactly one output file/],
    ['two files', ['a.pcapng', 'b.pcapng'], /give exactly one output file/],
    ['an unknown option', ['--fast', 'out.pcapng'], /unknown option --fast/],
  ])('refuses %s with one clean line', async (_what, args, pattern) => {
    expectOneLineError(await run('sample-capture', ...args), pattern);
  });

  it('refuses a path it cannot write with one clean line naming it', async () => {
    const missingDir = join(dir, 'no-such-dir', 'x.pcapng');
    expectOneLineError(await run('sample-capture', missingDir), new RegExp(`cannot write ${missingDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ENOENT`));
    expectOneLineError(await run('sample-capture', dir), /cannot write .*: EISDIR/);
  });
});

describe('bin/mip-lab.js', () => {
  it('runs decode end to end through node, reading the hex from stdin', async () => {
    const bin = fileURLToPath(new URL('../../bin/mip-lab.js', import.meta.url));
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
      const child = execFile(process.execPath, [bin, 'decode', '-'], { timeout: 60_000 }, (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') reject(error);
        else resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr });
      });
      child.stdin!.end(`${RRQ_HEX.join('\n')}\n`);
    });
    // It runs the built bundle, or, when that is missing or older than the source, the source with
    // one line saying so (bundle.test.ts tests which, against a freshly built bundle).
    expect(result.stderr).toMatch(/^(mip-lab: [^\n]*; running the TypeScript source instead [^\n]*\n)?$/);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { name: string; length: number; dissection: FieldNode };
    expect(json).toMatchObject({ name: 'Registration Request', length: 74 });
    expect(find(json.dissection, 'Care-of Address')).toMatchObject({ offset: 40, value: '192.168.2.1' });
  }, 90_000);
});
