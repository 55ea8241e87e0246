// The plain data every route-optimization function takes and returns
// (Perkins & Johnson §3; docs/protocol-notes.md §Timers and constants). The functions in this folder are pure and
// node-independent: a behaviour (protocol/nodes/) hands them the slice of
// state they need plus what arrived, and turns what they return into frames,
// timers and trace events.
//
// Theory of operation. Every entry point has the shape
//
//   (state slice, context, input, now, random?) → { state, sends, forwards, traces, … }
//
//  * `sends` are Mobile IP control messages (RO messages 16–19) as sealed UDP
//    payloads with their addressing; `toDatagram` makes the IPv4/UDP datagram
//    of one, IP-in-IP encapsulated when `tunnelTo` is set (OC-36).
//  * `forwards` are complete IPv4 datagrams already built (a re-tunnelled or
//    special-tunnelled datagram, Perkins & Johnson §4.3; spectun-00 §3.1, §3.2).
//  * `traces` explain every decision, drop and table change with its spec ref.
// A refused input returns the state it was given, unchanged (h11 style).

import type { Ipv4Address } from '../../wire/address';
import { udpDatagram } from '../../wire/datagram';
import { encapsulateIpInIp } from '../../wire/ip-in-ip';
import { describeWireError } from '../../wire/result';
import type { MipProfile } from '../../wire/mip/profile';
import type { TableChange } from '../tables/table-change';

/** UDP port of every Mobile IP and RO message (RFC 2002 §1.9; optim-08 §4; OC-07). */
export const RO_PORT = 434;
/** IP TTL of every RO message (OC-08). */
export const RO_TTL = 64;

/** A message as it arrived: the raw UDP payload (authenticators are computed over it) and the IP addresses. */
export interface ReceivedMessage {
  /** UDP payload, octet 0 = message Type. The caller has already checked the UDP checksum (optim-08 §4.3). */
  readonly payload: Uint8Array;
  readonly source: Ipv4Address;
  readonly destination: Ipv4Address;
}

/** One RO control message to transmit (UDP 434 → 434, OC-07). */
export interface RoSend {
  readonly source: Ipv4Address;
  readonly destination: Ipv4Address;
  readonly sourcePort: number;
  readonly destinationPort: number;
  /** The sealed UDP payload (authenticator already computed). */
  readonly payload: Uint8Array;
  readonly ttl: number;
  /** One line for the packet list, e.g. "Binding Update 10.1.0.10 → 192.168.2.1 (300 s)". */
  readonly summary: string;
  readonly ref: string;
  /** Deliver inside an IP-in-IP tunnel to this address, outer source = `source` (OC-36). */
  readonly tunnelTo?: Ipv4Address;
}

/** A complete IPv4 datagram to transmit as it is (already tunnelled where needed). */
export interface RoForward {
  readonly bytes: Uint8Array;
  readonly summary: string;
  readonly ref: string;
}

export type RoTraceKind = 'received' | 'dropped' | 'decision' | 'table-changed';

export interface RoTrace {
  readonly kind: RoTraceKind;
  readonly summary: string;
  readonly reason?: string;
  readonly ref: string;
  readonly before?: unknown;
  readonly after?: unknown;
  /** For a datagram dropped: its bytes, so the trace (and the statistics) can tell which one was lost. */
  readonly bytes?: Uint8Array;
}

export interface RoResult<S> {
  readonly state: S;
  readonly sends: readonly RoSend[];
  readonly forwards: readonly RoForward[];
  readonly traces: readonly RoTrace[];
}

/** Settings shared by every receiver/sender here. */
export interface RoConfig {
  /** Unix time (ms) of virtual time 0, for NTP timestamps (OC-28, OC-40). */
  readonly epochUnixMs: number;
  /** OC-01: ro98 (keyed-MD5, SPI not covered) unless the scenario says rfc3344. */
  readonly profile: MipProfile;
  /** OC-29: ±5 s unless set. */
  readonly timestampWindowSeconds?: number;
}

export const DEFAULT_RO_CONFIG: RoConfig = { epochUnixMs: 1_767_225_600_000 /* 2026-01-01T00:00:00Z */, profile: 'ro98' };

/** A send with the RO defaults: ports 434 → 434 (OC-07), TTL 64 (OC-08). */
export function roSend(fields: Omit<RoSend, 'sourcePort' | 'destinationPort' | 'ttl'> & Partial<RoSend>): RoSend {
  return { sourcePort: RO_PORT, destinationPort: RO_PORT, ttl: RO_TTL, ...fields };
}

/** The table changes of a table operation, as trace events. */
export function changeTraces<E>(table: string, changes: readonly TableChange<E>[]): RoTrace[] {
  return changes.map((c) => ({
    kind: 'table-changed' as const,
    summary: `${table}: ${c.kind} ${c.key}`,
    ref: c.ref,
    ...(c.reason === undefined ? {} : { reason: c.reason }),
    ...(c.before === undefined ? {} : { before: c.before }),
    ...(c.after === undefined ? {} : { after: c.after }),
  }));
}

export function decision(summary: string, ref: string, reason?: string): RoTrace {
  return { kind: 'decision', summary, ref, ...(reason === undefined ? {} : { reason }) };
}

export function dropped(summary: string, reason: string, ref: string, bytes?: Uint8Array): RoTrace {
  return { kind: 'dropped', summary, reason, ref, ...(bytes === undefined ? {} : { bytes }) };
}

export function received(summary: string, ref: string): RoTrace {
  return { kind: 'received', summary, ref };
}

/** Nothing sent, nothing changed: the state as given plus the traces. */
export function unchanged<S>(state: S, traces: readonly RoTrace[], sends: readonly RoSend[] = []): RoResult<S> {
  return { state, sends, forwards: [], traces };
}

/**
 * The IPv4 datagram of a send: IPv4 + UDP with its checksum; IP-in-IP around
 * it when `tunnelTo` is set (outer source = the sender, outer TTL 64; the
 * sender originates the inner datagram, so its TTL is unchanged, OC-36, OC-39).
 */
export function toDatagram(send: RoSend, ipIdentification: number): Uint8Array {
  const inner = udpDatagram({ source: send.source, destination: send.destination, ttl: send.ttl, identification: ipIdentification }, send.sourcePort, send.destinationPort, send.payload);
  if (send.tunnelTo === undefined) return inner;
  const outer = encapsulateIpInIp(inner, { source: send.source, destination: send.tunnelTo, identification: ipIdentification, decrementInnerTtl: false });
  if (!outer.ok) throw new Error(`cannot tunnel a freshly built datagram: ${describeWireError(outer.error)}`); // a 64-TTL datagram always fits
  return outer.value;
}
