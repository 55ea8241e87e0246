// Reading the trace a little at a time. The store's TraceLog holds a window
// of recent events (store/trace-log.ts); a view that needs a few kinds of
// event over the whole run (handoffs, key exchanges, table changes) keeps a
// cursor, which asks the log for a digest of them: picked from every event as
// it was appended, kept after the events themselves are let go, cut back by
// a seek backwards. Pass a module-level `pick`: it names the digest.

import type { TraceEvent } from '../../engine/node/contract';
import type { TraceLog } from '../store/trace-log';

export class TraceCursor<T> {
  /** `limit`: the most items kept (the newest); default DIGEST_LIMIT. */
  constructor(private readonly pick: (e: TraceEvent) => T | null, private readonly limit?: number) {}

  /** Everything picked from the run so far (the newest `limit`), in trace order; the same array while nothing new was picked. */
  read(log: TraceLog): readonly T[] {
    return log.digest(this.pick, this.limit);
  }
}
