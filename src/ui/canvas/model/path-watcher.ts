// Keeps "what the correspondent's traffic is doing now" for store selectors:
// follows the mutable trace incrementally and returns the same object until
// the answer changes, so components subscribed to it re-render only then —
// not on every frame, although `now` moves every frame.

import { entryAt } from '../../../engine/keyed';
import type { NodeId } from '../../../engine/node/contract';
import type { Micros } from '../../../engine/node/time';
import type { CommandLogEntry, NodeView } from '../../../runtime/types';
import type { TraceLog } from '../../store/trace-log';
import type { CanvasModel } from './canvas-model';
import { followPath, type CurrentPath, type PathHop } from './current-path';
import { AttachmentHistory } from './attachment-history';
import { FateTracker } from './datagram-fates';
import { arrivalDeadline, linkDelayAt } from './hops';
import { routeNow, type RouteNow } from './route-now';

/** What the watcher reads of the store. */
export interface RouteSource {
  readonly trace: TraceLog;
  readonly now: Micros;
  readonly selectedNode: NodeId | null;
  readonly nodes: Readonly<Record<NodeId, NodeView>>;
  readonly commands: readonly CommandLogEntry[];
}

/** The hops the canvas highlights, and whether they are a working route or the way to a loss. */
export interface Highlight {
  readonly hops: readonly PathHop[];
  readonly tone: 'route' | 'lost';
}

export class PathWatcher {
  private readonly fates: FateTracker;
  private readonly attachments: AttachmentHistory;
  private paths = new Map<string, CurrentPath | null>();
  private cached: { key: string; value: RouteNow } = { key: 'none', value: { kind: 'none' } };
  private highlightCache: { key: string; value: Highlight | null } = { key: '', value: null };

  constructor(private readonly model: CanvasModel) {
    const mobileByAddress = new Map<string, NodeId>();
    for (const n of model.nodes) {
      if (n.role !== 'mobile-node' && !n.mobile) continue;
      for (const i of n.interfaces) {
        mobileByAddress.set(i.address, n.id);
        if (i.ipv6 !== undefined) mobileByAddress.set(i.ipv6, n.id); // an IPv6 mobile node's home address (docs/ipv6.md §2)
      }
    }
    this.fates = new FateTracker((a) => mobileByAddress.get(a), (id) => {
      const n = model.nodeById.get(id);
      return n !== undefined && (n.role === 'mobile-node' || n.mobile);
    });
    this.attachments = new AttachmentHistory((link) => model.links.get(link)?.kind === 'radio');
  }

  /** What is happening now; the same object while nothing the banner shows has changed. */
  routeNow(s: RouteSource): RouteNow {
    this.fates.sync(s.trace.events);
    this.attachments.sync(s.trace.events);
    if (this.paths.size > 512) this.paths = new Map();
    const value = routeNow(this.fates.datagrams(s.selectedNode), {
      model: this.model,
      byId: s.trace.byId,
      now: s.now,
      cellsAt: (id, t) => (t >= s.now ? undefined : this.attachments.cellsAt(id, t)) ?? radioCells(this.model, entryAt(s.nodes, id)),
      deadline: arrivalDeadline(this.model, linkDelayAt(this.model, s.commands)),
      pathOf: (end) => {
        if (!this.paths.has(end.id)) this.paths.set(end.id, followPath(this.model, s.trace.byId, end));
        return this.paths.get(end.id)!;
      },
    });
    const key = routeKey(value);
    if (key !== this.cached.key) this.cached = { key, value };
    return this.cached.value;
  }

  /** The route of the newest delivery the banner stands on (a route, or one to an agent the mobile node has left). */
  path(s: RouteSource): CurrentPath | null {
    const r = this.routeNow(s);
    return r.kind === 'route' || r.kind === 'left' ? r.path : null;
  }

  /** The hops to light on the canvas: the working route, or the way the newest lost datagram went. Never a route to an agent the mobile node has left. */
  highlight(s: RouteSource): Highlight | null {
    const r = this.routeNow(s);
    const value: Highlight | null = r.kind === 'route' ? { hops: r.path.hops, tone: 'route' } : r.kind === 'lost' && r.trail.length > 0 ? { hops: r.trail, tone: 'lost' } : null;
    const key = value === null ? '' : `${value.tone}:${hopSignature(value.hops)}`;
    if (key !== this.highlightCache.key) this.highlightCache = { key, value };
    return this.highlightCache.value;
  }
}

function radioCells(model: CanvasModel, view: NodeView | undefined): string[] {
  if (view === undefined) return [];
  const out: string[] = [];
  for (const iface in view.attachments) for (const link of view.attachments[iface]!) if (model.links.get(link)?.kind === 'radio') out.push(link);
  return out;
}

/** Equal for two answers the banner would word the same way. */
export function routeKey(r: RouteNow): string {
  switch (r.kind) {
    case 'none':
      return 'none';
    case 'route':
      return `route:${r.path.delivered}`;
    case 'left':
      return `left:${r.path.delivered}:${r.agent}`;
    case 'lost':
      return `lost:${r.event}:${r.count}:${r.why}`;
  }
}

/** What the canvas highlights: equal for two deliveries that took the same route. */
export function hopSignature(hops: readonly PathHop[]): string {
  return hops.map((h) => `${h.from}>${h.to}@${h.link}`).join(' ');
}

export function pathSignature(path: CurrentPath | null): string {
  return path === null ? '' : hopSignature(path.hops);
}
