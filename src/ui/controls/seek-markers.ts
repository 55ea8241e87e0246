// Landmarks on the seek bar (docs/architecture.md "UI"): the moments a learner wants to
// return to. A handoff is a mobile node's radio interface changing the cells
// it is attached to (the `table-changed` trace of an interface, network/
// radio.ts); a registration is a mobile node accepting a Registration Reply
// (its "registered via …" / "deregistered with …" decision, RFC 2002 §3.6.2.2),
// or an IPv6 mobile node accepting its home agent's Binding Acknowledgement
// ("registered with the home agent: …" / "home registration ended",
// Perkins & Johnson §10; RFC 6275 §11.7.1, §11.5.5).

import type { TraceEvent } from '../../engine/node/contract';
import type { Micros } from '../../engine/node/time';

export interface SeekMarker {
  readonly id: string;
  readonly time: Micros;
  readonly kind: 'handoff' | 'registration';
  readonly label: string;
}

function isHandoff(e: TraceEvent): boolean {
  return e.kind === 'table-changed' && e.interface !== undefined && Array.isArray(e.after);
}

function isRegistration(e: TraceEvent): boolean {
  return e.kind === 'decision' && (e.summary.startsWith('registered via ') || e.summary.startsWith('deregistered with ')
    || e.summary.startsWith('registered with the home agent: ') || e.summary === 'home registration ended');
}

export function markerOf(e: TraceEvent): SeekMarker | null {
  if (isHandoff(e)) return { id: e.id, time: e.time, kind: 'handoff', label: `${e.node} ${e.summary}` };
  if (isRegistration(e)) return { id: e.id, time: e.time, kind: 'registration', label: `${e.node} ${e.summary}` };
  return null;
}
