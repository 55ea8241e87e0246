import { describe, expect, it } from 'vitest';
import { ntpNow } from '../../crypto/identification';
import { createRandom } from '../../random';
import {
  EMPTY_REGISTRATION_REPLAY, IDENTIFICATION_MISMATCH, checkRegistrationIdentification, newRegistrationSender,
  nextRegistrationIdentification, onRegistrationReply, type RegistrationReplayArgs,
} from './replay';
import { SECOND, expectSurvivesCloneAndJson, expectSurvivesPlainJson, expectUnchangedBy } from './test-support/table-laws';

const MN = '10.1.0.10';
const EPOCH = 1_700_000_000_000; // the scenario's wall-clock epoch, Unix ms
const args = (identification: RegistrationReplayArgs['identification'], style: 'timestamp' | 'nonce' = 'timestamp'): RegistrationReplayArgs =>
  ({ mobileNode: MN, style, identification, epochUnixMs: EPOCH });

describe('registration replay protection with timestamps (RFC 2002 §5.6.1; OC-29)', () => {
  it('accepts a fresh timestamp, rejects its replay with Code 133 and the home agent\'s time', () => {
    const mnRandom = createRandom(1);
    const haRandom = createRandom(2);
    const mn = nextRegistrationIdentification(newRegistrationSender('timestamp'), EPOCH, 10 * SECOND, mnRandom);
    const ok = checkRegistrationIdentification(EMPTY_REGISTRATION_REPLAY, args(mn.identification), 10 * SECOND + 20_000, haRandom);
    expect(ok.accepted).toBe(true);
    expect(ok.replyIdentification).toEqual(mn.identification); // all 64 bits echoed
    expect(ok.changes).toEqual([expect.objectContaining({ kind: 'added', key: MN, after: { lastAccepted: mn.identification, issuedNonce: null } })]);
    expectSurvivesCloneAndJson(ok.table);
    expectSurvivesPlainJson(ok.table);

    const replay = expectUnchangedBy(ok.table, (t) => checkRegistrationIdentification(t, args(mn.identification), 12 * SECOND, haRandom));
    expect(replay).toMatchObject({ accepted: false, code: IDENTIFICATION_MISMATCH, changes: [] });
    expect(replay.table).toBe(ok.table);
    expect(replay.reason).toMatch(/^Code 133: timestamp .* is not newer than the last accepted/);
    expect(replay.replyIdentification).toEqual({ high: ntpNow(EPOCH, 12 * SECOND).high, low: mn.identification.low });
  });

  it('rejects a timestamp more than 5 s off, and the mobile node resynchronises its clock from the Reply', () => {
    const mnRandom = createRandom(3);
    const haRandom = createRandom(4);
    let mn = newRegistrationSender('timestamp');
    let ha = EMPTY_REGISTRATION_REPLAY;

    // Registered fine at t = 1 s.
    const first = nextRegistrationIdentification(mn, EPOCH, 1 * SECOND, mnRandom);
    const ok = checkRegistrationIdentification(ha, args(first.identification), 1 * SECOND, haRandom);
    ha = ok.table;
    mn = onRegistrationReply(first.state, { identification: ok.replyIdentification, code: 0 }).state;

    // The mobile node's clock then runs 60 s ahead (its epoch moved): the next Request is outside the window.
    const ahead = nextRegistrationIdentification(mn, EPOCH + 60_000, 100 * SECOND, mnRandom);
    const rejected = checkRegistrationIdentification(ha, args(ahead.identification), 100 * SECOND, haRandom);
    expect(rejected).toMatchObject({ accepted: false, code: 133 });
    expect(rejected.reason).toContain('ahead of');
    expect(rejected.reason).toContain('±5 s (lab choice, RFC 2002 §5.6.1)');

    const resync = onRegistrationReply(ahead.state, { identification: rejected.replyIdentification, code: 133 });
    expect(resync).toMatchObject({ matches: true, state: { clockOffsetMs: -60_000 } });
    const retry = nextRegistrationIdentification(resync.state, EPOCH + 60_000, 101 * SECOND, mnRandom);
    expect(retry.identification.high).toBeLessThan(ahead.identification.high); // not held above the rejected value
    expect(checkRegistrationIdentification(ha, args(retry.identification), 101 * SECOND, haRandom).accepted).toBe(true);
  });

  it('accepts up to 5 s of skew either way', () => {
    const r = createRandom(5);
    const at = (skewMs: number) => ntpNow(EPOCH + skewMs, 50 * SECOND);
    expect(checkRegistrationIdentification(EMPTY_REGISTRATION_REPLAY, args(at(4_999)), 50 * SECOND, r).accepted).toBe(true);
    expect(checkRegistrationIdentification(EMPTY_REGISTRATION_REPLAY, args(at(-4_999)), 50 * SECOND, r).accepted).toBe(true);
    expect(checkRegistrationIdentification(EMPTY_REGISTRATION_REPLAY, args(at(6_000)), 50 * SECOND, r).accepted).toBe(false);
  });
});

describe('registration replay protection with nonces (RFC 2002 §5.6.2)', () => {
  it('first contact is refused with a fresh nonce; the next Request echoes it and is accepted; a replay is refused', () => {
    const mnRandom = createRandom(6);
    const haRandom = createRandom(7);
    let mn = newRegistrationSender('nonce');
    let ha = EMPTY_REGISTRATION_REPLAY;

    const first = nextRegistrationIdentification(mn, EPOCH, 0, mnRandom);
    const refused = checkRegistrationIdentification(ha, args(first.identification, 'nonce'), 0, haRandom);
    expect(refused).toMatchObject({ accepted: false, code: 133 });
    expect(refused.reason).toContain('no nonce issued yet (first contact)');
    expect(refused.replyIdentification.low).toBe(first.identification.low);
    expect(refused.changes[0]).toMatchObject({ kind: 'added', after: { issuedNonce: refused.replyIdentification.high } });
    ha = refused.table;
    mn = onRegistrationReply(first.state, { identification: refused.replyIdentification, code: 133 }).state;
    expect(mn.homeAgentNonce).toBe(refused.replyIdentification.high);

    const second = nextRegistrationIdentification(mn, EPOCH, SECOND, mnRandom);
    expect(second.identification.high).toBe(refused.replyIdentification.high);
    const accepted = checkRegistrationIdentification(ha, args(second.identification, 'nonce'), SECOND, haRandom);
    expect(accepted.accepted).toBe(true);
    expect(accepted.replyIdentification.high).not.toBe(second.identification.high); // a new nonce for next time
    ha = accepted.table;

    const replay = checkRegistrationIdentification(ha, args(second.identification, 'nonce'), 2 * SECOND, haRandom);
    expect(replay).toMatchObject({ accepted: false, code: 133 });
    expect(replay.reason).toMatch(/are not the home agent's nonce \(expected 0x[0-9a-f]{8}\)/);
  });
});

describe('the mobile node matches Replies on the low 32 bits (RFC 2002 §3.6.2)', () => {
  it('ignores a Reply that answers no Request of its own', () => {
    const sent = nextRegistrationIdentification(newRegistrationSender('nonce'), EPOCH, 0, createRandom(8));
    const stray = onRegistrationReply(sent.state, { identification: { high: 1, low: (sent.identification.low + 1) >>> 0 }, code: 0 });
    expect(stray).toMatchObject({ matches: false, state: sent.state });
    expect(onRegistrationReply(newRegistrationSender('timestamp'), { identification: { high: 1, low: 2 }, code: 0 }).matches).toBe(false);
  });
});
