import { describe, expect, it } from 'vitest';
import { arrowDelta, roundPosition } from './keyboard-move';

describe('arrowDelta', () => {
  it('moves 10 units per arrow, 50 with Shift, y growing downwards', () => {
    expect(arrowDelta('ArrowRight', false)).toEqual({ x: 10, y: 0 });
    expect(arrowDelta('ArrowLeft', true)).toEqual({ x: -50, y: 0 });
    expect(arrowDelta('ArrowUp', false)).toEqual({ x: 0, y: -10 });
    expect(arrowDelta('ArrowDown', true)).toEqual({ x: 0, y: 50 });
  });

  it('ignores other keys', () => {
    expect(arrowDelta('Enter', false)).toBeNull();
    expect(arrowDelta('a', true)).toBeNull();
  });

  it('rounds positions to whole units', () => {
    expect(roundPosition({ x: 540.4, y: 469.6 })).toEqual({ x: 540, y: 470 });
  });
});
