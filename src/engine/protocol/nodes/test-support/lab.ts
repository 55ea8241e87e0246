// The lab network of the Mobile IP stories:
//
//   home cell 10.1.0.0/24 ((HA 10.1.0.1))  centre (0, 400), r 100
//     HA ═ hr ═ R ═ r1 ═ FA1 ((cell1 192.168.2.0/24, centre (0, 0), r 100))
//               ║  ╚ r2 ═ FA2 ((cell2 192.168.3.0/24, centre (300, 0), r 100))
//               ╚ lanC 198.51.100.0/24 ─ CN 198.51.100.5
//   MN: radio, home address 10.1.0.10, starts in cell1 at (0, 0).
// Wired links 2 ms, the correspondent's LAN 1 ms, cells 500 µs.

import type { SecurityAssociation } from '../../../crypto/security-association';
import type { NodeBehaviour, NodeId } from '../../../node/contract';
import { hostBehaviour, initialHostState, type UdpFlow } from '../../../network/behaviours/host';
import { initialRouterState, routerBehaviour } from '../../../network/behaviours/router';
import { createSimulation, nodeSetup, type Simulation } from '../../../network/simulation';
import type { NodeSetup } from '../../../network/simulation-setup';
import { correspondentBehaviour, initialCorrespondentState, type CorrespondentOptions } from '../cn/correspondent';
import type { Topology } from '../../../network/topology';
import { foreignAgentBehaviour, initialForeignAgentState, type ForeignAgentOptions } from '../fa/foreign-agent';
import { homeAgentBehaviour, initialHomeAgentState, type HomeAgentOptions } from '../ha/home-agent';
import { initialMobileNodeState, mobileNodeBehaviour, type MobileNodeOptions } from '../mn/mobile-node';

const hexToBytes = (h: string): Uint8Array => Uint8Array.from(h.match(/../g) ?? [], (x) => parseInt(x, 16));

export const HOME = '10.1.0.10';
export const HA = '10.1.0.1';
export const FA1 = '192.168.2.1';
export const FA2 = '192.168.3.1';
export const CN = '198.51.100.5';
export const KEY = hexToBytes('00112233445566778899aabbccddeeff');
export const SPI = 256;
/** The HA ↔ CN association for Binding Updates (Perkins & Johnson §3.5; optim-08 §4.5; the test vector (docs/protocol-notes.md §Test vectors)'s key and SPI). */
export const HA_CN_KEY = hexToBytes('0f0e0d0c0b0a09080706050403020100');
export const HA_CN_SPI = 0x101;
/** 2026-01-01T00:00:00Z: the scenario epoch every clock starts from. */
export const EPOCH = Date.UTC(2026, 0, 1);

export const IN_CELL1 = { x: 0, y: 0 };
export const IN_CELL2 = { x: 300, y: 0 };
export const AT_HOME = { x: 0, y: 400 };

export const labTopology: Topology = {
  links: [
    { id: 'home', kind: 'radio', delay: 500, centre: AT_HOME, radius: 100 },
    { id: 'cell1', kind: 'radio', delay: 500, centre: IN_CELL1, radius: 100 },
    { id: 'cell2', kind: 'radio', delay: 500, centre: IN_CELL2, radius: 100 },
    { id: 'hr', kind: 'point-to-point', delay: 2000 },
    { id: 'r1', kind: 'point-to-point', delay: 2000 },
    { id: 'r2', kind: 'point-to-point', delay: 2000 },
    { id: 'lanC', kind: 'segment', delay: 1000 },
  ],
  nodes: [
    { id: 'HA', forwards: true, interfaces: [{ name: 'wlan0', address: HA, prefixLength: 24, link: 'home' }, { name: 'eth0', address: '10.0.1.1', prefixLength: 30, link: 'hr' }] },
    { id: 'R', forwards: true, interfaces: [
      { name: 'eth0', address: '10.0.1.2', prefixLength: 30, link: 'hr' },
      { name: 'eth1', address: '10.0.2.1', prefixLength: 30, link: 'r1' },
      { name: 'eth2', address: '10.0.3.1', prefixLength: 30, link: 'r2' },
      { name: 'eth3', address: '198.51.100.1', prefixLength: 24, link: 'lanC' },
    ] },
    { id: 'FA1', forwards: true, interfaces: [{ name: 'eth0', address: '10.0.2.2', prefixLength: 30, link: 'r1' }, { name: 'wlan0', address: FA1, prefixLength: 24, link: 'cell1' }] },
    { id: 'FA2', forwards: true, interfaces: [{ name: 'eth0', address: '10.0.3.2', prefixLength: 30, link: 'r2' }, { name: 'wlan0', address: FA2, prefixLength: 24, link: 'cell2' }] },
    { id: 'CN', interfaces: [{ name: 'eth0', address: CN, prefixLength: 24, link: 'lanC' }] },
    { id: 'MN', position: IN_CELL1, interfaces: [{ name: 'wlan0', address: HOME, prefixLength: 24, radio: true }] },
  ],
};

