// The agent side of agent discovery (RFC 2002 §2.1, §2.3; RFC 1256 §4, §5): a mobility agent announces itself on one interface with Agent
// Advertisements — periodically to 224.0.0.1, and to a solicitor directly.
//
// Theory of operation. The advertiser is pure state + functions, meant to be
// embedded in a home or foreign agent behaviour (or the small story agent of
// discovery-behaviours.ts):
//   startAdvertiser   → arms the periodic timer (unless advertising only on solicitation);
//   onAdvertiseTimer  → the multicast advertisement, and the timer re-armed ~1 interval later;
//   onSolicitation    → a unicast advertisement to the solicitor;
//   rebootAdvertiser  → the state after a reboot: Sequence Number back to 0 (RFC 2002 §2.3.2).
// Each returns the new state and the outputs to hand to the host. Every
// datagram uses the caller's next IP Identification, reported back in
// `identificationsUsed` so the caller can advance its one per-node counter.

import type { InterfaceConfig, InterfaceName, NodeOutput } from '../../node/contract';
import { EtherType, groupLinkAddressFor, type LinkAddress } from '../../node/link-address';
import { seconds, type Micros } from '../../node/time';
import type { RandomSource } from '../../random';
import type { Ipv4Address } from '../../wire/address';
import { NO_AGENT_FLAGS, flagLetters, type AdvertisementExtension, type AgentAdvertisementFlags } from '../../wire/advertisement-extensions';
import { AgentAdvertisementCode, agentAdvertisementLength, routerEntry } from '../../wire/agent-advertisement';
import type { IcmpAdvertisement } from '../../wire/icmp';
import { advertisementDatagram } from './advertisement-bytes';

/** All-systems multicast: where periodic advertisements go (RFC 2002 §2.1). */
export const ALL_SYSTEMS_MULTICAST = '224.0.0.1';
/** RFC 2002 §2.1: Agent Advertisements are sent with IP TTL 1. */
export const ADVERTISEMENT_TTL = 1;
export const ADVERTISE_TIMER = 'discovery:advertise';

/** OC-32: lab defaults (RFC 1256's 600 s / 1800 s are the "realistic" preset). */
export const LAB_ADVERTISEMENT_INTERVAL: Micros = seconds(1);
export const LAB_ICMP_LIFETIME_SECONDS = 3;
export const LAB_REGISTRATION_LIFETIME_SECONDS = 300;

/** The largest sequence number before it wraps to 256, not 0 (RFC 2002 §2.3.2). */
export const MAX_SEQUENCE_NUMBER = 0xffff;
export const SEQUENCE_WRAP_TO = 256;

export interface AdvertiserConfig {
  /** The interface advertised on (the agent's radio cell or segment). */
  readonly interface: InterfaceName;
  /** An address of the agent on that interface: IP source and Router Address[0] (RFC 1256). */
  readonly agentAddress: Ipv4Address;
  /** H and F: at least one MUST be set (RFC 2002 §2.1.1). */
  readonly homeAgent: boolean;
  readonly foreignAgent: boolean;
  /** R, B: MUST NOT be set without F (RFC 2002 §2.1.1). */
  readonly registrationRequired: boolean;
  readonly busy: boolean;
  readonly minimalEncapsulation: boolean;
  readonly gre: boolean;
  /** S: smooth handoff supported (optim-08 §5.2; RFC 2002 §2.1.1). */
  readonly smoothHandoff: boolean;
  /** Seconds; 0xFFFF = infinite (RFC 2002 §2.1.1). OC-32: 300 s. */
  readonly registrationLifetime: number;
  /** ICMP Lifetime, seconds (RFC 1256 §3; RFC 2002 §2.1). OC-32: 3 s. */
  readonly icmpLifetime: number;
  /** Nominal time between periodic advertisements. OC-32: 1 s. */
  readonly interval: Micros;
  /** FA care-of addresses offered; at least one when F is set (RFC 2002 §2.1.1). */
  readonly careOfAddresses: readonly Ipv4Address[];
  /** When set, a Prefix-Lengths Extension gives the prefix of Router Address[0] (RFC 2002 §2.1.2). */
  readonly prefixLength?: number;
  /** Advertise only in answer to solicitations (RFC 2002 §2.3 allows it by configuration). */
  readonly onlyOnSolicitation: boolean;
  /** ICMP Code 16: the agent does not route ordinary traffic (RFC 2002 §2.1). Default false (code 0). */
  readonly noOrdinaryRouting: boolean;
}

