// Reading the trace a little at a time. The store's TraceLog is one mutable,
// ever-growing array (store/trace-log.ts); a view that needs a few kinds of
// event (handoffs, key exchanges, table changes) keeps a cursor that looks
// only at what was appended since it last looked, instead of rescanning tens
// of thousands of events on every frame. A seek backwards (the array shrank or
// its last-seen event is gone) or a new run (a new array) starts it over.

import type { TraceEvent } from '../../engine/node/contract';

export class TraceCursor<T> {
  private events: readonly TraceEvent[] | null = null;
  private seen = 0;
  private last: TraceEvent | undefined;
  private items: T[] = [];
  private snapshot: readonly T[] = [];

  constructor(private readonly pick: (e: TraceEvent) => T | null) {}

  /** Everything picked from `events` so far, in trace order; the same array while nothing new was picked. */
  read(events: readonly TraceEvent[]): readonly T[] {
    const rewound = events !== this.events || this.seen > events.length || (this.seen > 0 && events[this.seen - 1] !== this.last);
    if (rewound) {
      this.events = events;
      this.seen = 0;
      this.items = [];
      this.snapshot = [];
    }
    const before = this.items.length;
    for (let i = this.seen; i < events.length; i++) {
      const v = this.pick(events[i]!);
      if (v !== null) this.items.push(v);
    }
    this.seen = events.length;
    this.last = events[events.length - 1];
    if (rewound || this.items.length !== before) this.snapshot = [...this.items];
    return this.snapshot;
  }
}
