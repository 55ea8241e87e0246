import { describe, expect, it } from 'vitest';
import { dropWindow, lostTowards, markOpacity } from './drop-window';

describe('drop markers', () => {
  it('last 1.5 s on the wall clock at any speed: a virtual window scaled by the speed', () => {
    expect(dropWindow(1)).toBe(1_500_000);
    expect(dropWindow(4)).toBe(6_000_000);
    // Slow motion (0.001): 1.5 ms of virtual time is 1.5 s on screen.
    expect(dropWindow(0.001)).toBe(1_500);
    expect(dropWindow('unpaced')).toBe(1_500_000);
  });

  it('stay fully visible for two thirds of that time, then fade to a third', () => {
    expect(markOpacity(0, 1_500_000)).toBe(1);
    expect(markOpacity(1_000_000, 1_500_000)).toBe(1);
    expect(markOpacity(1_250_000, 1_500_000)).toBeCloseTo(2 / 3);
    expect(markOpacity(1_500_000, 1_500_000)).toBeCloseTo(1 / 3);
  });

  it('finds the node a lost frame was meant for in the simulation’s summary', () => {
    expect(lostTowards('lost on link fa1-r on the way to FA1')).toBe('FA1');
    expect(lostTowards('Binding Update from 10.1.0.1 refused')).toBeUndefined();
  });
});