export type AdvertiserOptions = Pick<AdvertiserConfig, 'interface' | 'agentAddress'> & Partial<AdvertiserConfig>;

export interface AdvertiserState {
  /** The Sequence Number the next advertisement carries: 0 after boot (RFC 2002 §2.3.2). */
  readonly sequenceNumber: number;
  /** When the periodic timer is due; null when not advertising periodically. */
  readonly nextPeriodicAt: Micros | null;
}

export interface AdvertiserStep {
  readonly state: AdvertiserState;
  readonly outputs: readonly NodeOutput[];
  readonly identificationsUsed: number;
}

/** Problems with a configuration, as sentences a learner can act on; empty when it is consistent. */
export function advertiserConfigProblems(c: AdvertiserConfig): string[] {
  const p: string[] = [];
  if (!c.homeAgent && !c.foreignAgent) p.push('at least one of H (home agent) and F (foreign agent) must be set (RFC 2002 §2.1.1)');
  if (c.registrationRequired && !c.foreignAgent) p.push('R (registration required) must not be set unless F is set (RFC 2002 §2.1.1)');
  if (c.busy && !c.foreignAgent) p.push('B (busy) must not be set unless F is set (RFC 2002 §2.1.1)');
  if (c.foreignAgent && c.careOfAddresses.length === 0) p.push('a foreign agent (F) must offer at least one care-of address (RFC 2002 §2.1.1)');
  if (!Number.isInteger(c.icmpLifetime) || c.icmpLifetime < 0 || c.icmpLifetime > 0xffff) p.push(`ICMP lifetime ${c.icmpLifetime} s must be a whole number of seconds in 0..65535 (RFC 1256 §3; RFC 2002 §2.1)`);
  if (!Number.isInteger(c.registrationLifetime) || c.registrationLifetime < 0 || c.registrationLifetime > 0xffff) p.push(`registration lifetime ${c.registrationLifetime} s must be in 0..65535 (RFC 2002 §2.1.1)`);
  if (!Number.isSafeInteger(c.interval) || c.interval <= 0) p.push(`advertisement interval ${c.interval} µs must be a positive whole number of µs`);
  if (c.prefixLength !== undefined && (!Number.isInteger(c.prefixLength) || c.prefixLength < 0 || c.prefixLength > 32)) p.push(`prefix length ${c.prefixLength} must be in 0..32 (RFC 2002 §2.1.2)`);
  if (c.careOfAddresses.length > 62) p.push('too many care-of addresses for the 8-bit extension Length (RFC 2002 §2.1.1)');
  return p;
}

/** The configuration with OC-32 defaults filled in; throws a RangeError listing every problem. */
export function advertiserConfig(o: AdvertiserOptions): AdvertiserConfig {
  const c: AdvertiserConfig = {
    homeAgent: false, foreignAgent: false, registrationRequired: false, busy: false,
    minimalEncapsulation: false, gre: false, smoothHandoff: false,
    registrationLifetime: LAB_REGISTRATION_LIFETIME_SECONDS, // OC-32
    icmpLifetime: LAB_ICMP_LIFETIME_SECONDS, // OC-32
    interval: LAB_ADVERTISEMENT_INTERVAL, // OC-32
    careOfAddresses: [], onlyOnSolicitation: false, noOrdinaryRouting: false,
    ...o,
  };
  const problems = advertiserConfigProblems(c);
  if (problems.length > 0) throw new RangeError(`agent advertisement configuration for ${c.agentAddress}: ${problems.join('; ')}`);
  return c;
}

