// The two-cell network of the mobility stories.
//
//        CN ─ lanC ─ R ═ a ═ AP1 ((cellA: centre (0, 0), r 100))
//                      ╚ b ═ AP2 ((cellB: centre (300, 0), r 100))
//   MN: radio, home address 10.9.0.10 (a prefix no link carries),
//   sends flow "m" to CN: 10 datagrams, one per ms from time 0.

import { hostBehaviour, initialHostState } from '../behaviours/host';
import { initialRouterState, routerBehaviour } from '../behaviours/router';
import { createSimulation, nodeSetup, type Simulation } from '../simulation';
import type { Topology } from '../topology';
import { flow } from './scenarios';

export const cellsTopology: Topology = {
  links: [
    { id: 'lanC', kind: 'segment', delay: 100 },
    { id: 'a', kind: 'point-to-point', delay: 1000 },
    { id: 'b', kind: 'point-to-point', delay: 1000 },
    { id: 'cellA', kind: 'radio', delay: 10, centre: { x: 0, y: 0 }, radius: 100 },
    { id: 'cellB', kind: 'radio', delay: 10, centre: { x: 300, y: 0 }, radius: 100 },
  ],
  nodes: [
    { id: 'CN', interfaces: [{ name: 'eth0', address: '10.3.0.10', prefixLength: 24, link: 'lanC' }] },
    { id: 'R', forwards: true, interfaces: [
      { name: 'eth0', address: '10.3.0.1', prefixLength: 24, link: 'lanC' },
      { name: 'eth1', address: '10.0.1.1', prefixLength: 30, link: 'a' },
      { name: 'eth2', address: '10.0.2.1', prefixLength: 30, link: 'b' },
    ] },
    { id: 'AP1', forwards: true, interfaces: [{ name: 'eth0', address: '10.0.1.2', prefixLength: 30, link: 'a' }, { name: 'wlan0', address: '192.168.1.1', prefixLength: 24, link: 'cellA' }] },
    { id: 'AP2', forwards: true, interfaces: [{ name: 'eth0', address: '10.0.2.2', prefixLength: 30, link: 'b' }, { name: 'wlan0', address: '192.168.2.1', prefixLength: 24, link: 'cellB' }] },
    { id: 'MN', position: { x: 0, y: 0 }, interfaces: [{ name: 'wlan0', address: '10.9.0.10', prefixLength: 24, radio: true }] },
  ],
};

export function cellsSimulation(seed: number): Simulation {
  return createSimulation({
    topology: cellsTopology,
    seed,
    nodes: {
      CN: nodeSetup(hostBehaviour, initialHostState()),
      R: nodeSetup(routerBehaviour, initialRouterState()),
      AP1: nodeSetup(routerBehaviour, initialRouterState()),
      AP2: nodeSetup(routerBehaviour, initialRouterState()),
      MN: nodeSetup(hostBehaviour, initialHostState([{ ...flow('m', '10.3.0.10', 0, 1000, 10), source: '10.9.0.10' }])),
    },
  });
}

