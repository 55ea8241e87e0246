// The mobile node's side of agent discovery (RFC 2002 §2.4): an agent table built from the advertisements heard, and the
// decisions that follow from it.
//
// Theory of operation. Pure state + functions, embedded by a mobile node:
//   onAdvertisement → refreshes the table; may decide agent-found, moved
//                      (no current agent, or algorithm 2), agent-rebooted, returned-home;
//   onListenerTimer → expiry (algorithm 1: agent-lost, then moved to another agent
//                      still heard) and the registration pacing timer.
// Decisions are data ({ kind, agent, reason, ref }) for the mobile node to act
// on; registering is not the listener's job. Those that call for a new
// registration (moved, agent-rebooted, returned-home) are paced: never more
// than one per second (RFC 2002 §3.6) — a decision that comes too early is held
// and taken when the second is over, the newest held one winning.

import type { InterfaceName, NodeOutput, TraceDraft } from '../../node/contract';
import type { LinkAddress } from '../../node/link-address';
import { networkOf } from '../../node/route-table';
import { formatMicros, seconds, type Micros } from '../../node/time';
import type { Ipv4Address } from '../../wire/address';
import { flagLetters, type AgentAdvertisementFlags } from '../../wire/advertisement-extensions';
import { mobilityExtensionOf, prefixLengthsOf } from '../../wire/agent-advertisement';
import type { IcmpAdvertisement } from '../../wire/icmp';
import { SEQUENCE_WRAP_TO } from './advertiser';
import type { DiscoveryOrigin } from './discovery-input';

export const AGENT_EXPIRY_TIMER = 'discovery:agent-expiry';
export const REGISTRATION_PACING_TIMER = 'discovery:registration-pacing';

/** 'lifetime' = algorithm 1 only (RFC 2002 §2.4.2.1); 'prefix' = algorithm 2 where both agents allow it (§2.4.2.2), else 1. */
export type MovementDetection = 'lifetime' | 'prefix';

export interface ListenerConfig {
  readonly movementDetection: MovementDetection;
  /** The mobile node's own home agent, to recognise "at home" (RFC 2002 §2.4.3). */
  readonly homeAgent?: Ipv4Address;
  /** RFC 2002 §3.6: at most one new registration per second on average. */
  readonly registrationSpacing: Micros;
}

export function listenerConfig(o: Partial<ListenerConfig> = {}): ListenerConfig {
  return { movementDetection: 'lifetime', registrationSpacing: seconds(1), ...o };
}

export interface AgentEntry {
  /** The advertisement's IP source: how the agent is known. */
  readonly address: Ipv4Address;
  readonly interface: InterfaceName;
  readonly linkAddress: LinkAddress;
  readonly lastHeardAt: Micros;
  /** ICMP Lifetime of the last advertisement, seconds. */
  readonly icmpLifetime: number;
  readonly expiresAt: Micros;
  readonly sequenceNumber: number;
  readonly flags: AgentAdvertisementFlags;
  readonly careOfAddresses: readonly Ipv4Address[];
  readonly registrationLifetime: number;
  readonly routerAddresses: readonly Ipv4Address[];
  /** From the Prefix-Lengths Extension; null when the advertisement had none. */
  readonly prefixLengths: readonly number[] | null;
}

export type DecisionKind = 'agent-found' | 'agent-lost' | 'moved' | 'agent-rebooted' | 'returned-home';

export interface DiscoveryDecision {
  readonly kind: DecisionKind;
  readonly agent: Ipv4Address;
  readonly reason: string;
  readonly ref: string;
}

export interface ListenerState {
  /** In the order first heard. */
  readonly agents: readonly AgentEntry[];
  /** The agent the mobile node was last told to register with (or its HA, at home). */
  readonly current: Ipv4Address | null;
  readonly atHome: boolean;
  readonly lastRegistrationDecisionAt: Micros | null;
  /** A registration decision held back by the pacing rule (RFC 2002 §3.6). */
  readonly held: DiscoveryDecision | null;
  /** The agent the last move left behind (for algorithm 2's hysteresis, below). */
  readonly left?: Ipv4Address | null;
}

