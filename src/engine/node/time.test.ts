import { describe, expect, it } from 'vitest';
import { formatMicros, isMicros, milliseconds, seconds } from './time';

describe('virtual time', () => {
  it('is integer microseconds', () => {
    expect(seconds(1.5)).toBe(1_500_000);
    expect(milliseconds(2.25)).toBe(2_250);
    expect(isMicros(0)).toBe(true);
    expect(isMicros(1.5)).toBe(false);
    expect(isMicros(-1)).toBe(false);
  });

  it('prints with six decimals', () => {
    expect(formatMicros(1_250_000)).toBe('1.250000 s');
    expect(formatMicros(42)).toBe('0.000042 s');
  });
});
