// The messages of the worker fabric (docs/architecture.md "Runtime": "a typed, versioned
// message protocol (discriminated union on `type`)"). Three channels:
//
//  coordinator → host, on the host's control port: ToHost
//  host → coordinator, on the same port:            FromHost
//  host → host, on the MessagePort of a pair of nodes that may share a link:
//                                                    PeerMessage (frames)
//
// Every step request carries `expect`: how many frame batches the host must
// have received from its peers, counted since the run started, before it may
// process the step (the ports of different pairs are not ordered with the
// control port). Hosts send at most one batch per peer per step and report
// whom they sent to in their `done`.
//
// Bump PROTOCOL_VERSION whenever a message changes shape: the handshake
// (init → ready | refused) refuses a host built from another version.

import type { HostedNodeState } from '../../engine/network/hosted-node';
import type { NodeEvent } from '../../engine/network/node-runner';
import type { ScheduledEvent } from '../../engine/network/scheduler';
import type { LinkId, Position } from '../../engine/network/topology';
import type { NodeId, TraceEvent, TraceEventId } from '../../engine/node/contract';
import type { ForwardingTable } from '../../engine/node/route-table';
import type { Micros } from '../../engine/node/time';
import type { LoadedScenario } from '../../scenarios/to-topology';
import type { NodeView } from '../types';

/** 2: the scenario in `init` may carry scripted faults, which each host applies to its own sends. */
export const PROTOCOL_VERSION = 2;

/** What the worker shell receives first: the host's control port (node-worker.ts). */
export interface ConnectMessage {
  readonly type: 'connect';
  readonly port: MessagePort;
}

export interface PeerPort {
  /** The other node's index in the topology. */
  readonly node: number;
  readonly port: MessagePort;
}

/** One host's whole state: the node and how many frame batches it has received. */
export interface HostSnapshot {
  readonly hosted: HostedNodeState;
  readonly received: number;
}

interface StepBase {
  readonly step: number;
  readonly expect: number;
}

export type ToHost =
  | {
      readonly type: 'init';
      readonly version: number;
      readonly scenario: LoadedScenario;
      readonly seed: number;
      readonly node: number;
      /** The table of the node's time-0 install-routes command. */
      readonly initialTable: ForwardingTable;
      readonly peers: readonly PeerPort[];
    }
  /** Process every local event with time < end. */
  | (StepBase & { readonly type: 'window'; readonly end: Micros })
  /** World commands for this node at `time`, in `seq` order. */
  | (StepBase & { readonly type: 'commands'; readonly time: Micros; readonly commands: readonly { readonly seq: number; readonly command: unknown }[] })
  /** This node moves: re-attach, trace; the reply's `cause` is the first change's trace event. */
  | (StepBase & { readonly type: 'move-self'; readonly time: Micros; readonly seq: number; readonly position: Position })
  /** Some node moved: follow (membership; with a cause, routes; the moved node then hears of it). */
  | (StepBase & { readonly type: 'move'; readonly time: Micros; readonly seq: number; readonly node: number; readonly position: Position; readonly cause?: TraceEventId })
  | (StepBase & { readonly type: 'set-link'; readonly time: Micros; readonly seq: number; readonly link: LinkId; readonly delay?: Micros; readonly loss?: number })
  | (StepBase & { readonly type: 'view' })
  | (StepBase & { readonly type: 'snapshot' })
  | (StepBase & { readonly type: 'restore'; readonly state: HostSnapshot })
  | { readonly type: 'close' };

/** Where a host sent frames in a step: one batch per receiving node. */
export interface SentBatch {
  readonly to: number;
  /** The earliest arrival in the batch. */
  readonly earliest: Micros;
}

export type FromHost =
  | { readonly type: 'ready'; readonly version: number; readonly node: number; readonly flowsInState: boolean }
  | { readonly type: 'refused'; readonly version: number; readonly reason: string }
  | {
      readonly type: 'done';
      readonly step: number;
      readonly node: number;
      /** The host's next local event, if any. */
      readonly next?: Micros;
      readonly sent: readonly SentBatch[];
      /** What the node recorded, and per event the key it was recorded under (TRACE_KEY_WIDTH numbers each). */
      readonly trace: readonly TraceEvent[];
      readonly keys: readonly number[];
      readonly cause?: TraceEventId;
      readonly view?: NodeView;
      readonly snapshot?: HostSnapshot;
    }
  | { readonly type: 'failed'; readonly node?: NodeId; readonly reason: string };

export interface PeerMessage {
  readonly type: 'frames';
  readonly events: readonly ScheduledEvent<NodeEvent>[];
}

/** A step request without the fields the coordinator fills in. */
export type StepRequest = ToHost extends infer M ? (M extends StepBase ? Omit<M, 'step' | 'expect'> : never) : never;
