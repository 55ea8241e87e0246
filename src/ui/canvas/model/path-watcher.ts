// Keeps the current CN → MN path for a store selector: follows the mutable
// trace incrementally and returns the same object until a newer delivery
// arrives, so components subscribed to it re-render only when it changes.

import type { NodeId } from '../../../engine/node/contract';
import type { TraceLog } from '../../store/trace-log';
import type { CanvasModel } from './canvas-model';
import { DeliveryTracker, followPath, type CurrentPath } from './current-path';

export class PathWatcher {
  private readonly tracker: DeliveryTracker;
  private cached: { id: string; path: CurrentPath | null } | null = null;

  constructor(private readonly model: CanvasModel) {
    this.tracker = new DeliveryTracker((id) => {
      const n = model.nodeById.get(id);
      return n !== undefined && (n.role === 'mobile-node' || n.mobile);
    });
  }

  current(trace: TraceLog, preferMobile: NodeId | null): CurrentPath | null {
    this.tracker.sync(trace.events);
    const end = this.tracker.latest(preferMobile);
    if (end === undefined) return null;
    if (this.cached?.id !== end.id) this.cached = { id: end.id, path: followPath(this.model, trace.byId, end) };
    return this.cached.path;
  }
}

/** What the canvas highlights: equal for two deliveries that took the same route. */
export function pathSignature(path: CurrentPath | null): string {
  return path === null ? '' : path.hops.map((h) => `${h.from}>${h.to}@${h.link}`).join(' ');
}
