// What the correspondent's traffic to the mobile node is doing NOW, at the
// playback time `now` — the route banner's one source of truth.
//
// Definition. Take the correspondent → mobile node datagrams sent at or
// before `now`, newest first, and skip those whose fate is still open (in
// flight). The newest datagram whose fate is known decides:
//
//   - delivered → the route it took ("route"), unless the mobile node has
//     since left the cell of the agent that handed it over: then the route
//     shown would lead to an agent it left ("left"), and the banner says so
//     instead of showing a healthy route;
//   - lost (dropped with a reason, lost by a link, or sent into a cell where
//     nobody received it — the sender's `lost` event says so when the frame
//     would have arrived; a trace without such events is read by deadline) →
//     "lost", saying where and why, with how many datagrams in a row have
//     been lost since the last one delivered.
//
// Nothing known yet → "none". So the banner turns to "lost" as soon as the
// first datagram after a move has died (within one datagram), and back to a
// route as soon as one arrives again.

import type { NodeId, TraceEvent, TraceEventId } from '../../../engine/node/contract';
import type { Micros } from '../../../engine/node/time';
import { outerAddresses } from '../../../engine/wire/outer-addresses';
import { citationsIn } from '../../references/citations';
import { runReading } from '../../store/run-reading';
import { interfaceKey, type CanvasModel } from './canvas-model';
import { followPath, type CurrentPath, type PathHop } from './current-path';
import { isHomeAgentRole } from './current-path-ipv6';
import { fateAt, type Datagram, type Fate } from './datagram-fates';

export type RouteNow =
  | { readonly kind: 'none' }
  | { readonly kind: 'route'; readonly path: CurrentPath }
  | {
      readonly kind: 'left';
      /** The last delivery's route, which ends at an agent the mobile node has left. */
      readonly path: CurrentPath;
      readonly agent: NodeId;
      readonly cell: string;
    }
  | {
      readonly kind: 'lost';
      readonly mobile: NodeId;
      /** The node where the newest lost datagram died. */
      readonly where: NodeId;
      /** In the learner's words, from the trace event where there is one. */
      readonly why: string;
      /** Further facts, each a sentence: where the mobile node is, who still sends there. */
      readonly notes: readonly string[];
      /** The section the behaviour implements, when there is one to cite. */
      readonly cite?: string;
      /** The drop or loss event, or (in a trace without one) the transmission nobody received. */
      readonly event: TraceEventId;
      /** Datagrams lost in a row, up to the newest known. */
      readonly count: number;
      /** When the first of them was sent. */
      readonly since: Micros;
      /** When the last datagram before them was delivered, if any was. */
      readonly lastDelivered?: Micros;
      /** The hops the newest lost datagram made before it died. */
      readonly trail: readonly PathHop[];
    };

export interface RouteInputs {
  readonly model: CanvasModel;
  readonly byId: ReadonlyMap<TraceEventId, TraceEvent>;
  readonly now: Micros;
  /** The radio cells a node's interfaces were attached to at a time (at `now`: where it is now). */
  readonly cellsAt: (node: NodeId, t: Micros) => readonly string[];
  readonly deadline: (tx: TraceEvent) => Micros;
  /** followPath, possibly cached by the caller. */
  readonly pathOf?: (end: TraceEvent) => CurrentPath | null;
}

export function routeNow(datagrams: readonly Datagram[], inputs: RouteInputs): RouteNow {
  const { now, deadline } = inputs;
  const pathOf = inputs.pathOf ?? ((end: TraceEvent) => followPath(inputs.model, inputs.byId, end));
  let i = datagrams.length - 1;
  let fate: Fate = { kind: 'pending' };
  for (; i >= 0; i--) {
    const d = datagrams[i]!;
    if (d.sent.time > now) continue;
    fate = fateAt(d, now, deadline);
    if (fate.kind !== 'pending') break;
  }
  if (i < 0 || fate.kind === 'pending') return { kind: 'none' };

  if (fate.kind === 'delivered') {
    const path = pathOf(fate.at);
    if (path === null) return { kind: 'none' };
    const last = path.hops[path.hops.length - 1];
    const link = last === undefined ? undefined : inputs.model.links.get(last.link);
    if (last !== undefined && link?.kind === 'radio' && !inputs.cellsAt(path.mobile, now).includes(last.link)) {
      const cell = inputs.model.cells.find((c) => c.id === last.link)?.label ?? last.link;
      return { kind: 'left', path, agent: last.from, cell };
    }
    return { kind: 'route', path };
  }

  const newest = datagrams[i]!;
  let count = 0;
  let j = i;
  let since = newest.sent.time;
  for (; j >= 0; j--) {
    const f = fateAt(datagrams[j]!, now, deadline);
    if (f.kind === 'delivered') break;
    if (f.kind === 'lost') {
      count++;
      since = datagrams[j]!.sent.time;
    }
  }
  const lastDelivered = j >= 0 ? datagrams[j]!.delivered?.time : undefined;
  const loss = describeLoss(newest, fate, inputs);
  const trail = pathOf(fate.at)?.hops ?? [];
  return {
    kind: 'lost', mobile: newest.mobile, ...loss, event: fate.at.id, count, since, trail,
    ...(lastDelivered === undefined ? {} : { lastDelivered }),
  };
}

