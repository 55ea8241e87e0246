// A dual-stack line network for the IPv6 stories, and a test host that sends
// hand-built IPv6 packets and keeps what it receives. The 40-octet header is
// assembled octet by octet from RFC 8200 §3, not by the codec under test.

import type { NodeBehaviour } from '../../node/contract';
import { EtherType } from '../../node/link-address';
import { EMPTY_FORWARDING_TABLE, type ForwardingTable } from '../../node/route-table';
import { ipv6Bytes, readIpv6 } from '../../wire/ipv6/ipv6-address';
import { sendIpv6Datagram } from '../behaviours/ip6-output';
import { initialRouterState, routerBehaviour } from '../behaviours/router';
import { createSimulation, nodeSetup, type Simulation } from '../simulation';
import type { Topology } from '../topology';
import { lineTopology } from './scenarios';

/**
 * lineTopology with IPv6 beside IPv4:
 *
 *  lan1 2001:db8:1::/64   H1 ::10, R1 ::1
 *  core 2001:db8:0:12::/64 R1 ::1, R2 ::2
 *  lan2 2001:db8:2::/64   R2 ::1, H2 ::10
 */
export function lineTopology6(): Topology {
  const v6: Record<string, readonly string[]> = {
    H1: ['2001:db8:1::10'],
    R1: ['2001:db8:1::1', '2001:db8:0:12::1'],
    R2: ['2001:db8:0:12::2', '2001:db8:2::1'],
    H2: ['2001:db8:2::10'],
  };
  const t = lineTopology();
  return { ...t, nodes: t.nodes.map((n) => ({ ...n, interfaces: n.interfaces.map((i, k) => ({ ...i, ipv6: { address: v6[n.id]![k]!, prefixLength: 64 } })) })) };
}

/** A fixed IPv6 header (RFC 8200 §3) written by hand, then `payload`. */
export function handMadeIpv6(fields: { source: string; destination: string; hopLimit: number; nextHeader: number; payload: Uint8Array }): Uint8Array {
  const out = new Uint8Array(40 + fields.payload.length);
  out[0] = 0x60; // Version 6, Traffic Class 0, Flow Label 0
  out[4] = fields.payload.length >>> 8;
  out[5] = fields.payload.length & 0xff;
  out[6] = fields.nextHeader;
  out[7] = fields.hopLimit;
  out.set(ipv6Bytes(fields.source), 8);
  out.set(ipv6Bytes(fields.destination), 24);
  out.set(fields.payload, 40);
  return out;
}

export interface Send6Command {
  readonly type: 'send6';
  readonly bytes: Uint8Array;
  readonly destination: string;
  /** Straight to this link-layer address on the first interface, past the node's own routing: for packets a host could not route itself. */
  readonly linkDestination?: string;
}

export interface Received6 {
  readonly time: number;
  readonly source: string;
  readonly destination: string;
  readonly hopLimit: number;
  readonly nextHeader: number;
  readonly payload: Uint8Array;
}

export interface Host6State {
  readonly table: ForwardingTable;
  readonly received: readonly Received6[];
}

/** Sends what it is told through sendIpv6Datagram; records every IPv6 packet it receives, read by hand. */
export const host6Behaviour: NodeBehaviour<Host6State, Send6Command> = {
  kind: 'ipv6 test host',
  handle(state, input, ctx) {
    if (input.kind === 'command' && input.command.type === 'install-routes') return { state: { ...state, table: input.command.table }, outputs: [] };
    if (input.kind === 'command' && input.command.type === 'send6') {
      const c = input.command;
      if (c.linkDestination !== undefined) {
        const own = ctx.node.interfaces[0]!;
        return { state, outputs: [{ kind: 'transmit', interface: own.name, frame: { source: own.linkAddress, destination: c.linkDestination, etherType: EtherType.IPV6, payload: c.bytes }, summary: `test packet to ${c.destination}`, ref: 'test' }] };
      }
      return { state, outputs: [sendIpv6Datagram(ctx.node, state.table, input.command.bytes, input.command.destination, { summary: `test packet to ${input.command.destination}`, ref: 'test' })] };
    }
    if (input.kind === 'frame' && input.frame.etherType === EtherType.IPV6) {
      const b = input.frame.payload;
      const got: Received6 = { time: ctx.now, source: readIpv6(b, 8), destination: readIpv6(b, 24), hopLimit: b[7]!, nextHeader: b[6]!, payload: b.slice(40) };
      return { state: { ...state, received: [...state.received, got] }, outputs: [] };
    }
    return { state, outputs: [] };
  },
};

export function ipv6LineSimulation(seed = 1, topology: Topology = lineTopology6()): Simulation {
  const host = (): Host6State => ({ table: EMPTY_FORWARDING_TABLE, received: [] });
  return createSimulation({
    topology,
    seed,
    nodes: {
      H1: nodeSetup(host6Behaviour, host()),
      R1: nodeSetup(routerBehaviour, initialRouterState()),
      R2: nodeSetup(routerBehaviour, initialRouterState()),
      H2: nodeSetup(host6Behaviour, host()),
    },
  });
}
