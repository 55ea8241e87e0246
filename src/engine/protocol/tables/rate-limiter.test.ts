import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIPV6_07_RATE, OC20_BACKOFF, emptyRateLimiter, forgetMobileNode, gapAfterSends, tryAcquire, type RateLimiter } from './rate-limiter';
import { SECOND, anyAddress, expectSurvivesCloneAndJson, expectSurvivesPlainJson, expectUnchangedBy } from './test-support/table-laws';

const CN = '198.51.100.5';
const MN = '10.1.0.10';
const KEY = { destination: CN, mobileNode: MN };

/** Tries a send at each time (in seconds) with one binding signature; returns which were allowed. */
function run(limiter: RateLimiter, at: readonly number[], signature = '192.168.2.1'): { limiter: RateLimiter; allowed: boolean[] } {
  const allowed: boolean[] = [];
  for (const s of at) {
    const d = tryAcquire(limiter, KEY, signature, Math.round(s * SECOND));
    allowed.push(d.allowed);
    limiter = d.limiter;
  }
  return { limiter, allowed };
}

describe('rate limiter: exponential backoff of Binding Updates (OC-20, Perkins & Johnson §3.3; optim-08 §7.1)', () => {
  it('lets the 1st BU through, drops one 0.5 s later, lets one through at 1 s, then needs 2 s, 4 s, … up to 32 s', () => {
    let limiter = emptyRateLimiter('Binding Update');
    const first = tryAcquire(limiter, KEY, '192.168.2.1', 0);
    expect(first).toMatchObject({ allowed: true, nextAllowedAt: 1 * SECOND });
    expect(first.reason).toBe('Binding Update to 198.51.100.5 allowed (first for this binding); the next no sooner than t=1.000 s (gap 1 s after 1 send, lab choice, Perkins & Johnson §3.3)');
    limiter = first.limiter;

    const dropped = tryAcquire(limiter, KEY, '192.168.2.1', SECOND / 2);
    expect(dropped).toMatchObject({ allowed: false, nextAllowedAt: 1 * SECOND, changes: [] });
    expect(dropped.limiter).toBe(limiter); // a dropped trigger leaves no trace in the state
    expect(dropped.reason).toBe('rate-limited: next Binding Update to 198.51.100.5 allowed at t=1.000 s (gap 1 s after 1 send, lab choice, Perkins & Johnson §3.3)');

    const second = tryAcquire(limiter, KEY, '192.168.2.1', 1 * SECOND);
    expect(second).toMatchObject({ allowed: true, nextAllowedAt: 3 * SECOND });
    limiter = second.limiter;
    expect(tryAcquire(limiter, KEY, '192.168.2.1', 2_500_000).reason)
      .toBe('rate-limited: next Binding Update to 198.51.100.5 allowed at t=3.000 s (gap 2 s after 2 sends, lab choice, Perkins & Johnson §3.3)');

    // Gaps 1, 2, 4, 8, 16, 32, 32: sends at 0, 1, 3, 7, 15, 31, 63, 95 s; one µs early is always too early.
    const sends = [0, 1, 3, 7, 15, 31, 63, 95];
    let l = emptyRateLimiter('Binding Update');
    for (const [i, s] of sends.entries()) {
      if (i > 0) expect(tryAcquire(l, KEY, '192.168.2.1', s * SECOND - 1).allowed).toBe(false);
      const d = tryAcquire(l, KEY, '192.168.2.1', s * SECOND);
      expect(d.allowed).toBe(true);
      l = d.limiter;
    }
    expect(l.entries[`${CN}|${MN}`]).toMatchObject({ sends: 8, lastSentAt: 95 * SECOND, nextAllowedAt: 127 * SECOND });
  });

  it('resets the backoff as soon as the care-of address changes', () => {
    const { limiter } = run(emptyRateLimiter('Binding Update'), [0, 1, 3, 7]); // next gap would be 8 s
    const moved = tryAcquire(limiter, KEY, '192.168.3.1', 7_200_000);
    expect(moved).toMatchObject({ allowed: true, nextAllowedAt: 8_200_000 });
    expect(moved.reason).toContain('binding changed (192.168.2.1 → 192.168.3.1), backoff reset');
    expect(moved.changes).toEqual([expect.objectContaining({ kind: 'updated', ref: 'lab choice, Perkins & Johnson §3.3', after: expect.objectContaining({ sends: 1 }) })]);
  });

  it('counts each (destination, mobile node) separately, and Binding Warnings per target too (Perkins & Johnson §3.1; optim-08 §8.3)', () => {
    const { limiter } = run(emptyRateLimiter('Binding Update'), [0]);
    expect(tryAcquire(limiter, { destination: '198.51.100.6', mobileNode: MN }, '192.168.2.1', 0).allowed).toBe(true);
    expect(tryAcquire(limiter, { destination: CN, mobileNode: '10.1.0.11' }, '192.168.2.1', 0).allowed).toBe(true);

    let bw = emptyRateLimiter('Binding Warning');
    bw = tryAcquire(bw, { destination: '10.1.0.1', mobileNode: MN, target: CN }, 'fa', 0).limiter;
    const otherTarget = tryAcquire(bw, { destination: '10.1.0.1', mobileNode: MN, target: '198.51.100.6' }, 'fa', 0);
    expect(otherTarget.allowed).toBe(true);
    const same = tryAcquire(bw, { destination: '10.1.0.1', mobileNode: MN, target: CN }, 'fa', 100_000);
    expect(same.reason).toBe('rate-limited: next Binding Warning to 10.1.0.1 allowed at t=1.000 s (gap 1 s after 1 send, lab choice, Perkins & Johnson §3.1)');
  });

  it('shows sub-millisecond times in full', () => {
    const d = tryAcquire(emptyRateLimiter('Binding Update'), KEY, 'x', 250);
    expect(d.reason).toContain('t=1.000250 s');
  });

  it('forgets a mobile node when asked, and only that one', () => {
    let limiter = run(emptyRateLimiter('Binding Update'), [0]).limiter;
    limiter = tryAcquire(limiter, { destination: CN, mobileNode: '10.1.0.11' }, 'x', 0).limiter;
    const r = forgetMobileNode(limiter, MN, 'RFC 2002 §3.8.2.2');
    expect(r.changes.map((c) => [c.kind, c.key])).toEqual([['removed', `${CN}|${MN}`]]);
    expect(Object.keys(r.table.entries)).toEqual([`${CN}|10.1.0.11`]);
    expect(forgetMobileNode(r.table, MN, 'x').changes).toEqual([]);
  });
});

