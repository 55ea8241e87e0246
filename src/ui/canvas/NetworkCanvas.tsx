// The network canvas (docs/architecture.md "UI"): nodes with role icons at the
// scenario's positions, wires and LAN hubs, radio cells behind everything, the
// mobile node's current radio attachment, packets moving along the links, and
// the current correspondent → mobile node path with its explanation — or,
// while datagrams are being lost, where they die and why. Reads
// only the lab store (`useLab`, or a compare side's: store/lab-store-context.ts); the learner's moves go out as `move` commands.
//
// Rendering is split by how often things change: the xyflow graph re-renders
// when a node moves, re-attaches, is selected or the path changes; the packet
// overlay re-renders every frame (store `now`); the path banner when its
// wording changes.

import '@xyflow/react/dist/style.css';
import './canvas.css';
import './presentation.css';
import { Controls, Panel, ReactFlow, ReactFlowProvider, useReactFlow, useStoreApi, type EdgeTypes, type FitViewOptions, type NodeTypes } from '@xyflow/react';
import { useMemo, useState } from 'react';
import type { LoadedScenario } from '../../scenarios/to-topology';
import { useLabState, useLabStore } from '../store/lab-store-context';
import { buildFlowEdges, buildFlowNodes, type CanvasFlowNode, type LinkFlowEdge } from './flow/build-flow';
import { FitOnResize } from './flow/FitOnResize';
import { LinkEdge } from './flow/LinkEdge';
import { drawnNodeViews, livePositions } from './flow/node-views';
import { useMobileMoves } from './flow/use-mobile-moves';
import { buildCanvasModel } from './model/canvas-model';
import { cellLabelTiers } from './model/cell-label-tiers';
import { PathWatcher } from './model/path-watcher';
import { CanvasActionsContext, type CanvasActions } from './nodes/canvas-actions';
import { CellNode } from './nodes/CellNode';
import { HubNode } from './nodes/HubNode';
import { NetworkNode } from './nodes/NetworkNode';
import { PacketOverlay } from './overlay/PacketOverlay';
import { PacketLegend } from './panels/PacketLegend';
import { PathBanner } from './panels/PathBanner';
import { ZoomScale } from './flow/ZoomScale';

const nodeTypes: NodeTypes = { network: NetworkNode, cell: CellNode, hub: HubNode };
const edgeTypes: EdgeTypes = { link: LinkEdge };
const NODE_ORIGIN: [number, number] = [0.5, 0.5];
// Room above for the path banner (up to three lines when datagrams are lost) and below for the
// legend, so neither hides a node. In presentation mode both sit in strips beside the network
// instead (presentation.css): the padding only keeps the labels and the zoom buttons clear.
const FIT_VIEW: FitViewOptions = { padding: { top: '76px', bottom: '44px', left: '20px', right: '56px' } };
const FIT_VIEW_PRESENTATION: FitViewOptions = { padding: { top: '50px', bottom: '50px', left: '24px', right: '56px' } };
/** Presentation mode with cell labels on a second tier (model/cell-label-tiers.ts): room under the cells for both. */
const FIT_VIEW_PRESENTATION_TIERS: FitViewOptions = { padding: { top: '50px', bottom: '94px', left: '24px', right: '56px' } };
/** The same with dual-stack cell labels, three lines a tier (nodes/CellNode.tsx). */
const FIT_VIEW_PRESENTATION_TIERS_STACKED: FitViewOptions = { padding: { top: '50px', bottom: '140px', left: '24px', right: '56px' } };
const NODE_HELP = 'Each network node is a button: Enter selects it. Arrow keys move a focused mobile node (Shift: farther).';
const A11Y_TEXT = { 'node.a11yDescription.default': NODE_HELP, 'node.a11yDescription.keyboardDisabled': NODE_HELP };

/** A fresh flow (and so a fresh fitView) per opened scenario. */
const scenarioKeys = new WeakMap<LoadedScenario, number>();
let scenarioCount = 0;
function keyOf(scenario: LoadedScenario): number {
  let k = scenarioKeys.get(scenario);
  if (k === undefined) {
    k = ++scenarioCount;
    scenarioKeys.set(scenario, k);
  }
  return k;
}

/** `flowId` tells two canvases on one page apart (the compare page): the drawing library names its elements by it. */
export function NetworkCanvas({ flowId }: { readonly flowId?: string } = {}) {
  const scenario = useLabState((s) => s.scenario);
  // The first run opens a moment after the page paints (its code loads beside the canvas's): say so meanwhile.
  const opening = useLabState((s) => s.scenario === null && s.loadError === null && s.status === 'loading');
  if (scenario === null) {
    return <div className="network-canvas network-canvas--empty" role="status">{opening ? 'Opening the scenario…' : 'No network loaded yet.'}</div>;
  }
  return (
    <ReactFlowProvider key={keyOf(scenario)}>
      <CanvasFlow scenario={scenario} flowId={flowId} />
    </ReactFlowProvider>
  );
}

