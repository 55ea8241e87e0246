// A radio cell (docs/architecture.md "UI": access points show their radio cells): the
// circle in which a mobile node's radio attaches to the cell's agent
// (network/radio.ts). Drawn behind everything; ignores the pointer so the
// mobile node can be dragged across it.

import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { CellFlowNode } from '../flow/build-flow';

export const CellNode = memo(function CellNode({ data }: NodeProps<CellFlowNode>) {
  const { cell, labelTier } = data;
  return (
    <div className={`canvas-cell canvas-cell--label-tier-${labelTier}`} data-cell-id={cell.id}>
      <span className="canvas-cell-label">{cell.label}</span>
    </div>
  );
});
