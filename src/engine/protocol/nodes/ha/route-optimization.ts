// The home agent's Route Optimization wiring (Perkins & Johnson §3.3,
// Perkins & Johnson §4.3; spectun-00 §3.1; optim-08 §3.1, §4.1, §4.2, §6): the hook sites of the base home agent
// call these when `routeOptimization.enabled` is set in its configuration;
// the rules themselves are the pure functions of route-optimization/.
//
//   hook site                               here                      trigger
//   tunnel.ts, after tunnelling a datagram  afterTunnelling           (a)
//   home-agent.ts, UDP 434 not a Request    onRouteOptimizationMessage (b) BR, (c) BW, BA Perkins & Johnson §3.4; optim-08 §7.3
//   tunnel.ts, a special tunnel arrives     onSpecialTunnel           (e), Perkins & Johnson §4.3; spectun-00 §3.1 table
//   home-agent.ts, a Request was accepted   afterRegistration         (d), (f)

import type { NodeContext, NodeStep } from '../../../node/contract';
import { prefixMask } from '../../../node/route-table';
import { addressToU32, type Ipv4Address } from '../../../wire/address';
import type { Ipv4Datagram } from '../../../wire/ipv4';
import type { MipMessage } from '../../../wire/mip/mip-message';
import type { RegistrationRequest } from '../../../wire/mip/registration-request';
import {
  afterRegistrationAccepted, afterTunnellingFor, receiveBindingAcknowledge, receiveBindingRequest, receiveBindingWarning, receiveSpecialTunnel,
} from '../../route-optimization/home-agent-ro';
import type { HomeAgentContext, HomeAgentRoState } from '../../route-optimization/home-agent-binding-update';
import type { RoResult } from '../../route-optimization/types';
import { securityAssociationEntries } from '../../tables/security-associations';
import { takeIdentification } from '../common/ip-identification';
import { dropped } from '../common/trace';
import { roOutputs } from '../cn/ro-outputs';
import type { HomeAgentState } from './home-agent-state';

export function routeOptimizationEnabled(state: HomeAgentState): boolean {
  return state.config.routeOptimization?.enabled === true;
}

/** The mobile nodes this agent serves: MSA peers on the home prefix, and whoever holds a binding (OC-45: BR/BW about others are ignored). */
function servedHomeAddresses(state: HomeAgentState): Ipv4Address[] {
  const c = state.config;
  const mask = prefixMask(c.homePrefixLength);
  const onHomePrefix = (a: Ipv4Address): boolean => ((addressToU32(a) & mask) >>> 0) === ((addressToU32(c.address) & mask) >>> 0) && a !== c.address;
  const peers = securityAssociationEntries(state.associations).map((e) => e.association.peer).filter(onHomePrefix);
  return [...new Set([...peers, ...Object.keys(state.bindings.bindings)])].sort();
}

export function homeAgentRoContext(state: HomeAgentState): HomeAgentContext {
  const c = state.config;
  return {
    address: c.address, homeAddresses: servedHomeAddresses(state), bindings: state.bindings, associations: state.associations,
    maintainAcknowledgedList: c.routeOptimization?.maintainAcknowledgedList === true,
    config: { epochUnixMs: c.epochUnixMs, profile: c.profile, ...(c.timestampWindowSeconds === undefined ? {} : { timestampWindowSeconds: c.timestampWindowSeconds }) },
  };
}

/** The RO step's new state, and its sends (IP Identification from the router's counter), forwards and traces as outputs. */
function applyRo(state: HomeAgentState, r: RoResult<HomeAgentRoState>, ctx: NodeContext): NodeStep<HomeAgentState> {
  const emitted = roOutputs(ctx.node, state.router.table, r, state.router.nextIdentification);
  const s = takeIdentification({ ...state, routeOptimization: r.state }, emitted.identificationsUsed).state;
  return { state: s, outputs: emitted.outputs };
}

/** Trigger (a): the HA has just tunnelled `d` (from S to an away MN): S may learn the binding (optim-08 §3.1; §21.1). */
export function afterTunnelling(state: HomeAgentState, d: Ipv4Datagram, ctx: NodeContext): NodeStep<HomeAgentState> {
  const r = afterTunnellingFor(state.routeOptimization, homeAgentRoContext(state), d.source, d.destination, ctx.now, ctx.random);
  return applyRo(state, r, ctx);
}

/** A UDP 434 message to the HA other than a Registration Request: BR (b), BW (c), BA (Perkins & Johnson §3.4; optim-08 §7.3). */
export function onRouteOptimizationMessage(state: HomeAgentState, d: Ipv4Datagram, payload: Uint8Array, message: MipMessage, ctx: NodeContext): NodeStep<HomeAgentState> {
  const msg = { payload, source: d.source, destination: d.destination };
  const ro = homeAgentRoContext(state);
  if (message.kind === 'binding-request') return applyRo(state, receiveBindingRequest(state.routeOptimization, ro, msg, ctx.now, ctx.random), ctx);
  if (message.kind === 'binding-warning') return applyRo(state, receiveBindingWarning(state.routeOptimization, ro, msg, ctx.now, ctx.random), ctx);
  if (message.kind === 'binding-acknowledge') return applyRo(state, receiveBindingAcknowledge(state.routeOptimization, ro, msg, ctx.now), ctx);
  return { state, outputs: [dropped(`${message.kind} from ${d.source} ignored`, 'a home agent acts on Registration Requests, Binding Requests, Binding Warnings and Binding Acknowledges', 'Perkins & Johnson §3.3')] };
}

/**
 * Perkins & Johnson §4.3; spectun-00 §3.1: an intercepted IP-in-IP datagram whose inner destination equals its
 * outer one (a special tunnel, Perkins & Johnson §4.3; spectun-00 §3): deliver home, discard, or re-tunnel
 * to the current care-of address (OC-30) and send BUs (trigger e).
 */
export function onSpecialTunnel(state: HomeAgentState, outer: Ipv4Datagram, inner: Uint8Array, innerSource: Ipv4Address, ctx: NodeContext): NodeStep<HomeAgentState> {
  const id = takeIdentification(state);
  const r = receiveSpecialTunnel(id.state.routeOptimization, homeAgentRoContext(id.state), {
    outerSource: outer.source, innerSource, homeAddress: outer.destination, inner, ipIdentification: id.identification,
  }, ctx.now, ctx.random);
  return applyRo(id.state, r, ctx);
}

/** The Binding Warning extension's targets in an accepted Request (optim-08 §6). */
function warningTargets(m: RegistrationRequest): Ipv4Address[] {
  return m.extensions.flatMap((e) => (e.kind === 'binding-warning-extension' ? [...e.targets] : []));
}

/**
 * Triggers (d) and (f), called by home-agent.ts after the registration logic
 * (ha/registration.ts) handled a Request: if it was accepted — the binding
 * list changed — each BW-extension target gets a BU (a delete BU after a
 * deregistration, OC-26), and each acknowledging correspondent a fresh one.
 */
export function afterRegistration(before: HomeAgentState, step: NodeStep<HomeAgentState>, m: RegistrationRequest, ctx: NodeContext): NodeStep<HomeAgentState> {
  if (!routeOptimizationEnabled(step.state) || step.state.bindings === before.bindings) return step;
  const r = afterRegistrationAccepted(step.state.routeOptimization, homeAgentRoContext(step.state), m.homeAddress, warningTargets(m), ctx.now, ctx.random);
  const applied = applyRo(step.state, r, ctx);
  return { state: applied.state, outputs: [...step.outputs, ...applied.outputs] };
}
