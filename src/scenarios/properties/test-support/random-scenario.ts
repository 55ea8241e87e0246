// Random scenarios for the invariant properties (properties/invariants.test.ts).
//
// Every scenario is a format-1 scenario file (src/scenarios/FORMAT.md) on the
// lab's usual network — home network, two foreign agents with overlapping
// cells, a correspondent on its LAN — plus two adversaries with promiscuous
// interfaces: Mallory on the correspondent's LAN (she overhears the home
// agent's Binding Updates to the correspondent) and Eve on the link between
// the router and FA1 (she overhears the Registration Requests FA1 relays and
// the smooth-handoff Binding Updates sent to FA1). fast-check draws the run
// seed, the mobile node's moves (between the cells, home, the overlap and out
// of range), windows of link loss, the adversaries' attacks, and the settings
// that change which rules apply (lifetimes, smooth handoff, a long-lived
// MN–FA association, P, a legacy correspondent, encapsulation, rate-limit
// preset). Runs are short (virtual seconds) so a property stays cheap.
//
// Going through the scenario format (validation included) rather than wiring
// nodes by hand means a scenario here is one a learner could open in the lab.

import fc from 'fast-check';
import type { Simulation } from '../../../engine/network/simulation';
import { buildSimulation } from '../../load';
import { PROTOCOL_REGISTRY } from '../../registry';
import type { ScenarioInput } from '../../schema';
import { toLoadedScenario, type LoadedScenario } from '../../to-topology';
import { parseScenario } from '../../validate';

export const HOME_ADDRESS = '10.1.0.10';
export const HA_ADDRESS = '10.1.0.1';
export const CN_ADDRESS = '198.51.100.5';
export const FA1_ADDRESS = '192.168.2.1';
export const FA2_ADDRESS = '192.168.3.1';
/** The adversaries' own addresses (used as forged care-of addresses too). */
export const MALLORY_ADDRESS = '198.51.100.66';
export const EVE_ADDRESS = '10.0.2.3';

const MN_HA_SPI = 1000;
const HA_CN_SPI = 1001;

/** Where a move takes the mobile node. */
export type Place = 'cell1' | 'cell2' | 'overlap' | 'home' | 'nowhere';
const PLACES: Readonly<Record<Place, { x: number; y: number }>> = {
  cell1: { x: 540, y: 450 },
  cell2: { x: 780, y: 450 },
  overlap: { x: 660, y: 450 }, // inside both cells (centres 240 apart, radii 130)
  home: { x: 160, y: 450 },
  nowhere: { x: 350, y: 620 }, // out of range of every cell
};

export type LossyLink = 'cell1' | 'cell2' | 'home' | 'ha-r' | 'fa1-r' | 'fa2-r' | 'cn-lan';

export interface LossWindow {
  readonly link: LossyLink;
  readonly fromS: number;
  readonly forS: number;
  readonly loss: number;
}

export type Attack =
  | { readonly by: 'Mallory' | 'Eve'; readonly atS: number; readonly kind: 'replay-binding-update'; readonly which: 'latest' | 'first' }
  | { readonly by: 'Mallory' | 'Eve'; readonly atS: number; readonly kind: 'tamper-binding-update' }
  | { readonly by: 'Mallory' | 'Eve'; readonly atS: number; readonly kind: 'replay-registration' }
  | { readonly by: 'Mallory' | 'Eve'; readonly atS: number; readonly kind: 'forge-registration'; readonly lifetimeS: number }
  | { readonly by: 'Mallory'; readonly atS: number; readonly kind: 'forge-binding-update'; readonly lifetimeS: number };

