// Which trace events are packets on a link, in a module of its own: the page's
// packet list needs only this test, not the packet readers beside it in
// trace-events.ts, which stay out of the page's first load (docs/architecture.md "UI").

import type { TraceEvent } from '../node/contract';

/** A transmission onto a link that carries its bytes: a row of the packet list, a packet of a capture. */
export function isPacketEvent(e: TraceEvent): boolean {
  return (e.kind === 'sent' || e.kind === 'forwarded') && e.bytes !== undefined;
}
