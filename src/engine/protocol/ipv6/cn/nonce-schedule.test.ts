import { describe, expect, it } from 'vitest';
import { seconds } from '../../../node/time';
import { createRandom } from '../../../random';
import { EMPTY_NONCE_SCHEDULE, KCN_OCTETS, currentNonce, honouredNonce } from './nonce-schedule';

describe('return-routability nonce schedule (RFC 6275 §5.2.2, §12; OC-56)', () => {
  it('draws Kcn once, makes a nonce every 30 s and honours each for 240 s', () => {
    const random = createRandom(7);
    const first = currentNonce(EMPTY_NONCE_SCHEDULE, seconds(1), random);
    expect(first.kcn).toHaveLength(KCN_OCTETS);
    expect(first.nonce).toMatchObject({ index: 0, madeAt: seconds(1) });
    expect(first.nonce.nonce).toHaveLength(8);
    const again = currentNonce(first.schedule, seconds(30), random);
    expect(again.made).toBe(false);
    expect(again.nonce.index).toBe(0);
    const next = currentNonce(again.schedule, seconds(31), random);
    expect(next.made).toBe(true);
    expect(next.nonce.index).toBe(1);
    expect(next.kcn).toEqual(first.kcn);
    expect(next.nonce.nonce).not.toEqual(first.nonce.nonce);
    expect(honouredNonce(next.schedule, 0, seconds(240))).not.toBeNull();
    expect(honouredNonce(next.schedule, 0, seconds(241))).toBeNull();
    expect(honouredNonce(next.schedule, 1, seconds(241))).not.toBeNull();
    expect(honouredNonce(next.schedule, 7, seconds(2))).toBeNull(); // never issued
  });

  it('forgets nonces past their lifetime when the next one is made', () => {
    const random = createRandom(1);
    const a = currentNonce(EMPTY_NONCE_SCHEDULE, 0, random);
    const b = currentNonce(a.schedule, seconds(300), random);
    expect(b.schedule.nonces.map((n) => n.index)).toEqual([1]);
  });
});