describe('rate limiter: the mipv6-07 preset (OC-20 alternative)', () => {
  it('allows 1 per second for 5 sends, then 1 per 10 s', () => {
    const limiter = emptyRateLimiter('Binding Update', MIPV6_07_RATE);
    const { limiter: after, allowed } = run(limiter, [0, 1, 2, 3, 4, 5, 13.9, 14, 23.9, 24]);
    expect(allowed).toEqual([true, true, true, true, true, false, false, true, false, true]);
    expect(tryAcquire(after, KEY, '192.168.2.1', 25 * SECOND).reason).toContain('(gap 10 s after 7 sends, lab choice mipv6-07 preset)');
  });
});

describe('rate limiter: laws', () => {
  it('gapAfterSends follows min(2^(k−1), 32) and the preset table', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50, 2000].map((k) => gapAfterSends(OC20_BACKOFF, k))).toEqual([1, 2, 4, 8, 16, 32, 32, 32, 32]);
    expect([1, 4, 5, 6].map((k) => gapAfterSends(MIPV6_07_RATE, k))).toEqual([1, 1, 10, 10]);
  });

  it('consecutive allowed sends of one binding are never closer than the gap; state is plain and never mutated', () => {
    const anyTry = fc.record({ gap: fc.integer({ min: 0, max: 40 * SECOND }), destination: anyAddress, signature: fc.constantFrom('a', 'b') });
    fc.assert(fc.property(fc.constantFrom(OC20_BACKOFF, MIPV6_07_RATE), fc.array(anyTry, { maxLength: 40 }), (policy, tries) => {
      let limiter = emptyRateLimiter('Binding Update', policy);
      let now = 0;
      const last = new Map<string, { at: number; sends: number; signature: string }>();
      for (const t of tries) {
        now += t.gap;
        const d = expectUnchangedBy(limiter, (frozen) => tryAcquire(frozen, { destination: t.destination, mobileNode: MN }, t.signature, now));
        const prev = last.get(t.destination);
        if (prev !== undefined && prev.signature === t.signature) {
          expect(d.allowed).toBe(now - prev.at >= gapAfterSends(policy, prev.sends) * SECOND);
        } else {
          expect(d.allowed).toBe(true);
        }
        if (d.allowed) last.set(t.destination, { at: now, sends: prev?.signature === t.signature ? prev.sends + 1 : 1, signature: t.signature });
        limiter = d.limiter;
        expectSurvivesCloneAndJson(limiter);
        expectSurvivesPlainJson(limiter);
      }
    }));
  });
});
