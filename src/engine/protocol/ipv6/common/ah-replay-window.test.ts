import { describe, expect, it } from 'vitest';
import { AH_REPLAY_WINDOW, EMPTY_AH_REPLAY_WINDOW, acceptAhSequence, checkAhSequence, type AhReplayWindow } from './ah-replay-window';

function acceptAll(seqs: readonly number[]): AhReplayWindow {
  return seqs.reduce((w, s) => {
    expect(checkAhSequence(w, s).ok).toBe(true);
    return acceptAhSequence(w, s);
  }, EMPTY_AH_REPLAY_WINDOW);
}

describe('AH anti-replay window of 32 (RFC 4302 §3.4.3)', () => {
  it('accepts increasing and out-of-order numbers once each', () => {
    const w = acceptAll([1, 2, 5, 3]);
    expect(w.highest).toBe(5);
    expect(checkAhSequence(w, 4).ok).toBe(true);
    const again = checkAhSequence(w, 3);
    expect(again.ok).toBe(false);
    expect(!again.ok && again.reason).toMatch(/already received.*replayed/);
  });

  it('refuses 0 and numbers left of the window', () => {
    const w = acceptAll([1, 40]);
    expect(checkAhSequence(w, 0).ok).toBe(false);
    expect(checkAhSequence(w, 40 - AH_REPLAY_WINDOW + 1).ok).toBe(true);
    const old = checkAhSequence(w, 40 - AH_REPLAY_WINDOW);
    expect(!old.ok && old.reason).toMatch(/outside the anti-replay window of 32/);
  });

  it('a jump wider than the window forgets the old bitmap', () => {
    const w = acceptAll([1, 2, 3, 100]);
    expect(w.seen).toBe(1);
    expect(checkAhSequence(w, 99).ok).toBe(true);
    expect(checkAhSequence(w, 100).ok).toBe(false);
  });
});