export function initialAdvertiserState(): AdvertiserState {
  return { sequenceNumber: 0, nextPeriodicAt: null }; // RFC 2002 §2.3.2: 0 after boot
}

/** RFC 2002 §2.3.2: +1 per advertisement; after 0xFFFF comes 256, so 0..255 always mean "just booted". */
export function nextSequenceNumber(n: number): number {
  return n >= MAX_SEQUENCE_NUMBER ? SEQUENCE_WRAP_TO : n + 1;
}

/**
 * The nominal interval, slightly randomised (RFC 2002 §2.1). Our choice: uniform
 * within ±10 % of the nominal value, so agents on one link drift apart rather
 * than advertising in lock-step.
 */
export function randomisedInterval(nominal: Micros, random: RandomSource): Micros {
  const spread = Math.floor(nominal / 10);
  return nominal - spread + random.below(2 * spread + 1);
}

export function advertisementFlags(c: AdvertiserConfig): AgentAdvertisementFlags {
  return {
    ...NO_AGENT_FLAGS,
    registrationRequired: c.registrationRequired, busy: c.busy, homeAgent: c.homeAgent, foreignAgent: c.foreignAgent,
    minimalEncapsulation: c.minimalEncapsulation, gre: c.gre, smoothHandoff: c.smoothHandoff,
  };
}

/** The ICMP message with sequence number `sequenceNumber` (RFC 1256 §3; RFC 2002 §2.1, §2.1.3). */
export function buildAdvertisement(c: AdvertiserConfig, sequenceNumber: number): IcmpAdvertisement {
  const extensions: AdvertisementExtension[] = [
    { kind: 'mobility-agent', sequenceNumber, registrationLifetime: c.registrationLifetime, flags: advertisementFlags(c), careOfAddresses: c.careOfAddresses },
  ];
  if (c.prefixLength !== undefined) extensions.push({ kind: 'prefix-lengths', prefixLengths: [c.prefixLength] }); // RFC 2002 §2.1.2: one per Router Address
  const message: IcmpAdvertisement = {
    kind: 'agent-advertisement',
    code: c.noOrdinaryRouting ? AgentAdvertisementCode.DOES_NOT_ROUTE_ORDINARY_TRAFFIC : AgentAdvertisementCode.ROUTES_ORDINARY_TRAFFIC,
    addressEntrySize: 2,
    lifetime: c.icmpLifetime,
    routers: [routerEntry(c.agentAddress)],
    extensions,
  };
  // RFC 2002 §2.1.3: one padding octet MAY make the ICMP length even (a one-entry Prefix-Lengths Extension is 3 octets).
  if (agentAdvertisementLength(message) % 2 === 0) return message;
  return { ...message, extensions: [...extensions, { kind: 'padding' }] };
}

function describeAdvertisement(c: AdvertiserConfig, seq: number, destination: Ipv4Address): string {
  const coa = c.careOfAddresses.length > 0 ? `, CoA ${c.careOfAddresses.join(', ')}` : '';
  return `Agent Advertisement ${c.agentAddress} → ${destination}, seq ${seq}, ${flagLetters(advertisementFlags(c))}${coa}, lifetime ${c.icmpLifetime} s`;
}

function advertise(c: AdvertiserConfig, state: AdvertiserState, own: InterfaceConfig, destination: Ipv4Address, linkDestination: LinkAddress, identification: number, ref: string, reason: string): { state: AdvertiserState; output: NodeOutput } {
  const seq = state.sequenceNumber;
  // Only Identification, Sequence Number and the checksums change from the agent's last one (advertisement-bytes.ts).
  const bytes = advertisementDatagram(c, { source: c.agentAddress, ttl: ADVERTISEMENT_TTL, message: (sequence) => buildAdvertisement(c, sequence) }, destination, seq, identification);
  return {
    state: { ...state, sequenceNumber: nextSequenceNumber(seq) },
    output: { kind: 'transmit', interface: c.interface, frame: { source: own.linkAddress, destination: linkDestination, etherType: EtherType.IPV4, payload: bytes }, summary: describeAdvertisement(c, seq, destination), reason, ref },
  };
}

