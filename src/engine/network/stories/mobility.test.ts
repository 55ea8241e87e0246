// Story: a mobile host walks from one access point's cell, through a gap, into
// another's (topology in test-support/cells.ts). Its position alone decides
// which access point hears it; the routes of everyone who cares follow.

import { describe, expect, it } from 'vitest';
import { hostBehaviour, initialHostState, type HostState } from '../behaviours/host';
import { initialRouterState, routerBehaviour } from '../behaviours/router';
import { defaultLinkAddress } from '../../node/link-address';
import { createSimulation, nodeSetup } from '../simulation';
import { cellsSimulation, cellsTopology } from '../test-support/cells';
import { eventsOf, injectorBehaviour } from '../test-support/scenarios';

describe('a mobile host moving between cells', () => {
  it('is heard by AP1, then by nobody, then by AP2', () => {
    const sim = cellsSimulation(1);
    sim.moveNode('MN', { x: 150, y: 0 }, 3500); // the gap between the cells
    sim.moveNode('MN', { x: 300, y: 0 }, 6500);
    sim.runUntilIdle();

    const heardBy = (ap: string): number[] => eventsOf(sim.trace, ap, 'received').filter((e) => e.interface === 'wlan0').map((e) => e.time);
    expect(heardBy('AP1')).toEqual([10, 1010, 2010, 3010]);
    expect(heardBy('AP2')).toEqual([7010, 8010, 9010]);
    const silent = eventsOf(sim.trace, 'MN', 'dropped');
    expect(silent.map((e) => e.time)).toEqual([4000, 5000, 6000]);
    // Out of every cell the MN has no links, so the routing left it no routes.
    expect(silent[0]!.reason).toBe("no route to 10.3.0.10 in this node's forwarding table");
    expect(sim.trace.find((e) => e.node === 'MN' && e.kind === 'table-changed' && e.time === 3500 && e.interface === undefined)!.after).toEqual([]);

    const cn = sim.nodeState<HostState>('CN').deliveries.map((d) => d.sequence);
    expect(cn).toEqual([0, 1, 2, 3, 7, 8, 9]);
    expect(sim.attachment('MN', 'wlan0')).toEqual(['cellB']);
    expect(sim.position('MN')).toEqual({ x: 300, y: 0 });
  });

  it('each change of attachment is traced with before and after, and routes follow it', () => {
    const sim = cellsSimulation(1);
    sim.moveNode('MN', { x: 150, y: 0 }, 3500);
    sim.moveNode('MN', { x: 300, y: 0 }, 6500);
    sim.moveNode('MN', { x: 310, y: 5 }, 7500); // still inside cellB: nothing to report
    sim.runUntilIdle();
    const moves = sim.trace.filter((e) => e.node === 'MN' && e.kind === 'table-changed' && e.interface === 'wlan0');
    expect(moves.map((e) => [e.time, e.summary, e.before, e.after])).toEqual([
      [3500, 'radio out of range of every cell (was attached to cellA)', ['cellA'], []],
      [6500, 'radio attached to cellB (was out of range of every cell)', [], ['cellB']],
    ]);
    // The MN's own table (via AP2 now) and AP1's and AP2's neighbour lists changed at 6500; R's did not.
    const at6500 = sim.trace.filter((e) => e.time === 6500 && e.kind === 'table-changed').map((e) => e.node);
    expect(at6500).toEqual(['MN', 'AP2', 'MN']);
    expect(sim.forwardingTable('MN')!.routes.find((r) => r.destination === '10.3.0.0')).toMatchObject({ interface: 'wlan0', nextHop: '192.168.2.1' });
    expect(sim.forwardingTable('AP2')!.neighbours.map((n) => n.address)).toEqual(['10.0.2.1', '10.9.0.10']);
    expect(sim.forwardingTable('AP1')!.neighbours.map((n) => n.address)).toEqual(['10.0.1.1']);
  });

  it('nobody can reach the home address: routing goes by prefix, which is the problem Mobile IP solves', () => {
    const sim = cellsSimulation(1);
    sim.command('CN', { type: 'send-udp', destination: '10.9.0.10', sourcePort: 7, destinationPort: 5000, payload: new Uint8Array(4) }, 100);
    sim.runUntil(200);
    const [drop] = eventsOf(sim.trace, 'CN', 'dropped');
    expect(drop!.reason).toBe('no route to 10.9.0.10, so no source address to send from');
  });

  it('a frame sent into a cell the mobile host has left reaches no one: its sender traces it lost, when it would have arrived, and says where the host went', () => {
    const sim = createSimulation({
      topology: cellsTopology,
      seed: 1,
      nodes: {
        CN: nodeSetup(hostBehaviour, initialHostState()),
        R: nodeSetup(routerBehaviour, initialRouterState()),
        AP1: nodeSetup(injectorBehaviour, null),
        AP2: nodeSetup(routerBehaviour, initialRouterState()),
        MN: nodeSetup(hostBehaviour, initialHostState()),
      },
    });
    const toMn = { type: 'inject', interface: 'wlan0', destination: defaultLinkAddress(4, 0), bytes: new Uint8Array(20) };
    sim.command('AP1', toMn, 100);
    sim.moveNode('MN', { x: 300, y: 0 }, 200); // into cellB
    sim.command('AP1', toMn, 300);
    sim.moveNode('MN', { x: 150, y: 0 }, 400); // out of range of every cell
    sim.command('AP1', toMn, 500);
    sim.runUntilIdle();
    expect(eventsOf(sim.trace, 'MN', 'received').map((e) => e.time)).toEqual([110]);
    const sent = eventsOf(sim.trace, 'AP1', 'sent');
    expect(sent.map((e) => e.time)).toEqual([100, 300, 500]);
    const lost = eventsOf(sim.trace, 'AP1', 'lost');
    expect(lost.map((e) => [e.time, e.causedBy, e.interface, e.summary, e.reason])).toEqual([
      [310, sent[1]!.id, 'wlan0', 'lost on link cellA: no station there has its destination address', 'no station on cellA has that address: MN, whose address it is, has left the cell (it is now attached to cellB)'],
      [510, sent[2]!.id, 'wlan0', 'lost on link cellA: no station there has its destination address', 'no station on cellA has that address: MN, whose address it is, has left the cell (it is now out of range of every cell)'],
    ]);
    expect(lost.every((e) => e.ref === 'lab link model: delay, loss, bandwidth')).toBe(true);
  });

  it('a frame sent out of range of every cell goes nowhere, and the trace says so', () => {
    const sim = createSimulation({
      topology: cellsTopology,
      seed: 1,
      nodes: {
        CN: nodeSetup(hostBehaviour, initialHostState()),
        R: nodeSetup(routerBehaviour, initialRouterState()),
        AP1: nodeSetup(routerBehaviour, initialRouterState()),
        AP2: nodeSetup(routerBehaviour, initialRouterState()),
        MN: nodeSetup(injectorBehaviour, null),
      },
    });
    const broadcast = { type: 'inject', interface: 'wlan0', destination: 'ff:ff:ff:ff:ff:ff', bytes: new Uint8Array(20) };
    sim.command('MN', broadcast, 100);
    sim.moveNode('MN', { x: 150, y: 0 }, 200);
    sim.command('MN', broadcast, 300);
    sim.runUntilIdle();
    expect(eventsOf(sim.trace, 'AP1', 'received').map((e) => e.time)).toEqual([110]);
    expect(eventsOf(sim.trace, 'MN', 'dropped')).toEqual([]);
    const [drop] = eventsOf(sim.trace, 'MN', 'lost');
    expect(drop).toMatchObject({ time: 300, interface: 'wlan0', summary: 'not transmitted: injected 20 octets', reason: 'its radio is out of range of every cell, so it is attached to no link' });
  });
});
