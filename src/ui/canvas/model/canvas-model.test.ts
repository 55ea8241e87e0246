import { describe, expect, it } from 'vitest';
import { loadBuiltin } from '../../../scenarios/builtin';
import { buildCanvasModel, hubId, interfaceKey } from './canvas-model';

describe('buildCanvasModel (smooth-handoff.json)', () => {
  const model = buildCanvasModel(loadBuiltin('smooth-handoff'));

  it('places every node at its scenario position with its role and label', () => {
    expect(model.nodes.map((n) => [n.id, n.role, n.position.x, n.position.y])).toEqual([
      ['HA', 'home-agent', 160, 330],
      ['R', 'router', 480, 120],
      ['FA1', 'foreign-agent', 540, 330],
      ['FA2', 'foreign-agent', 780, 330],
      ['CN', 'correspondent', 860, 120],
      ['MN', 'mobile-node', 540, 470],
    ]);
    expect(model.nodeById.get('MN')!.label).toBe('Mobile node');
    expect(model.nodes.filter((n) => n.mobile).map((n) => n.id)).toEqual(['MN']);
  });

  it('draws the three radio cells, each owned by the agent on it', () => {
    expect(model.cells.map((c) => [c.id, c.owner, c.centre.x, c.centre.y, c.radius])).toEqual([
      ['home', 'HA', 160, 450, 120],
      ['cell1', 'FA1', 540, 450, 150],
      ['cell2', 'FA2', 780, 450, 150],
    ]);
    // LinkSpec carries no label, so the cell is named by its agent and on-link prefix.
    expect(model.cells[1]!.label).toBe('FA1 cell 192.168.2.0/24');
  });

  it('keeps point-to-point links between their two ends and gives the segment a hub between its members', () => {
    const byId = new Map(model.wires.map((w) => [w.id, w] as const));
    expect(byId.get('ha-r')).toMatchObject({ kind: 'point-to-point', members: ['HA', 'R'], delay: 8000 });
    expect(byId.get('fa2-r')).toMatchObject({ members: ['R', 'FA2'], delay: 3000 });
    // cn-lan: R (480, 120) and CN (860, 120) → hub half-way, (670, 120).
    expect(byId.get('cn-lan')).toMatchObject({ kind: 'segment', members: ['R', 'CN'], hub: { x: 670, y: 120 } });
    expect(hubId('cn-lan')).toBe('lan:cn-lan');
  });

  it('indexes interfaces by link and by address', () => {
    expect(model.fixedLink.get(interfaceKey('R', 'eth3'))).toBe('cn-lan');
    expect(model.fixedLink.get(interfaceKey('MN', 'wlan0'))).toBeUndefined();
    expect(model.nodeByAddress.get('192.168.3.1')).toBe('FA2');
    expect(model.nodeByAddress.get('10.1.0.10')).toBe('MN');
  });
});