function ownInterface(c: AdvertiserConfig, interfaces: readonly InterfaceConfig[]): InterfaceConfig {
  const own = interfaces.find((i) => i.name === c.interface);
  if (own === undefined) throw new Error(`the advertiser is configured for interface "${c.interface}", which this node does not have`);
  return own;
}

/** Arms the first periodic advertisement now (unless only answering solicitations). */
export function startAdvertiser(c: AdvertiserConfig, state: AdvertiserState, now: Micros): AdvertiserStep {
  if (c.onlyOnSolicitation) return { state: { ...state, nextPeriodicAt: null }, outputs: [], identificationsUsed: 0 };
  return { state: { ...state, nextPeriodicAt: now }, outputs: [{ kind: 'set-timer', key: ADVERTISE_TIMER, at: now, ref: 'RFC 2002 §2.1; lab choice' }], identificationsUsed: 0 };
}

/** The periodic timer fell due: multicast one advertisement and re-arm (RFC 2002 §2.1, §2.3). */
export function onAdvertiseTimer(c: AdvertiserConfig, state: AdvertiserState, interfaces: readonly InterfaceConfig[], now: Micros, random: RandomSource, identification: number): AdvertiserStep {
  if (c.onlyOnSolicitation) return { state, outputs: [], identificationsUsed: 0 };
  const sent = advertise(c, state, ownInterface(c, interfaces), ALL_SYSTEMS_MULTICAST, groupLinkAddressFor(ALL_SYSTEMS_MULTICAST)!, identification,
    'RFC 2002 §2.1, §2.3.2; lab choice', `periodic advertisement to all systems, IP TTL 1 (RFC 2002 §2.1)`);
  const next = now + randomisedInterval(c.interval, random);
  return {
    state: { ...sent.state, nextPeriodicAt: next },
    outputs: [sent.output, { kind: 'set-timer', key: ADVERTISE_TIMER, at: next, ref: 'RFC 2002 §2.1 (interval slightly randomised, ±10 %); lab choice' }],
    identificationsUsed: 1,
  };
}

/**
 * Answers a solicitation with a unicast advertisement: IP destination the
 * solicitor's address, link-layer destination the solicitation's link-layer
 * source (RFC 2002 §2.1), whatever the solicitor's source prefix (§2.3).
 * Our choice: answer at once rather than after RFC 1256's random
 * MAX_RESPONSE_DELAY — a unicast reply cannot collide with other agents'.
 */
export function onSolicitation(c: AdvertiserConfig, state: AdvertiserState, interfaces: readonly InterfaceConfig[], solicitor: Ipv4Address, solicitorLink: LinkAddress, identification: number): AdvertiserStep {
  // RFC 1256 (from knowledge): a solicitation from 0.0.0.0 is answered by multicast.
  const unspecified = solicitor === '0.0.0.0';
  const destination = unspecified ? ALL_SYSTEMS_MULTICAST : solicitor;
  const link = unspecified ? groupLinkAddressFor(ALL_SYSTEMS_MULTICAST)! : solicitorLink;
  const sent = advertise(c, state, ownInterface(c, interfaces), destination, link, identification, 'RFC 2002 §2.1, §2.3', `answer to the Agent Solicitation from ${solicitor} (RFC 2002 §2.3)`);
  return { state: sent.state, outputs: [sent.output], identificationsUsed: 1 };
}

/** After a reboot the agent starts again at Sequence Number 0 (RFC 2002 §2.3.2), and re-arms. */
export function rebootAdvertiser(c: AdvertiserConfig, now: Micros): AdvertiserStep {
  return startAdvertiser(c, initialAdvertiserState(), now);
}
