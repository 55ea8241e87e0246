// The sans-IO contract of a node (docs/architecture.md "Engine"; quinn-proto's shape from
// docs/architecture.md "Examples we follow").
//
// Theory of operation. A node is a pure function over plain data:
//
//   handle(state, input, context) → { state', outputs }
//
// Inputs are a frame received on an interface, a timer that fell due, or a
// command; the context carries the virtual time `now`, the node's own
// configuration and its seeded RandomSource. Outputs are data: frames to
// transmit on an interface, timers to set or cancel (a small table keyed by a
// timer name, as quinn keys its timers by an enum), and trace events. No
// callbacks, promises or I/O inside. Whoever hosts the node — the in-process
// simulation or, later, a Web Worker — owns the clock, the links and the timer
// table, and turns the outputs into events.
//
// Because a node's whole state is plain structured-cloneable data (no class
// instances, no functions, no Maps), it can be snapshotted, sent to a worker,
// diffed and restored (rewind). Behaviours must return a new state rather
// than mutate the one they were given: a snapshot may share it.

import type { RandomSource } from '../random';
import type { Ipv4Address } from '../wire/address';
import type { Ipv6Address } from '../wire/ipv6/ipv6-address';
import type { LinkAddress } from './link-address';
import type { ForwardingTable } from './route-table';
import type { Micros } from './time';

export type NodeId = string;
export type InterfaceName = string;
/** A timer's name in the node's timer table; setting a key again moves that timer. */
export type TimerKey = string;
/** `${node}:${seq}` — numbered by the node that records it, so parallel hosts agree. */
export type TraceEventId = string;

/** An Ethernet-II-shaped frame (RFC 826): addresses, EtherType, payload. */
export interface Frame {
  readonly source: LinkAddress;
  readonly destination: LinkAddress;
  readonly etherType: number;
  /**
   * For EtherType 0x0800, the IPv4 datagram. Read-only: the sender, its
   * receivers, the trace and whatever was parsed from it (views, wire/cursor.ts)
   * may share these bytes, so a node that changes a datagram copies it first.
   */
  readonly payload: Uint8Array;
}

export type TraceKind =
  | 'sent'
  | 'received'
  | 'forwarded'
  | 'dropped'
  /**
   * The network lost a frame: the link's loss draw took it, or no station on
   * the link has the address it was sent to (the receiver left the cell), or
   * the sender's radio is out of range of every cell. Recorded by the sender,
   * at the time the frame would have arrived (network/loss-reasons.ts).
   * `dropped` is a node's own decision to discard.
   */
  | 'lost'
  | 'table-changed'
  | 'key-established'
  | 'decision'
  | 'delivered'
  | 'timer';

/** "Why did this node do that?" must always have an answer (docs/architecture.md "Engine"). */
export interface TraceEvent {
  readonly id: TraceEventId;
  readonly time: Micros;
  readonly node: NodeId;
  readonly kind: TraceKind;
  /** One line for humans, e.g. "UDP 10.1.0.5:5000 → 10.2.0.5:7, 64 octets". */
  readonly summary: string;
  /** For drops and decisions: text a learner can read, e.g. "TTL reached 0". */
  readonly reason?: string;
  /** The packet bytes, where there are some (the IPv4 datagram for IPv4 frames). */
  readonly bytes?: Uint8Array;
  readonly interface?: InterfaceName;
  /** The event this one follows from (received frame, fired timer, …). */
  readonly causedBy?: TraceEventId;
  /** The section of the paper or spec the behaviour implements, e.g. "RFC 2002 §3.8.2", "OC-20". */
  readonly ref: string;
  /** For table changes: the table (or entry) before and after, as plain data. */
  readonly before?: unknown;
  readonly after?: unknown;
}

/** What a node supplies; the host adds id, time and node, and `causedBy` when left out. */
export type TraceDraft = Omit<TraceEvent, 'id' | 'time' | 'node'>;

/** What a node knows about one of its own interfaces. */
export interface InterfaceConfig {
  readonly name: InterfaceName;
  readonly address: Ipv4Address;
  readonly prefixLength: number;
  readonly linkAddress: LinkAddress;
  /** A radio interface attaches to whichever cells are in range of the node's position. */
  readonly radio: boolean;
  /** The interface's global IPv6 address and prefix length, canonical text (dual-stack, docs/ipv6.md §2, OC-50); absent on an IPv4-only interface. */
  readonly ipv6?: Ipv6InterfaceAddress;
}

export interface Ipv6InterfaceAddress {
  readonly address: Ipv6Address;
  readonly prefixLength: number;
}

export interface NodeConfig {
  readonly id: NodeId;
  readonly interfaces: readonly InterfaceConfig[];
}

/** Commands every host sends, whatever the behaviour; behaviours may ignore them. */
export type SystemCommand =
  /** Once, at time 0, before anything else: the place to set the first timers. */
  | { readonly type: 'start' }
  /** The routing computed from the topology changed for this node (network/routing.ts). */
  | { readonly type: 'install-routes'; readonly table: ForwardingTable }
  /** A radio interface joined or left cells because the node moved (link-layer movement hint, RFC 2002 §2.4.2). */
  | { readonly type: 'attachment-changed'; readonly interface: InterfaceName; readonly before: readonly string[]; readonly after: readonly string[] }
  /** A fault a scenario scripts: the node reboots, forgetting what it learned (a foreign agent: protocol/nodes/fa/reboot.ts). */
  | { readonly type: 'reboot' };

export type NodeInput<C = never> =
  | { readonly kind: 'frame'; readonly interface: InterfaceName; readonly frame: Frame }
  | { readonly kind: 'timer'; readonly key: TimerKey }
  | { readonly kind: 'command'; readonly command: SystemCommand | C };

export type NodeOutput =
  | {
      readonly kind: 'transmit';
      readonly interface: InterfaceName;
      readonly frame: Frame;
      /** The line the host's trace event shows. */
      readonly summary: string;
      /** 'forwarded' when a router passes on someone else's datagram; default 'sent'. */
      readonly traceAs?: 'sent' | 'forwarded';
      readonly reason?: string;
      readonly ref?: string;
      readonly causedBy?: TraceEventId;
    }
  /**
   * Sets (or moves) the timer `key` to fire at `at` (≥ now). `ref` names the
   * rule the timer serves; the host's `timer` trace event shows it and points
   * back (causedBy) to the event during which the timer was set.
   */
  | { readonly kind: 'set-timer'; readonly key: TimerKey; readonly at: Micros; readonly ref?: string }
  | { readonly kind: 'cancel-timer'; readonly key: TimerKey }
  | { readonly kind: 'trace'; readonly event: TraceDraft };

export interface NodeContext {
  readonly now: Micros;
  readonly node: NodeConfig;
  /** The node's own seeded generator; its state is saved with the node's. */
  readonly random: RandomSource;
}

export interface NodeStep<S> {
  readonly state: S;
  readonly outputs: readonly NodeOutput[];
}

export interface NodeBehaviour<S, C = never> {
  /** Shown in the UI and traces, e.g. "router", "host", "home agent". */
  readonly kind: string;
  handle(state: S, input: NodeInput<C>, context: NodeContext): NodeStep<S>;
}
