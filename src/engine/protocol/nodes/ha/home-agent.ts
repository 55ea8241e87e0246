// The home agent behaviour (RFC 2002 §3.8, §4): a router on the home
// link that advertises with H set, processes Registration Requests on UDP
// 434 and tunnels datagrams for mobile nodes that are away. A thin
// dispatcher: the rules live in registration.ts and tunnel.ts.

import type { NodeBehaviour, NodeContext, NodeInput, NodeOutput, NodeStep } from '../../../node/contract';
import { receiveDatagram } from '../../../network/forwarding';
import { ownAddresses } from '../../../network/behaviours/ip-output';
import { routerBehaviour, type RouterState } from '../../../network/behaviours/router';
import { EtherType } from '../../../node/link-address';
import { ADVERTISE_TIMER, onAdvertiseTimer, onSolicitation, startAdvertiser, type AdvertiserStep } from '../../discovery/advertiser';
import { classifyDiscoveryFrame } from '../../discovery/discovery-input';
import { expireMobilityBindings, nextMobilityBindingExpiry } from '../../tables/mobility-bindings';
import { MOBILE_IP_PORT, readMipDatagram } from '../common/mip-io';
import { dropped, tableTraces } from '../common/trace';
import { isLabCommand, type LabNodeCommand } from '../common/lab-commands';
import { onLabCommand } from './configure';
import type { HomeAgentState } from './home-agent-state';
import { BINDING_EXPIRY_TIMER, homeSubnetBroadcast, onRegistrationRequest } from './registration';
import { interceptForMobileNode } from './tunnel';
import { afterRegistration, onRouteOptimizationMessage, routeOptimizationEnabled } from './route-optimization';
import { ignoredAtHomeAgent } from './ignored-messages';

export type { HomeAgentConfig, HomeAgentOptions, HomeAgentState } from './home-agent-state';
export { initialHomeAgentState } from './home-agent-state';

function withAdvertiser(state: HomeAgentState, step: AdvertiserStep): NodeStep<HomeAgentState> {
  const router = { ...state.router, nextIdentification: (state.router.nextIdentification + step.identificationsUsed) & 0xffff };
  return { state: { ...state, router, advertiser: step.state }, outputs: step.outputs };
}

function asRouter(state: HomeAgentState, input: NodeInput<unknown>, ctx: NodeContext): NodeStep<HomeAgentState> {
  const step = routerBehaviour.handle(state.router, input as NodeInput, ctx);
  return { state: { ...state, router: step.state as RouterState }, outputs: step.outputs };
}

/** RFC 2002 §3.8.2.2: an expired binding is deleted with a trace — and no Reply is ever sent because a lifetime ended. */
function expireBindings(state: HomeAgentState, ctx: NodeContext): NodeStep<HomeAgentState> {
  const r = expireMobilityBindings(state.bindings, ctx.now);
  const next = nextMobilityBindingExpiry(r.table);
  const outputs: NodeOutput[] = [...tableTraces('mobility bindings', r.changes)];
  if (next !== null) outputs.push({ kind: 'set-timer', key: BINDING_EXPIRY_TIMER, at: next, ref: 'RFC 2002 §3.8.2.2 (binding expiry)' });
  return { state: { ...state, bindings: r.table }, outputs };
}

function onFrame(state: HomeAgentState, input: Extract<NodeInput, { kind: 'frame' }>, ctx: NodeContext): NodeStep<HomeAgentState> {
  const c = state.config;
  const own = ownAddresses(ctx.node);
  const seen = classifyDiscoveryFrame(input.frame, input.interface, own);
  if (seen.kind === 'solicitation' && input.interface === c.homeInterface) {
    return withAdvertiser(state, onSolicitation(c.advertiser, state.advertiser, ctx.node.interfaces, seen.origin.datagram.source, seen.origin.linkSource, state.router.nextIdentification));
  }
  if (seen.kind === 'discard') return { state, outputs: [dropped(seen.summary, seen.reason, seen.ref, { interface: input.interface })] };
  if (seen.kind !== 'other' || input.frame.etherType !== EtherType.IPV4) return asRouter(state, input, ctx);
  const received = receiveDatagram(input.frame.payload, own);
  if (received.kind === 'drop') return asRouter(state, input, ctx);
  const d = received.datagram;
  const toBroadcast = d.destination === homeSubnetBroadcast(c.address, c.homePrefixLength);
  if ((received.kind === 'local' && d.destination === c.address) || toBroadcast) {
    const read = readMipDatagram(d, MOBILE_IP_PORT);
    if (read.kind === 'drop') return { state, outputs: [dropped(`Mobile IP message from ${d.source} discarded`, read.reason, read.ref, { bytes: input.frame.payload, interface: input.interface })] };
    if (read.kind === 'mip' && read.message.kind === 'registration-request') {
      const registered = onRegistrationRequest(state, { datagram: d, sourcePort: read.sourcePort, payload: read.payload, message: read.message, interface: input.interface, linkSource: input.frame.source }, ctx);
      return afterRegistration(state, registered, read.message, ctx); // Route Optimization triggers (d), (f) once accepted (route-optimization.ts)
    }
    if (read.kind === 'mip' && !toBroadcast && routeOptimizationEnabled(state)) return onRouteOptimizationMessage(state, d, read.payload, read.message, ctx); // Perkins & Johnson §3.3
    if (read.kind === 'mip') return { state, outputs: [ignoredAtHomeAgent(read.message, d.source, routeOptimizationEnabled(state))] }; // says why, per message (Perkins & Johnson §3.1)
    if (toBroadcast) return { state, outputs: [] };
  }
  if (received.kind === 'transit') {
    const intercepted = interceptForMobileNode(state, d, input.frame.payload, input.interface, ctx);
    if (intercepted !== null) return intercepted;
  }
  return asRouter(state, input, ctx);
}

/** Besides the system commands, the learner's live commands (configure.ts). */
export const homeAgentBehaviour: NodeBehaviour<HomeAgentState, LabNodeCommand> = {
  kind: 'home agent',
  handle(state, input, ctx) {
    if (input.kind === 'frame') return onFrame(state, input, ctx);
    if (input.kind === 'timer') {
      if (input.key === ADVERTISE_TIMER) return withAdvertiser(state, onAdvertiseTimer(state.config.advertiser, state.advertiser, ctx.node.interfaces, ctx.now, ctx.random, state.router.nextIdentification));
      if (input.key === BINDING_EXPIRY_TIMER) return expireBindings(state, ctx);
      return asRouter(state, input, ctx);
    }
    if (isLabCommand(input.command)) return onLabCommand(state, input.command);
    if (input.command.type === 'start') return withAdvertiser(state, startAdvertiser(state.config.advertiser, state.advertiser, ctx.now));
    return asRouter(state, input, ctx);
  },
};
