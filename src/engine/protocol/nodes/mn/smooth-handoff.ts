// The mobile node's smooth handoff (Perkins & Johnson §4.1; optim-08 §5.1,
// Perkins & Johnson §4.1; optim-06 §9; optim-08 §3.2, §8.1; OC-09, OC-10, OC-21, OC-22, OC-34).
//
//  1. Registering with a new FA that advertises S while holding a key (or a
//     configured MSA) with the previous FA: a Previous FA Notification goes
//     after the Mobile-Home authenticator, its authenticator precomputed for
//     the exact BU the new FA will build (OC-09, OC-10), Cache Lifetime from
//     the configuration (OC-22).
//  2. Right after the Request is sent, the BU's bytes are kept and the
//     retransmission timer armed (1 s, doubling, cap 32 s, OC-21).
//  3. On timeout the MN sends that BU itself, byte-identical, IP source = home
//     address, via its new FA as default router (OC-34).
//  4. A Binding Acknowledge from that FA with the same home address and
//     Identification, authenticated with the key the BU was (Perkins &
//     Johnson §3.5; OC-36), ends it; the previous FA's key is then spent
//     (single-use, Perkins & Johnson §9.1, §9.2). A BA that is not
//     authenticated is refused: the BU stays pending and is resent.
//  The BU releasing the last FA on the way home (return-home.ts) shares the
//  schedule; from home it goes by the MN's own forwarding table.

import type { NodeContext, NodeOutput, NodeStep } from '../../../node/contract';
import { sendDatagram } from '../../../network/behaviours/ip-output';
import { EtherType } from '../../../node/link-address';
import type { Ipv4Datagram } from '../../../wire/ipv4';
import type { Identification } from '../../../wire/mip/identification';
import {
  armSmoothHandoffRetransmission, buildPreviousFaNotification, receiveSmoothHandoffAcknowledge, smoothHandoffTimer, toDatagram,
  type SmoothHandoffNotification, type SmoothHandoffPlan,
} from '../../route-optimization';
import { nextSmoothHandoffDeadline } from '../../tables/pending-binding-updates';
import { roTraces } from '../common/smooth-handoff-io';
import { decision } from '../common/trace';
import { heldKeyWith, previousForeignAgent, usesSmoothHandoff } from './keys';
import type { MobileNodeState, RegistrationTarget } from './mobile-node-state';

export const SMOOTH_HANDOFF_TIMER = 'mn:smooth-handoff';

export interface PlannedHandoff {
  readonly plan: SmoothHandoffPlan;
  readonly notification: SmoothHandoffNotification;
}

/** Perkins & Johnson §4.1; optim-08 §5.1 / Perkins & Johnson §9.1; regkey-00 §6: the PFAN for a Request to `t` with this Identification, or null when none is due. */
export function planHandoff(state: MobileNodeState, t: RegistrationTarget, identification: Identification): PlannedHandoff | null {
  if (!usesSmoothHandoff(state, t)) return null;
  const previous = previousForeignAgent(state, t);
  if (previous === null) return null;
  const key = heldKeyWith(state, previous);
  if (key === null) return null;
  const c = state.config;
  const plan: SmoothHandoffPlan = {
    homeAddress: c.homeAddress, previousForeignAgent: previous,
    newCareOfAddress: c.previousForeignAgentForwarding === false ? c.homeAddress : t.careOfAddress, // home address: "forget me entirely" (Perkins & Johnson §4.2)
    requestIdentification: identification, key, cacheLifetimeSeconds: c.smoothHandoffCacheLifetime, // OC-22
    identification: (c.handoffIdentificationAgents ?? []).includes(t.agent) ? 'optim-08' : 'paper', // how the new FA builds the BU (OC-09)
  };
  return { plan, notification: buildPreviousFaNotification(plan, c.profile) };
}

/** The retransmission timer at the next deadline; a deadline already past (an old registration that ended before the move) fires now. */
export function timerOutput(state: MobileNodeState, now: number): NodeOutput {
  const next = nextSmoothHandoffDeadline(state.pendingBindingUpdates);
  return next === null ? { kind: 'cancel-timer', key: SMOOTH_HANDOFF_TIMER } : { kind: 'set-timer', key: SMOOTH_HANDOFF_TIMER, at: Math.max(now, next), ref: 'Perkins & Johnson §4.1; optim-08 §3.2; lab choice' };
}