export interface RandomScenario {
  readonly seed: number;
  readonly durationS: number;
  /** Lifetime the mobile node asks for (OC-32 default 300 s; short ones reach expiry and refresh in the run). */
  readonly requestLifetimeS: number;
  /** Cache Lifetime in the Previous FA Notification (OC-22). */
  readonly cacheLifetimeS: number;
  readonly movementDetection: 'lifetime' | 'prefix';
  readonly smoothHandoff: readonly [boolean, boolean];
  /** Configured (long-lived) MN–FA associations: method 1 of the registration keys. */
  readonly mnFaAssociation: readonly [boolean, boolean];
  readonly privateBinding: boolean;
  readonly legacyCorrespondent: boolean;
  readonly encapsulation: 'ip-in-ip' | 'minimal' | 'gre';
  readonly rateLimit: 'exponential' | 'mipv6-07';
  /** Correspondent → mobile node datagrams, one every flowIntervalMs. */
  readonly flowIntervalMs: number;
  /** The mobile node also sends to the correspondent. */
  readonly mnFlow: boolean;
  readonly moves: readonly { readonly atS: number; readonly to: Place }[];
  readonly lossWindows: readonly LossWindow[];
  readonly attacks: readonly Attack[];
}

/** Times are drawn in tenths of a second so shrunk counterexamples read well. */
const tenths = (min: number, max: number): fc.Arbitrary<number> => fc.integer({ min: min * 10, max: max * 10 }).map((t) => t / 10);

/** Handoffs between the two cells are where the interesting rules live: moves go there most often. */
const place: fc.Arbitrary<Place> = fc.oneof(
  { arbitrary: fc.constant<Place>('cell2'), weight: 4 },
  { arbitrary: fc.constant<Place>('cell1'), weight: 3 },
  { arbitrary: fc.constantFrom<Place>('overlap', 'home', 'nowhere'), weight: 3 },
);

/** An attack without its time: the time is drawn relative to a move (see randomScenario). */
type TimelessAttack = Attack extends infer A ? (A extends Attack ? Omit<A, 'atS'> : never) : never;

const attackArbitrary: fc.Arbitrary<TimelessAttack> = (() => {
  const by = fc.constantFrom<'Mallory' | 'Eve'>('Eve', 'Mallory');
  return fc.oneof(
    { arbitrary: fc.record({ by, kind: fc.constant('replay-binding-update' as const), which: fc.constantFrom<'latest' | 'first'>('first', 'latest') }), weight: 3 },
    fc.record({ by, kind: fc.constant('tamper-binding-update' as const) }),
    fc.record({ by, kind: fc.constant('replay-registration' as const) }),
    fc.record({ by, kind: fc.constant('forge-registration' as const), lifetimeS: fc.constantFrom(0, 300) }),
    fc.record({ by: fc.constant('Mallory' as const), kind: fc.constant('forge-binding-update' as const), lifetimeS: fc.constantFrom(0, 300) }),
  );
})();

export interface ScenarioShape {
  /** Inclusive bounds of the virtual duration in seconds. */
  readonly minDurationS: number;
  readonly maxDurationS: number;
  readonly maxMoves: number;
  readonly maxAttacks: number;
  readonly maxLossWindows: number;
}

export const DEFAULT_SHAPE: ScenarioShape = { minDurationS: 20, maxDurationS: 40, maxMoves: 6, maxAttacks: 4, maxLossWindows: 2 };

/** True three times in four; shrinks to true (the lab default for these settings). */
const mostly = fc.integer({ min: 0, max: 3 }).map((n) => n < 3);
/** True one time in ten; shrinks to false (the lab default). */
const rarely = fc.integer({ min: 0, max: 9 }).map((n) => n === 9);

/**
 * Random scenarios: half of them mixed (any move, any attack, any setting),
 * half centred on handoffs between the two cells with Eve replaying the
 * smooth-handoff Binding Updates she overheard — where forwarding entries,
 * special tunnels and replays meet, and where a rule that is wrong at the
 * edges shows (uniform draws almost never line those events up).
 */
export function randomScenario(shape: ScenarioShape = DEFAULT_SHAPE): fc.Arbitrary<RandomScenario> {
  return fc.oneof({ withCrossShrink: true }, scenarioOf(shape, 'mixed'), scenarioOf(shape, 'handoffs'));
}

