import { describe, expect, it } from 'vitest';
import { createRandom } from '../random';
import {
  EMPTY_BU_NONCE_RECEIVER,
  acceptBuNonce,
  answerBindingRequestNonce,
  bindingRequestChallenge,
  newBuNonceSender,
  registrationNonceMatches,
  registrationNonceReply,
  registrationNonceRequest,
  unsolicitedBuNonce,
  type BuNonceReceiver,
} from './nonces';

describe('registration nonces (RFC 2002 §5.6.2)', () => {
  it('resynchronises after a first Request the HA cannot recognise, then stays in step', () => {
    const mn = createRandom(1);
    const ha = createRandom(2);
    let issued: number | null = null; // the HA's last nonce for this MN

    // First Request: the MN knows no HA nonce yet → Code 133, but the Reply carries one.
    const first = registrationNonceRequest(null, mn);
    expect(registrationNonceMatches(first, issued)).toBe(false);
    const rejection = registrationNonceReply(first, ha);
    expect(rejection.low).toBe(first.low); // low 32 bits copied: the MN can match it
    issued = rejection.high;

    // Second Request uses the HA's nonce in the high half and a new low half.
    const second = registrationNonceRequest(rejection.high, mn);
    expect(second.high).toBe(issued);
    expect(second.low).not.toBe(first.low);
    expect(registrationNonceMatches(second, issued)).toBe(true);
    const accept = registrationNonceReply(second, ha);
    expect(accept.low).toBe(second.low);
    expect(accept.high).not.toBe(issued); // a fresh nonce for next time
    issued = accept.high;

    // A replay of the second Request no longer matches.
    expect(registrationNonceMatches(second, issued)).toBe(false);
  });
});

describe('Binding Update nonces (Perkins & Johnson §3.3; optim-08 §4.3, OC-44)', () => {
  it('first contact: the CN has no state, challenges with a BR, accepts the answer, then follows unsolicited BUs', () => {
    const haRandom = createRandom(10);
    const cnRandom = createRandom(20);
    let ha = newBuNonceSender(haRandom);
    let cn: BuNonceReceiver = EMPTY_BU_NONCE_RECEIVER;

    // 1. HA's unsolicited BU arrives at a CN that has never heard from it.
    const bu1 = unsolicitedBuNonce(ha, haRandom);
    ha = bu1.sender;
    const check1 = acceptBuNonce(cn, bu1.identification);
    expect(check1).toMatchObject({ accepted: false, reason: 'no-state' });
    expect(check1.receiver).toBe(cn); // unchanged

    // 2. The CN sends a Binding Request with a random challenge in the low half.
    const br = bindingRequestChallenge(cn, cnRandom);
    cn = br.receiver;
    expect(br.identification.high).toBe(0);
    expect(cn.challenge).toBe(br.identification.low);

    // 3. The HA answers: low half copied from the BR, high half the nonce its next unsolicited BU carries (OC-47); it does not advance.
    const answer = answerBindingRequestNonce(ha, br.identification);
    expect(answer.identification).toEqual({ high: ha.current, low: br.identification.low });
    expect(answer.sender).toBe(ha);
    ha = answer.sender;
    const check3 = acceptBuNonce(cn, answer.identification);
    expect(check3).toMatchObject({ accepted: true, via: 'challenge', receiver: { expected: answer.identification.high, challenge: null } });
    cn = check3.receiver;

    // 4. From now on unsolicited BUs are accepted one after the other.
    for (let i = 0; i < 3; i++) {
      const bu = unsolicitedBuNonce(ha, haRandom);
      expect(bu.identification.low).toBe(cn.expected);
      ha = bu.sender;
      const check = acceptBuNonce(cn, bu.identification);
      expect(check).toMatchObject({ accepted: true, via: 'expected' });
      cn = check.receiver;
    }
  });

  it('an answer to a Binding Request nobody genuine sent is refused, and the next genuine BU is still accepted (OC-47)', () => {
    const haRandom = createRandom(11);
    let ha = newBuNonceSender(haRandom);
    let cn: BuNonceReceiver = { expected: ha.current, challenge: null }; // in step
    const spoofed = answerBindingRequestNonce(ha, { high: 0, low: 0x5bad5bad }); // a challenge the CN never made
    expect(acceptBuNonce(cn, spoofed.identification)).toMatchObject({ accepted: false, reason: 'mismatch' });
    ha = spoofed.sender;
    const genuine = unsolicitedBuNonce(ha, haRandom);
    const check = acceptBuNonce(cn, genuine.identification);
    expect(check).toMatchObject({ accepted: true, via: 'expected' });
    cn = check.receiver;
    expect(cn.expected).toBe(genuine.identification.high);
  });

  it('a lost BU makes the next one mismatch; a replayed BU is refused', () => {
    const haRandom = createRandom(3);
    let ha = newBuNonceSender(haRandom);
    let cn: BuNonceReceiver = { expected: ha.current, challenge: null }; // in step

    const bu1 = unsolicitedBuNonce(ha, haRandom);
    ha = bu1.sender;
    const ok1 = acceptBuNonce(cn, bu1.identification);
    expect(ok1.accepted).toBe(true);
    cn = ok1.receiver;

    expect(acceptBuNonce(cn, bu1.identification)).toMatchObject({ accepted: false, reason: 'mismatch' }); // replay

    const lost = unsolicitedBuNonce(ha, haRandom);
    ha = lost.sender;
    const bu3 = unsolicitedBuNonce(ha, haRandom);
    const check = acceptBuNonce(cn, bu3.identification);
    expect(check).toMatchObject({ accepted: false, reason: 'mismatch' });
    expect(!check.accepted && check.explanation).toMatch(/^low 32 bits 0x[0-9a-f]{8} are not the expected nonce 0x[0-9a-f]{8}$/);
  });

  it('unsolicited BU: Identification = next ‖ current, then current := next (optim-08 §4.3)', () => {
    const random = createRandom(5);
    const sender = { current: 1, next: 2 };
    const sent = unsolicitedBuNonce(sender, random);
    expect(sent.identification).toEqual({ high: 2, low: 1 }); // the test vector (docs/protocol-notes.md §Test vectors)'s "next = 2, current = 1"
    expect(sent.sender.current).toBe(2);
  });
});
