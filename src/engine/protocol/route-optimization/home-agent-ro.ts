// The home agent's route-optimization triggers (Perkins & Johnson §3.3,
// Perkins & Johnson §4.3; optim-08 §3.1, §4.1, §4.2, §6, §7.3; spectun-00 §3.1). Each trigger
// names who should learn the binding; home-agent-binding-update.ts decides
// whether they may and builds the BU.
//
//   (a) the HA tunnelled a datagram from S to an away MN → BU to S, A = 0
//   (b) Binding Request from R                          → BU to R (Identification from the BR)
//   (c) Binding Warning                                  → BU to each target
//   (d) BW extension in an accepted Request              → BU to each target
//   (e) special tunnel                                   → Perkins & Johnson §4.3; spectun-00 §3.1 table
//   (f) optional list of acknowledging CNs               → BU (A = 1) on each new registration
//   (g) the MN came home: every node told its binding    → delete BU (Perkins & Johnson §3.3, §4.2; OC-45)

import type { Identification } from '../../crypto/identification';
import type { RandomSource } from '../../random';
import type { Ipv4Address } from '../../wire/address';
import { encapsulateIpInIp } from '../../wire/ip-in-ip';
import { bindingAckStatusName } from '../../wire/mip/binding-acknowledge';
import { parseMipMessage } from '../../wire/mip/mip-message';
import { describeWireError } from '../../wire/result';
import { correspondentsOf, onBindingAcknowledge } from '../tables/acknowledged-correspondents';
import { informedAbout } from '../tables/informed-correspondents';
import { associationWithPeer } from '../tables/security-associations';
import { BA_AUTHENTICATION_REF, checkAcknowledgeAuthentication } from './binding-acknowledge-check';
import { currentBinding } from '../tables/mobility-bindings';
import { formatSeconds, type Micros } from '../tables/table-change';
import { buildHomeAgentBindingUpdate, type BindingUpdateTrigger, type HomeAgentContext, type HomeAgentRoState } from './home-agent-binding-update';
import {
  changeTraces, decision, dropped, received, unchanged,
  type ReceivedMessage, type RoForward, type RoResult, type RoSend, type RoTrace,
} from './types';

export type { HomeAgentContext, HomeAgentRoState } from './home-agent-binding-update';

function serves(ctx: HomeAgentContext, home: Ipv4Address): boolean {
  return ctx.homeAddresses.includes(home);
}

/** BUs to several destinations in turn, threading the state. */
function updateEach(state: HomeAgentRoState, ctx: HomeAgentContext, destinations: readonly Ipv4Address[], home: Ipv4Address, trigger: BindingUpdateTrigger, now: Micros, random: RandomSource, answering?: Identification): RoResult<HomeAgentRoState> {
  let s = state;
  const sends: RoSend[] = [];
  const traces: RoTrace[] = [];
  for (const destination of destinations) {
    const built = buildHomeAgentBindingUpdate(s, ctx, { destination, homeAddress: home, trigger, ...(answering === undefined ? {} : { answering }) }, now, random);
    s = built.state;
    traces.push(...built.traces);
    if (built.send !== null) sends.push(built.send);
  }
  return { state: s, sends, forwards: [], traces };
}

/** Trigger (a): the HA has just tunnelled a datagram from `source` to the away MN (optim-08 §3.1). */
export function afterTunnellingFor(state: HomeAgentRoState, ctx: HomeAgentContext, source: Ipv4Address, homeAddress: Ipv4Address, now: Micros, random: RandomSource): RoResult<HomeAgentRoState> {
  if (source === ctx.address) return unchanged(state, []); // the HA's own traffic: nothing to optimise
  return updateEach(state, ctx, [source], homeAddress, 'a', now, random);
}

/** Trigger (b): a Binding Request (optim-08 §4.2; OC-26, OC-27, OC-44). */
export function receiveBindingRequest(state: HomeAgentRoState, ctx: HomeAgentContext, msg: ReceivedMessage, now: Micros, random: RandomSource): RoResult<HomeAgentRoState> {
  const parsed = parseMipMessage(msg.payload);
  if (!parsed.ok || parsed.value.kind !== 'binding-request') {
    return unchanged(state, [dropped(`message from ${msg.source} dropped`, parsed.ok ? 'not a Binding Request' : describeWireError(parsed.error), 'optim-08 §4.2')]);
  }
  const br = parsed.value;
  const head = received(`Binding Request about ${br.homeAddress} from ${msg.source}`, 'optim-08 §4.2');
  if (!serves(ctx, br.homeAddress)) return unchanged(state, [head, dropped('Binding Request ignored', `${br.homeAddress} is not a mobile node of this home agent`, 'optim-08 §4.2; lab choice')]);
  const r = updateEach(state, ctx, [msg.source], br.homeAddress, 'b', now, random, br.identification);
  return { ...r, traces: [head, ...r.traces] };
}

