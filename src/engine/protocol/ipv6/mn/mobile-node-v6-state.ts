// The IPv6 mobile node's configuration and state (Perkins & Johnson §10;
// RFC 6275 §11; docs/ipv6.md §3): where it is attached (the
// default router and prefix it learned from Router Advertisements, its
// care-of address), its home registration, its Binding Update List (one entry
// per node it sent a Binding Update to, RFC 6275 §11.1), the return-routability
// tokens it holds per correspondent, the outbound AH sequence numbers of its
// security associations, and its own traffic.
//
// Plain data, as every node state (node/contract.ts).

import type { UdpFlow, Delivery } from '../../../network/behaviours/host';
import type { NodeId } from '../../../node/contract';
import { EMPTY_FORWARDING_TABLE, type ForwardingTable } from '../../../node/route-table';
import type { Ipv6Address } from '../../../wire/ipv6/ipv6-address';
import type { Keyed } from '../../../keyed';
import { emptyRateLimiter, MIPV6_07_RATE, type RateLimiter } from '../../tables/rate-limiter';
import type { Micros } from '../../tables/table-change';
import type { BindingUpdateListEntry } from './binding-update-list';

/** An AH security association the mobile node shares with one peer (RFC 4302; HMAC-MD5-96, OC-52). */
export interface MnAhAssociation {
  readonly peer: NodeId;
  /** Every IPv6 address of the peer: the association is chosen by the address a packet goes to. */
  readonly peerAddresses: readonly Ipv6Address[];
  readonly spi: number;
  /** 16 octets. */
  readonly key: Uint8Array;
}

export interface Ipv6Prefix {
  readonly network: Ipv6Address;
  readonly prefixLength: number;
}

export type CorrespondentAuthentication = 'ipsec' | 'return-routability';

export interface MobileNodeV6Config {
  /** The radio interface it moves with. */
  readonly interface: string;
  readonly homeAddress: Ipv6Address;
  readonly homeAgentAddress: Ipv6Address;
  readonly homePrefix: Ipv6Prefix;
  readonly correspondentAuthentication: CorrespondentAuthentication;
  /** Sends Binding Updates to correspondents (Perkins & Johnson §10; OC-55). */
  readonly routeOptimization: boolean;
  /** Asks the previous router to forward from the previous care-of address (mipv6-07 §10.8; OC-57). */
  readonly smoothHandoff: boolean;
  readonly requestLifetimeS: number;
  readonly correspondentLifetimeS: number;
  readonly smoothHandoffLifetimeS: number;
  readonly associations: readonly MnAhAssociation[];
  /** UDP port whose datagrams it echoes back (null: none). */
  readonly echoPort: number | null;
}

/** The router it uses and the address it formed on that router's link (RFC 4861 §6.3.4; RFC 4862 §5.5.3). */
export interface Attachment {
  /** The router's link-local address (the RA's source): the default router. */
  readonly router: Ipv6Address;
  readonly routerLinkAddress: string;
  /** The router's global address, from a Prefix Information option with R set (RFC 6275 §7.2); where a smooth-handoff BU goes. */
  readonly routerGlobal: Ipv6Address | null;
  readonly prefix: Ipv6Prefix;
  /** The care-of address formed from the prefix (the home address when at home). */
  readonly careOfAddress: Ipv6Address;
  readonly homeAgentFlag: boolean;
  readonly since: Micros;
  /** Last Router Advertisement heard from this router, and the longest gap it announced (RFC 6275 §7.3, §11.5.1). */
  readonly lastHeardAt: Micros;
  readonly intervalMs: number;
  /**
   * The radio cell the router was heard in, when the link layer reported exactly one at the time
   * (null: not known). With it, an attachment change that leaves that cell is known to be a move
   * (OC-58), and an advertisement from the router still in flight when the node left is not taken
   * as the router still being in range.
   */
  readonly cell: string | null;
}

/** The home registration (RFC 6275 §11.7.1). */
export interface HomeRegistration {
  readonly phase: 'none' | 'registering' | 'registered' | 'deregistering';
  /** The care-of address of the binding sent or in force. */
  readonly careOfAddress: Ipv6Address | null;
  readonly sequence: number;
  readonly sentAt: Micros | null;
  /** Retransmissions of the current Binding Update so far. */
  readonly retransmissions: number;
  /** The wait before the next retransmission (RFC 6275 §11.8: 1.5 s first registration, then 1 s doubling to 32 s). */
  readonly retransmitAfterUs: Micros;
  readonly acknowledgedAt: Micros | null;
  readonly grantedLifetimeS: number | null;
  readonly expiresAt: Micros | null;
  /** Why the last attempt failed, for the learner. */
  readonly lastRefusal: string | null;
}

