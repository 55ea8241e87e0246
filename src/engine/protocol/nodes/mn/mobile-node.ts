// The mobile node behaviour (RFC 2002 §3.6): agent discovery
// (listener + solicitor), registration (registration-client.ts) driven by
// movement (movement.ts), and its ordinary traffic (traffic.ts). A thin
// dispatcher.

import type { NodeBehaviour, NodeContext, NodeInput, NodeStep } from '../../../node/contract';
import { receiveDatagram } from '../../../network/forwarding';
import { ownAddresses, routesInstalledTrace } from '../../../network/behaviours/ip-output';
import { EtherType } from '../../../node/link-address';
import { seconds } from '../../../node/time';
import { classifyDiscoveryFrame } from '../../discovery/discovery-input';
import { isListenerTimer, onAdvertisement, onListenerTimer } from '../../discovery/listener';
import { SOLICIT_TIMER, onSolicitTimer, startSoliciting } from '../../discovery/solicitor';
import { MN_REGISTRATION_PORT, MOBILE_IP_PORT, readMipDatagram } from '../common/mip-io';
import { dropped } from '../common/trace';
import type { MobileNodeState } from './mobile-node-state';
import { afterListener, targetFromAgent } from './movement';
import { RENEW_TIMER, RETRANSMIT_TIMER, RETRY_TIMER, onReply, onRetransmitTimer, sendRequest } from './registration-client';
import { SMOOTH_HANDOFF_TIMER, onBindingAcknowledge, onSmoothHandoffTimer } from './smooth-handoff';
import { isFlowTimer, onFlowTimer, startFlows } from './flows';
import { isLabCommand, type LabNodeCommand } from '../common/lab-commands';
import { onLabCommand } from './configure';
import { onDataDatagram } from './traffic';

export type { MobileNodeConfig, MobileNodeOptions, MobileNodeState } from './mobile-node-state';
export { initialMobileNodeState } from './mobile-node-state';

/** RFC 1256 §4, §5: a host waits a random 0..1 s before its first solicitation. */
const MAX_SOLICITATION_DELAY = seconds(1);

function onTimer(state: MobileNodeState, key: string, ctx: NodeContext): NodeStep<MobileNodeState> {
  if (isListenerTimer(key)) return afterListener(state, onListenerTimer(state.listenerConfig, state.listener, key, ctx.now), ctx);
  if (key === SOLICIT_TIMER) {
    const step = onSolicitTimer(state.solicitorConfig, state.solicitor, ctx.node.interfaces, undefined, ctx.now, ctx.random, state.nextIdentification);
    return { state: { ...state, solicitor: step.state, nextIdentification: (state.nextIdentification + step.identificationsUsed) & 0xffff }, outputs: step.outputs };
  }
  if (key === RETRANSMIT_TIMER) return onRetransmitTimer(state, ctx);
  if (key === SMOOTH_HANDOFF_TIMER) return onSmoothHandoffTimer(state, ctx);
  if (isFlowTimer(key)) return onFlowTimer(state, key, ctx);
  if (key === RETRY_TIMER && state.retry !== null) return sendRequest(state, state.retry, ctx);
  if (key === RENEW_TIMER && state.registration !== null && !state.atHome) {
    const agent = state.listener.agents.find((e) => e.address === state.registration!.target.agent);
    const target = agent === undefined ? state.registration.target : targetFromAgent(agent, false, state.config.homeAddress);
    return sendRequest(state, target, ctx);
  }
  return { state, outputs: [] };
}

function onFrame(state: MobileNodeState, input: Extract<NodeInput<LabNodeCommand>, { kind: 'frame' }>, ctx: NodeContext): NodeStep<MobileNodeState> {
  const own = ownAddresses(ctx.node);
  const seen = classifyDiscoveryFrame(input.frame, input.interface, own);
  if (seen.kind === 'advertisement') return afterListener(state, onAdvertisement(state.listenerConfig, state.listener, seen.advertisement, seen.origin, ctx.now), ctx);
  if (seen.kind === 'discard') return { state, outputs: [dropped(seen.summary, seen.reason, seen.ref, { interface: input.interface })] };
  if (seen.kind === 'solicitation' || input.frame.etherType !== EtherType.IPV4) return { state, outputs: [] };
  const received = receiveDatagram(input.frame.payload, own);
  if (received.kind === 'drop') return { state, outputs: [dropped('datagram dropped', received.reason, received.ref, { interface: input.interface })] };
  const d = received.datagram;
  if (received.kind === 'transit') return { state, outputs: [dropped(`datagram for ${d.destination} dropped`, 'not an address of this node, and a mobile node does not forward', 'RFC 1122 §3.3.1 (from knowledge)', { interface: input.interface })] };
  if (received.group) return { state, outputs: [] };
  const read = readMipDatagram(d, MN_REGISTRATION_PORT);
  if (read.kind === 'drop') return { state, outputs: [dropped(`Mobile IP message from ${d.source} discarded`, read.reason, read.ref, { interface: input.interface })] };
  if (read.kind === 'mip') {
    if (read.message.kind === 'registration-reply') return onReply(state, d, read.payload, read.message, ctx);
    return { state, outputs: [dropped(`${read.message.kind} ignored`, 'on the port it registers from, a mobile node takes only Registration Replies (a Binding Acknowledge comes to port 434 at its home address)', 'RFC 2002 §3.6; Perkins & Johnson §4.1')] };
  }
  // Perkins & Johnson §4.1; optim-08 §3.2: the previous FA's Binding Acknowledge comes to UDP 434 at the home address (OC-36).
  const ro = readMipDatagram(d, MOBILE_IP_PORT);
  if (ro.kind === 'drop') return { state, outputs: [dropped(`Mobile IP message from ${d.source} discarded`, ro.reason, ro.ref, { interface: input.interface })] };
  if (ro.kind === 'mip' && ro.message.kind === 'binding-acknowledge') return onBindingAcknowledge(state, d, ro.payload, ctx);
  return onDataDatagram(state, d, input.interface, ctx, input.frame.payload);
}

/** Besides the system commands, the learner's: start-flow / stop-flow (its own traffic, mn/flows.ts) and settings (configure.ts). */
export const mobileNodeBehaviour: NodeBehaviour<MobileNodeState, LabNodeCommand> = {
  kind: 'mobile node',
  handle(state, input, ctx) {
    if (input.kind === 'frame') return onFrame(state, input, ctx);
    if (input.kind === 'timer') return onTimer(state, input.key, ctx);
    const command = input.command;
    if (command.type === 'start') {
      const s = startSoliciting(state.solicitor, ctx.now + ctx.random.below(MAX_SOLICITATION_DELAY + 1));
      return { state: { ...state, solicitor: s.state }, outputs: [...s.outputs, ...startFlows(state, ctx)] };
    }
    if (isLabCommand(command)) return onLabCommand(state, command, ctx);
    if (command.type === 'install-routes') return { state: { ...state, table: command.table }, outputs: [{ kind: 'trace', event: routesInstalledTrace(state.table, command.table) }] };
    // attachment-changed: a link-layer hint the base node does not use; movement is detected from advertisements (RFC 2002 §2.4.2).
    return { state, outputs: [] };
  },
};
