// Packets moving along the links at the current speed, drawn in ONE SVG inside
// xyflow's viewport (ViewportPortal), in scenario coordinates — never as
// xyflow nodes, which would cost a React Flow update per packet per frame.
// Each packet in flight at `now` sits (now − sent) / (arrival − sent) of the
// way from sender to receiver (through the hub on a LAN), coloured by kind;
// a tunnelled datagram wears an outer ring, as it wears an outer header.
// Lost or dropped packets show a brief red cross. Per frame the work is the
// FlightIndex lookup (flight-index.ts) plus the packets drawn.

import { ViewportPortal } from '@xyflow/react';
import { memo, useMemo } from 'react';
import type { Position } from '../../../engine/network/topology';
import type { NodeId, TraceEvent } from '../../../engine/node/contract';
import { KIND_COLOUR, KIND_LABEL } from '../../inspector/packet-kinds';
import { useLab } from '../../store/lab-store';
import { hubId, type CanvasModel } from '../model/canvas-model';
import { FlightIndex, type Flight } from '../model/flight-index';
import { pointAlong } from '../model/geometry';
import { estimateHops, linkDelayAt } from '../model/hops';
import { dropWindow, lostTowards } from './drop-window';
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

function dropPoint(positions: ReadonlyMap<NodeId, Position>, e: TraceEvent): Position | undefined {
  const at = positions.get(e.node);
  const towards = lostTowards(e.summary);
  const to = towards === undefined ? undefined : positions.get(towards);
  if (at === undefined) return undefined;
  // A frame lost on a link is marked half-way along it; a datagram a node refused, beside that node.
  return to === undefined ? { x: at.x + 22, y: at.y - 22 } : pointAlong([at, to], 0.5);
}

export const PacketOverlay = memo(function PacketOverlay({ model, positions }: Props) {
  const index = useMemo(() => new FlightIndex(model), [model]);
  const now = useLab((s) => s.now);
  const traceVersion = useLab((s) => s.traceVersion);
  const selected = useLab((s) => s.selectedPacket);
  const speed = useLab((s) => s.speed);
  // Presentation mode: bigger dots for the back of the lecture hall.
  const scale = useLab((s) => (s.presentation ? 1.5 : 1));

  // Incremental and idempotent: safe to run during render, once per trace version.
  useMemo(() => {
    const { trace, nodes, commands } = useLab.getState();
    const delayOf = linkDelayAt(model, commands);
    index.sync(trace, (tx) => estimateHops(model, tx, (id) => nodes[id]?.attachments, delayOf));
  }, [index, model, traceVersion]);

  const flights = index.inFlight(now);
  const drops = index.dropsWithin(now - dropWindow(speed), now);
  const selectPacket = useLab.getState().selectPacket;
  const slots = spreadSlots(flights);

  return (
    <ViewportPortal>
      <svg className="canvas-packets" role="group" aria-label={`Packets in flight: ${flights.length}`} data-in-flight={flights.length}>
        {drops.map((e) => {
          const p = dropPoint(positions, e);
          if (p === undefined) return null;
          return (
            <g key={e.id} className="canvas-drop nopan" transform={`translate(${p.x} ${p.y})`} data-event-id={e.id}>
              <title>{`${e.node}: ${e.summary}${e.reason === undefined ? '' : ` — ${e.reason}`}`}</title>
              <g transform={scale === 1 ? undefined : `scale(${scale})`}>
                <circle r="9" className="canvas-drop-disc" />
                <path d="M-4 -4L4 4M4 -4L-4 4" className="canvas-drop-cross" />
              </g>
            </g>
          );
        })}
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
