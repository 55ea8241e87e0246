import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ntpTimestamp, type Identification } from '../../crypto/identification';
import { createRandom, type RandomSource } from '../../random';
import {
  EMPTY_BU_RECEIVER_REPLAY, EMPTY_BU_SENDER_REPLAY, checkBindingUpdateIdentification, forgetBindingRequest, nextBindingUpdateIdentification,
  recordBindingRequest, type BuReceiverReplayTable, type BuSenderReplayTable,
} from './binding-update-replay';
import { SECOND, expectSurvivesCloneAndJson, expectSurvivesPlainJson, expectUnchangedBy } from './test-support/table-laws';

const HA = '10.1.0.1';
const CN = '198.51.100.5';
const MN = '10.1.0.10';
const EPOCH = 1_700_000_000_000;
type Style = 'timestamp' | 'nonce';

/** The home agent's side: the Identification of its next BU to the CN. */
function haSends(t: BuSenderReplayTable, style: Style, now: number, random: RandomSource, answering: Identification | null = null, epoch = EPOCH) {
  return nextBindingUpdateIdentification(t, { peer: CN, style, answering, epochUnixMs: epoch }, now, random);
}
/** The correspondent's side: step 4 of Perkins & Johnson §3.3; optim-08 §4.3. */
function cnChecks(t: BuReceiverReplayTable, style: Style, identification: Identification | null, now: number, homeAddress = MN) {
  return checkBindingUpdateIdentification(t, { peer: HA, homeAddress, style, identification, epochUnixMs: EPOCH }, now);
}
function cnAsks(t: BuReceiverReplayTable, style: Style, now: number, random: RandomSource, homeAddress = MN) {
  return recordBindingRequest(t, { peer: HA, homeAddress, style, epochUnixMs: EPOCH }, now, random);
}