function CanvasFlow({ scenario, flowId }: { readonly scenario: LoadedScenario; readonly flowId: string | undefined }) {
  const model = useMemo(() => buildCanvasModel(scenario), [scenario]);
  const watcher = useMemo(() => new PathWatcher(model), [model]);
  const store = useLabStore();
  // A new object only when a part drawn here changed (positions, attachments).
  const [selectViews] = useState(() => drawnNodeViews());
  const views = useLabState(selectViews);
  const selectedNode = useLabState((s) => s.selectedNode);
  const presentation = useLabState((s) => s.presentation);
  // The same object while the lit hops and their tone stay the same: a new delivery on the same route redraws nothing.
  const stablePath = useLabState((s) => watcher.highlight(s));

  const moves = useMobileMoves(model, views);
  const positions = useMemo(() => livePositions(model, views, moves.overrides), [model, views, moves.overrides]);
  const nodes = useMemo<CanvasFlowNode[]>(() => buildFlowNodes(model, positions, views, selectedNode, stablePath), [model, positions, views, selectedNode, stablePath]);
  const edges = useMemo<LinkFlowEdge[]>(() => buildFlowEdges(model, views, stablePath), [model, views, stablePath]);

  const { moveBy } = moves;
  const tiered = useMemo(() => [...cellLabelTiers(model.cells).values()].includes(1), [model]);
  const stacked = useMemo(() => model.cells.some((c) => c.label.includes(' · ')), [model]);
  const fitOptions = presentation ? (tiered ? (stacked ? FIT_VIEW_PRESENTATION_TIERS_STACKED : FIT_VIEW_PRESENTATION_TIERS) : FIT_VIEW_PRESENTATION) : FIT_VIEW;
  const flow = useReactFlow();
  const flowStore = useStoreApi();
  const actions = useMemo<CanvasActions>(() => ({
    moveBy: (id, delta) => {
      const to = moveBy(id, delta);
      if (to === null) return;
      // Keep a node moved by the keyboard in sight when it nears the edge of the canvas — by fitting the
      // whole network again (once the move is drawn), not by centring on the node: the learner must still
      // see the correspondent and the route, or where datagrams now die, under the banner.
      const { width, height, transform: [tx, ty, zoom] } = flowStore.getState();
      const x = to.x * zoom + tx;
      const y = to.y * zoom + ty;
      const margin = 60;
      if (width > 0 && height > 0 && (x < margin || y < margin || x > width - margin || y > height - margin)) {
        requestAnimationFrame(() => void flow.fitView({ ...fitOptions, duration: 200 }));
      }
    },
    select: (id) => {
      const { selectedNode: current, selectNode } = store.getState();
      selectNode(current === id ? null : id);
    },
  }), [moveBy, flow, flowStore, fitOptions, store]);

  return (
    <CanvasActionsContext.Provider value={actions}>
      <div className={`network-canvas${presentation ? ' network-canvas--presentation' : ''}`}>
        {presentation ? <div className="canvas-strip canvas-strip--path"><PathBanner watcher={watcher} /></div> : null}
        <div className="canvas-flow-area">
          <ReactFlow<CanvasFlowNode, LinkFlowEdge>
            {...(flowId === undefined ? {} : { id: flowId })}
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onNodesChange={moves.onNodesChange}
            nodeOrigin={NODE_ORIGIN}
            fitView
            fitViewOptions={fitOptions}
            minZoom={0.2}
            maxZoom={4}
            nodesConnectable={false}
            nodesFocusable={false}
            edgesFocusable={false}
            elementsSelectable={false}
            deleteKeyCode={null}
            selectionKeyCode={null}
            multiSelectionKeyCode={null}
            zoomOnDoubleClick={false}
            nodeDragThreshold={2}
            ariaLabelConfig={A11Y_TEXT}
          >
            <FitOnResize options={fitOptions} />
            <ZoomScale />
            <PacketOverlay model={model} positions={positions} />
            {presentation ? null : (
              <>
                <Panel position="top-left" className="canvas-panel canvas-panel--path">
                  <PathBanner watcher={watcher} />
                </Panel>
                <Panel position="bottom-left" className="canvas-panel canvas-panel--legend">
                  <PacketLegend />
                </Panel>
              </>
            )}
            <Controls showInteractive={false} position="bottom-right" />
          </ReactFlow>
          {presentation ? (
            <div className="canvas-strip canvas-strip--legend">
              <PacketLegend />
              {/* The drawing library's credit, moved here from the corner where it would sit on the enlarged labels. */}
              <a className="canvas-credit" href="https://reactflow.dev" target="_blank" rel="noopener">React Flow</a>
            </div>
          ) : null}
        </div>
      </div>
    </CanvasActionsContext.Provider>
  );
}
