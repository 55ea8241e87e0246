// Hostile scenario files (FORMAT.md "Limits"): one case per kind of bad input
// a careless or malicious author can write. Each is refused with the path of
// the field to change and words that say why — never "internal error", never a
// stack overflow — or runs correctly; and each case ends well within a time
// bound, whatever the size of the file.

import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runHeadless } from '../cli/commands/run';
import { runCli } from '../cli/test-support/run-cli';
import { builtinScenario } from './builtin';
import { largeScenario } from './test-support/large-scenario';
import { toLoadedScenario } from './to-topology';
import { parseScenarioText } from './validate';

/** Each case must end within this, on a shared machine; a linear check of these sizes takes a fraction of it. */
const BOUND_MS = 5_000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a case edits the JSON freely, as an author would
type Json = any;
const base = (): Json => structuredClone(builtinScenario('route-optimization')!.data);
const edited = (edit: (s: Json) => void): string => {
  const s = base();
  edit(s);
  return JSON.stringify(s);
};
const deep = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

interface Refused {
  readonly name: string;
  readonly text: () => string;
  /** The path the message must start with, and what it must say. */
  readonly path: string;
  readonly says: RegExp;
}

const REFUSED: readonly Refused[] = [
  { name: 'a file of 14 megabytes (20,000 nodes), refused before it is parsed', text: () => JSON.stringify(largeScenario(4000), null, 2), path: '(file)', says: /14,0\d\d,\d{3} characters is more than a file may have \(2,000,000\)/ },
  { name: 'more nodes than a lesson needs', text: () => JSON.stringify(largeScenario(41)), path: 'nodes', says: /must have at most 200 entries \(got 205 entries\)/ },
  { name: 'more links than a lesson needs', text: () => JSON.stringify(largeScenario(70)), path: 'links', says: /must have at most 400 entries/ },
  { name: 'more flows than a lesson needs', text: () => edited((s) => { s.flows = Array.from({ length: 101 }, (_, k) => ({ ...s.flows[0], id: `f${k}` })); }), path: 'flows', says: /at most 100 entries/ },
  { name: 'a flow interval that rounds to 0 µs', text: () => edited((s) => { s.flows[0].intervalMs = 1e-6; }), path: 'flows[0].intervalMs', says: /must be ≥ 1 \(got 0.000001\)/ },
  { name: 'a flow within every limit whose datagrams are too many', text: () => edited((s) => { s.durationS = 300; s.flows[0].intervalMs = 1; s.flows[0].untilS = 298; }), path: 'flows[0]', says: /about 8,\d{3},\d{3} events of work.*more than the 80,000 a run may take.*a longer intervalMs/ },
  { name: 'a flow count past every run', text: () => edited((s) => { delete s.flows[0].untilS; s.flows[0].count = 1e300; }), path: 'flows[0].count', says: /must be ≤/ },
  { name: 'a flow until a time no run reaches', text: () => edited((s) => { s.flows[0].untilS = 1e300; }), path: 'flows[0].untilS', says: /must be ≤ 86400/ },
  { name: 'a duration of 1e300 s', text: () => edited((s) => { s.durationS = 1e300; }), path: 'durationS', says: /must be ≤ 86400 \(got 1e\+300\)/ },
  { name: 'a bandwidth of 1e-300 bit/s', text: () => edited((s) => { s.links[3].bandwidthBps = 1e-300; }), path: 'links[3].bandwidthBps', says: /must be ≥ 1000/ },
  { name: 'a link delay that rounds to 0 µs', text: () => edited((s) => { s.links[0].delayMs = 1e-9; }), path: 'links[0].delayMs', says: /must be ≥ 0.001/ },
  { name: 'an advertisement every nanosecond', text: () => edited((s) => { s.nodes[2].settings = { advertiseIntervalS: 1e-9 }; }), path: 'nodes[2].settings.advertiseIntervalS', says: /must be ≥ 0.1/ },
  { name: 'advertisements at the limit for a whole day', text: () => edited((s) => { s.durationS = 86_400; s.nodes[2].settings = { advertiseIntervalS: 0.1 }; }), path: 'nodes[2].settings.advertiseIntervalS', says: /events of work.*a larger advertiseIntervalS/ },
  { name: 'an ordinary scenario run for a virtual day', text: () => edited((s) => { s.durationS = 86_400; }), path: 'durationS', says: /events of work.*a shorter durationS/ },
  { name: 'a registration every half second for a day', text: () => edited((s) => { s.durationS = 86_400; s.nodes[5].settings.requestLifetimeS = 1; }), path: 'nodes[5].settings.requestLifetimeS', says: /a longer requestLifetimeS/ },
  { name: 'an injected delay of 1e300 ms', text: () => edited((s) => { s.faults = [{ kind: 'delay-next', link: 'cell1', message: 'registration-reply', byMs: 1e300 }]; }), path: 'faults[0].byMs', says: /must be ≤ 60000/ },
  { name: 'a position of 1e308', text: () => edited((s) => { s.nodes[0].position.x = 1e308; }), path: 'nodes[0].position.x', says: /must be ≤ 10000/ },
  { name: 'a radio cell larger than any canvas', text: () => edited((s) => { s.links[0].radius = 1e9; }), path: 'links[0].radius', says: /must be ≤ 10000/ },
  { name: 'an epoch past the NTP era', text: () => edited((s) => { s.epochMs = 1e300; }), path: 'epochMs', says: /must be ≤ 2085978495000/ },
  { name: 'a megabyte title', text: () => edited((s) => { s.title = 'x'.repeat(1_000_000); }), path: 'title', says: /at most 120 characters \(got 1000000 characters\)/ },
  { name: 'a description longer than a page', text: () => edited((s) => { s.description = 'y'.repeat(4001); }), path: 'description', says: /at most 4000 characters/ },
  { name: 'a label longer than a line', text: () => edited((s) => { s.nodes[0].label = 'z'.repeat(121); }), path: 'nodes[0].label', says: /at most 120 characters/ },
  { name: 'an escape sequence in a node id', text: () => edited((s) => { s.nodes[4].id = 'CN\u001b[2J'; }), path: 'nodes[4].id', says: /contains the control character U\+001B/ },
  { name: 'a C1 control in a flow id', text: () => edited((s) => { s.flows[0].id = 'a\u009bb'; }), path: 'flows[0].id', says: /control character U\+009B/ },
  { name: 'a bidirectional override in a link id', text: () => edited((s) => { s.links[3].id = 'ha\u202er'; }), path: 'links[3].id', says: /control character U\+202E/ },
  { name: 'an id longer than a line', text: () => edited((s) => { s.flows[0].id = 'f'.repeat(65); }), path: 'flows[0].id', says: /at most 64 characters/ },
  { name: 'a number too large to be finite', text: () => edited((s) => { s.durationS = '@'; }).replace('"@"', '1e999'), path: 'durationS', says: /Infinity is not a finite number/ },
  { name: 'a flow to the limited broadcast address', text: () => edited((s) => { s.flows[0].to = '255.255.255.255'; }), path: 'flows[0].to', says: /limited broadcast address; a flow sends to one node/ },
  { name: 'a flow to a link\'s broadcast address', text: () => edited((s) => { s.flows[0].to = '10.1.0.255'; }), path: 'flows[0].to', says: /broadcast address of link "home"/ },
  { name: 'a flow to a multicast group', text: () => edited((s) => { s.flows[0].to = '224.0.0.1'; }), path: 'flows[0].to', says: /a multicast address/ },
  { name: 'a value nested 900,000 deep', text: () => edited((s) => { s.profile = '@'; }).replace('"@"', deep(900_000)), path: 'profile', says: /is not one of "ro98", "rfc3344"/ },
  { name: 'a broken file nested a million deep', text: () => `{"format": ${'['.repeat(1_000_000)}}`, path: '(file) line 1, column 1000012', says: /not valid JSON: expected a value, found "}"/ },
];

