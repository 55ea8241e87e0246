// Packets moving along the links at the current speed, drawn in ONE SVG inside
// xyflow's viewport (ViewportPortal), in scenario coordinates — never as
// xyflow nodes, which would cost a React Flow update per packet per frame.
// Each packet in flight at `now` sits (now − sent) / (arrival − sent) of the
// way from sender to receiver (through the hub on a LAN), coloured by kind;
// a tunnelled datagram wears an outer ring, as it wears an outer header.
// Lost or dropped packets are marked with a red cross where they died — a
// refused datagram beside the node, a frame lost on a link half-way along it,
// a frame nobody received (sent into a cell the mobile node had left: its
// sender's `lost` event, or in a trace without one the deadline) in that
// cell — for 1.5 s of wall-clock time at any speed (drop-window.ts). Per frame
// the work is the FlightIndex lookups (flight-index.ts) plus what is drawn.

import { ViewportPortal } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { entryAt } from '../../../engine/keyed';
import type { Position } from '../../../engine/network/topology';
import type { NodeId, TraceEvent } from '../../../engine/node/contract';
import type { Micros } from '../../../engine/node/time';
import { KIND_COLOUR, KIND_LABEL } from '../../inspector/packet-kinds';
import { useLabState, useLabStore } from '../../store/lab-store-context';
import { useTraceViewHere } from '../../store/trace-view';
import { hubId, interfaceKey, type CanvasModel } from '../model/canvas-model';
import { FlightIndex, type Flight, type Vanished } from '../model/flight-index';
import { pointAlong } from '../model/geometry';
import { arrivalDeadline, estimateHops, linkDelayAt } from '../model/hops';
import { dropWindow, lostTowards, markOpacity } from './drop-window';
import { SPREAD_GAP, spreadSlots } from './spread';

interface Props {
  readonly model: CanvasModel;
  readonly positions: ReadonlyMap<NodeId, Position>;
}

function flightPoints(model: CanvasModel, positions: ReadonlyMap<NodeId, Position>, f: Flight): Position[] {
  const from = positions.get(f.hop.from);
  const to = positions.get(f.hop.to);
  if (from === undefined || to === undefined) return [];
  const hub = model.links.get(f.hop.link)?.kind === 'segment' ? positions.get(hubId(f.hop.link)) : undefined;
  return hub === undefined ? [from, to] : [from, hub, to];
}

/** One mark: where a packet died, when, and its accessible name. */
interface Mark {
  readonly key: string;
  readonly at: Position;
  readonly time: Micros;
  readonly name: string;
  readonly eventId: string;
}

function dropMark(model: CanvasModel, positions: ReadonlyMap<NodeId, Position>, e: TraceEvent): Mark | undefined {
  const at = positions.get(e.node);
  const towards = lostTowards(e.summary);
  const to = towards === undefined ? undefined : positions.get(towards);
  if (at === undefined) return undefined;
  // A frame that reached no one (its sender's `lost` event): in the cell it was sent into, as for one found by deadline.
  if (e.kind === 'lost' && towards === undefined) {
    const { p, where } = lostPlace(model, at, e);
    return { key: e.id, at: p, time: e.time, name: `Lost ${where}: ${e.reason ?? e.summary}`, eventId: e.id };
  }
  // A frame lost on a link is marked half-way along it; a datagram a node refused, beside that node.
  const p = to === undefined ? { x: at.x + 22, y: at.y - 22 } : pointAlong([at, to], 0.5);
  const what = towards === undefined ? `Dropped by ${e.node}` : `Lost on the way from ${e.node} to ${towards}`;
  return { key: e.id, at: p, time: e.time, name: `${what}: ${e.summary}${e.reason === undefined ? '' : ` — ${e.reason}`}`, eventId: e.id };
}

/** Where a frame sent by `e.node` on `e.interface` that nobody received is marked: in the cell it was sent into, else beside the sender. */
function lostPlace(model: CanvasModel, at: Position, e: TraceEvent): { p: Position; where: string } {
  const link = model.fixedLink.get(interfaceKey(e.node, e.interface ?? ''));
  const cell = model.cells.find((c) => c.id === link);
  // Near the cell's centre, clear of the agent's label.
  const p = cell !== undefined && Math.hypot(cell.centre.x - at.x, cell.centre.y - at.y) > 30 ? pointAlong([at, cell.centre], 0.85) : { x: at.x + 22, y: at.y - 22 };
  return { p, where: cell === undefined ? `on link ${link ?? '?'}` : `in ${cell.label}` };
}

