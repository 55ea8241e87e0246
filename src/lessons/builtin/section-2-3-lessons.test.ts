// What the §2 and §3 lessons tell the learner, beyond what their checks can
// say: each claim a narrative, a prediction or an explanation makes about
// the run is read back from the solved run's trace — the bytes that crossed
// the wire — so a lesson cannot go on saying something the lab no longer
// does. (builtin-lessons.test.ts already runs every lesson solved and idle
// and holds every prediction to its check.)

import { beforeAll, describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/node/contract';
import type { CommandLogEntry } from '../../runtime/types';
import { followFlow, receivedMessages, sentMessages, tableChanges } from '../../scenarios/builtin/lesson-reading';
import { runLesson } from '../headless/run-lesson';
import { replayInBatches } from '../test-support/fixtures';
import { loadBuiltinLesson } from './index';

const S = 1_000_000;
const MN = '10.1.0.10';
const MN2 = '10.1.0.11';

interface Solved {
  readonly trace: readonly TraceEvent[];
  /** The learner commands the run sent, in order (their `at` is when each took effect). */
  readonly log: readonly CommandLogEntry[];
}

/** The lesson run with its reference actions, and its whole trace replayed from the command log. */
async function solved(id: string): Promise<Solved> {
  const loaded = loadBuiltinLesson(id);
  const run = await runLesson(loaded, { mode: 'solve' });
  expect(run.allPassed).toBe(true);
  const batches = await replayInBatches(loaded, run.commandLog, run.endedAt, S);
  return { trace: batches.flatMap((b) => b.events), log: run.commandLog };
}

const oneWayMs = (d: { sentAt: number; arrivedAt: number | null }) => (d.arrivedAt! - d.sentAt) / 1000;
const commandAt = (s: Solved, k: number) => s.log[k]!.at;

describe('triangle-cost: the milliseconds are the link delays of its network, added up', () => {
  let s: Solved;
  beforeAll(async () => { s = await solved('triangle-cost'); });

  it('every datagram through the home agent takes 1 + 40 + 40 + 2 + 1 = 84 ms until the long-haul link is slowed, then 1 + 100 + 100 + 2 + 1 = 204 ms; the direct route 1 + 2 + 1 = 4 ms', () => {
    const slowed = commandAt(s, 0);
    const toMn = followFlow(s.trace, 'cn-to-mn').filter((d) => d.arrivedAt !== null);
    const before = toMn.filter((d) => d.arrivedAt! < slowed);
    const after = toMn.filter((d) => d.sentAt > slowed && d.path.includes('HA'));
    const direct = toMn.filter((d) => !d.path.includes('HA'));
    expect([before.length, after.length, direct.length].every((n) => n >= 1)).toBe(true);
    expect(before.map(oneWayMs)).toEqual(before.map(() => 84));
    expect(after.map(oneWayMs)).toEqual(after.map(() => 204));
    expect(direct.map(oneWayMs)).toEqual(direct.map(() => 4));
  });

  it('the mobile node\'s own datagrams take 4 ms throughout, never passing the home agent', () => {
    // followFlow's arrivedAt is an arrival at a mobile node; these arrive at the correspondent: read its reception.
    const back = followFlow(s.trace, 'mn-to-cn', MN).filter((d) => d.legs.some((leg) => leg.node === 'CN' && leg.kind === 'received'));
    expect(back.length).toBeGreaterThanOrEqual(4);
    for (const d of back) {
      const arrival = d.legs.find((leg) => leg.node === 'CN' && leg.kind === 'received')!;
      expect((arrival.time - d.sentAt) / 1000).toBe(4);
      expect(d.path).toEqual(['FA1', 'R', 'CN']);
    }
  });
});

describe('cache-eviction', () => {
  let s: Solved;
  beforeAll(async () => { s = await solved('cache-eviction'); });

  it('MN1\'s and MN2\'s entries were both last used at 12 s, and MN1\'s — the older — is the one MN3\'s binding replaces', () => {
    const first = tableChanges(s.trace, 'CN', 'binding cache').find((e) => e.summary.includes('evicted'))!;
    expect(first.summary).toBe(`binding cache: evicted ${MN}`);
    const lastUse = (flow: string) => Math.max(...followFlow(s.trace, flow).filter((d) => d.sentAt < first.time).map((d) => d.sentAt));
    expect([lastUse('to-mn1'), lastUse('to-mn2')]).toEqual([12 * S, 12 * S]);
  });

  it('once MN3 is home nothing is evicted any more, and the home agent had told the correspondent to delete MN3\'s binding', () => {
    const home = commandAt(s, 0);
    const changes = tableChanges(s.trace, 'CN', 'binding cache').filter((e) => e.time > home);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.filter((e) => e.summary.includes('evicted'))).toEqual([]);
    const deletes = sentMessages(s.trace, 'binding-update', 'HA').filter((m) => m.time > home && m.message.homeAddress === '10.1.0.12');
    expect(deletes.map((m) => [m.message.careOfAddress, m.message.lifetime])).toEqual([['10.1.0.12', 0]]);
  });
});

