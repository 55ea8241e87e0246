// The foreign agent behaviour (RFC 2002 §3.7, §4): a router that
// advertises on its cell with F set, relays registrations between visitors
// and their home agents (relay.ts), opens tunnels addressed to it and
// delivers to visitors (delivery.ts), and routes what registered mobile
// nodes send (the embedded router). A thin dispatcher.

import type { NodeBehaviour, NodeContext, NodeInput, NodeStep } from '../../../node/contract';
import { EtherType } from '../../../node/link-address';
import { receiveDatagram } from '../../../network/forwarding';
import { ownAddresses } from '../../../network/behaviours/ip-output';
import { routerBehaviour, type RouterState } from '../../../network/behaviours/router';
import { ADVERTISE_TIMER, onAdvertiseTimer, onSolicitation, startAdvertiser, type AdvertiserStep } from '../../discovery/advertiser';
import { classifyDiscoveryFrame } from '../../discovery/discovery-input';
import { expireVisitors, nextVisitorDeadline } from '../../tables/visitor-list';
import { MOBILE_IP_PORT, readMipDatagram } from '../common/mip-io';
import { encapsulationOfProtocol } from '../common/tunnels';
import { dropped, tableTraces } from '../common/trace';
import { onTunnelledDatagram } from './delivery';
import { FA_BINDING_EXPIRY_TIMER, onBindingExpiryTimer } from './route-optimization';
import { isLabCommand, type LabNodeCommand } from '../common/lab-commands';
import { onLabCommand } from './configure';
import { REBOOT_COMMAND, rebootForeignAgent } from './reboot';
import type { ForeignAgentState } from './foreign-agent-state';
import { VISITOR_EXPIRY_TIMER, onReplyFromHomeAgent, onRequestFromMobileNode } from './relay';
import { acknowledgeForPendingMobileNode } from './smooth-handoff';
import { onBindingUpdate } from './binding-update';

export type { ForeignAgentConfig, ForeignAgentOptions, ForeignAgentState } from './foreign-agent-state';
export { initialForeignAgentState } from './foreign-agent-state';

function withAdvertiser(state: ForeignAgentState, step: AdvertiserStep): NodeStep<ForeignAgentState> {
  const router = { ...state.router, nextIdentification: (state.router.nextIdentification + step.identificationsUsed) & 0xffff };
  return { state: { ...state, router, advertiser: step.state }, outputs: step.outputs };
}

function asRouter(state: ForeignAgentState, input: NodeInput<unknown>, ctx: NodeContext): NodeStep<ForeignAgentState> {
  const step = routerBehaviour.handle(state.router, input as NodeInput, ctx);
  return { state: { ...state, router: step.state as RouterState }, outputs: step.outputs };
}

function expire(state: ForeignAgentState, ctx: NodeContext): NodeStep<ForeignAgentState> {
  const r = expireVisitors(state.visitors, ctx.now);
  const next = nextVisitorDeadline(r.table);
  return { state: { ...state, visitors: r.table }, outputs: [...tableTraces('visitor list', r.changes), ...(next === null ? [] : [{ kind: 'set-timer' as const, key: VISITOR_EXPIRY_TIMER, at: next, ref: 'RFC 2002 §3.7.1, §3.7.2' }])] };
}

function onFrame(state: ForeignAgentState, input: Extract<NodeInput, { kind: 'frame' }>, ctx: NodeContext): NodeStep<ForeignAgentState> {
  const c = state.config;
  const own = ownAddresses(ctx.node);
  const seen = classifyDiscoveryFrame(input.frame, input.interface, own);
  if (seen.kind === 'solicitation' && input.interface === c.interface) {
    return withAdvertiser(state, onSolicitation(c.advertiser, state.advertiser, ctx.node.interfaces, seen.origin.datagram.source, seen.origin.linkSource, state.router.nextIdentification));
  }
  if (seen.kind === 'discard') return { state, outputs: [dropped(seen.summary, seen.reason, seen.ref, { interface: input.interface })] };
  if (seen.kind !== 'other' || input.frame.etherType !== EtherType.IPV4) return asRouter(state, input, ctx);
  const received = receiveDatagram(input.frame.payload, own);
  if (received.kind !== 'local' || received.group) return asRouter(state, input, ctx);
  const d = received.datagram;
  const tunnel = encapsulationOfProtocol(d.protocol);
  if (tunnel !== null) {
    // Perkins & Johnson §4.1; optim-08 §8.1 (OC-37): one Binding Acknowledge may reach an MN whose registration is still pending.
    return acknowledgeForPendingMobileNode(state, tunnel, d, input.frame.payload, ctx) ?? onTunnelledDatagram(state, tunnel, d, input.frame.payload, input.interface, ctx);
  }
  const read = readMipDatagram(d, MOBILE_IP_PORT);
  if (read.kind === 'other') return asRouter(state, input, ctx);
  if (read.kind === 'drop') return { state, outputs: [dropped(`Mobile IP message from ${d.source} discarded`, read.reason, read.ref, { bytes: input.frame.payload, interface: input.interface })] };
  const m = read.message;
  if (m.kind === 'registration-request' && input.interface === c.interface) {
    return onRequestFromMobileNode(state, { datagram: d, sourcePort: read.sourcePort, payload: read.payload, message: m, linkSource: input.frame.source }, ctx);
  }
  if (m.kind === 'registration-reply') return onReplyFromHomeAgent(state, { datagram: d, payload: read.payload, message: m }, ctx);
  if (m.kind === 'binding-update') return onBindingUpdate(state, d, read.payload, ctx); // as the previous FA of a smooth handoff, or as a binding-cache holder (Perkins & Johnson §3.3, §4.1)
  return { state, outputs: [dropped(`${m.kind} from ${d.source} ignored`, 'a foreign agent acts on Registration Requests from its cell, Registration Replies from home agents and Binding Updates; this message is none of those', 'RFC 2002 §3.7; Perkins & Johnson §3.3, §4.1')] };
}

/** Besides the system commands, the learner's live commands (configure.ts). */
export const foreignAgentBehaviour: NodeBehaviour<ForeignAgentState, LabNodeCommand> = {
  kind: 'foreign agent',
  handle(state, input, ctx) {
    if (input.kind === 'frame') return onFrame(state, input, ctx);
    if (input.kind === 'timer') {
      if (input.key === ADVERTISE_TIMER) return withAdvertiser(state, onAdvertiseTimer(state.config.advertiser, state.advertiser, ctx.node.interfaces, ctx.now, ctx.random, state.router.nextIdentification));
      if (input.key === VISITOR_EXPIRY_TIMER) return expire(state, ctx);
      if (input.key === FA_BINDING_EXPIRY_TIMER) return onBindingExpiryTimer(state, ctx);
      return asRouter(state, input, ctx);
    }
    if (isLabCommand(input.command)) return onLabCommand(state, input.command);
    if (input.command.type === 'start') return withAdvertiser(state, startAdvertiser(state.config.advertiser, state.advertiser, ctx.now));
    if (input.command.type === REBOOT_COMMAND) return rebootForeignAgent(state, ctx); // a scripted fault (reboot.ts)
    return asRouter(state, input, ctx);
  },
};
