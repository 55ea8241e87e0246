// Small networks the story tests share, and a raw-frame injector node (the
// sans-IO contract makes a test-only behaviour a few lines).

import type { NodeBehaviour, TraceEvent } from '../../node/contract';
import { EtherType } from '../../node/link-address';
import { hostBehaviour, initialHostState, type HostState, type UdpFlow } from '../behaviours/host';
import { initialRouterState, routerBehaviour } from '../behaviours/router';
import { createSimulation, nodeSetup, type Simulation } from '../simulation';
import type { LinkSpec, Topology } from '../topology';

export interface LineOptions {
  readonly lan1?: Partial<LinkSpec>;
  readonly core?: Partial<LinkSpec>;
  readonly lan2?: Partial<LinkSpec>;
}

/**
 * H1 ─ lan1 ─ R1 ═ core ═ R2 ─ lan2 ─ H2
 *
 *  lan1 10.1.0.0/24 (segment): H1 .10, R1 .1 — 100 µs, 10 Mbit/s
 *  core 10.0.12.0/30 (point-to-point): R1 .1, R2 .2 — 2 ms, 1 Mbit/s
 *  lan2 10.2.0.0/24 (segment): R2 .1, H2 .10 — 50 µs, 100 Mbit/s
 */
export function lineTopology(options: LineOptions = {}): Topology {
  return {
    links: [
      { id: 'lan1', kind: 'segment', delay: 100, bandwidth: 10_000_000, ...options.lan1 } as LinkSpec,
      { id: 'core', kind: 'point-to-point', delay: 2000, bandwidth: 1_000_000, ...options.core } as LinkSpec,
      { id: 'lan2', kind: 'segment', delay: 50, bandwidth: 100_000_000, ...options.lan2 } as LinkSpec,
    ],
    nodes: [
      { id: 'H1', interfaces: [{ name: 'eth0', address: '10.1.0.10', prefixLength: 24, link: 'lan1' }] },
      { id: 'R1', forwards: true, interfaces: [{ name: 'eth0', address: '10.1.0.1', prefixLength: 24, link: 'lan1' }, { name: 'eth1', address: '10.0.12.1', prefixLength: 30, link: 'core' }] },
      { id: 'R2', forwards: true, interfaces: [{ name: 'eth0', address: '10.0.12.2', prefixLength: 30, link: 'core' }, { name: 'eth1', address: '10.2.0.1', prefixLength: 24, link: 'lan2' }] },
      { id: 'H2', interfaces: [{ name: 'eth0', address: '10.2.0.10', prefixLength: 24, link: 'lan2' }] },
    ],
  };
}

/** A flow of `count` 100-octet IPv4 datagrams (20 IP + 8 UDP + 72 payload). */
export function flow(id: string, destination: string, start: number, interval: number, count: number): UdpFlow {
  return { id, destination, sourcePort: 5000, destinationPort: 7, start, interval, count, payloadOctets: 72 };
}

export function lineSimulation(seed: number, flows: { H1?: UdpFlow[]; H2?: UdpFlow[] } = {}, options: LineOptions = {}): Simulation {
  return createSimulation({
    topology: lineTopology(options),
    seed,
    nodes: {
      H1: nodeSetup(hostBehaviour, initialHostState(flows.H1)),
      R1: nodeSetup(routerBehaviour, initialRouterState()),
      R2: nodeSetup(routerBehaviour, initialRouterState()),
      H2: nodeSetup(hostBehaviour, initialHostState(flows.H2)),
    },
  });
}

export function hostState(sim: Simulation, id: string): HostState {
  return sim.nodeState<HostState>(id);
}

/** Sends whatever bytes it is told to, unchecked: for damaged or hand-made packets. */
export interface InjectCommand {
  readonly type: 'inject';
  readonly interface: string;
  readonly destination: string;
  readonly bytes: Uint8Array;
}

export const injectorBehaviour: NodeBehaviour<null, InjectCommand> = {
  kind: 'injector',
  handle(state, input, ctx) {
    if (input.kind !== 'command' || input.command.type !== 'inject') return { state, outputs: [] };
    const c = input.command;
    const own = ctx.node.interfaces.find((i) => i.name === c.interface)!;
    return { state, outputs: [{ kind: 'transmit', interface: c.interface, frame: { source: own.linkAddress, destination: c.destination, etherType: EtherType.IPV4, payload: c.bytes }, summary: `injected ${c.bytes.length} octets`, ref: 'test injector' }] };
  },
};

/** The trace as text, for byte-for-byte comparisons between runs. */
export function traceJson(trace: readonly TraceEvent[]): string {
  return JSON.stringify(trace, (_key, value: unknown) => (value instanceof Uint8Array ? Array.from(value).map((b) => b.toString(16).padStart(2, '0')).join('') : value));
}

export function eventsOf(trace: readonly TraceEvent[], node: string, kind: TraceEvent['kind']): TraceEvent[] {
  return trace.filter((e) => e.node === node && e.kind === kind);
}