describe('binding-warning-and-legacy', () => {
  let s: Solved;
  beforeAll(async () => { s = await solved('binding-warning-and-legacy'); });

  it('the legacy correspondent keeps no binding until it is upgraded, although it received every update', () => {
    const upgraded = commandAt(s, 0);
    expect(receivedMessages(s.trace, 'binding-update', 'CN').filter((m) => m.time < upgraded)).toHaveLength(5);
    const added = tableChanges(s.trace, 'CN', 'binding cache').find((e) => e.summary.includes('added'))!;
    expect(added.time).toBeGreaterThan(upgraded);
  });

  it('FA1 warns the home agent about the stale correspondent at gaps of 1 and 2 s while it forwards stale datagrams, two a second', () => {
    const moved = commandAt(s, 2);
    const warnings = sentMessages(s.trace, 'binding-warning', 'FA1').filter((m) => m.time > moved && m.time < moved + 8 * S);
    expect(warnings.map((m) => m.message.targets)).toEqual(warnings.map(() => ['198.51.100.5']));
    const gaps = warnings.slice(1).map((m, k) => Math.round((m.time - warnings[k]!.time) / S));
    expect(gaps).toEqual([1, 2]);
    const stale = followFlow(s.trace, 'cn-to-mn').filter((d) => d.sentAt > moved && d.sentAt < moved + 8 * S && d.path.includes('FA1') && d.path.includes('FA2'));
    expect(stale.length).toBeGreaterThanOrEqual(8);
  });
});

describe('binding-lifetimes', () => {
  let s: Solved;
  beforeAll(async () => { s = await solved('binding-lifetimes'); });

  it('the first Binding Update gives 28 s: what is left of the 30 s registration', () => {
    const first = receivedMessages(s.trace, 'binding-update', 'CN')[0]!;
    expect(first.message.lifetime).toBe(28);
  });

  it('the answer to the Binding Request copies its Identification and grants only what is left of the registration', () => {
    const br = sentMessages(s.trace, 'binding-request', 'CN')[0]!;
    const answer = receivedMessages(s.trace, 'binding-update', 'CN').find((m) => m.time > br.time)!;
    expect(answer.message.identification).toEqual(br.message.identification);
    expect(answer.message.lifetime).toBeLessThanOrEqual(10);
  });

  it('while the home agent is cut off, the one Binding Request is lost, and the home agent hears nothing from the correspondent', () => {
    const [cut, restored] = [commandAt(s, 0), commandAt(s, 1)];
    const asked = sentMessages(s.trace, 'binding-request', 'CN').filter((m) => m.time > cut && m.time < restored);
    expect(asked).toHaveLength(1);
    expect(receivedMessages(s.trace, 'binding-request', 'HA').filter((m) => m.time > cut && m.time < restored)).toEqual([]);
  });
});

describe('private-bindings', () => {
  let s: Solved;
  beforeAll(async () => { s = await solved('private-bindings'); });

  it('every Binding Update about the private MN is a delete — care-of address = home address, Lifetime 0 — and the correspondent never adds it', () => {
    const aboutMn = receivedMessages(s.trace, 'binding-update', 'CN').filter((m) => m.message.homeAddress === MN);
    expect(aboutMn.length).toBeGreaterThanOrEqual(4);
    expect(aboutMn.map((m) => [m.message.careOfAddress, m.message.lifetime])).toEqual(aboutMn.map(() => [MN, 0]));
    expect(tableChanges(s.trace, 'CN', 'binding cache').filter((e) => e.summary === `binding cache: added ${MN}`)).toEqual([]);
  });

  it('MN2\'s updates carry its real care-of addresses, FA1\'s then FA2\'s', () => {
    const aboutMn2 = receivedMessages(s.trace, 'binding-update', 'CN').filter((m) => m.message.homeAddress === MN2);
    expect(aboutMn2.map((m) => m.message.careOfAddress)).toEqual(['192.168.2.1', '192.168.3.1']);
  });
});

describe('timestamps-and-nonces', () => {
  let s: Solved;
  beforeAll(async () => { s = await solved('timestamps-and-nonces'); });

  it('the answer to the correspondent\'s first-contact request repeats its challenge in the low half', () => {
    const br = sentMessages(s.trace, 'binding-request', 'CN')[0]!;
    const answer = sentMessages(s.trace, 'binding-update', 'HA').find((m) => m.time > br.time)!;
    expect(answer.message.identification!.low).toBe(br.message.identification.low);
  });

  it('the answer to Mallory\'s spoofed request copies her challenge and announces the nonce the next genuine update then carries', () => {
    const spoofed = sentMessages(s.trace, 'binding-request', 'Mallory')[0]!;
    const answer = sentMessages(s.trace, 'binding-update', 'HA').find((m) => m.time > spoofed.time)!;
    expect(answer.message.identification!.low).toBe(spoofed.message.identification.low);
    const next = sentMessages(s.trace, 'binding-update', 'HA').find((m) => m.time > answer.time)!;
    expect(next.message.identification!.low).toBe(answer.message.identification!.high);
  });
});

describe('smooth-handoff-replay', () => {
  let s: Solved;
  beforeAll(async () => { s = await solved('smooth-handoff-replay'); });

  it('FA2 builds its smooth-handoff update with no Identification, FA3 with that of MN2\'s Registration Request', () => {
    const fromFa2 = sentMessages(s.trace, 'binding-update', 'FA2').find((m) => m.message.homeAddress === MN)!;
    expect(fromFa2.message.identification).toBeNull();
    const fromFa3 = sentMessages(s.trace, 'binding-update', 'FA3').find((m) => m.message.homeAddress === MN2)!;
    const request = sentMessages(s.trace, 'registration-request', 'MN2').filter((m) => m.time < fromFa3.time).at(-1)!;
    expect(fromFa3.message.identification).toEqual(request.message.identification);
  });

  it('each of Mallory\'s replays is byte for byte the update she overheard first', () => {
    const replays = sentMessages(s.trace, 'binding-update', 'Mallory');
    expect(replays).toHaveLength(2);
    const originals = [sentMessages(s.trace, 'binding-update', 'FA2')[0]!, sentMessages(s.trace, 'binding-update', 'FA3')[0]!];
    expect(replays.map((m) => m.payload)).toEqual(originals.map((m) => m.payload));
  });
});
