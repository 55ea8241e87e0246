import { describe, expect, it } from 'vitest';
import { deriveSeed, nodeSeedLabel, transmitSeedLabel } from './seeds';

describe('derived seeds', () => {
  it('are stable, and differ by run seed and by stream name', () => {
    expect(deriveSeed(1, nodeSeedLabel('A'))).toBe(deriveSeed(1, nodeSeedLabel('A')));
    const seeds = new Set([
      deriveSeed(1, nodeSeedLabel('A')),
      deriveSeed(2, nodeSeedLabel('A')),
      deriveSeed(1, nodeSeedLabel('B')),
      deriveSeed(1, transmitSeedLabel('A', 'eth0')),
      deriveSeed(1, transmitSeedLabel('A', 'eth1')),
    ]);
    expect(seeds.size).toBe(5);
    expect(Number.isInteger(deriveSeed(0xffffffff, '')) && deriveSeed(0xffffffff, '') >= 0).toBe(true);
  });
});
