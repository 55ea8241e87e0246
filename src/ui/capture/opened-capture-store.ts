// The capture the learner opened ("Open capture"), or why it was refused. The
// capture page (#/capture) shows it read-only; the lab's own run is untouched.

import { create } from 'zustand';
import { readCaptureFile, type OpenedCapture } from './read-capture';

interface OpenedCaptureState {
  readonly capture: OpenedCapture | null;
  /** The last file refused, and why and where; cleared by the next file that opens. */
  readonly refusal: string | null;
  open(bytes: Uint8Array, fileName: string): boolean;
}

export const useOpenedCapture = create<OpenedCaptureState>()((set) => ({
  capture: null,
  refusal: null,
  open(bytes, fileName) {
    const r = readCaptureFile(bytes, fileName);
    set(r.ok ? { capture: r.capture, refusal: null } : { refusal: r.reason });
    return r.ok;
  },
}));
