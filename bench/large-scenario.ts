// A large scenario for the throughput benchmark, generated as scenario data
// (the same format a learner writes, FORMAT.md) and validated like any file:
//
//   home cell ((HA)) ═ R ═ 4 access segments of 5 foreign agents each, FA1 … FA20,
//                      ║   each with its own radio cell (a 5 × 4 grid)
//                      ╚ 10 correspondent LANs of 10 correspondents each
//   (access segments, not a point-to-point link per foreign agent: a node has
//   at most 16 interfaces, src/scenarios/limits.ts; the hops are the same)
//   50 mobile nodes, home agent HA, spread over the cells; each moves once to
//   the next cell; every correspondent sends a flow to one mobile node.

import { describeIssues } from '../src/scenarios/issues';
import { SCENARIO_FORMAT, scenarioSchema, type Scenario, type ScenarioInput } from '../src/scenarios/schema';
import { scenarioProblems } from '../src/scenarios/semantics';

export interface LargeScenarioSize {
  readonly foreignAgents: number;
  readonly mobileNodes: number;
  readonly correspondents: number;
  readonly durationS: number;
}

export const LARGE: LargeScenarioSize = { foreignAgents: 20, mobileNodes: 50, correspondents: 100, durationS: 20 };

const CORRESPONDENTS_PER_LAN = 10;
const FOREIGN_AGENTS_PER_SEGMENT = 5;
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
  for (let s = 0; s < Math.ceil(size.foreignAgents / FOREIGN_AGENTS_PER_SEGMENT); s++) {
    links.push({ id: `access${s + 1}`, kind: 'segment', delayMs: 3 });
    router.interfaces.push({ name: `access${s + 1}`, address: `10.2.${s + 1}.1`, prefixLength: 24, link: `access${s + 1}` });
  }
  for (let i = 0; i < size.foreignAgents; i++) {
    const segment = Math.floor(i / FOREIGN_AGENTS_PER_SEGMENT);
    links.push({ id: `cell${i + 1}`, kind: 'radio', delayMs: 1, centre: cellCentre(i), radius: 60 });
    nodes.push({ id: `FA${i + 1}`, role: 'foreign-agent', interfaces: [{ name: 'eth0', address: `10.2.${segment + 1}.${10 + i}`, prefixLength: 24, link: `access${segment + 1}` }, { name: 'wlan0', address: `192.168.${i + 1}.1`, prefixLength: 24, link: `cell${i + 1}` }] });
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

/**
 * The generated scenario, validated for shape and meaning (checkedScenario); throws
 * with every problem if the generator ever produces a bad one.
 */
export function largeScenario(size: LargeScenarioSize = LARGE): Scenario {
  return checkedScenario(largeScenarioData(size));
}

/**
 * Scenario data a benchmark made, validated for shape and meaning (src/scenarios/validate.ts
 * stages 2 and 3). Not stage 4, the work budget: that bounds a file a learner opens in
 * the page, and the benchmarks are meant to be several times bigger than such a file.
 */
export function checkedScenario(data: unknown): Scenario {
  const shaped = scenarioSchema.safeParse(data);
  const problems = shaped.success ? scenarioProblems(shaped.data) : describeIssues(shaped.error.issues, data);
  if (!shaped.success || problems.length > 0) throw new Error(`generated scenario is invalid:\n  ${problems.join('\n  ')}`);
  return shaped.data;
}
