import { describe, expect, it } from 'vitest';
import type { NodeView } from '../../../runtime/types';
import { fixtureSource, runFixture } from '../../test-support/lab-fixture';
import { buildCanvasModel } from '../model/canvas-model';
import { PathWatcher } from '../model/path-watcher';
import { buildFlowEdges, buildFlowNodes, pathEdgeIds, type NetworkFlowNode } from './build-flow';
import { livePositions, nodeViewKey } from './node-views';

const fixture = runFixture('smooth-handoff', 2_100_000);
const model = buildCanvasModel(fixture.scenario);
const views = fixture.batch.nodes!;
const triangle = new PathWatcher(model).path(fixtureSource(fixture));

describe('buildFlowNodes', () => {
  const nodes = buildFlowNodes(model, livePositions(model, views, {}), views, 'FA1', triangle);
  const byId = new Map(nodes.map((n) => [n.id, n] as const));

  it('puts each radio cell behind everything, sized by its radius and centred on its centre', () => {
    expect(byId.get('cell:cell1')).toMatchObject({ type: 'cell', position: { x: 540, y: 450 }, width: 300, height: 300, zIndex: -1, draggable: false });
    expect(byId.get('cell:home')).toMatchObject({ width: 240 });
  });

  it('makes only the node with a radio interface draggable', () => {
    const draggable = nodes.filter((n) => n.type === 'network' && n.draggable).map((n) => n.id);
    expect(draggable).toEqual(['MN']);
  });

  it('marks the selected node and the nodes on the current path, and describes the mobile node', () => {
    const fa1 = byId.get('FA1') as NetworkFlowNode;
    const fa2 = byId.get('FA2') as NetworkFlowNode;
    const mn = byId.get('MN') as NetworkFlowNode;
    expect(fa1.data.selected).toBe(true);
    expect(fa1.data.onPath).toBe(true);
    expect(fa2.data.onPath).toBe(false);
    expect(mn.data.description).toBe('Mobile node. Attached to FA1 cell 192.168.2.0/24. Drag it, or press the arrow keys (Shift: 50 units), to move it through the cells.');
    expect(mn.data.outOfRange).toBe(false);
    expect(byId.get('lan:cn-lan')).toMatchObject({ type: 'hub', position: { x: 670, y: 120 } });
  });

  it('says "out of range" when the radio reaches no cell', () => {
    const away: Record<string, NodeView> = { ...views, MN: { ...views.MN!, position: { x: 1200, y: 900 }, attachments: { wlan0: [] } } };
    const mn = buildFlowNodes(model, livePositions(model, away, {}), away, null, null).find((n) => n.id === 'MN') as NetworkFlowNode;
    expect(mn.position).toEqual({ x: 1200, y: 900 });
    expect(mn.data.outOfRange).toBe(true);
    expect(mn.data.description).toContain('Out of range of every radio cell');
    expect(buildFlowEdges(model, away, null).filter((e) => e.data?.kind === 'radio')).toEqual([]);
  });
});

describe('buildFlowEdges', () => {
  const edges = buildFlowEdges(model, views, triangle);
  const byId = new Map(edges.map((e) => [e.id, e] as const));

  it('draws point-to-point links between their ends with their delay, and LAN members to the hub', () => {
    expect(byId.get('wire:ha-r')).toMatchObject({ source: 'HA', target: 'R', data: { kind: 'wire', label: '8 ms' } });
    expect(byId.get('wire:cn-lan:CN')).toMatchObject({ source: 'CN', target: 'lan:cn-lan' });
    expect(byId.get('wire:cn-lan:R')).toMatchObject({ source: 'R', target: 'lan:cn-lan' });
  });

  it('draws the mobile node’s attachment as a radio link from the cell’s agent', () => {
    expect(edges.filter((e) => e.data?.kind === 'radio').map((e) => [e.id, e.source, e.target])).toEqual([['radio:cell1:MN', 'FA1', 'MN']]);
  });

  it('lights the edges of the triangle route, and not the unused ones', () => {
    const lit = edges.filter((e) => e.data?.onPath).map((e) => e.id).sort();
    expect(lit).toEqual(['radio:cell1:MN', 'wire:cn-lan:CN', 'wire:cn-lan:R', 'wire:fa1-r', 'wire:ha-r']);
    expect(pathEdgeIds(model, null).size).toBe(0);
  });
});

describe('node views', () => {
  it('lets a dragged position win over the runtime’s, and the runtime’s over the scenario’s', () => {
    const p = livePositions(model, views, { MN: { x: 700, y: 460 } });
    expect(p.get('MN')).toEqual({ x: 700, y: 460 });
    expect(p.get('HA')).toEqual({ x: 160, y: 330 });
    expect(livePositions(model, {}, {}).get('MN')).toEqual({ x: 540, y: 470 });
    expect(p.get('lan:cn-lan')).toEqual({ x: 670, y: 120 });
  });

  it('keys views by position and attachment only', () => {
    const same = { ...views, MN: { ...views.MN!, state: { something: 'else' } } };
    expect(nodeViewKey(same)).toBe(nodeViewKey(views));
    const moved = { ...views, MN: { ...views.MN!, attachments: { wlan0: ['cell1', 'cell2'] } } };
    expect(nodeViewKey(moved)).not.toBe(nodeViewKey(views));
  });
});
