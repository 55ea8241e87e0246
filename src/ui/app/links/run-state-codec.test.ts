import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { CommandLogEntry, LabCommand } from '../../../runtime/types';
import { bytesToBase64Url } from './base64url';
import { readRunAddress, runAddressParts } from './run-address';
import { decodeRunState, encodeRunState, type RunState } from './run-state-codec';

const node = fc.constantFrom('MN', 'MN2', 'toString', 'a"b');
// -0 is written as 0 (JSON has no negative zero): the same place.
const coordinate = fc.oneof(fc.integer({ min: -10_000, max: 10_000 }), fc.double({ min: -10_000, max: 10_000, noNaN: true }).map((v) => (v === 0 ? 0 : v)));
const command: fc.Arbitrary<LabCommand> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ type: fc.constant('move' as const), node, position: fc.record({ x: coordinate, y: coordinate }) }) },
  fc.record({ type: fc.constant('configure' as const), node, setting: fc.constant('route-optimization' as const), value: fc.boolean() }),
  fc.record({ type: fc.constant('set-link' as const), link: fc.constantFrom('ha-r', 'cell1'), delay: fc.integer({ min: 1, max: 60_000_000 }) }),
);
/** A log in time order, as the runtime keeps it. */
const log = fc.array(fc.tuple(fc.integer({ min: 0, max: 5_000_000 }), command), { maxLength: 60 }).map((rows) => {
  let at = 0;
  return rows.map(([dt, c]): CommandLogEntry => ({ at: (at += dt), command: c }));
});
const runState: fc.Arbitrary<RunState> = fc.record(
  { commands: log, at: fc.integer({ min: 0, max: 86_400_000_000 }), speed: fc.oneof(fc.constant('unpaced' as const), fc.constantFrom(0.001, 0.25, 1, 64)), playing: fc.boolean() },
  { requiredKeys: ['commands'] },
);

/** What decoding gives back, as a RunState (every entry must read). */
function decoded(text: string): RunState {
  const result = decodeRunState(text);
  if (!result.ok) throw new Error(result.problem);
  expect(result.state.unreadable).toEqual([]);
  expect(result.state.problems).toEqual([]);
  const { entries, at, speed, playing } = result.state;
  return { commands: entries.map((e) => ({ at: e.at, command: e.command as LabCommand })), ...(at === undefined ? {} : { at }), ...(speed === undefined ? {} : { speed }), ...(playing === true ? { playing } : {}) };
}