function timed<T>(body: () => T): T {
  const started = performance.now();
  const out = body();
  expect(performance.now() - started).toBeLessThan(BOUND_MS);
  return out;
}

describe('a hostile scenario file is refused with the field to change', () => {
  it.each(REFUSED)('$name', ({ text, path, says }) => {
    const result = timed(() => parseScenarioText(text()));
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors.filter((e) => e.startsWith(`${path}: `) && says.test(e)), errors.join('\n').slice(0, 2000)).not.toEqual([]);
    for (const e of errors) {
      expect(e).not.toMatch(/internal error|Maximum call stack|got the number null/);
      expect(e.length).toBeLessThan(500); // a message quotes a value, never a whole megabyte of it
    }
  }, 4 * BOUND_MS);
});

describe('a file at the edges of the limits runs correctly', () => {
  const run = (text: string) => {
    const parsed = parseScenarioText(text);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    return runHeadless(toLoadedScenario(parsed.scenario));
  };

  it('with a byte-order mark in front', () => {
    const r = timed(() => run(`\ufeff${JSON.stringify(base())}`));
    expect(r.metrics.flows[0]).toMatchObject({ sent: 53, delivered: 53 });
  }, 4 * BOUND_MS);

  it('a flow at the fastest rate, a thousand datagrams a second', () => {
    const r = timed(() => run(edited((s) => { s.durationS = 3; s.flows[0] = { ...s.flows[0], startS: 1, intervalMs: 1, untilS: 2 }; })));
    expect(r.metrics.flows[0]).toMatchObject({ sent: 1001, delivered: 1001 });
  }, 4 * BOUND_MS);

  it('every other bound at its extreme: slowest link, longest delay, farthest position, last epoch, rarest advertisement', () => {
    const r = timed(() => run(edited((s) => {
      s.links[5].bandwidthBps = 1000;
      s.links[6].delayMs = 60_000;
      s.links[4].bandwidthBps = 1e12;
      s.nodes[1].position = { x: -10_000, y: 10_000 };
      s.epochMs = 2_085_978_495_000;
      s.nodes[3].settings = { advertiseIntervalS: 1800 };
    })));
    expect(r.until).toBe(30_000_000);
  }, 4 * BOUND_MS);

  it('the shortest run', () => {
    expect(timed(() => run(edited((s) => { s.durationS = 0.001; s.flows = []; }))).until).toBe(1000);
  }, 4 * BOUND_MS);
});

describe('the CLI prints text from a file as data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('escapes control characters in a title and in error messages, and reads a file with a byte-order mark', async () => {
    const evil = file('evil.json', `\ufeff${edited((s) => { s.title = 'Evil \u001b[2J\u009b31m\u202etitle'; })}`);
    const ran = await timed(() => runCli('run', evil));
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^Evil \\u001b\[2J\\u009b31m\\u202etitle/);
    expect(ran.stdout).not.toMatch(/[\u001b\u009b\u202e]/);
    const bad = file('bad.json', edited((s) => { s.nodes[4].id = 'CN\u001b]0;pwned\u0007'; }));
    const refused = await runCli('run', bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/nodes\[4\]\.id: "CN\\u001b\]0;pwned\\u0007" contains the control character U\+001B/);
    expect(refused.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  }, 4 * BOUND_MS);

  it('refuses --until past what a run may do, naming the option', async () => {
    const r = await timed(() => runCli('run', 'explore', '--until', '2000min'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^mip-lab run: --until: 120,000 s is longer than a run may be/);
  }, 4 * BOUND_MS);
});
