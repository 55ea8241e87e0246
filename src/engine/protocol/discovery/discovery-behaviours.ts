// Two small behaviours that put agent discovery on the network for stories and
// lessons, before the full mobility agents and mobile node exist:
//  - an advertising agent: a plain router (behaviours/router.ts) that also runs
//    the advertiser on one interface and answers solicitations there;
//  - a discovering host: a mobile host that runs the listener and the solicitor
//    and records every decision, acting on none (it does not register).
// The full home/foreign agent and mobile node embed the same pieces.

import type { NodeBehaviour, NodeContext, NodeOutput, NodeStep } from '../../node/contract';
import type { Micros } from '../../node/time';
import { seconds } from '../../node/time';
import { ownAddresses } from '../../network/behaviours/ip-output';
import { initialRouterState, routerBehaviour, type RouterState } from '../../network/behaviours/router';
import {
  ADVERTISE_TIMER, advertiserConfig, initialAdvertiserState, onAdvertiseTimer, onSolicitation, rebootAdvertiser, startAdvertiser,
  type AdvertiserConfig, type AdvertiserOptions, type AdvertiserState, type AdvertiserStep,
} from './advertiser';
import { classifyDiscoveryFrame } from './discovery-input';
import {
  hasUsableAgent, initialListenerState, isListenerTimer, listenerConfig, onAdvertisement, onListenerTimer,
  type DiscoveryDecision, type ListenerConfig, type ListenerState, type ListenerStep,
} from './listener';
import {
  SOLICIT_TIMER, initialSolicitorState, onSolicitTimer, resetSolicitationBackoff, solicitorConfig, startSoliciting, stopSoliciting,
  type SolicitorConfig, type SolicitorState,
} from './solicitor';

// ─── Advertising agent ──────────────────────────────────────────────────────

export interface AdvertisingAgentState {
  readonly router: RouterState;
  readonly config: AdvertiserConfig;
  readonly advertiser: AdvertiserState;
}

/** `reboot`: the agent restarts, so its Sequence Number starts again at 0 (RFC 2002 §2.3.2). */
export type AdvertisingAgentCommand = { readonly type: 'reboot' };

export function initialAdvertisingAgentState(options: AdvertiserOptions): AdvertisingAgentState {
  return { router: initialRouterState(), config: advertiserConfig(options), advertiser: initialAdvertiserState() };
}

function withAdvertiser(state: AdvertisingAgentState, step: AdvertiserStep, extra: NodeOutput[] = []): NodeStep<AdvertisingAgentState> {
  const router = { ...state.router, nextIdentification: (state.router.nextIdentification + step.identificationsUsed) & 0xffff };
  return { state: { ...state, router, advertiser: step.state }, outputs: [...extra, ...step.outputs] };
}

function asRouter(state: AdvertisingAgentState, step: NodeStep<RouterState>): NodeStep<AdvertisingAgentState> {
  return { state: { ...state, router: step.state }, outputs: step.outputs };
}

export const advertisingAgentBehaviour: NodeBehaviour<AdvertisingAgentState, AdvertisingAgentCommand> = {
  kind: 'advertising agent',
  handle(state, input, ctx) {
    const c = state.config;
    const id = state.router.nextIdentification;
    if (input.kind === 'timer') {
      if (input.key === ADVERTISE_TIMER) return withAdvertiser(state, onAdvertiseTimer(c, state.advertiser, ctx.node.interfaces, ctx.now, ctx.random, id));
      return asRouter(state, routerBehaviour.handle(state.router, input, ctx));
    }
    if (input.kind === 'command') {
      const command = input.command;
      if (command.type === 'start') return withAdvertiser(state, startAdvertiser(c, state.advertiser, ctx.now));
      if (command.type === 'reboot') {
        const note: NodeOutput = { kind: 'trace', event: { kind: 'decision', summary: `agent ${c.agentAddress} rebooted`, reason: 'after a reboot the Sequence Number starts again at 0, which tells mobile nodes to register again', ref: 'RFC 2002 §2.3.2, §2.4.4' } };
        return withAdvertiser(state, rebootAdvertiser(c, ctx.now), [note]);
      }
      return asRouter(state, routerBehaviour.handle(state.router, { kind: 'command', command }, ctx));
    }
    const seen = classifyDiscoveryFrame(input.frame, input.interface, ownAddresses(ctx.node));
    if (seen.kind === 'solicitation' && input.interface === c.interface) {
      return withAdvertiser(state, onSolicitation(c, state.advertiser, ctx.node.interfaces, seen.origin.datagram.source, seen.origin.linkSource, id));
    }
    if (seen.kind === 'discard') return { state, outputs: [{ kind: 'trace', event: { kind: 'dropped', summary: seen.summary, reason: seen.reason, ref: seen.ref, interface: input.interface } }] };
    return asRouter(state, routerBehaviour.handle(state.router, input, ctx));
  },
};

