// One frame's advance while playing (pacing.ts says how far): paced, the wall
// time since the previous advance × speed; unpaced, chunks until the frame's
// budget is spent. Holds the wall-clock bookkeeping between frames.

import type { TraceEvent } from '../../engine/node/contract';
import type { Micros } from '../../engine/node/time';
import type { Speed } from '../types';
import type { FrameClock } from './frame-clock';
import { pacedAdvance, UnpacedChunks } from './pacing';
import type { Timeline } from './timeline';

export class PlayLoop {
  private lastWall = 0;
  private carry = 0;
  private readonly chunks: UnpacedChunks;

  constructor(private readonly clock: FrameClock, private readonly duration: Micros, unpacedBudgetMs?: number) {
    this.chunks = new UnpacedChunks(unpacedBudgetMs);
  }

  /** Playing starts (or changes between paced and unpaced) now: no wall time is owed yet. */
  restart(): void {
    this.lastWall = this.clock.now();
    this.carry = 0;
  }

  /** `playing` is asked between unpaced chunks: a pause stops the frame's work early. */
  async advance(timeline: Timeline, speed: Speed, playing: () => boolean): Promise<TraceEvent[]> {
    return speed === 'unpaced' ? this.unpaced(timeline, playing) : this.paced(timeline, speed);
  }

  private async paced(timeline: Timeline, speed: number): Promise<TraceEvent[]> {
    const wall = this.clock.now();
    const { by, carry } = pacedAdvance(wall - this.lastWall, speed, this.carry);
    this.lastWall = wall;
    this.carry = carry;
    const target = Math.min(this.duration, timeline.now + by);
    return target > timeline.now ? timeline.advance(target) : [];
  }

  private async unpaced(timeline: Timeline, playing: () => boolean): Promise<TraceEvent[]> {
    const trace: TraceEvent[] = [];
    const start = this.clock.now();
    do {
      const before = this.clock.now();
      for (const e of await timeline.advance(Math.min(this.duration, timeline.now + this.chunks.size))) trace.push(e);
      this.chunks.adapt(this.clock.now() - before);
    } while (playing() && timeline.now < this.duration && this.clock.now() - start < this.chunks.budgetMs);
    this.lastWall = this.clock.now();
    return trace;
  }
}