/** Trigger (c): a Binding Warning (optim-08 §4.1; OC-03, OC-45). */
export function receiveBindingWarning(state: HomeAgentRoState, ctx: HomeAgentContext, msg: ReceivedMessage, now: Micros, random: RandomSource): RoResult<HomeAgentRoState> {
  const parsed = parseMipMessage(msg.payload);
  if (!parsed.ok || parsed.value.kind !== 'binding-warning') {
    return unchanged(state, [dropped(`message from ${msg.source} dropped`, parsed.ok ? 'not a Binding Warning' : describeWireError(parsed.error), 'optim-08 §4.1')]);
  }
  const bw = parsed.value;
  const head = received(`Binding Warning about ${bw.homeAddress} from ${msg.source}, targets ${bw.targets.join(', ') || 'none'}`, 'optim-08 §4.1');
  if (!serves(ctx, bw.homeAddress)) return unchanged(state, [head, dropped('Binding Warning ignored', `${bw.homeAddress} is not a mobile node of this home agent`, 'lab choice, Perkins & Johnson §3.1')]);
  if (bw.targets.length === 0) return unchanged(state, [head, dropped('Binding Warning ignored', 'no targets: with 0 targets the receiver itself would be the one needing a BU', 'lab choice, optim-08 §4.1')]);
  const targets = bw.targets.filter((t) => t !== ctx.address);
  const r = updateEach(state, ctx, targets, bw.homeAddress, 'c', now, random);
  return { ...r, traces: [head, ...r.traces] };
}

/**
 * Triggers (d), (f) and (g) after the HA accepted a Registration Request (the
 * binding list passed in already reflects it): each target of a Binding
 * Warning extension gets a BU — a delete BU after a deregistration — each
 * listed correspondent a fresh one (optim-08 §6, §7.3), and, once the mobile
 * node is home, every node still holding its binding a delete BU (Perkins &
 * Johnson §3.3, §4.2; OC-45): without it a correspondent would tunnel into
 * the empty cell of the last foreign agent for the rest of its binding.
 */
export function afterRegistrationAccepted(state: HomeAgentRoState, ctx: HomeAgentContext, homeAddress: Ipv4Address, warningTargets: readonly Ipv4Address[], now: Micros, random: RandomSource): RoResult<HomeAgentRoState> {
  const d = updateEach(state, ctx, warningTargets.filter((t) => t !== ctx.address), homeAddress, 'd', now, random);
  const listed = ctx.maintainAcknowledgedList ? correspondentsOf(d.state.acknowledged, homeAddress).filter((cn) => !warningTargets.includes(cn)) : [];
  const f = updateEach(d.state, ctx, listed, homeAddress, 'f', now, random);
  const home = currentBinding(ctx.bindings, homeAddress, now) === null;
  const stale = home ? informedAbout(f.state.informed, homeAddress).filter((n) => !warningTargets.includes(n) && !listed.includes(n)) : [];
  const g = updateEach(f.state, ctx, stale, homeAddress, 'g', now, random);
  return { state: g.state, sends: [...d.sends, ...f.sends, ...g.sends], forwards: [], traces: [...d.traces, ...f.traces, ...g.traces] };
}

