import { describe, expect, it } from 'vitest';
import { dropWindow, lostTowards } from './drop-window';

describe('drop markers', () => {
  it('last about 0.7 s on screen at the current speed', () => {
    expect(dropWindow(1)).toBe(700_000);
    expect(dropWindow(4)).toBe(2_800_000);
    // Slow motion (0.001): 700 µs would be 0.7 s, but at least 1 ms (1 s on screen).
    expect(dropWindow(0.001)).toBe(1_000);
    expect(dropWindow('unpaced')).toBe(200_000);
  });

  it('finds the node a lost frame was meant for in the simulation’s summary', () => {
    expect(lostTowards('lost on link fa1-r on the way to FA1/eth0')).toBe('FA1');
    expect(lostTowards('Binding Update from 10.1.0.1 refused')).toBeUndefined();
  });
});
