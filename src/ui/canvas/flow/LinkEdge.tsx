// A link between two node centres: a solid wire (with its delay, which is what
// makes triangle routing slower) or the dashed radio link of a mobile node's
// current attachment. Edges on the current CN → MN path are highlighted; when
// datagrams are being lost, the way the newest one went before it died is
// drawn red instead, so a broken route never looks like a working one.

import { getStraightPath, type EdgeProps } from '@xyflow/react';
import { memo, type CSSProperties } from 'react';
import type { LinkFlowEdge } from './build-flow';

export const LinkEdge = memo(function LinkEdge({ sourceX, sourceY, targetX, targetY, data }: EdgeProps<LinkFlowEdge>) {
  const [path, labelX, labelY] = getStraightPath({ sourceX, sourceY, targetX, targetY });
  const kind = data?.kind ?? 'wire';
  const onPath = data?.onPath === true;
  const tone = data?.lostPath === true ? ' canvas-edge--lost-path' : ' canvas-edge--on-path';
  // The delay sits beside the line (on the side of the normal pointing up), not across it; the
  // normal is also handed to the CSS, which moves a label enlarged for presentation farther out.
  const length = Math.hypot(targetX - sourceX, targetY - sourceY) || 1;
  let nx = -(targetY - sourceY) / length;
  let ny = (targetX - sourceX) / length;
  if (ny > 0) {
    nx = -nx;
    ny = -ny;
  }
  return (
    <>
      {onPath ? <path d={path} className={`canvas-edge-path-glow${data?.lostPath === true ? ' canvas-edge-path-glow--lost' : ''}`} /> : null}
      <path d={path} className={`canvas-edge canvas-edge--${kind}${onPath ? tone : ''}`} />
      {data?.label === undefined ? null : (
        <text x={labelX + nx * 11} y={labelY + ny * 11} className="canvas-edge-label" textAnchor="middle" dominantBaseline="central" style={{ '--nx': nx.toFixed(3), '--ny': ny.toFixed(3) } as CSSProperties}>
          {data.label}
        </text>
      )}
    </>
  );
});