const eveReplay: fc.Arbitrary<TimelessAttack> = fc.record({ by: fc.constant('Eve' as const), kind: fc.constant('replay-binding-update' as const), which: fc.constantFrom<'latest' | 'first'>('first', 'latest') });
const handoffPlace: fc.Arbitrary<Place> = fc.oneof({ arbitrary: fc.constantFrom<Place>('cell2', 'cell1'), weight: 5 }, { arbitrary: fc.constantFrom<Place>('overlap', 'home', 'nowhere'), weight: 1 });

function scenarioOf(shape: ScenarioShape, style: 'mixed' | 'handoffs'): fc.Arbitrary<RandomScenario> {
  const handoffs = style === 'handoffs';
  return fc.integer({ min: shape.minDurationS, max: shape.maxDurationS }).chain((durationS) => fc.record({
    seed: fc.integer({ min: 1, max: 0xffff }),
    durationS: fc.constant(durationS),
    requestLifetimeS: fc.constantFrom(300, 30, 20, 12),
    cacheLifetimeS: fc.constantFrom(10, 0, 4, 30),
    movementDetection: fc.constantFrom<'lifetime' | 'prefix'>('prefix', 'lifetime'),
    smoothHandoff: handoffs ? fc.constant([true, true] as const) : fc.tuple(mostly, mostly),
    mnFaAssociation: fc.tuple(handoffs ? fc.constant(true) : mostly, fc.boolean()),
    privateBinding: rarely,
    legacyCorrespondent: rarely,
    encapsulation: fc.constantFrom<'ip-in-ip' | 'minimal' | 'gre'>('ip-in-ip', 'minimal', 'gre'),
    rateLimit: fc.constantFrom<'exponential' | 'mipv6-07'>('exponential', 'exponential', 'mipv6-07'),
    flowIntervalMs: fc.constantFrom(500, 100, 50, 1000),
    mnFlow: fc.boolean(),
    // Moves follow each other by 1–8 s from t = 3 s; those past the end are dropped.
    moveSteps: fc.array(fc.record({ gapS: tenths(1, 8), to: handoffs ? handoffPlace : place }), { minLength: handoffs ? 2 : 0, maxLength: shape.maxMoves }),
    lossWindows: fc.array(fc.record({
      link: fc.constantFrom<LossyLink>('cell1', 'cell2', 'fa1-r', 'fa2-r', 'cn-lan', 'ha-r', 'home'),
      fromS: tenths(0, durationS - 1),
      forS: tenths(1, 10),
      loss: fc.constantFrom(0.3, 0.1, 1),
    }), { maxLength: shape.maxLossWindows }),
    // An attack comes 0.5–10 s after a move (an adversary strikes around handoffs), or after t = 2 s when there is none.
    attackSteps: fc.array(fc.record({ afterMove: fc.nat({ max: shape.maxMoves }), delayS: tenths(0.5, 10), attack: handoffs ? eveReplay : attackArbitrary }), { minLength: handoffs ? 1 : 0, maxLength: shape.maxAttacks }),
  })).map(({ moveSteps, attackSteps, ...rest }) => {
    const moves: { atS: number; to: Place }[] = [];
    let t = 3;
    for (const m of moveSteps) {
      t = Math.round((t + m.gapS) * 10) / 10;
      if (t < rest.durationS - 1) moves.push({ atS: t, to: m.to });
    }
    const attacks = attackSteps.map((a) => {
      const base = moves.length === 0 ? 2 : moves[a.afterMove % moves.length]!.atS;
      return { ...a.attack, atS: Math.min(Math.round((base + a.delayS) * 10) / 10, rest.durationS - 0.5) } as Attack;
    }).sort((a, b) => a.atS - b.atS);
    return { ...rest, moves, attacks };
  });
}

const key = (n: number): string => n.toString(16).padStart(2, '0').repeat(16);