function vanishedMark(model: CanvasModel, positions: ReadonlyMap<NodeId, Position>, v: Vanished): Mark | undefined {
  const tx = v.row.event;
  const at = positions.get(tx.node);
  if (at === undefined) return undefined;
  const { p, where } = lostPlace(model, at, tx);
  return { key: `lost:${tx.id}`, at: p, time: v.at, name: `Lost ${where}: no node received #${v.row.number} ${v.row.summary} from ${tx.node}`, eventId: tx.id };
}

export const PacketOverlay = memo(function PacketOverlay({ model, positions }: Props) {
  const index = useMemo(() => new FlightIndex(model), [model]);
  const store = useLabStore();
  const now = useLabState((s) => s.now);
  const trace = useTraceViewHere();
  const selected = useLabState((s) => s.selectedPacket);
  const speed = useLabState((s) => s.speed);
  // Presentation mode: bigger dots for the back of the lecture hall.
  const scale = useLabState((s) => (s.presentation ? 1.5 : 1));

  // Incremental and idempotent: safe to run during render, once per view of the trace (store/trace-view.ts).
  // The attachments and link delays are read as they are then, not subscribed to: only new packets need them.
  useMemo(() => {
    const { nodes, commands } = store.getState();
    const delayOf = linkDelayAt(model, commands);
    index.sync(trace.log, (tx) => estimateHops(model, tx, (id) => entryAt(nodes, id)?.attachments, delayOf), arrivalDeadline(model, delayOf));
  }, [index, model, trace, store]);

  const flights = index.inFlight(now);
  const markWindow = dropWindow(speed);
  const marks = [
    ...index.dropsWithin(now - markWindow, now).map((e) => dropMark(model, positions, e)),
    ...index.vanishedWithin(now - markWindow, now).map((v) => vanishedMark(model, positions, v)),
  ].filter((m): m is Mark => m !== undefined);
  const selectPacket = store.getState().selectPacket;
  const slots = spreadSlots(flights);

  return (
    <ViewportPortal>
      <svg className="canvas-packets" role="group" aria-label={`Packets in flight: ${flights.length}; lost just now: ${marks.length}`} data-in-flight={flights.length} data-lost={marks.length}>
        {marks.map((m) => (
          <g
            key={m.key}
            className="canvas-drop nopan"
            transform={`translate(${m.at.x} ${m.at.y})`}
            data-event-id={m.eventId}
            role="img"
            aria-label={m.name}
            opacity={markOpacity(now - m.time, markWindow)}
          >
            <title>{m.name}</title>
            <g transform={scale === 1 ? undefined : `scale(${scale})`}>
              <circle r="10" className="canvas-drop-disc" />
              <path d="M-4.5 -4.5L4.5 4.5M4.5 -4.5L-4.5 4.5" className="canvas-drop-cross" />
            </g>
          </g>
        ))}
        {flights.map((f) => {
          const points = flightPoints(model, positions, f);
          if (points.length === 0) return null;
          const along = pointAlong(points, f.progress);
          const slot = slots.get(f.key) ?? 0;
          const first = points[0]!;
          const last = points[points.length - 1]!;
          const length = Math.hypot(last.x - first.x, last.y - first.y) || 1;
          const p = slot === 0 ? along : {
            x: along.x - ((last.y - first.y) / length) * slot * SPREAD_GAP * scale,
            y: along.y + ((last.x - first.x) / length) * slot * SPREAD_GAP * scale,
          };
          const row = f.packet;
          const isSelected = row.id === selected;
          const name = `#${row.number} ${KIND_LABEL[row.kind]}: ${row.summary} (${f.hop.from} → ${f.hop.to})`;
          return (
            <g
              key={f.key}
              className={`canvas-packet canvas-packet--${row.kind}${isSelected ? ' canvas-packet--selected' : ''} nopan`}
              transform={`translate(${p.x} ${p.y})`}
              data-packet-id={row.id}
              data-kind={row.kind}
              // A pointer shortcut to a packet the learner sees moving. Not in the tab order: dots
              // appear and vanish every frame; the keyboard selects the same packet in the packet list.
              role="button"
              tabIndex={-1}
              aria-label={name}
              aria-pressed={isSelected}
              onClick={() => selectPacket(row.id)}
            >
              <title>{name}</title>
              <g transform={scale === 1 ? undefined : `scale(${scale})`}>
                {isSelected ? <circle r="12" className="canvas-packet-halo" /> : null}
                {row.tunnels.length > 0 ? <circle r="8.5" className="canvas-packet-ring" stroke={KIND_COLOUR[row.kind]} /> : null}
                <circle r="5.5" className="canvas-packet-dot" fill={KIND_COLOUR[row.kind]} />
              </g>
            </g>
          );
        })}
      </svg>
    </ViewportPortal>
  );
});
