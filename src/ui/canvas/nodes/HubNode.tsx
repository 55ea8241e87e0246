// A shared LAN segment drawn as a small bus bar that every member's edge
// meets, labelled with the segment (its label or id and prefix).

import { Handle, Position as Side, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { HubFlowNode } from '../flow/build-flow';

export const HubNode = memo(function HubNode({ data }: NodeProps<HubFlowNode>) {
  const { wire, onPath, lostPath } = data;
  return (
    <div className={`canvas-hub${onPath ? ' canvas-hub--on-path' : ''}${lostPath === true ? ' canvas-hub--lost-path' : ''}`} data-link-id={wire.id}>
      <Handle type="target" position={Side.Top} isConnectable={false} className="canvas-handle" />
      <Handle type="source" position={Side.Top} isConnectable={false} className="canvas-handle" />
      <span className="canvas-hub-bar" aria-hidden="true"><span className="canvas-hub-bar-text">LAN</span></span>
      <span className="canvas-hub-label">{wire.label}</span>
    </div>
  );
});