function adversaryActions(r: RandomScenario, by: 'Mallory' | 'Eve'): unknown[] {
  // Mallory attacks the correspondent (Binding Updates) and the home agent (registrations);
  // Eve attacks FA1 (smooth-handoff Binding Updates) and the home agent (registrations relayed by FA1).
  const buVictim = by === 'Mallory' ? 'CN' : 'FA1';
  const own = by === 'Mallory' ? MALLORY_ADDRESS : EVE_ADDRESS;
  return r.attacks.filter((a) => a.by === by).map((a) => {
    switch (a.kind) {
      case 'replay-binding-update': return { atS: a.atS, kind: a.kind, to: buVictim, which: a.which };
      case 'tamper-binding-update': return { atS: a.atS, kind: a.kind, to: buVictim, careOfAddress: own };
      case 'replay-registration': return { atS: a.atS, kind: a.kind, to: 'HA' };
      case 'forge-registration': return { atS: a.atS, kind: a.kind, to: 'HA', homeAddress: HOME_ADDRESS, careOfAddress: own, lifetimeS: a.lifetimeS, spi: MN_HA_SPI };
      case 'forge-binding-update': return { atS: a.atS, kind: a.kind, to: 'CN', homeAddress: HOME_ADDRESS, careOfAddress: own, lifetimeS: a.lifetimeS, spi: HA_CN_SPI };
    }
  });
}