/** A Binding Acknowledge for one of the HA's BUs (Perkins & Johnson §3.4; optim-08 §7.3): Status 0 lists the correspondent. */
export function receiveBindingAcknowledge(state: HomeAgentRoState, ctx: HomeAgentContext, msg: ReceivedMessage, now: Micros): RoResult<HomeAgentRoState> {
  const parsed = parseMipMessage(msg.payload);
  if (!parsed.ok || parsed.value.kind !== 'binding-acknowledge') {
    return unchanged(state, [dropped(`message from ${msg.source} dropped`, parsed.ok ? 'not a Binding Acknowledge' : describeWireError(parsed.error), 'Perkins & Johnson §3.4; optim-08 §7.3')]);
  }
  const ba = parsed.value;
  const head = received(`Binding Acknowledge about ${ba.homeAddress} from ${msg.source}: Status ${ba.status} (${bindingAckStatusName(ba.status)})`, 'Perkins & Johnson §3.4; optim-08 §7.3');
  // Perkins & Johnson §3.5 (OC-36): a BA from a node this agent shares an association with must be authenticated with it.
  const shared = associationWithPeer(ctx.associations, msg.source, now);
  const auth = shared === null ? null : checkAcknowledgeAuthentication(msg.payload, ba, shared.association, msg.source, ctx.config.profile);
  if (auth !== null && !auth.ok) return unchanged(state, [head, dropped(`Binding Acknowledge from ${msg.source} refused`, auth.reason, BA_AUTHENTICATION_REF)]);
  const r = onBindingAcknowledge(state.acknowledged, ba, now);
  if (r.outcome === 'unmatched') return unchanged(state, [head, dropped('Binding Acknowledge ignored', 'it matches no Binding Update sent with A = 1', 'Perkins & Johnson §3.4; optim-08 §7.3')]);
  return { state: { ...state, acknowledged: r.table }, sends: [], forwards: [], traces: [head, ...changeTraces('acknowledged correspondents', r.changes)] };
}

/** A special tunnel the HA intercepted (Perkins & Johnson §4.3; spectun-00 §3.1): outer destination = inner destination = an MN home address. */
export interface SpecialTunnelInput {
  readonly outerSource: Ipv4Address;
  readonly innerSource: Ipv4Address;
  readonly homeAddress: Ipv4Address;
  /** The decapsulated inner datagram. */
  readonly inner: Uint8Array;
  readonly ipIdentification: number;
}

export type SpecialTunnelAction = 'deliver-home' | 'discard' | 'retunnel';

/** Trigger (e) and the table of Perkins & Johnson §4.3 (spectun-00 §3.1; OC-30, OC-45). */
export function receiveSpecialTunnel(state: HomeAgentRoState, ctx: HomeAgentContext, input: SpecialTunnelInput, now: Micros, random: RandomSource): RoResult<HomeAgentRoState> & { readonly action: SpecialTunnelAction } {
  const head = received(`special tunnel from ${input.outerSource} for ${input.homeAddress}`, 'spectun-00 §3.1; Perkins & Johnson §4.3');
  const binding = currentBinding(ctx.bindings, input.homeAddress, now);
  if (binding === null) {
    return { ...unchanged(state, [head, decision('decapsulate and deliver on the home link', 'Perkins & Johnson §4.3; spectun-00 §3.1; lab choice', `${input.homeAddress} has no binding: it is at home`)]), action: 'deliver-home' };
  }
  if (input.outerSource === binding.careOfAddress) {
    // The HA cannot tell a foreign agent that lost its visitor entry from one still waiting for the
    // Registration Reply this datagram overtook; tunnelling back to either could loop (OC-48).
    const why = `it comes from the current care-of address ${binding.careOfAddress}, registered ${formatSeconds(now - binding.registeredAt)} ago, so that foreign agent has no visitor entry for ${input.homeAddress}: `
      + 'it lost it (e.g. rebooted), or, just after a handoff, the registration is still pending there because this datagram overtook the Registration Reply. '
      + 'Tunnelling it back to that agent could go round in a loop, so the home agent discards it';
    return { ...unchanged(state, [head, dropped('special tunnel discarded', why, 'Perkins & Johnson §4.3; spectun-00 §3.1', input.inner)]), action: 'discard' };
  }
  const traces: RoTrace[] = [head];
  const forwards: RoForward[] = [];
  const tunnelled = encapsulateIpInIp(input.inner, { source: ctx.address, destination: binding.careOfAddress, identification: input.ipIdentification, decrementInnerTtl: true });
  if (tunnelled.ok) {
    forwards.push({ bytes: tunnelled.value, summary: `re-tunnelled to ${binding.careOfAddress} (outer source = home agent)`, ref: 'Perkins & Johnson §4.3; spectun-00 §3.1; lab choice' });
  } else {
    traces.push(dropped('inner datagram not forwarded', describeWireError(tunnelled.error), 'RFC 2003 §3.1', input.inner));
  }
  const targets = [input.outerSource, ...(input.innerSource === input.outerSource ? [] : [input.innerSource])];
  const r = updateEach(state, ctx, targets, input.homeAddress, 'e', now, random);
  return { state: r.state, sends: r.sends, forwards, traces: [...traces, ...r.traces], action: 'retunnel' };
}
