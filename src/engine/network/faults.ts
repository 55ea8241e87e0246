// Message faults a scenario scripts into a run: the next message of a chosen
// kind that a node sends onto a chosen link, from a chosen time on, is dropped
// or held back. (A reboot is not here: it is a command the node receives at
// its time, and the node forgets its own tables.)
//
// Decided at the sender, when the frame is handed to the link
// (node-runner.ts transmit): each sending node keeps its own copy of the
// faults in its slot, with whether it has been used. That is what lets the
// worker fabric, where every node runs alone between window boundaries, make
// exactly the in-process simulation's decision — so "the next Binding
// Acknowledge on cell2" means the next one *each* sender puts on cell2 (name
// a sender with `from` to narrow it to one). A delay only ever makes a frame
// arrive later, so the fabric's lookahead (the smallest link delay) holds.

import type { Frame, NodeId } from '../node/contract';
import { EtherType } from '../node/link-address';
import { MICROS_PER_SECOND, type Micros } from '../node/time';
import { classifyPacket } from '../wire/classify';
import { DEFAULT_ADVERSARY_EXPONENT_HEX, rewriteDhValue } from './dh-value-rewrite';
import type { LinkId } from './topology';

export const FAULT_MESSAGES = [
  'agent-advertisement', 'agent-solicitation', 'registration-request', 'registration-reply',
  'binding-warning', 'binding-request', 'binding-update', 'binding-acknowledge', 'datagram',
] as const;
export type FaultMessage = (typeof FAULT_MESSAGES)[number];

export const FAULT_MESSAGE_NAMES: Readonly<Record<FaultMessage, string>> = {
  'agent-advertisement': 'Agent Advertisement',
  'agent-solicitation': 'Agent Solicitation',
  'registration-request': 'Registration Request',
  'registration-reply': 'Registration Reply',
  'binding-warning': 'Binding Warning',
  'binding-request': 'Binding Request',
  'binding-update': 'Binding Update',
  'binding-acknowledge': 'Binding Acknowledge',
  datagram: 'data datagram',
};

/** Mobile IP message types (octet 0 of the UDP payload, port 434) and what a fault calls them. */
const MIP_TYPES: Readonly<Record<number, FaultMessage>> = {
  1: 'registration-request', 3: 'registration-reply', 16: 'binding-warning', 17: 'binding-request', 18: 'binding-update', 19: 'binding-acknowledge',
};

export interface MessageFault {
  /** replace-dh-value-next: the next Registration Reply with a 124 gets the adversary's g^m (dh-value-rewrite.ts, OC-49). */
  readonly kind: 'drop-next' | 'delay-next' | 'replace-dh-value-next';
  /** Armed from this time on. */
  readonly at: Micros;
  readonly link: LinkId;
  readonly message: FaultMessage;
  /** Only this sender; absent: every sender on the link, each once. */
  readonly from?: NodeId;
  /** delay-next: how much later the frame arrives. */
  readonly delay?: Micros;
  /** replace-dh-value-next: who is on the path (a name for the trace), and her secret exponent m in hex. */
  readonly adversary?: string;
  readonly exponentHex?: string;
}

/** A fault as one sender holds it (plain data, in its slot). */
export interface ArmedFault extends MessageFault {
  readonly used: boolean;
}

/** The faults `node` may trigger, unused; undefined when none (the slot then carries nothing). */
export function faultsOfSender(node: NodeId, faults: readonly MessageFault[] | undefined): ArmedFault[] | undefined {
  const mine = (faults ?? []).filter((f) => f.from === undefined || f.from === node).map((f) => ({ ...f, used: false }));
  return mine.length === 0 ? undefined : mine;
}

/**
 * What a frame carries, in a fault's words, looking through tunnels (a
 * Binding Acknowledge tunnelled to a care-of address is still one); null for
 * anything else (ARP, ICMP errors).
 */
export function faultMessageOf(frame: Frame): FaultMessage | null {
  if (frame.etherType !== EtherType.IPV4) return null;
  const c = classifyPacket(frame.payload);
  if (c === null) return null;
  if (c.kind === 'discovery') return c.name === 'Agent Advertisement' ? 'agent-advertisement' : 'agent-solicitation';
  if (c.mipType !== undefined) return MIP_TYPES[c.mipType] ?? null;
  return c.kind === 'data' || c.kind === 'tunnelled-data' ? 'datagram' : null;
}

/** The index of the first unused fault this transmission triggers, or -1. `links`: the links the sending interface is on. */
export function triggeredFault(faults: readonly ArmedFault[], now: Micros, links: readonly LinkId[], frame: Frame): number {
  let message: FaultMessage | null | undefined;
  return faults.findIndex((f) => {
    if (f.used || now < f.at || !links.includes(f.link)) return false;
    message ??= faultMessageOf(frame);
    if (message !== f.message) return false;
    // Only a Reply that carries a foreign agent's g^y can have it replaced.
    return f.kind !== 'replace-dh-value-next' || rewriteDhValue(frame.payload, f.exponentHex ?? DEFAULT_ADVERSARY_EXPONENT_HEX) !== null;
  });
}

/** "drop the next Binding Acknowledge on link cell2 (armed at 12 s)": the fault, for the trace. */
export function describeFault(f: MessageFault): string {
  const what = `the next ${FAULT_MESSAGE_NAMES[f.message]}${f.from === undefined ? '' : ` from ${f.from}`} on link ${f.link}`;
  const armed = `(armed at ${f.at / MICROS_PER_SECOND} s)`;
  if (f.kind === 'replace-dh-value-next') {
    const sender = f.from === undefined ? 'a foreign agent' : f.from;
    return `${f.adversary ?? 'an adversary'} on link ${f.link} replaces ${sender}'s Diffie-Hellman value in the next Registration Reply with her own ${armed}`;
  }
  const verb = f.kind === 'drop-next' ? 'drop' : `delay by ${(f.delay ?? 0) / 1000} ms`;
  return `${verb} ${what} ${armed}`;
}
