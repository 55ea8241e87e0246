// The AH anti-replay window of a receiver (RFC 4302 §3.4.3; window 32, OC-52),
// one per inbound security association. The receiver first asks whether a
// Sequence Number could be new (`checkAhSequence`) — before spending an ICV
// computation on it — and moves the window only once the ICV has verified
// (`acceptAhSequence`), so a forgery with a fresh number cannot shift it.
//
// Plain data (the right edge and a 32-bit bitmap of the numbers seen at and
// below it), copy-on-write.

/** OC-52: the window RFC 4302 §3.4.3 names as the minimum. */
export const AH_REPLAY_WINDOW = 32;

export interface AhReplayWindow {
  /** The highest Sequence Number accepted so far; 0 = none yet (the first packet sent carries 1, RFC 4302 §3.3.2). */
  readonly highest: number;
  /** Bit i set: `highest − i` has been accepted (bit 0 is `highest` itself). */
  readonly seen: number;
}

export const EMPTY_AH_REPLAY_WINDOW: AhReplayWindow = { highest: 0, seen: 0 };

export type AhSequenceVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly why: 'zero' | 'already-seen' | 'too-old'; readonly reason: string };

export const AH_REPLAY_REF = 'RFC 4302 §3.4.3';

/** Whether `sequence` may be new under `replay` (RFC 4302 §3.4.3); nothing changes. */
export function checkAhSequence(replay: AhReplayWindow, sequence: number): AhSequenceVerdict {
  if (sequence === 0) return { ok: false, why: 'zero', reason: 'AH Sequence Number 0 is never sent (the first packet carries 1)' };
  if (sequence > replay.highest) return { ok: true };
  const behind = replay.highest - sequence;
  if (behind >= AH_REPLAY_WINDOW) {
    return { ok: false, why: 'too-old', reason: `AH Sequence Number ${sequence} is ${behind} behind the highest accepted (${replay.highest}), outside the anti-replay window of ${AH_REPLAY_WINDOW}` };
  }
  if (((replay.seen >>> behind) & 1) === 1) {
    return { ok: false, why: 'already-seen', reason: `AH Sequence Number ${sequence} was already received under this security association: a replayed packet` };
  }
  return { ok: true };
}

/** The window after `sequence` verified (call only after checkAhSequence said ok and the ICV verified). */
export function acceptAhSequence(replay: AhReplayWindow, sequence: number): AhReplayWindow {
  if (sequence > replay.highest) {
    const shift = sequence - replay.highest;
    const moved = shift >= AH_REPLAY_WINDOW ? 0 : (replay.seen << shift) >>> 0;
    return { highest: sequence, seen: (moved | 1) >>> 0 };
  }
  const behind = replay.highest - sequence;
  if (behind >= AH_REPLAY_WINDOW) return replay;
  return { highest: replay.highest, seen: (replay.seen | (1 << behind)) >>> 0 };
}
