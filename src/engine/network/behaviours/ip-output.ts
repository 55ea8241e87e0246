// Sending an IPv4 datagram from a node: choose the route, resolve the next
// hop's link-layer address, wrap it in a frame. Shared by the simple router
// and host behaviours; the protocol nodes can use it too.

import type { NodeConfig, NodeOutput, TraceDraft } from '../../node/contract';
import { EtherType, groupLinkAddressFor } from '../../node/link-address';
import { describeRoute, lookupRoute, resolveNeighbour, type ForwardingTable, type RouteEntry } from '../../node/route-table';
import { flatText } from '../flat-text';
import { describeRoute6 } from '../../node/route-table6';
import type { Ipv4Address } from '../../wire/address';

type TransmitOutput = Extract<NodeOutput, { kind: 'transmit' }>;

export const ROUTES_REF = 'lab routing: shortest paths by delay over the topology';

export function ownAddresses(node: NodeConfig): Ipv4Address[] {
  return node.interfaces.map((i) => i.address);
}

/** The address of the interface a datagram to `destination` would leave by (the natural source address). */
export function sourceAddressFor(node: NodeConfig, table: ForwardingTable, destination: Ipv4Address): Ipv4Address | undefined {
  const route = lookupRoute(table.routes, destination);
  return route === undefined ? undefined : node.interfaces.find((i) => i.name === route.interface)?.address;
}

export interface DatagramTrace {
  readonly summary: string;
  readonly traceAs?: 'sent' | 'forwarded';
  readonly reason?: string;
  readonly ref?: string;
}

/**
 * The output that sends `datagram` (IPv4 bytes) towards `destination`: a
 * transmit, or — when there is no route or no neighbour — a `dropped` trace
 * saying why. A broadcast or multicast destination needs `via` (the interface).
 */
export function sendDatagram(node: NodeConfig, table: ForwardingTable, datagram: Uint8Array, destination: Ipv4Address, trace: DatagramTrace, via?: string): NodeOutput {
  const group = groupLinkAddressFor(destination);
  let iface: string;
  let linkAddress: string | undefined;
  if (group !== undefined) {
    if (via === undefined) return notSent(trace, datagram, `${destination} is a broadcast/multicast address: the sender must name the interface`, 'RFC 1112 (from knowledge)');
    iface = via;
    linkAddress = group;
  } else {
    const route = lookupRoute(table.routes, destination);
    if (route === undefined) return notSent(trace, datagram, `no route to ${destination} in this node's forwarding table`, ROUTES_REF);
    iface = route.interface;
    const nextHop = route.nextHop ?? destination;
    linkAddress = resolveNeighbour(table.neighbours, iface, nextHop);
    if (linkAddress === undefined) return notSent(trace, datagram, `the route to ${route.destination}/${route.prefixLength} leads to ${nextHop}, which is not a neighbour on that link (no link-layer address)`, ROUTES_REF);
  }
  let own: NodeConfig['interfaces'][number] | undefined;
  for (const i of node.interfaces) if (i.name === iface && own === undefined) own = i;
  if (own === undefined) return notSent(trace, datagram, `this node has no interface "${iface}"`, ROUTES_REF);
  const out: { -readonly [K in keyof TransmitOutput]: TransmitOutput[K] } = {
    kind: 'transmit',
    interface: iface,
    frame: { source: own.linkAddress, destination: linkAddress, etherType: EtherType.IPV4, payload: datagram },
    summary: trace.summary,
  };
  if (trace.traceAs !== undefined) out.traceAs = trace.traceAs;
  if (trace.reason !== undefined) out.reason = trace.reason;
  if (trace.ref !== undefined) out.ref = trace.ref;
  return out;
}

/** The `dropped` trace of a datagram that could not be sent (a function, not a closure made per datagram). */
function notSent(trace: DatagramTrace, datagram: Uint8Array, reason: string, ref: string): NodeOutput {
  return { kind: 'trace', event: { kind: 'dropped', summary: `not sent: ${trace.summary}`, reason, ref, bytes: datagram } };
}

/** How many of `now` are new and how many of `was` are gone. */
function churn(was: readonly string[], now: readonly string[]): { added: number; removed: number } {
  const wasSet = new Set(was);
  const nowSet = new Set(now);
  return { added: [...nowSet].filter((r) => !wasSet.has(r)).length, removed: [...wasSet].filter((r) => !nowSet.has(r)).length };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

// Each route's line, made once per route entry: a table's routes are described when it is
// installed and again as the `before` of the next table, and the lines are kept in the
// trace, so one flat string (flat-text.ts) serves every event that lists the route.
const routeLines = new WeakMap<RouteEntry, string>();

function describedRoute(r: RouteEntry): string {
  let line = routeLines.get(r);
  if (line === undefined) {
    line = flatText(describeRoute(r));
    routeLines.set(r, line);
  }
  return line;
}

/**
 * The `table-changed` trace for a newly installed forwarding table. The IPv6
 * half (docs/ipv6.md §2) is mentioned only when either table has IPv6 routes,
 * so an IPv4-only run reads as it always did.
 */
export function routesInstalledTrace(before: ForwardingTable, after: ForwardingTable): TraceDraft {
  const was = before.routes.map(describedRoute);
  const now = after.routes.map(describedRoute);
  const v4 = churn(was, now);
  const was6 = (before.routes6 ?? []).map(describeRoute6);
  const now6 = (after.routes6 ?? []).map(describeRoute6);
  const summary = `forwarding table: ${plural(after.routes.length, 'route')}, ${plural(after.neighbours.length, 'neighbour')} (+${v4.added} −${v4.removed} routes)`;
  if (was6.length === 0 && now6.length === 0) return { kind: 'table-changed', summary, ref: ROUTES_REF, before: was, after: now };
  const v6 = churn(was6, now6);
  return {
    kind: 'table-changed',
    summary: `${summary}; IPv6: ${plural(now6.length, 'route')}, ${plural(after.neighbours6?.length ?? 0, 'neighbour')} (+${v6.added} −${v6.removed} routes)`,
    ref: ROUTES_REF,
    before: [...was, ...was6],
    after: [...now, ...now6],
  };
}