describe('Binding Update replay protection with timestamps (Perkins & Johnson §3.3; optim-08 §4.3; OC-28, OC-29)', () => {
  it('accepts strictly increasing timestamps from the home agent and rejects a replay with Status 133', () => {
    const r = createRandom(1);
    const bu1 = haSends(EMPTY_BU_SENDER_REPLAY, 'timestamp', 5 * SECOND, r);
    const bu2 = haSends(bu1.table, 'timestamp', 5 * SECOND, r); // same microsecond: still strictly greater
    expect(bu2.identification).not.toEqual(bu1.identification);

    const c1 = cnChecks(EMPTY_BU_RECEIVER_REPLAY, 'timestamp', bu1.identification, 5 * SECOND + 30_000);
    expect(c1).toMatchObject({ accepted: true, via: 'timestamp' });
    const c2 = cnChecks(c1.table, 'timestamp', bu2.identification, 5 * SECOND + 30_000);
    expect(c2.accepted).toBe(true);
    const replayed = expectUnchangedBy(c2.table, (t) => cnChecks(t, 'timestamp', bu1.identification, 6 * SECOND));
    expect(replayed).toMatchObject({ accepted: false, status: 133, resynchronise: false, changes: [] });
    expect(replayed.table).toBe(c2.table);
    expect(replayed.reason).toMatch(/^Status 133: timestamp .* is not newer/);
  });

  it('an answer copies the Binding Request\'s timestamp, which is accepted as the answer, and the home agent\'s next timestamps are newer still (optim-08 §4.3; OC-47)', () => {
    const haRandom = createRandom(2);
    const cnRandom = createRandom(3);
    const unsolicited = haSends(EMPTY_BU_SENDER_REPLAY, 'timestamp', 20 * SECOND, haRandom);
    const c1 = cnChecks(EMPTY_BU_RECEIVER_REPLAY, 'timestamp', unsolicited.identification, 20 * SECOND + 30_000);
    expect(c1.accepted).toBe(true);

    const br = cnAsks(c1.table, 'timestamp', 21 * SECOND, cnRandom);
    expect(br.changes[0]).toMatchObject({ kind: 'updated', key: HA, ref: 'optim-08 §4.3; lab choice' });
    const answer = haSends(unsolicited.table, 'timestamp', 21 * SECOND + 30_000, haRandom, br.identification);
    expect(answer.identification).toEqual(br.identification); // copied …
    expect(answer.answer).toMatchObject({ copied: true });
    expect(answer.table.contexts[CN]?.lastTimestamp).toEqual(br.identification); // … and it is the last one the HA sent
    const accepted = cnChecks(br.table, 'timestamp', answer.identification, 21 * SECOND + 60_000);
    expect(accepted).toMatchObject({ accepted: true, via: 'binding-request' });
    expect(accepted.table.contexts[HA]?.outstandingRequests).toEqual({});
    // The same answer replayed is now an ordinary, not-newer timestamp; the HA's next one is newer.
    expect(cnChecks(accepted.table, 'timestamp', answer.identification, 22 * SECOND).accepted).toBe(false);
    const next = haSends(answer.table, 'timestamp', 21 * SECOND + 30_000, haRandom);
    expect(cnChecks(accepted.table, 'timestamp', next.identification, 21 * SECOND + 90_000).accepted).toBe(true);
  });

  it('a Binding Request timestamp ahead of the home agent\'s clock, behind its window or not after its last is not copied: the answer carries its own (OC-47)', () => {
    const random = createRandom(4);
    const now = 30 * SECOND;
    const clock = (offsetMs: number) => ntpTimestamp(EPOCH + offsetMs, now, random);
    const sent = haSends(EMPTY_BU_SENDER_REPLAY, 'timestamp', now - 2 * SECOND, random);
    const cases: readonly [string, Identification, RegExp][] = [
      ['4.9 s ahead, inside the ±5 s window', clock(4_900), /4\.900 s ahead of this home agent's clock/],
      ['in the next microsecond', ntpTimestamp(EPOCH, now + 1, random), /0\.000 s ahead of this home agent's clock/],
      ['6 s behind, outside the window', clock(-6_000), /6\.000 s behind this home agent's clock, outside the ±5 s window/],
      ['older than the last one sent', clock(-3_000), /not newer than the last timestamp this agent sent/],
    ];
    expect(cases).toHaveLength(4);
    for (const [what, requested, why] of cases) {
      const answer = haSends(sent.table, 'timestamp', now, random, requested);
      expect(answer.answer, what).toMatchObject({ copied: false });
      expect(answer.answer!.explanation, what).toMatch(why);
      expect(answer.identification, what).not.toEqual(requested);
      // Its own: a fresh timestamp the correspondent accepts whatever the request said.
      expect(cnChecks(EMPTY_BU_RECEIVER_REPLAY, 'timestamp', answer.identification, now + 40_000).accepted, what).toBe(true);
    }
    // Within the window behind the clock and after the last sent: copied.
    expect(haSends(sent.table, 'timestamp', now, random, clock(-1_000)).answer).toMatchObject({ copied: true });
  });

  it('a BU without Identification (I = 0) cannot be checked and is refused', () => {
    const r = cnChecks(EMPTY_BU_RECEIVER_REPLAY, 'timestamp', null, 0);
    expect(r).toMatchObject({ accepted: false, status: 133 });
    expect(r.reason).toContain('I = 0');
  });
});

describe('Binding Update replay protection with nonces (optim-08 §4.3; OC-44)', () => {
  it('first contact fails, a Binding Request synchronises, then unsolicited BUs follow; a replay asks for a resync', () => {
    const haRandom = createRandom(4);
    const cnRandom = createRandom(5);
    let ha = EMPTY_BU_SENDER_REPLAY;
    let cn = EMPTY_BU_RECEIVER_REPLAY;

    const bu1 = haSends(ha, 'nonce', 0, haRandom);
    ha = bu1.table;
    const first = cnChecks(cn, 'nonce', bu1.identification, 0);
    expect(first).toMatchObject({ accepted: false, status: 133, resynchronise: true });
    expect(first.reason).toContain('first contact');
    expect(first.reason.match(/a Binding Request will (re)?synchronise/g)).toHaveLength(1); // said once, not twice

    const br = cnAsks(cn, 'nonce', SECOND, cnRandom);
    expect(br.identification.high).toBe(0);
    cn = br.table;
    const answer = haSends(ha, 'nonce', SECOND, haRandom, br.identification);
    expect(answer.identification.low).toBe(br.identification.low);
    ha = answer.table;
    const synced = cnChecks(cn, 'nonce', answer.identification, SECOND);
    expect(synced).toMatchObject({ accepted: true, via: 'binding-request' });
    cn = synced.table;
    expect(cn.contexts[HA]?.nonce).toEqual({ expected: answer.identification.high, challenge: null });

    const bu2 = haSends(ha, 'nonce', 2 * SECOND, haRandom);
    const ok = cnChecks(cn, 'nonce', bu2.identification, 2 * SECOND);
    expect(ok).toMatchObject({ accepted: true, via: 'nonce' });
    const replayed = cnChecks(ok.table, 'nonce', bu2.identification, 3 * SECOND);
    expect(replayed).toMatchObject({ accepted: false, status: 133, resynchronise: true });
    expect(replayed.reason).toContain('a Binding Request will resynchronise');
  });

  it('answers to outstanding Binding Requests about two mobile nodes are both recognised', () => {
    const haRandom = createRandom(6);
    const cnRandom = createRandom(7);
    const br1 = cnAsks(EMPTY_BU_RECEIVER_REPLAY, 'nonce', 0, cnRandom, '10.1.0.10');
    const br2 = cnAsks(br1.table, 'nonce', 0, cnRandom, '10.1.0.11');
    const a1 = haSends(EMPTY_BU_SENDER_REPLAY, 'nonce', 0, haRandom, br1.identification);
    const a2 = haSends(a1.table, 'nonce', 0, haRandom, br2.identification);
    const c1 = cnChecks(br2.table, 'nonce', a1.identification, 0, '10.1.0.10');
    expect(c1).toMatchObject({ accepted: true, via: 'binding-request' });
    const c2 = cnChecks(c1.table, 'nonce', a2.identification, 0, '10.1.0.11');
    expect(c2).toMatchObject({ accepted: true, via: 'binding-request' });
    // In step again: the next unsolicited BU carries the nonce the last answer announced.
    const next = haSends(a2.table, 'nonce', SECOND, haRandom);
    expect(cnChecks(c2.table, 'nonce', next.identification, SECOND).accepted).toBe(true);
  });

  it('forgets an outstanding Binding Request on demand', () => {
    const br = cnAsks(EMPTY_BU_RECEIVER_REPLAY, 'timestamp', 0, createRandom(8));
    const f = forgetBindingRequest(br.table, HA, MN);
    expect(f.changes).toEqual([expect.objectContaining({ kind: 'updated', ref: 'lab choice, Perkins & Johnson §3.2' })]);
    expect(f.table.contexts[HA]?.outstandingRequests).toEqual({});
    expect(forgetBindingRequest(f.table, HA, MN).changes).toEqual([]);
  });
});

describe('Binding Update replay: laws', () => {
  it('with in-order, lossless delivery every BU is accepted; state is plain and never mutated', () => {
    const anyStep = fc.record({ kind: fc.constantFrom('unsolicited', 'request'), gap: fc.integer({ min: 1, max: 3 * SECOND }), home: fc.constantFrom('10.1.0.10', '10.1.0.11') });
    fc.assert(fc.property(fc.constantFrom<Style>('timestamp', 'nonce'), fc.integer(), fc.array(anyStep, { maxLength: 25 }), (style, seed, steps) => {
      const haRandom = createRandom(seed);
      const cnRandom = createRandom(seed + 1);
      let ha = EMPTY_BU_SENDER_REPLAY;
      let cn = EMPTY_BU_RECEIVER_REPLAY;
      let now = 0;
      // Nonce style starts with a Binding Request: the receiver has no state before it (OC-44).
      const all = style === 'nonce' ? [{ kind: 'request', gap: 0, home: MN }, ...steps] : steps;
      for (const step of all) {
        now += step.gap;
        let answering: Identification | null = null;
        if (step.kind === 'request') {
          const br = expectUnchangedBy(cn, (t) => cnAsks(t, style, now, cnRandom, step.home));
          cn = br.table;
          answering = br.identification;
        }
        const sent = expectUnchangedBy(ha, (t) => haSends(t, style, now, haRandom, answering));
        ha = sent.table;
        const checked = expectUnchangedBy(cn, (t) => cnChecks(t, style, sent.identification, now, step.home));
        expect(checked.accepted, checked.reason).toBe(true);
        cn = checked.table;
        for (const t of [ha, cn]) {
          expectSurvivesCloneAndJson(t);
          expectSurvivesPlainJson(t);
        }
      }
    }));
  });
});
