// The world's events as the coordinator holds them: commands to one node,
// moves and link changes, each at a time and numbered in the order they were
// scheduled (the in-process scheduler's ENVIRONMENT_SOURCE sequence), so they
// run before any node event at the same time and in the same order as in
// Simulation (engine/network/simulation.ts, scenarios/load.ts).
//
// Plain data, kept sorted by (time, seq); part of the fabric's snapshot.

import type { LinkChange } from '../../engine/network/link-change';
import type { LinkId, Position } from '../../engine/network/topology';
import type { Micros } from '../../engine/node/time';

export type WorldChange =
  | { readonly kind: 'command'; readonly node: number; readonly command: unknown }
  | { readonly kind: 'move'; readonly node: number; readonly position: Position }
  | ({ readonly kind: 'set-link'; readonly link: LinkId } & LinkChange);

export interface WorldEvent {
  readonly time: Micros;
  readonly seq: number;
  readonly change: WorldChange;
}

export interface WorldQueueState {
  readonly pending: WorldEvent[];
  nextSeq: number;
}

export function emptyWorldQueue(): WorldQueueState {
  return { pending: [], nextSeq: 0 };
}

/** Schedules a change; returns its sequence number. */
export function scheduleWorld(state: WorldQueueState, time: Micros, change: WorldChange): number {
  const event = { time, seq: state.nextSeq++, change };
  // Usually appended (times rarely go backwards); keep (time, seq) order.
  let i = state.pending.length;
  while (i > 0 && state.pending[i - 1]!.time > time) i--;
  state.pending.splice(i, 0, event);
  return event.seq;
}

export function nextWorldTime(state: WorldQueueState): Micros {
  return state.pending[0]?.time ?? Infinity;
}

/**
 * Takes what the next instant processes: either the run of consecutive
 * commands at the earliest time (commands to different nodes are
 * independent, so they run in parallel), or one move or link change alone.
 */
export function takeInstant(state: WorldQueueState): WorldEvent[] {
  const first = state.pending[0];
  if (first === undefined) return [];
  if (first.change.kind !== 'command') return state.pending.splice(0, 1);
  let end = 1;
  while (end < state.pending.length && state.pending[end]!.time === first.time && state.pending[end]!.change.kind === 'command') end++;
  return state.pending.splice(0, end);
}
