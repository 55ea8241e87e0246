// A radio cell (docs/architecture.md "UI": access points show their radio cells): the
// circle in which a mobile node's radio attaches to the cell's agent
// (network/radio.ts). Drawn behind everything; ignores the pointer so the
// mobile node can be dragged across it.

import type { NodeProps } from '@xyflow/react';
import { memo, type CSSProperties } from 'react';
import type { CellFlowNode } from '../flow/build-flow';

export const CellNode = memo(function CellNode({ data }: NodeProps<CellFlowNode>) {
  const { cell, labelTier } = data;
  // A dual-stack cell is labelled "AR1 cell 192.168.2.0/24 · 2001:db8:2::/64" (docs/ipv6.md §2): each
  // prefix on a line of its own, rather than wrapped mid-address; presentation.css moves the
  // lines clear of the cell by their count (the first wraps once at presentation size).
  const parts = cell.label.split(' · ');
  if (parts.length === 1) {
    return (
      <div className={`canvas-cell canvas-cell--label-tier-${labelTier}`} data-cell-id={cell.id}>
        <span className="canvas-cell-label">{cell.label}</span>
      </div>
    );
  }
  return (
    <div className={`canvas-cell canvas-cell--stacked canvas-cell--label-tier-${labelTier}`} data-cell-id={cell.id} style={{ '--cell-label-lines': parts.length + 1 } as CSSProperties}>
      <span className="canvas-cell-label">{parts.map((p, i) => <span key={i} className="canvas-cell-label-line">{p}</span>)}</span>
    </div>
  );
});
