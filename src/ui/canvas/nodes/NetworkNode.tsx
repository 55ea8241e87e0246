// A network node: a real <button> (role "button", accessible name = the node
// id, e.g. "MN"; description = label, role and attachment) holding the role's
// icon, with the id and label written underneath. Clicking or pressing Enter
// selects it; on a mobile node the arrow keys move it (keyboard-move.ts).

import { Handle, Position as Side, type NodeProps } from '@xyflow/react';
import { memo, useContext, useId, type KeyboardEvent } from 'react';
import { arrowDelta } from '../model/keyboard-move';
import type { NetworkFlowNode } from '../flow/build-flow';
import { CanvasActionsContext } from './canvas-actions';
import { NodeIcon } from './NodeIcon';

export const NetworkNode = memo(function NetworkNode({ data }: NodeProps<NetworkFlowNode>) {
  const { node, selected, description, outOfRange, onPath, lostPath } = data;
  const actions = useContext(CanvasActionsContext);
  const descriptionId = useId();
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>): void => {
    if (!node.mobile) return;
    const delta = arrowDelta(e.key, e.shiftKey);
    if (delta === null) return;
    e.preventDefault();
    e.stopPropagation();
    actions.moveBy(node.id, delta);
  };
  const classes = ['canvas-node', `canvas-node--${node.role}`];
  if (selected) classes.push('canvas-node--selected');
  if (onPath) classes.push(lostPath === true ? 'canvas-node--lost-path' : 'canvas-node--on-path');
  if (outOfRange) classes.push('canvas-node--out-of-range');
  if (node.mobile) classes.push('canvas-node--mobile');
  return (
    <div className={classes.join(' ')} data-node-id={node.id}>
      <Handle type="target" position={Side.Top} isConnectable={false} className="canvas-handle" />
      <Handle type="source" position={Side.Top} isConnectable={false} className="canvas-handle" />
      <button
        type="button"
        className="canvas-node-button"
        aria-label={node.id}
        aria-describedby={descriptionId}
        aria-pressed={selected}
        onClick={() => actions.select(node.id)}
        onKeyDown={onKeyDown}
      >
        <NodeIcon role={node.role} />
      </button>
      <span className="canvas-node-text" aria-hidden="true">
        <span className="canvas-node-id">{node.id}</span>
        <span className="canvas-node-label">{node.label}</span>
        {outOfRange ? <span className="canvas-node-badge">out of range</span> : null}
      </span>
      <span id={descriptionId} hidden>{description}</span>
    </div>
  );
});