export interface ListenerStep {
  readonly state: ListenerState;
  readonly decisions: readonly DiscoveryDecision[];
  readonly outputs: readonly NodeOutput[];
}

export function initialListenerState(): ListenerState {
  return { agents: [], current: null, atHome: false, lastRegistrationDecisionAt: null, held: null, left: null };
}

const REGISTERING: ReadonlySet<DecisionKind> = new Set(['moved', 'agent-rebooted', 'returned-home']);

/** An agent the mobile node could register with: an FA accepting registrations, or its own HA. */
export function isUsable(config: ListenerConfig, e: AgentEntry): boolean {
  return (e.flags.foreignAgent && !e.flags.busy) || (e.address === config.homeAgent && e.flags.homeAgent);
}

export function hasUsableAgent(config: ListenerConfig, state: ListenerState): boolean {
  return state.agents.some((e) => isUsable(config, e));
}

export function describeAgent(e: AgentEntry): string {
  const prefixes = e.prefixLengths === null ? '' : `, prefixes ${onLinkPrefixes(e).join(' ')}`;
  return `${e.address} seq ${e.sequenceNumber}, ${flagLetters(e.flags)}, expires ${formatMicros(e.expiresAt)}${prefixes}`;
}

function onLinkPrefixes(e: AgentEntry): string[] {
  return (e.prefixLengths ?? []).map((len, i) => (e.routerAddresses[i] === undefined ? '' : `${networkOf(e.routerAddresses[i]!, len)}/${len}`)).filter((p) => p !== '');
}

/** RFC 2002 §2.4.2.2: only when both advertisements carry Prefix-Lengths; moved when no prefix is shared. */
function prefixesDiffer(current: AgentEntry | undefined, next: AgentEntry): boolean {
  if (current === undefined || current.prefixLengths === null || next.prefixLengths === null) return false;
  const mine = new Set(onLinkPrefixes(current));
  return !onLinkPrefixes(next).some((p) => mine.has(p));
}

/** Collects decisions and outputs while the state changes. */
class Step {
  readonly decisions: DiscoveryDecision[] = [];
  readonly outputs: NodeOutput[] = [];
  constructor(public state: ListenerState, private readonly config: ListenerConfig, private readonly now: Micros) {}

  trace(event: TraceDraft): void {
    this.outputs.push({ kind: 'trace', event });
  }

  decide(d: DiscoveryDecision): void {
    if (!REGISTERING.has(d.kind)) return this.take(d);
    const last = this.state.lastRegistrationDecisionAt;
    const allowedAt = last === null ? this.now : last + this.config.registrationSpacing;
    if (this.now >= allowedAt) return this.take(d);
    this.state = { ...this.state, held: d };
    this.trace({ kind: 'decision', summary: `${d.kind} ${d.agent} held until ${formatMicros(allowedAt)}`, reason: 'at most one new registration per second (RFC 2002 §3.6)', ref: 'RFC 2002 §3.6' });
    this.outputs.push({ kind: 'set-timer', key: REGISTRATION_PACING_TIMER, at: allowedAt, ref: 'RFC 2002 §3.6' });
  }

  private take(d: DiscoveryDecision): void {
    let s = this.state;
    if (REGISTERING.has(d.kind)) {
      s = { ...s, lastRegistrationDecisionAt: this.now, held: null };
      if (d.kind === 'moved') s = { ...s, left: s.current, current: d.agent, atHome: false };
      if (d.kind === 'returned-home') s = { ...s, current: d.agent, atHome: true };
    }
    this.state = s;
    this.decisions.push(d);
    this.trace({ kind: 'decision', summary: `${d.kind}: ${d.agent}`, reason: d.reason, ref: d.ref });
  }

  tableChanged(summary: string, before: readonly AgentEntry[], ref: string): void {
    this.trace({ kind: 'table-changed', summary, ref, before: before.map(describeAgent), after: this.state.agents.map(describeAgent) });
  }