/** A learner dragging the mobile node for `seconds` at speed 1: one move per ~220 ms of wall time, at whatever µs the frame fell on. */
function dragLog(seconds: number, seed: number): CommandLogEntry[] {
  const entries: CommandLogEntry[] = [];
  let rand = seed;
  const next = (): number => (rand = (rand * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  for (let t = 3_000_000, k = 0; t < 3_000_000 + seconds * 1_000_000; k++) {
    t += 220_000 + Math.floor(next() * 17_000); // a frame's worth of jitter
    const phase = (k % 40) / 40; // there and back between the cells every ~9 s
    const x = Math.round(540 + 240 * (phase < 0.5 ? phase * 2 : 2 - phase * 2) + next() * 6);
    const y = Math.round(450 + 30 * Math.sin(k / 5) + next() * 4);
    entries.push({ at: t, command: { type: 'move', node: 'MN', position: { x, y } } });
  }
  return entries;
}

describe('the run in a link (compact, deflated, base64url)', () => {
  it('round-trips any command log, time, speed and playing flag', () => {
    fc.assert(fc.property(runState, (state) => {
      const text = encodeRunState(state);
      expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decoded(text)).toEqual({ ...state, ...(state.playing === false ? { playing: undefined } : {}) });
    }), { numRuns: 150 });
  });

  it('every truncation of a link is refused with a problem, never a throw', () => {
    const text = encodeRunState({ commands: dragLog(3, 7), at: 5_000_000, speed: 1 });
    expect(text.length).toBeGreaterThan(40);
    for (let n = 0; n < text.length; n++) {
      const result = decodeRunState(text.slice(0, n));
      expect(result.ok, `cut to ${n} characters`).toBe(false);
      if (!result.ok) expect(result.problem).toMatch(/^(it is not base64url|it does not inflate|what it inflates to is not JSON)/);
    }
    expect(decodeRunState(text).ok).toBe(true);
  });

  it('names what is wrong with a damaged link', () => {
    expect(decodeRunState('abc$def')).toEqual({ ok: false, problem: 'it is not base64url: character 4 ("$") is not base64url' });
    expect(decodeRunState(bytesToBase64Url(new Uint8Array([1, 2, 3, 4])))).toMatchObject({ ok: false, problem: expect.stringMatching(/^it does not inflate/) });
    const deflated = (json: string): string => bytesToBase64Url(deflateSync(new TextEncoder().encode(json)));
    expect(decodeRunState(deflated('{"v":1,'))).toMatchObject({ ok: false, problem: expect.stringMatching(/^what it inflates to is not JSON text/) });
    expect(decodeRunState(deflated('{"v":2,"n":[],"c":[]}'))).toEqual({ ok: false, problem: 'it is version 2 of the format; this lab reads version 1' });
  });

  it('an entry that does not read is left out and named; the others are kept, their times intact', () => {
    const json = '{"v":1,"n":["MN"],"c":[[1000,0,600,450,1],[2000,7,1,1],[3000,0,5,0],[-1,{"type":"configure"}],[4000,"x"]]}';
    const result = decodeRunState(bytesToBase64Url(deflateSync(new TextEncoder().encode(json))));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.state.entries).toEqual([
      { index: 1, at: 1000, command: { type: 'move', node: 'MN', position: { x: 600, y: 450 } } },
      { index: 3, at: 6000, command: { type: 'move', node: 'MN', position: { x: 605, y: 450 } } },
    ]);
    expect(result.state.unreadable).toEqual([
      { index: 2, at: 3000, reason: 'its node number 7 is not in the link\'s node table' },
      { index: 4, reason: 'its time step -1 is not a whole number of µs ≥ 0' },
      { index: 5, at: 10_000, reason: 'it has no command object' },
    ]);
  });

  it('twenty seconds of dragging make a link under 2,000 characters, whole address included', () => {
    const commands = dragLog(20, 1);
    expect(commands.length).toBeGreaterThanOrEqual(85); // ≈ 4.4 moves a second
    const { search, hash } = runAddressParts('explore', 7, 'workers', { commands, at: 24_000_000, speed: 1 });
    const link = `https://example.edu/courses/networking/lab/${search}${hash}`;
    expect(link.length).toBeLessThan(2_000);
    expect(decoded(hash.slice('#run='.length)).commands).toEqual(commands);
  });

  it('a ten-minute session with a minute and a half of dragging stays well under what a server takes in a query', () => {
    const commands = dragLog(90, 3).map((e) => ({ ...e, at: e.at * 6 }));
    const { hash } = runAddressParts('explore', 7, undefined, { commands, at: 600_000_000, speed: 1 });
    expect(hash.length).toBeLessThan(8_000);
  });
});

describe('old links', () => {
  const b64 = (json: string): string => Buffer.from(json, 'utf8').toString('base64url');

  it('still open: ?commands=<base64url JSON>, entry by entry', () => {
    const json = JSON.stringify([{ at: 1_500_000, command: { type: 'move', node: 'MN', position: { x: 660, y: 450 } } }, { at: 'soon', command: {} }, { at: 2_000_000, command: { type: 'configure', node: 'HA', setting: 'route-optimization', value: false } }]);
    const address = readRunAddress(`?scenario=smooth-handoff&seed=7&commands=${b64(json)}`, '');
    expect(address.link).toEqual({ scenario: 'smooth-handoff', seed: 7 });
    expect(address.problems).toEqual([]);
    expect(address.run?.entries.map((e) => [e.index, e.at])).toEqual([[1, 1_500_000], [3, 2_000_000]]);
    expect(address.run?.unreadable).toEqual([{ index: 2, reason: 'its time "soon" is not a whole number of µs ≥ 0' }]);
  });

  it('a damaged one opens without its log and says so', () => {
    expect(readRunAddress('?scenario=explore&commands=%%%', '').problems).toEqual(['the command log in the link is damaged (character 1 ("%") is not base64url); the run starts without it']);
    expect(readRunAddress('?scenario=explore', '#run=AAAA').problems).toEqual([expect.stringMatching(/^the run in the link is damaged — it does not inflate/)]);
  });

  it('a page route in the fragment is not a run', () => {
    expect(readRunAddress('?scenario=explore', '#/decoder')).toEqual({ link: { scenario: 'explore' }, problems: [] });
  });
});