// ─── Discovering host ───────────────────────────────────────────────────────

/** RFC 1256 (from knowledge; RFC 1256 §4, §5): a host waits a random 0..MAX_SOLICITATION_DELAY before its first solicitation. */
export const MAX_SOLICITATION_DELAY: Micros = seconds(1);
/** Bounds the record so a long run's state stays small. */
export const MAX_RECORDED_DECISIONS = 256;

export interface RecordedDecision extends DiscoveryDecision {
  readonly time: Micros;
}

export interface DiscoveringHostState {
  readonly listenerConfig: ListenerConfig;
  readonly solicitorConfig: SolicitorConfig;
  readonly listener: ListenerState;
  readonly solicitor: SolicitorState;
  /** The most recent decisions, oldest first. */
  readonly decisions: readonly RecordedDecision[];
  readonly nextIdentification: number;
}

export function initialDiscoveringHostState(iface: string, listener: Partial<ListenerConfig> = {}, solicitor: Partial<SolicitorConfig> = {}): DiscoveringHostState {
  return {
    listenerConfig: listenerConfig(listener), solicitorConfig: solicitorConfig({ interface: iface, ...solicitor }),
    listener: initialListenerState(), solicitor: initialSolicitorState(), decisions: [], nextIdentification: 1,
  };
}

/** Records the listener's decisions, then solicits exactly while no usable agent is heard (RFC 2002 §2.4). */
function afterListener(state: DiscoveringHostState, step: ListenerStep, now: Micros): NodeStep<DiscoveringHostState> {
  const recorded = [...state.decisions, ...step.decisions.map((d) => ({ ...d, time: now }))].slice(-MAX_RECORDED_DECISIONS);
  let solicitor = state.solicitor;
  // Our choice: this host does not register, so a decision to register stands in for "registered" and resets the back-off.
  if (step.decisions.some((d) => d.kind === 'moved' || d.kind === 'returned-home')) solicitor = resetSolicitationBackoff(solicitor);
  const heard = hasUsableAgent(state.listenerConfig, step.state);
  const s = heard ? stopSoliciting(solicitor) : startSoliciting(solicitor, now);
  return { state: { ...state, listener: step.state, solicitor: s.state, decisions: recorded }, outputs: [...step.outputs, ...s.outputs] };
}

function onHostTimer(state: DiscoveringHostState, key: string, ctx: NodeContext): NodeStep<DiscoveringHostState> {
  if (isListenerTimer(key)) return afterListener(state, onListenerTimer(state.listenerConfig, state.listener, key, ctx.now), ctx.now);
  if (key !== SOLICIT_TIMER) return { state, outputs: [] };
  const step = onSolicitTimer(state.solicitorConfig, state.solicitor, ctx.node.interfaces, undefined, ctx.now, ctx.random, state.nextIdentification);
  return { state: { ...state, solicitor: step.state, nextIdentification: (state.nextIdentification + step.identificationsUsed) & 0xffff }, outputs: step.outputs };
}

export const discoveringHostBehaviour: NodeBehaviour<DiscoveringHostState> = {
  kind: 'discovering mobile host',
  handle(state, input, ctx) {
    if (input.kind === 'timer') return onHostTimer(state, input.key, ctx);
    if (input.kind === 'command') {
      if (input.command.type !== 'start') return { state, outputs: [] }; // routes and link-layer hints are not used (RFC 2002 §2.4.2: hints are optional)
      const s = startSoliciting(state.solicitor, ctx.now + ctx.random.below(MAX_SOLICITATION_DELAY + 1));
      return { state: { ...state, solicitor: s.state }, outputs: s.outputs };
    }
    const seen = classifyDiscoveryFrame(input.frame, input.interface, ownAddresses(ctx.node));
    switch (seen.kind) {
      case 'advertisement':
        return afterListener(state, onAdvertisement(state.listenerConfig, state.listener, seen.advertisement, seen.origin, ctx.now), ctx.now);
      case 'discard':
        return { state, outputs: [{ kind: 'trace', event: { kind: 'dropped', summary: seen.summary, reason: seen.reason, ref: seen.ref, interface: input.interface } }] };
      default:
        return { state, outputs: [] }; // solicitations from other hosts and other traffic: not this host's business
    }
  },
};