/** Return-routability tokens held for one correspondent (RFC 6275 §5.2.5, §11.6). */
export interface ReturnRoutabilityEntry {
  readonly correspondent: Ipv6Address;
  readonly homeCookie: string;
  readonly careOfCookie: string;
  /** Hex of the keygen tokens and the nonce indices; null until the test arrived. */
  readonly homeToken: string | null;
  readonly homeNonceIndex: number | null;
  readonly homeTokenAt: Micros | null;
  readonly careOfToken: string | null;
  readonly careOfNonceIndex: number | null;
  readonly careOfTokenAt: Micros | null;
  /** The care-of address the care-of token was made for. */
  readonly careOfAddress: Ipv6Address | null;
  readonly startedAt: Micros;
  /** Send the Binding Update as soon as both tokens are in. */
  readonly bindingPending: boolean;
  /** Unanswered rounds of tests before the current one (RFC 6275 §11.8 backoff). */
  readonly attempts: number;
}

export interface MobileNodeV6State {
  readonly config: MobileNodeV6Config;
  readonly table: ForwardingTable;
  readonly attachment: Attachment | null;
  /** Where it was before the last move: previous care-of address and router (mipv6-07 §10.8). */
  readonly previous: Attachment | null;
  readonly atHome: boolean;
  readonly home: HomeRegistration;
  /** RFC 6275 §11.1, keyed by destination address (the home agent's, a correspondent's, a previous router's). */
  readonly bindingUpdateList: Keyed<BindingUpdateListEntry>;
  readonly bindingUpdateLimiter: RateLimiter;
  readonly returnRoutability: Keyed<ReturnRoutabilityEntry>;
  /** Outbound AH sequence number last used, per SPI (RFC 4302 §3.3.2). */
  readonly ahSequence: Keyed<number>;
  /** Correspondents that do not process the Mobility Header (ICMPv6 Parameter Problem, RFC 6275 §11.3.5): no more BUs to them. */
  readonly noMobilitySupport: readonly Ipv6Address[];
  readonly routerSolicitationsSent: number;
  /**
   * The link layer reported an attachment change (RFC 4861 §6.3.7; RFC 6275 §11.5.1; OC-58):
   * 'left' — the node left the cell its router is in, so only a new router ends the hint;
   * 'maybe' — the router's cell is not known, so hearing the router again ends it; false — none.
   */
  readonly movementHint: false | 'maybe' | 'left';
  /** The cells the radio is attached to, as the link layer last reported them. */
  readonly cells: readonly string[];
  readonly flows: readonly UdpFlow[];
  readonly sent: Keyed<number>;
  readonly deliveries: readonly Delivery[];
  readonly deliveredCount: number;
  readonly echoed: number;
}

export const NO_HOME_REGISTRATION: HomeRegistration = {
  phase: 'none', careOfAddress: null, sequence: 0, sentAt: null, retransmissions: 0, retransmitAfterUs: 0,
  acknowledgedAt: null, grantedLifetimeS: null, expiresAt: null, lastRefusal: null,
};

export function initialMobileNodeV6State(config: MobileNodeV6Config, flows: readonly UdpFlow[] = []): MobileNodeV6State {
  return {
    config, table: EMPTY_FORWARDING_TABLE, attachment: null, previous: null, atHome: false, home: NO_HOME_REGISTRATION,
    bindingUpdateList: {}, bindingUpdateLimiter: emptyRateLimiter('Binding Update', MIPV6_07_RATE), returnRoutability: {},
    ahSequence: {}, noMobilitySupport: [], routerSolicitationsSent: 0, movementHint: false, cells: [], flows, sent: {}, deliveries: [], deliveredCount: 0, echoed: 0,
  };
}

/** The association to use for a packet to `address`, if the mobile node shares one with that node. */
export function associationFor(config: MobileNodeV6Config, address: Ipv6Address): MnAhAssociation | undefined {
  return config.associations.find((a) => a.peerAddresses.includes(address));
}

/** The addresses datagrams may reach it at: home address, current care-of address, previous care-of address (mipv6-07 §10.8). */
export function acceptedAddresses(state: MobileNodeV6State): Ipv6Address[] {
  const out = [state.config.homeAddress];
  if (state.attachment !== null && !out.includes(state.attachment.careOfAddress)) out.push(state.attachment.careOfAddress);
  if (state.previous !== null && !out.includes(state.previous.careOfAddress)) out.push(state.previous.careOfAddress);
  return out;
}
