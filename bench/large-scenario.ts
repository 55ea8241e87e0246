// A large scenario for the throughput benchmark, generated as scenario data
// (the same format a learner writes, FORMAT.md) and validated like any file:
//
//   home cell ((HA)) ═ R ═ FA1 … FA20, each with its own radio cell (a 5 × 4 grid)
//                      ╚ 10 correspondent LANs of 10 correspondents each
//   50 mobile nodes, home agent HA, spread over the cells; each moves once to
//   the next cell; every correspondent sends a flow to one mobile node.

import { SCENARIO_FORMAT, type ScenarioInput } from '../src/scenarios/schema';
import type { Scenario } from '../src/scenarios/schema';
import { parseScenario } from '../src/scenarios/validate';

export interface LargeScenarioSize {
  readonly foreignAgents: number;
  readonly mobileNodes: number;
  readonly correspondents: number;
  readonly durationS: number;
}

export const LARGE: LargeScenarioSize = { foreignAgents: 20, mobileNodes: 50, correspondents: 100, durationS: 20 };

const CORRESPONDENTS_PER_LAN = 10;
const key = (n: number) => (n.toString(16).padStart(2, '0')).repeat(16);

export function largeScenarioData(size: LargeScenarioSize = LARGE): ScenarioInput {
  const lans = Math.ceil(size.correspondents / CORRESPONDENTS_PER_LAN);
  const cellCentre = (i: number) => ({ x: 100 + 200 * (i % 5), y: 100 + 150 * Math.floor(i / 5) });
  const links: ScenarioInput['links'] = [
    { id: 'home', kind: 'radio', delayMs: 1, centre: { x: 100, y: 1000 }, radius: 60 },
    { id: 'ha-r', kind: 'point-to-point', delayMs: 8 },
  ];
  const router: ScenarioInput['nodes'][number] = { id: 'R', role: 'router', interfaces: [{ name: 'eth0', address: '10.0.0.1', prefixLength: 30, link: 'ha-r' }] };
  const nodes: ScenarioInput['nodes'] = [
    { id: 'HA', role: 'home-agent', interfaces: [{ name: 'eth0', address: '10.0.0.2', prefixLength: 30, link: 'ha-r' }, { name: 'wlan0', address: '10.1.0.1', prefixLength: 24, link: 'home' }], settings: { homeLink: 'home' } },
    router,
  ];
  for (let i = 0; i < size.foreignAgents; i++) {
    links.push({ id: `cell${i + 1}`, kind: 'radio', delayMs: 1, centre: cellCentre(i), radius: 60 });
    links.push({ id: `fa${i + 1}-r`, kind: 'point-to-point', delayMs: 3 });
    router.interfaces.push({ name: `fa${i + 1}`, address: `10.2.${i + 1}.1`, prefixLength: 30, link: `fa${i + 1}-r` });
    nodes.push({ id: `FA${i + 1}`, role: 'foreign-agent', interfaces: [{ name: 'eth0', address: `10.2.${i + 1}.2`, prefixLength: 30, link: `fa${i + 1}-r` }, { name: 'wlan0', address: `192.168.${i + 1}.1`, prefixLength: 24, link: `cell${i + 1}` }] });
  }
  for (let j = 0; j < lans; j++) {
    links.push({ id: `lan${j + 1}`, kind: 'segment', delayMs: 2 });
    router.interfaces.push({ name: `lan${j + 1}`, address: `172.16.${j + 1}.1`, prefixLength: 24, link: `lan${j + 1}` });
  }
  const securityAssociations: NonNullable<ScenarioInput['securityAssociations']> = [];
  const flows: NonNullable<ScenarioInput['flows']> = [];
  const moves: NonNullable<ScenarioInput['moves']> = [];
  for (let k = 0; k < size.mobileNodes; k++) {
    const id = `MN${k + 1}`;
    const cell = k % size.foreignAgents;
    nodes.push({ id, role: 'mobile-node', position: cellCentre(cell), interfaces: [{ name: 'wlan0', address: `10.1.0.${10 + k}`, prefixLength: 24, radio: true }], settings: { homeAgent: 'HA', homeLink: 'home' } });
    securityAssociations.push({ between: [id, 'HA'], spi: 1000 + k, key: key(k + 1) });
    moves.push({ atS: 5 + (10 * k) / size.mobileNodes, node: id, toCellOf: `FA${((cell + 1) % size.foreignAgents) + 1}` }); // in time order, 5 s … 15 s
  }
  for (let c = 0; c < size.correspondents; c++) {
    const id = `CN${c + 1}`;
    const lan = Math.floor(c / CORRESPONDENTS_PER_LAN);
    nodes.push({ id, role: 'correspondent', interfaces: [{ name: 'eth0', address: `172.16.${lan + 1}.${10 + (c % CORRESPONDENTS_PER_LAN)}`, prefixLength: 24, link: `lan${lan + 1}` }] });
    securityAssociations.push({ between: ['HA', id], spi: 5000 + c, key: key(200 + (c % 50)) });
    flows.push({ id: `f${c + 1}`, from: id, to: `10.1.0.${10 + (c % size.mobileNodes)}`, startS: 2 + (c % 10) / 10, intervalMs: 250, untilS: size.durationS - 1, payloadOctets: 64 });
  }
  return {
    format: SCENARIO_FORMAT,
    title: `Large: ${size.foreignAgents} foreign agents, ${size.mobileNodes} mobile nodes, ${size.correspondents} correspondents`,
    description: 'Generated for the throughput benchmark: many mobile nodes registering, moving once, and receiving traffic from many correspondents.',
    durationS: size.durationS,
    links, nodes, securityAssociations, flows, moves,
  };
}

/** The generated scenario, validated; throws with every problem if the generator ever produces a bad one. */
export function largeScenario(size: LargeScenarioSize = LARGE): Scenario {
  const parsed = parseScenario(largeScenarioData(size));
  if (!parsed.ok) throw new Error(`generated scenario is invalid:\n  ${parsed.errors.join('\n  ')}`);
  return parsed.scenario;
}