export function mnHaAssociation(peer: string, key: Uint8Array = KEY, replay: 'timestamp' | 'nonce' = 'timestamp'): SecurityAssociation {
  return { spi: SPI, peer, algorithm: 'keyed-md5', key, replay };
}

export function haCnAssociation(peer: string, key: Uint8Array = HA_CN_KEY, replay: 'timestamp' | 'nonce' = 'timestamp'): SecurityAssociation {
  return { spi: HA_CN_SPI, peer, algorithm: 'keyed-md5', key, replay };
}

export interface LabOptions {
  readonly seed?: number;
  readonly mn?: Partial<MobileNodeOptions>;
  readonly ha?: Partial<HomeAgentOptions>;
  readonly fa1?: Partial<ForeignAgentOptions>;
  readonly fa2?: Partial<ForeignAgentOptions>;
  readonly cnFlows?: readonly UdpFlow[];
  /** Present: the CN runs the correspondent behaviour (Route Optimization, nodes/cn) with these options; absent: a plain host. */
  readonly cn?: Partial<CorrespondentOptions>;
  /** Link delays to override, in µs, by link id (e.g. { r1: 1000 }). */
  readonly linkDelays?: Readonly<Record<string, number>>;
  /** Wraps a node's behaviour, for tests that interfere with it (e.g. drop one frame). */
  readonly wrap?: Readonly<Record<NodeId, (b: NodeBehaviour<unknown>) => NodeBehaviour<unknown>>>;
}

/** A flow from the correspondent to the MN's echo port: `count` datagrams, one every `interval` µs from `start`. */
export function echoFlow(start: number, interval: number, count: number): UdpFlow {
  return { id: 'c', destination: HOME, sourcePort: 5000, destinationPort: 7, start, interval, count, payloadOctets: 32 };
}

export function labSimulation(o: LabOptions = {}): Simulation {
  const topology: Topology = o.linkDelays === undefined ? labTopology : { ...labTopology, links: labTopology.links.map((l) => (o.linkDelays![l.id] === undefined ? l : { ...l, delay: o.linkDelays![l.id]! })) };
  const cn = o.cn === undefined
    ? nodeSetup(hostBehaviour, initialHostState([...(o.cnFlows ?? [])]))
    : nodeSetup(correspondentBehaviour, initialCorrespondentState({ address: CN, epochUnixMs: EPOCH, associations: [haCnAssociation(HA)], flows: [...(o.cnFlows ?? [])], ...o.cn }));
  const nodes: Record<string, NodeSetup<unknown, unknown>> = {
      HA: nodeSetup(homeAgentBehaviour, initialHomeAgentState({ address: HA, homeInterface: 'wlan0', homePrefixLength: 24, epochUnixMs: EPOCH, associations: [mnHaAssociation(HOME)], ...o.ha })),
      R: nodeSetup(routerBehaviour, initialRouterState()),
      FA1: nodeSetup(foreignAgentBehaviour, initialForeignAgentState({ interface: 'wlan0', address: FA1, advertiser: { prefixLength: 24 }, ...o.fa1 })),
      FA2: nodeSetup(foreignAgentBehaviour, initialForeignAgentState({ interface: 'wlan0', address: FA2, advertiser: { prefixLength: 24 }, ...o.fa2 })),
      CN: cn as NodeSetup<unknown, unknown>,
      MN: nodeSetup(mobileNodeBehaviour, initialMobileNodeState({ homeAddress: HOME, homeAgent: HA, interface: 'wlan0', epochUnixMs: EPOCH, homeAgentAssociation: mnHaAssociation(HA), ...o.mn })),
  } as Record<string, NodeSetup<unknown, unknown>>;
  for (const [id, wrap] of Object.entries(o.wrap ?? {})) nodes[id] = { ...nodes[id]!, behaviour: wrap(nodes[id]!.behaviour as NodeBehaviour<unknown>) } as NodeSetup<unknown, unknown>;
  return createSimulation({ topology, seed: o.seed ?? 1, nodes });
}