  /** The expiry timer follows the earliest expiry in the table. */
  finish(): ListenerStep {
    const next = this.state.agents.reduce<Micros | null>((m, e) => (m === null || e.expiresAt < m ? e.expiresAt : m), null);
    this.outputs.push(next === null ? { kind: 'cancel-timer', key: AGENT_EXPIRY_TIMER } : { kind: 'set-timer', key: AGENT_EXPIRY_TIMER, at: next, ref: 'RFC 2002 §2.4.2.1 (ICMP Lifetime of the advertisement)' });
    return { state: this.state, decisions: this.decisions, outputs: this.outputs };
  }
}

/** An advertisement that discovery-input.ts accepted (checksum verified, Mobility extension present). */
export function onAdvertisement(config: ListenerConfig, state: ListenerState, a: IcmpAdvertisement, origin: DiscoveryOrigin, now: Micros): ListenerStep {
  const step = new Step(state, config, now);
  const mobility = mobilityExtensionOf(a);
  if (a.checksumValid === false || mobility === undefined) {
    step.trace({ kind: 'dropped', summary: `advertisement from ${origin.datagram.source} ignored`, reason: a.checksumValid === false ? 'bad ICMP checksum' : 'no Mobility Agent Advertisement Extension: not an agent advertisement', ref: 'RFC 2002 §2.4' });
    return { state, decisions: [], outputs: step.outputs };
  }
  const address = origin.datagram.source;
  const previous = state.agents.find((e) => e.address === address);
  const entry: AgentEntry = {
    address, interface: origin.interface, linkAddress: origin.linkSource, lastHeardAt: now, icmpLifetime: a.lifetime,
    expiresAt: now + seconds(a.lifetime), sequenceNumber: mobility.sequenceNumber, flags: mobility.flags,
    careOfAddresses: mobility.careOfAddresses, registrationLifetime: mobility.registrationLifetime,
    routerAddresses: a.routers.map((r) => r.address), prefixLengths: prefixLengthsOf(a)?.prefixLengths ?? null,
  };
  step.state = { ...state, agents: previous === undefined ? [...state.agents, entry] : state.agents.map((e) => (e.address === address ? entry : e)) };
  if (previous === undefined) {
    step.tableChanged(`agent table: ${address} added`, state.agents, 'RFC 2002 §2.4');
    step.decide({ kind: 'agent-found', agent: address, reason: `Agent Advertisement from ${address} (${flagLetters(entry.flags)}), valid for ${a.lifetime} s`, ref: 'RFC 2002 §2.4' });
  }
  const current = state.agents.find((e) => e.address === state.current);
  if (previous !== undefined && address === state.current && entry.sequenceNumber < previous.sequenceNumber) {
    // RFC 2002 §2.4.4: a lower number below 256 means the agent rebooted; from 256 up, the counter wrapped.
    if (entry.sequenceNumber < SEQUENCE_WRAP_TO) {
      step.decide({ kind: 'agent-rebooted', agent: address, reason: `sequence number fell from ${previous.sequenceNumber} to ${entry.sequenceNumber} (< 256): the agent rebooted and lost its registrations, so register again`, ref: 'RFC 2002 §2.4.4' });
    } else {
      step.trace({ kind: 'decision', summary: `sequence wrap-around at ${address}`, reason: `sequence number fell from ${previous.sequenceNumber} to ${entry.sequenceNumber} (≥ 256): a wrap-around, not a reboot`, ref: 'RFC 2002 §2.3.2, §2.4.4' });
    }
  }
  if (address === config.homeAgent && entry.flags.homeAgent) {
    if (!step.state.atHome) step.decide({ kind: 'returned-home', agent: address, reason: `advertisement from this node's own home agent ${address} with H set: the mobile node is at home`, ref: 'RFC 2002 §2.4.3' });
  } else if (isUsable(config, entry) && address !== step.state.current) {
    if (step.state.current === null) {
      step.decide({ kind: 'moved', agent: address, reason: `no current agent: register with ${address}`, ref: 'RFC 2002 §2.4.2' });
    } else if (config.movementDetection === 'prefix' && prefixesDiffer(current, entry) && address === state.left && current !== undefined && current.expiresAt > now) {
      // Our choice (hysteresis): where two cells overlap, algorithm 2 alone would flip back and forth on every
      // advertisement. RFC 2002 §2.4.2 / RFC 2002 §2.4: new advertisements should not cause a new registration while the
      // current registration is unexpired and its agent still heard — so the agent just left is not taken back
      // until the current one is lost (algorithm 1).
      step.trace({ kind: 'decision', summary: `stay with ${current.address}`, reason: `${address} is the agent just left and ${current.address} is still heard: no new registration (RFC 2002 §2.4.2; lab choice against flip-flopping in overlapping cells)`, ref: 'RFC 2002 §2.4.2, §2.4' });
    } else if (config.movementDetection === 'prefix' && prefixesDiffer(current, entry)) {
      step.decide({ kind: 'moved', agent: address, reason: `algorithm 2: ${address} advertises ${onLinkPrefixes(entry).join(' ')}, the current agent ${current!.address} ${onLinkPrefixes(current!).join(' ')}`, ref: 'RFC 2002 §2.4.2.2' });
    }
  }
  return step.finish();
}

