import { describe, expect, it } from 'vitest';
import type { Flight } from '../model/flight-index';
import { spreadSlots } from './spread';

const flight = (key: string, from: string, depart: number): Flight => ({
  key,
  progress: 0.5,
  hop: { link: 'ha-r', from, to: 'R', depart, arrive: depart + 8000, exact: true },
  packet: {} as Flight['packet'],
});

describe('spreadSlots', () => {
  it('centres a lone packet and spreads packets that share hop and times', () => {
    const slots = spreadSlots([flight('a', 'HA', 0), flight('b', 'HA', 0), flight('c', 'HA', 500), flight('d', 'HA', 0)]);
    expect(slots.get('c')).toBe(0);
    expect([slots.get('a'), slots.get('b'), slots.get('d')]).toEqual([-1, 0, 1]);
  });
});