/** Perkins & Johnson §4.1; optim-08 §3.2: after the Request with the PFAN went out, keep its BU and arm the timer. */
export function armAfterRequest(state: MobileNodeState, h: PlannedHandoff, ctx: NodeContext): NodeStep<MobileNodeState> {
  const ends = state.registration?.expiresAt ?? null; // the old registration at the previous FA (optim-08 §3.2)
  const armed = armSmoothHandoffRetransmission(state.pendingBindingUpdates, h.plan, h.notification, ends, ctx.now);
  const s = { ...state, pendingBindingUpdates: armed.state };
  return {
    state: s,
    outputs: [
      decision(`Previous FA Notification for ${h.plan.previousForeignAgent} added`, `the new FA advertises S and this MN holds an MSA (SPI ${h.plan.key.spi}) with ${h.plan.previousForeignAgent}; ${h.plan.newCareOfAddress === h.plan.homeAddress ? 'new care-of address = the home address: the previous FA is asked to forget this mobile node entirely, not to forward to it' : `Cache Lifetime ${h.notification.extension.cacheLifetime} s`}`, 'Perkins & Johnson §4.1; optim-08 §5.1; Perkins & Johnson §9.1; regkey-00 §6; lab choice'),
      ...roTraces(armed.traces), timerOutput(s, ctx.now),
    ],
  };
}

/** The datagram goes to the new FA on the cell (the default router, OC-34). */
function viaNewForeignAgent(state: MobileNodeState, bytes: Uint8Array, summary: string, ref: string, ctx: NodeContext): NodeOutput | null {
  const t = state.pending?.target ?? state.registration?.target ?? null;
  if (t === null || t.deregistration) return null;
  const own = ctx.node.interfaces.find((i) => i.name === t.interface);
  return { kind: 'transmit', interface: t.interface, frame: { source: own?.linkAddress ?? '', destination: t.linkAddress, etherType: EtherType.IPV4, payload: bytes }, summary, reason: `no Binding Acknowledge yet: the MN resends the same Binding Update itself, through ${t.agent} as default router`, ref };
}

/** Perkins & Johnson §4.1; optim-08 §3.2: the timer fired — resend what is due, byte-identical (OC-34). */
export function onSmoothHandoffTimer(state: MobileNodeState, ctx: NodeContext): NodeStep<MobileNodeState> {
  const r = smoothHandoffTimer(state.pendingBindingUpdates, ctx.now);
  let s: MobileNodeState = { ...state, pendingBindingUpdates: r.state };
  const outputs: NodeOutput[] = [...roTraces(r.traces)];
  for (const send of r.sends) {
    const bytes = toDatagram(send, s.nextIdentification);
    s = { ...s, nextIdentification: (s.nextIdentification + 1) & 0xffff };
    const out = s.atHome
      ? sendDatagram(ctx.node, s.table, bytes, send.destination, { summary: send.summary, reason: 'no Binding Acknowledge yet: sent again from home', ref: send.ref })
      : viaNewForeignAgent(s, bytes, send.summary, send.ref, ctx);
    if (out !== null) outputs.push(out);
  }
  outputs.push(timerOutput(s, ctx.now));
  return { state: s, outputs };
}

/** A Binding Acknowledge reached the MN (UDP 434 at its home address, Perkins & Johnson §3.4; optim-08 §4.4, Perkins & Johnson §4.1; optim-08 §3.2). */
export function onBindingAcknowledge(state: MobileNodeState, d: Ipv4Datagram, payload: Uint8Array, ctx: NodeContext): NodeStep<MobileNodeState> {
  const before = state.pendingBindingUpdates;
  const r = receiveSmoothHandoffAcknowledge(before, { payload, source: d.source, destination: d.destination }, ctx.now, state.config.profile);
  let s: MobileNodeState = { ...state, pendingBindingUpdates: r.state };
  const released = Object.keys(before.entries).filter((fa) => r.state.entries[fa] === undefined);
  if (released.length > 0) s = { ...s, foreignAgentKeys: s.foreignAgentKeys.filter((k) => !released.includes(k.faAddress)) }; // single-use (Perkins & Johnson §9.1, §9.2)
  return { state: s, outputs: [...roTraces(r.traces), timerOutput(s, ctx.now)] };
}
