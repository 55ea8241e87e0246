// A scenario of any size for the tests that measure how validation scales:
// `islands` copies of a small Mobile IP network (home agent, foreign agent,
// mobile node, correspondent, router: five nodes, six links), each router
// joined to the next, with a security association, a flow and a move per
// island — so every cross-reference the checks follow occurs in proportion.

import { flowSchema, linkSchema, moveSchema, nodeSchema, scenarioSchema, securityAssociationSchema, type Scenario } from '../schema';

const KEY = '00112233445566778899aabbccddeeff';

/** The k-th /24 of 10.0.0.0/8: every link gets its own prefix. */
const net = (k: number): string => `10.${(k >> 8) & 255}.${k & 255}`;

export interface LargeScenario {
  readonly format: string;
  readonly title: string;
  readonly description: string;
  readonly durationS: number;
  readonly links: readonly unknown[];
  readonly nodes: readonly unknown[];
  readonly securityAssociations: readonly unknown[];
  readonly flows: readonly unknown[];
  readonly moves: readonly unknown[];
}

export function largeScenario(islands: number): LargeScenario {
  const links: unknown[] = [];
  const nodes: unknown[] = [];
  const securityAssociations: unknown[] = [];
  const flows: unknown[] = [];
  const moves: unknown[] = [];
  for (let i = 0; i < islands; i++) {
    const k = i * 7;
    const [home, cell, haR, faR, lan, next] = [0, 1, 2, 3, 4, 5].map((j) => `i${i}-l${j}`);
    const at = (j: number, host: number): string => `${net(k + j)}.${host}`;
    links.push(
      { id: home, kind: 'radio', delayMs: 1, centre: { x: 100, y: 400 }, radius: 100 },
      { id: cell, kind: 'radio', delayMs: 1, centre: { x: 500, y: 400 }, radius: 100 },
      { id: haR, kind: 'point-to-point', delayMs: 2 },
      { id: faR, kind: 'point-to-point', delayMs: 2 },
      { id: lan, kind: 'segment', delayMs: 2 },
    );
    const routerInterfaces = [
      { name: 'a', address: at(2, 1), prefixLength: 24, link: haR },
      { name: 'b', address: at(3, 1), prefixLength: 24, link: faR },
      { name: 'c', address: at(4, 1), prefixLength: 24, link: lan },
    ];
    if (i + 1 < islands) {
      links.push({ id: next, kind: 'point-to-point', delayMs: 5 });
      routerInterfaces.push({ name: 'up', address: at(5, 1), prefixLength: 24, link: next });
    }
    if (i > 0) routerInterfaces.push({ name: 'down', address: `${net(k - 7 + 5)}.2`, prefixLength: 24, link: `i${i - 1}-l5` });
    nodes.push(
      { id: `HA${i}`, role: 'home-agent', position: { x: 100, y: 300 }, interfaces: [{ name: 'a', address: at(2, 2), prefixLength: 24, link: haR }, { name: 'w', address: at(0, 1), prefixLength: 24, link: home }], settings: { homeLink: home } },
      { id: `FA${i}`, role: 'foreign-agent', position: { x: 500, y: 300 }, interfaces: [{ name: 'a', address: at(3, 2), prefixLength: 24, link: faR }, { name: 'w', address: at(1, 1), prefixLength: 24, link: cell }] },
      { id: `R${i}`, role: 'router', interfaces: routerInterfaces },
      { id: `CN${i}`, role: 'correspondent', interfaces: [{ name: 'e', address: at(4, 5), prefixLength: 24, link: lan }] },
      { id: `MN${i}`, role: 'mobile-node', position: { x: 100, y: 400 }, interfaces: [{ name: 'w', address: at(0, 10), prefixLength: 24, radio: true }], settings: { homeAgent: `HA${i}`, homeLink: home } },
    );
    securityAssociations.push({ between: [`MN${i}`, `HA${i}`], spi: 1000, key: KEY }, { between: [`HA${i}`, `CN${i}`], spi: 1001, key: KEY });
    flows.push({ id: `f${i}`, from: `CN${i}`, to: at(0, 10), startS: 2, intervalMs: 1000, count: 3 });
    moves.push({ atS: 10, node: `MN${i}`, toCellOf: `FA${i}` });
  }
  return {
    format: 'route-optimization-lab/scenario@1',
    title: `${islands} islands`,
    description: 'Copies of a small Mobile IP network, for measuring validation.',
    durationS: 30,
    links, nodes, securityAssociations, flows, moves,
  };
}

/**
 * The same scenario with its shape checked part by part, past the limits on
 * counts (limits.ts): what the semantic checks and the loader see, at sizes
 * the validator itself would refuse up front.
 */
export function shapedLargeScenario(islands: number): Scenario {
  const raw = largeScenario(islands);
  return {
    ...scenarioSchema.parse({ ...raw, links: [], nodes: [raw.nodes[0]], securityAssociations: [], flows: [], moves: [] }),
    links: raw.links.map((l) => linkSchema.parse(l)),
    nodes: raw.nodes.map((n) => nodeSchema.parse(n)),
    securityAssociations: raw.securityAssociations.map((sa) => securityAssociationSchema.parse(sa)),
    flows: raw.flows.map((f) => flowSchema.parse(f)),
    moves: raw.moves.map((m) => moveSchema.parse(m)),
  };
}
