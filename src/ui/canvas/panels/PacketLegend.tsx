// The key to the packet colours on the canvas, in the palette every view shares
// (inspector/packet-kinds.ts); a ring marks a tunnelled datagram, a red cross a
// lost or dropped one.

import { memo } from 'react';
import type { PacketKind } from '../../../engine/wire/classify';
import { KIND_COLOUR, KIND_LABEL } from '../../inspector/packet-kinds';

const SHOWN: readonly PacketKind[] = ['data', 'tunnelled-data', 'control', 'key-exchange', 'discovery'];

export const PacketLegend = memo(function PacketLegend() {
  return (
    <ul className="canvas-legend" aria-label="Packet colours">
      {SHOWN.map((kind) => (
        <li key={kind}>
          <svg viewBox="-10 -10 20 20" className="canvas-legend-swatch" aria-hidden="true" focusable="false">
            {kind === 'tunnelled-data' ? <circle r="8.5" className="canvas-packet-ring" stroke={KIND_COLOUR[kind]} /> : null}
            <circle r="5.5" fill={KIND_COLOUR[kind]} />
          </svg>
          {KIND_LABEL[kind]}
        </li>
      ))}
      <li>
        <svg viewBox="-10 -10 20 20" className="canvas-legend-swatch" aria-hidden="true" focusable="false">
          <circle r="9" className="canvas-drop-disc" />
          <path d="M-4 -4L4 4M4 -4L-4 4" className="canvas-drop-cross" />
        </svg>
        Lost or dropped
      </li>
    </ul>
  );
});