/** Where a datagram died and why, in the learner's words. */
export function describeLoss(d: Datagram, fate: Extract<Fate, { kind: 'lost' }>, inputs: RouteInputs): { where: NodeId; why: string; notes: string[]; cite?: string } {
  const at = fate.at;
  const where = at.node;
  // Only a ref that cites a section is shown: the link model's own ref names no text a learner could read.
  const cite = citationsIn(at.ref).length > 0 ? { cite: at.ref } : {};
  if (fate.how === 'dropped') return { where, why: at.reason ?? at.summary, notes: [], ...cite };
  if (fate.how === 'stopped') return { where, why: `${where} received it and sent it no further`, notes: [], ...cite };

  const { model } = inputs;
  const link = model.fixedLink.get(interfaceKey(where, at.interface ?? ''));
  const cell = link === undefined ? undefined : model.cells.find((c) => c.id === link);
  // Where the mobile node was when the frame went out, not where it is now: a `lost` event is recorded when it would have arrived.
  const sentAt = at.kind === 'lost' && at.causedBy !== undefined ? inputs.byId.get(at.causedBy)?.time ?? at.time : at.time;
  const cells = inputs.cellsAt(d.mobile, sentAt);
  if (cell === undefined || cells.includes(cell.id)) {
    return { where, why: at.kind === 'lost' && at.reason !== undefined ? at.reason : `no node on link ${link ?? 'its link'} received it`, notes: [] };
  }
  const role = model.nodeById.get(where)?.role;
  const notes = [
    ...(cells.length === 0 ? ['The mobile node is out of range of every cell.'] : []),
    ...staleSender(d, at, inputs),
  ];
  if (role === 'foreign-agent') {
    return { where, why: `the mobile node left ${where}'s cell, and ${where} has no forwarding pointer to send them on`, notes, cite: 'Perkins & Johnson §4' };
  }
  if (role === 'home-agent') {
    return { where, why: 'the mobile node left its home network and has not registered a care-of address yet', notes, cite: 'RFC 2002 §3' };
  }
  if (role === 'home-agent-v6') {
    return { where, why: 'the mobile node left its home link and has not registered a care-of address yet', notes, cite: 'Perkins & Johnson §10' };
  }
  if (role === 'access-router-v6') {
    return { where, why: `the mobile node left ${where}'s cell, and ${where} has no binding for its previous care-of address to forward them with`, notes, cite: 'Perkins & Johnson §10' };
  }
  return { where, why: `the mobile node is no longer in ${cell.label}`, notes };
}

/** "CN's binding cache still sends them to FA1.": who aimed the datagram at the agent the mobile node left. */
function staleSender(d: Datagram, at: TraceEvent, inputs: RouteInputs): string[] {
  const sent = d.sent.bytes === undefined ? null : runReading().classifyPacket(d.sent.bytes);
  if (sent?.routingHeader2 === true) {
    // IPv6: no tunnel to an agent — the correspondent's binding names the care-of address itself (RFC 6275 §6.4).
    const careOf = outerAddresses(d.sent.bytes!)?.destination;
    return careOf === undefined ? [] : [`${d.sent.node}'s binding cache still sends them to care-of address ${careOf}.`];
  }
  const agentAddresses = new Set(inputs.model.nodeById.get(at.node)?.interfaces.flatMap((i) => (i.ipv6 === undefined ? [i.address] : [i.address, i.ipv6])) ?? []);
  // Walk back from the lost frame to where its tunnel to this agent began (routers on the way keep the outer header).
  let entry: TraceEvent | undefined;
  let e: TraceEvent | undefined = at;
  for (let n = 0; e !== undefined && n < 256; n++) {
    if (e.bytes !== undefined && (e.kind === 'sent' || e.kind === 'forwarded') && e !== at) {
      if (agentAddresses.has(outerAddresses(e.bytes)?.destination ?? '')) entry = e;
      else if (entry !== undefined) break;
    }
    e = e.causedBy === undefined ? undefined : inputs.byId.get(e.causedBy);
  }
  if (entry !== undefined) {
    const sender = entry.node;
    const agent = at.node;
    if (isHomeAgentRole(inputs.model.nodeById.get(sender)?.role)) return [`${sender} still tunnels them to ${agent}: no new registration yet.`];
    if (sender === d.sent.node) return [`${sender}'s binding cache still sends them to ${agent}.`];
    return [`${sender} still tunnels them to ${agent}.`];
  }
  return [];
}
