import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../random';
import {
  checkTimestamp,
  clockOffsetMsFromMismatch,
  identificationFromBigInt,
  identificationToBigInt,
  isNewer,
  nextTimestamp,
  ntpNow,
  ntpTimestamp,
  ntpToUtcString,
  readIdentification,
  sameLow32,
  timestampMismatchIdentification,
  writeIdentification,
  type Identification,
} from './identification';

const EPOCH = Date.UTC(2024, 2, 1, 12, 0, 0); // 2024-03-01 12:00:00 UTC, a lab epoch
const NTP_EPOCH_SECONDS = EPOCH / 1000 + 2_208_988_800; // computed independently with Date
const TICK = 2 ** 32 / 1e6; // 2^-32 s units per µs ≈ 4294.97

describe('NTP timestamps from virtual time (RFC 2002 §5.6.1)', () => {
  it('follows the spec formula at a millisecond: seconds = floor(t/1000) + 2 208 988 800, fraction = floor((t mod 1000)·2^32/1000) + random low bits', () => {
    const random = createRandom(1);
    for (const ms of [0, 1, 250, 999]) {
      const t = EPOCH + 3_000 + ms; // the virtual clock at 0 µs, epoch carries the ms
      const id = ntpTimestamp(t, 0, random);
      expect(id.high).toBe(NTP_EPOCH_SECONDS + 3);
      const specFraction = Math.floor(((t % 1000) * 2 ** 32) / 1000);
      expect(id.low - specFraction).toBeGreaterThanOrEqual(0);
      expect(id.low - specFraction).toBeLessThan(TICK); // only bits below the clock's 1 µs resolution are random
    }
  });

  it('adds virtual microseconds to the epoch, carrying into seconds', () => {
    expect(ntpNow(EPOCH, 0)).toEqual({ high: NTP_EPOCH_SECONDS, low: 0 });
    expect(ntpNow(EPOCH, 500_000)).toEqual({ high: NTP_EPOCH_SECONDS, low: 0x80000000 });
    expect(ntpNow(EPOCH + 999, 1_001)).toEqual({ high: NTP_EPOCH_SECONDS + 1, low: Math.floor(TICK) }); // 1.000001 s
    expect(ntpNow(EPOCH, 3_600_000_000 + 250_000)).toEqual({ high: NTP_EPOCH_SECONDS + 3600, low: 0x40000000 });
  });

  it('stays inside the current microsecond whatever the random bits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.nat(), (micros, seed) => {
        const exact = ntpNow(EPOCH, micros);
        const next = ntpNow(EPOCH, micros + 1);
        const id = ntpTimestamp(EPOCH, micros, createRandom(seed));
        expect(isNewer(id, exact) || (id.high === exact.high && id.low === exact.low)).toBe(true);
        expect(isNewer(next, id)).toBe(true);
      }),
    );
  });

  it('wraps the seconds at the 2036 NTP era boundary', () => {
    const rollover = (2 ** 32 - 2_208_988_800) * 1000; // 2036-02-07 06:28:16 UTC in Unix ms
    expect(ntpNow(rollover - 1000, 0)).toEqual({ high: 0xffffffff, low: 0 });
    expect(ntpNow(rollover, 0)).toEqual({ high: 0, low: 0 });
    expect(isNewer(ntpNow(rollover, 0), ntpNow(rollover - 1000, 0))).toBe(true);
  });
});

describe('strictly increasing generator (RFC 2002 §5.6.1, OC-28)', () => {
  it('is strictly increasing even when the clock stands still or goes back', () => {
    const random = createRandom(7);
    let previous: Identification | null = null;
    const clock = [0, 0, 0, 1, 1, 5_000_000, 2_000_000, 2_000_000, 9_000_000];
    for (const micros of clock) {
      const id: Identification = nextTimestamp(previous, EPOCH, micros, random);
      if (previous !== null) expect(isNewer(id, previous)).toBe(true);
      previous = id;
    }
  });

  it('follows the clock when it moves forward', () => {
    const random = createRandom(7);
    const first = nextTimestamp(null, EPOCH, 0, random);
    const later = nextTimestamp(first, EPOCH, 2_000_000, random);
    expect(later.high).toBe(first.high + 2);
  });

  it('steps by one unit past the previous value across the 64-bit wrap', () => {
    expect(nextTimestamp({ high: 0xffffffff, low: 0xffffffff }, EPOCH, 0, createRandom(1)).high).not.toBe(0xffffffff);
    expect(identificationFromBigInt(identificationToBigInt({ high: 0xffffffff, low: 0xffffffff }) + 1n)).toEqual({ high: 0, low: 0 });
  });
});

