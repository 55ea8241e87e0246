// The traces the hosts report while they run their windows independently
// (coordinator.ts): kept per host — each host's reports come in its own key
// order, one window after another — and merged into the in-process order
// once every host has stopped (trace-merge.ts).

import type { TraceEvent } from '../../engine/node/contract';
import { mergeTraces, type TaggedTrace } from './trace-merge';

export class HostTraces {
  private parts: { trace: TraceEvent[]; keys: number[] }[];

  constructor(private readonly hosts: number) {
    this.parts = this.empty();
  }

  add(report: TaggedTrace & { readonly node: number }): void {
    const part = this.parts[report.node]!;
    for (const e of report.trace) part.trace.push(e);
    for (let i = 0; i < report.keys.length; i++) part.keys.push(report.keys[i]!);
  }

  /** Appends everything added so far, merged, to `out`, and starts afresh. */
  mergeInto(out: TraceEvent[]): void {
    mergeTraces(this.parts, out);
    this.parts = this.empty();
  }

  private empty(): { trace: TraceEvent[]; keys: number[] }[] {
    return Array.from({ length: this.hosts }, () => ({ trace: [], keys: [] }));
  }
}
