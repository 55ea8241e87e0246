// A frame clock for tests (frame-clock.ts): wall time moves only when the test
// says so, and frames run only when the test calls `frame()`. A fake backend
// can call `spend(ms)` to model work that takes wall time.

import type { FrameClock, FrameHandle } from '../frame-clock';

/** Lets every queued promise callback run (macrotask boundary; no wall-time wait). */
export async function settle(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export class FakeFrameClock implements FrameClock {
  private wall = 0;
  private nextHandle = 1;
  private readonly callbacks = new Map<number, () => void>();
  /** How many frames ran. */
  frames = 0;

  now(): number {
    return this.wall;
  }

  requestFrame(callback: () => void): FrameHandle {
    const handle = this.nextHandle++;
    this.callbacks.set(handle, callback);
    return handle;
  }

  cancelFrame(handle: FrameHandle): void {
    this.callbacks.delete(handle as number);
  }

  /** Frames requested and not yet run. */
  get requested(): number {
    return this.callbacks.size;
  }

  /** Wall time passes without a frame (work being done, or a long frame). */
  spend(ms: number): void {
    this.wall += ms;
  }

  /** `ms` of wall time pass, the requested frame callbacks run, then pending promise work settles. */
  async frame(ms = 16): Promise<void> {
    this.wall += ms;
    this.frames++;
    const due = [...this.callbacks.values()];
    this.callbacks.clear();
    for (const callback of due) callback();
    await settle();
  }

  /** `count` frames, `ms` apart. */
  async runFrames(count: number, ms = 16): Promise<void> {
    for (let i = 0; i < count; i++) await this.frame(ms);
  }
}