describe('timestamp acceptance (RFC 2002 §5.6.1, OC-29)', () => {
  const now = ntpNow(EPOCH, 100_000_000);
  const shifted = (seconds: number, units = 0) => identificationFromBigInt(identificationToBigInt(now) + BigInt(seconds) * 2n ** 32n + BigInt(units));

  it('accepts within ±5 s inclusive and reports the skew', () => {
    expect(checkTimestamp(now, now, null)).toEqual({ accepted: true, skewSeconds: 0 });
    expect(checkTimestamp(shifted(5), now, null)).toEqual({ accepted: true, skewSeconds: 5 });
    expect(checkTimestamp(shifted(-5), now, null)).toEqual({ accepted: true, skewSeconds: -5 });
  });

  it('rejects one 2^-32 s beyond the window, on either side', () => {
    expect(checkTimestamp(shifted(5, 1), now, null)).toMatchObject({ accepted: false, reason: 'outside-window' });
    const behind = checkTimestamp(shifted(-5, -1), now, null);
    expect(behind).toMatchObject({ accepted: false, reason: 'outside-window' });
    expect(!behind.accepted && behind.explanation).toBe("timestamp is 5.000 s behind this node's clock; the window is ±5 s (lab choice, RFC 2002 §5.6.1)");
  });

  it('rejects a timestamp not newer than every one accepted before (replay)', () => {
    const last = shifted(1);
    expect(checkTimestamp(shifted(1), now, last)).toMatchObject({ accepted: false, reason: 'not-newer' });
    expect(checkTimestamp(shifted(0), now, last)).toMatchObject({ accepted: false, reason: 'not-newer' });
    expect(checkTimestamp(shifted(1, 1), now, last)).toMatchObject({ accepted: true });
  });

  it('lets the mobile node resynchronise from a Code 133 Reply (RFC 2002 §5.6.1)', () => {
    const request = ntpNow(EPOCH - 60_000, 100_000_000); // the MN's clock is 60 s slow
    expect(checkTimestamp(request, now, null)).toMatchObject({ accepted: false, reason: 'outside-window' });
    const reply = timestampMismatchIdentification(request, now);
    expect(sameLow32(reply, request)).toBe(true);
    expect(reply.high).toBe(now.high);
    const offset = clockOffsetMsFromMismatch(reply, request);
    expect(offset).toBe(60_000);
    const retry = nextTimestamp(request, EPOCH - 60_000 + offset, 100_500_000, createRandom(3));
    expect(checkTimestamp(retry, ntpNow(EPOCH, 100_500_000), null)).toMatchObject({ accepted: true });
  });
});

describe('Identification helpers', () => {
  it('reads and writes high then low, big-endian', () => {
    const buf = new Uint8Array(10).fill(0xa5);
    writeIdentification(buf, 1, { high: 0xd5c1e2a0, low: 0x12345678 });
    expect(Array.from(buf)).toEqual([0xa5, 0xd5, 0xc1, 0xe2, 0xa0, 0x12, 0x34, 0x56, 0x78, 0xa5]);
    expect(readIdentification(buf, 1)).toEqual({ high: 0xd5c1e2a0, low: 0x12345678 });
  });

  it('matches Replies on the low 32 bits only (RFC 2002 §5.6)', () => {
    expect(sameLow32({ high: 1, low: 99 }, { high: 2, low: 99 })).toBe(true);
    expect(sameLow32({ high: 1, low: 99 }, { high: 1, low: 98 })).toBe(false);
  });
});

describe('NTP time as readable UTC, without Date', () => {
  it('shows the Identification of the spec vectors', () => {
    expect(ntpToUtcString({ high: 0xd5c1e2a0, low: 0x12345678 })).toBe('2013-08-23 13:31:12.071111 UTC');
  });

  it("agrees with Date's UTC for any time in 1968–2104 (RFC 4330 era rule)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff }), (high, low) => {
        const ntpSeconds = high >= 0x80000000 ? high : high + 2 ** 32;
        const iso = new Date((ntpSeconds - 2_208_988_800) * 1000).toISOString(); // e.g. 2013-08-23T13:31:12.000Z
        const micros = String(Math.floor((low * 1e6) / 2 ** 32)).padStart(6, '0');
        expect(ntpToUtcString({ high, low })).toBe(`${iso.slice(0, 10)} ${iso.slice(11, 19)}.${micros} UTC`);
      }),
      { numRuns: 2000 },
    );
  });
});