function expire(config: ListenerConfig, state: ListenerState, now: Micros): ListenerStep {
  const step = new Step(state, config, now);
  const lost = state.agents.filter((e) => e.expiresAt <= now);
  if (lost.length === 0) return step.finish();
  const remaining = state.agents.filter((e) => e.expiresAt > now);
  const currentLost = lost.some((e) => e.address === state.current);
  step.state = { ...state, agents: remaining, ...(currentLost ? { current: null, atHome: false } : {}) };
  step.tableChanged(`agent table: ${lost.map((e) => e.address).join(', ')} expired`, state.agents, 'RFC 2002 §2.4.2.1');
  for (const e of lost) {
    step.decide({ kind: 'agent-lost', agent: e.address, reason: `no advertisement from ${e.address} within its ICMP Lifetime of ${e.icmpLifetime} s (last heard at ${formatMicros(e.lastHeardAt)})`, ref: 'RFC 2002 §2.4.2.1' });
  }
  if (!currentLost) return step.finish();
  // RFC 2002 §2.4.2.1: register with another agent still heard (the most recently heard), or else solicit.
  const next = [...remaining].filter((e) => isUsable(config, e)).sort((x, y) => y.lastHeardAt - x.lastHeardAt)[0];
  if (next !== undefined) {
    const lostAgent = lost.find((e) => e.address === state.current)!;
    step.decide({ kind: 'moved', agent: next.address, reason: `algorithm 1: the current agent ${lostAgent.address} expired and ${next.address} is still heard`, ref: 'RFC 2002 §2.4.2.1' });
  }
  return step.finish();
}

/** A decision held by the pacing rule is taken now, if it still makes sense. */
function releaseHeld(config: ListenerConfig, state: ListenerState, now: Micros): ListenerStep {
  const held = state.held;
  const step = new Step({ ...state, held: null }, config, now);
  if (held === null) return step.finish();
  const stillHeard = state.agents.some((e) => e.address === held.agent);
  if (stillHeard) step.decide(held);
  else step.trace({ kind: 'decision', summary: `held ${held.kind} ${held.agent} abandoned`, reason: `${held.agent} is no longer in the agent table`, ref: 'RFC 2002 §3.6' });
  return step.finish();
}

export function isListenerTimer(key: string): boolean {
  return key === AGENT_EXPIRY_TIMER || key === REGISTRATION_PACING_TIMER;
}

export function onListenerTimer(config: ListenerConfig, state: ListenerState, key: string, now: Micros): ListenerStep {
  if (key === AGENT_EXPIRY_TIMER) return expire(config, state, now);
  if (key === REGISTRATION_PACING_TIMER) return releaseHeld(config, state, now);
  return { state, decisions: [], outputs: [] };
}