/** The scenario file for `r` (format 1). */
export function scenarioFile(r: RandomScenario): ScenarioInput {
  const fa = (i: 1 | 2) => ({
    id: `FA${i}`, role: 'foreign-agent', position: { x: i === 1 ? 540 : 780, y: 330 },
    interfaces: [
      { name: 'eth0', address: i === 1 ? '10.0.2.2' : '10.0.3.2', prefixLength: i === 1 ? 29 : 30, link: `fa${i}-r` },
      { name: 'wlan0', address: i === 1 ? FA1_ADDRESS : FA2_ADDRESS, prefixLength: 24, link: `cell${i}` },
    ],
    settings: { smoothHandoff: r.smoothHandoff[i - 1], minimalEncapsulation: true, greEncapsulation: true },
  });
  const associations: unknown[] = [
    { between: ['MN', 'HA'], spi: MN_HA_SPI, key: key(0x11) },
    { between: ['HA', 'CN'], spi: HA_CN_SPI, key: key(0x22) },
  ];
  if (r.mnFaAssociation[0]) associations.push({ between: ['MN', 'FA1'], spi: 2000, key: key(0x33) });
  if (r.mnFaAssociation[1]) associations.push({ between: ['MN', 'FA2'], spi: 2001, key: key(0x44) });
  const flows: unknown[] = [{ id: 'cn-to-mn', from: 'CN', to: HOME_ADDRESS, startS: 2, intervalMs: r.flowIntervalMs, untilS: r.durationS, payloadOctets: 32 }];
  if (r.mnFlow) flows.push({ id: 'mn-to-cn', from: 'MN', to: CN_ADDRESS, startS: 2.05, intervalMs: 700, untilS: r.durationS, payloadOctets: 32, sourcePort: 6000, destinationPort: 9 });
  const file = {
    format: 'route-optimization-lab/scenario@1',
    title: 'Random scenario',
    description: 'Drawn by fast-check for the invariant properties (Perkins & Johnson §3, §4).',
    seed: r.seed,
    durationS: r.durationS,
    links: [
      { id: 'home', kind: 'radio', delayMs: 1, centre: PLACES.home, radius: 120 },
      { id: 'cell1', kind: 'radio', delayMs: 1, centre: PLACES.cell1, radius: 130 },
      { id: 'cell2', kind: 'radio', delayMs: 1, centre: PLACES.cell2, radius: 130 },
      { id: 'ha-r', kind: 'point-to-point', delayMs: 8 },
      { id: 'fa1-r', kind: 'segment', delayMs: 3 },
      { id: 'fa2-r', kind: 'point-to-point', delayMs: 3 },
      { id: 'cn-lan', kind: 'segment', delayMs: 2 },
    ],
    nodes: [
      { id: 'HA', role: 'home-agent', position: { x: 160, y: 330 },
        interfaces: [{ name: 'eth0', address: '10.0.1.2', prefixLength: 30, link: 'ha-r' }, { name: 'wlan0', address: HA_ADDRESS, prefixLength: 24, link: 'home' }],
        settings: { homeLink: 'home', rateLimit: r.rateLimit } },
      { id: 'R', role: 'router', position: { x: 480, y: 120 }, interfaces: [
        { name: 'eth0', address: '10.0.1.1', prefixLength: 30, link: 'ha-r' },
        { name: 'eth1', address: '10.0.2.1', prefixLength: 29, link: 'fa1-r' },
        { name: 'eth2', address: '10.0.3.1', prefixLength: 30, link: 'fa2-r' },
        { name: 'eth3', address: '198.51.100.1', prefixLength: 24, link: 'cn-lan' },
      ] },
      fa(1),
      fa(2),
      { id: 'CN', role: 'correspondent', position: { x: 860, y: 120 }, interfaces: [{ name: 'eth0', address: CN_ADDRESS, prefixLength: 24, link: 'cn-lan' }],
        settings: { routeOptimization: !r.legacyCorrespondent } },
      { id: 'MN', role: 'mobile-node', position: PLACES.cell1, interfaces: [{ name: 'wlan0', address: HOME_ADDRESS, prefixLength: 24, radio: true }],
        settings: {
          homeAgent: 'HA', homeLink: 'home', movementDetection: r.movementDetection, privateBinding: r.privateBinding,
          requestLifetimeS: r.requestLifetimeS, cacheLifetimeS: r.cacheLifetimeS, encapsulation: r.encapsulation,
        } },
      { id: 'Mallory', role: 'adversary', position: { x: 940, y: 200 },
        interfaces: [{ name: 'eth0', address: MALLORY_ADDRESS, prefixLength: 24, link: 'cn-lan', promiscuous: true }],
        settings: { actions: adversaryActions(r, 'Mallory') } },
      { id: 'Eve', role: 'adversary', position: { x: 620, y: 220 },
        interfaces: [{ name: 'eth0', address: EVE_ADDRESS, prefixLength: 29, link: 'fa1-r', promiscuous: true }],
        settings: { actions: adversaryActions(r, 'Eve') } },
    ],
    securityAssociations: associations,
    flows,
    moves: r.moves.map((m) => ({ atS: m.atS, node: 'MN', to: PLACES[m.to] })),
  };
  return file as unknown as ScenarioInput;
}

export function loadRandomScenario(r: RandomScenario): LoadedScenario {
  const parsed = parseScenario(scenarioFile(r));
  if (!parsed.ok) throw new Error(`the random scenario does not validate:\n  ${parsed.errors.join('\n  ')}`);
  return toLoadedScenario(parsed.scenario);
}

export interface RandomRun {
  readonly loaded: LoadedScenario;
  readonly simulation: Simulation;
}

/**
 * Builds the simulation of `r` with the real protocol behaviours and its loss
 * windows scheduled, at time 0. The caller runs it (all at once, or in steps
 * to look at node state on the way).
 */
export function startRandomRun(r: RandomScenario): RandomRun {
  const loaded = loadRandomScenario(r);
  const simulation = buildSimulation(loaded, PROTOCOL_REGISTRY, r.seed);
  const micros = (s: number): number => Math.round(s * 1_000_000);
  // Windows on one link may overlap: each sets its loss, and the last to end restores 0.
  for (const w of r.lossWindows) {
    simulation.setLink(w.link, { loss: w.loss }, micros(w.fromS));
    simulation.setLink(w.link, { loss: 0 }, micros(Math.min(w.fromS + w.forS, r.durationS)));
  }
  return { loaded, simulation };
}
