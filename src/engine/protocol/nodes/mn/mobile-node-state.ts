// The mobile node's configuration and state (RFC 2002 §3.6): its home address and home agent, the MSA it shares with the HA
// (and with FAs, if any), the agent discovery it embeds, the replay state
// towards its HA, the Request in flight and the registration in force.

import type { SecurityAssociation } from '../../../crypto/security-association';
import type { Identification } from '../../../wire/mip/identification';
import type { InterfaceName } from '../../../node/contract';
import type { LinkAddress } from '../../../node/link-address';
import { EMPTY_FORWARDING_TABLE, type ForwardingTable } from '../../../node/route-table';
import type { Micros } from '../../../node/time';
import type { Delivery, UdpFlow } from '../../../network/behaviours/host';
import type { Ipv4Address } from '../../../wire/address';
import { DEFAULT_PROFILE, type MipProfile } from '../../../wire/mip/profile';
import { initialListenerState, listenerConfig, type ListenerConfig, type ListenerState, type MovementDetection } from '../../discovery/listener';
import { initialSolicitorState, solicitorConfig, type SolicitorConfig, type SolicitorState } from '../../discovery/solicitor';
import { LAB_REGISTRATION_LIFETIME_SECONDS } from '../../discovery/advertiser';
import { newRegistrationSender, type RegistrationSenderState } from '../../tables/replay';
import type { KeyExchangeRecord, KeyMethod, MobileNodeKeyConfig, MobileNodePendingKey } from '../../keys';
import { DEFAULT_PFAN_CACHE_LIFETIME_SECONDS } from '../../route-optimization/smooth-handoff';
import { EMPTY_PENDING_BINDING_UPDATES, type PendingBindingUpdates } from '../../tables/pending-binding-updates';
import type { LaterExtensions } from '../common/hooks';
import type { Encapsulation } from '../common/tunnels';

export interface MobileNodeConfig extends LaterExtensions {
  readonly homeAddress: Ipv4Address;
  readonly homeAgent: Ipv4Address;
  /** The radio interface (its address is the home address). */
  readonly interface: InterfaceName;
  /** OC-01. */
  readonly profile: MipProfile;
  /** The MN's clock: Unix ms at virtual time 0 (timestamps, RFC 2002 §5.6.1). A lesson may set it off the HA's. */
  readonly epochUnixMs: number;
  /** MN–HA MSA (peer = the HA); its replay style picks timestamps or nonces (RFC 2002 §5.6). */
  readonly homeAgentAssociation: SecurityAssociation;
  /** MSAs with foreign agents (peer = the FA's address): Mobile-Foreign authentication (RFC 2002 §3.5.2–§3.5.4). */
  readonly foreignAgentAssociations: readonly SecurityAssociation[];
  /** OC-32: 300 s (never more than the agent advertises, RFC 2002 §3.6.1.2). */
  readonly requestedLifetime: number;
  /** Asked for with M / G only when the FA advertised it (RFC 2002 §3.3); IP in IP otherwise. */
  readonly encapsulation: Encapsulation;
  readonly movementDetection: MovementDetection;
  /** UDP port answered by echoing the datagram back (the lab's correspondent traffic); null: none. */
  readonly echoPort: number | null;
  /**
   * What the MN brings to registration-key establishment with an FA that
   * advertises S (Perkins & Johnson §9.1; regkey-00 §6): its RSA key pair (OC-19) or
   * none, whether it will do Diffie-Hellman, and the group (OC-18). The
   * configured MSAs with FAs are `foreignAgentAssociations` (method 1).
   */
  readonly registrationKeys: MobileNodeKeyConfig;
  /** Cache Lifetime put in the Previous FA Notification, seconds (OC-22: 10 s). */
  readonly smoothHandoffCacheLifetime: number;
  /** Sets P in every Request: the binding must never be disclosed (Perkins & Johnson §3.6; optim-08 §4.6; Perkins & Johnson §4.1; optim-06 §9; OC-02). */
  readonly privateBinding: boolean;
  /**
   * Correspondents listed in a Binding Warning extension (type 16) of the
   * deregistration from home: the HA then sends each a zero-lifetime delete
   * BU so it stops tunnelling to the old care-of address (Perkins & Johnson §4.2; optim-08 §6: the home agent's trigger (d)). Empty: no extension.
   */
  readonly bindingWarningTargets: readonly Ipv4Address[];
  /**
   * false: the Previous FA Notification carries the home address as the new
   * care-of address, so the previous FA forgets this MN entirely — visitor
   * entry and key gone, no forwarding entry (Perkins & Johnson §4.2). Absent: true.
   */
  readonly previousForeignAgentForwarding?: boolean;
  /**
   * Foreign agents that build a smooth-handoff BU by the optim-08 rule (the
   * Registration Request's Identification in it, I = 1) rather than the
   * paper's (none, Perkins & Johnson §3.3): registering with one of them, the
   * MN precomputes the authenticator of that BU (OC-09). Both ends of a
   * handoff must agree; the scenario loader fills this from the agents' setting.
   */
  readonly handoffIdentificationAgents?: readonly Ipv4Address[];
}

/** Perkins & Johnson §9.1: what the MN keeps per FA it has registered with — the MSA it may release it with later. */
export interface HeldForeignAgentKey {
  readonly faAddress: Ipv4Address;
  /** The registration key (or the configured MSA, method 1), peer = the FA. */
  readonly association: SecurityAssociation;
  readonly method: KeyMethod;
}

/** Where a Request goes: an FA from its advertisement, or the HA when at home. */
export interface RegistrationTarget {
  readonly agent: Ipv4Address;
  readonly linkAddress: LinkAddress;
  readonly interface: InterfaceName;
  readonly careOfAddress: Ipv4Address;
  /** The advertised Registration Lifetime; null when unknown (then 1800 s, RFC 2002 §3.6.1.2). */
  readonly advertisedLifetime: number | null;
  readonly offersMinimal: boolean;
  readonly offersGre: boolean;
  readonly deregistration: boolean;
  /** The agent advertised S: smooth handoff and registration keys apply (Perkins & Johnson §4; optim-08 §5.2). */
  readonly offersSmoothHandoff: boolean;
}

/** The Request in flight (RFC 2002 §3.6: per pending registration). */
export interface PendingRequest {
  readonly target: RegistrationTarget;
  readonly lifetime: number;
  readonly identification: Identification;
  /** The datagram as sent: resent unchanged with nonces (RFC 2002 §3.6.3). */
  readonly bytes: Uint8Array;
  /** First transmission of this registration attempt (OC-31: abandon after the requested Lifetime). */
  readonly firstSentAt: Micros;
  /** Latest transmission: lifetime accounting starts here (RFC 2002 §3.6.2). */
  readonly sentAt: Micros;
  readonly retransmissions: number;
  /** What the MN asked for and keeps (x) until the Reply (Perkins & Johnson §9.1; regkey-00 §6); null: no key asked. */
  readonly key: MobileNodePendingKey | null;
  /** The MN's side of the key exchange so far, for the key panel. */
  readonly keyRecord: KeyExchangeRecord | null;
}

export interface CurrentRegistration {
  readonly target: RegistrationTarget;
  readonly grantedLifetime: number;
  readonly expiresAt: Micros;
  readonly renewAt: Micros;
}

export interface MobileNodeState {
  readonly config: MobileNodeConfig;
  readonly listenerConfig: ListenerConfig;
  readonly solicitorConfig: SolicitorConfig;
  readonly listener: ListenerState;
  readonly solicitor: SolicitorState;
  readonly replay: RegistrationSenderState;
  /** Usually the configured HA; a Code 136 Reply may name another (RFC 2002 §3.6.2). */
  readonly homeAgent: Ipv4Address;
  readonly table: ForwardingTable;
  readonly nextIdentification: number;
  readonly pending: PendingRequest | null;
  readonly registration: CurrentRegistration | null;
  readonly atHome: boolean;
  /** Set by a Code 69 denial: the FA's maximum (RFC 2002 §3.6.2). */
  readonly lifetimeCap: number | null;
  /** A new Request waiting for the one-second spacing after a repairable denial. */
  readonly retry: RegistrationTarget | null;
  readonly deliveries: readonly Delivery[];
  readonly deliveredCount: number;
  readonly echoed: number;
  /** The MN's own traffic flows (mn/flows.ts): from the options, or added by `start-flow` commands. */
  readonly flows: readonly UdpFlow[];
  /** Datagrams sent so far, per flow id. */
  readonly sent: Readonly<Record<string, number>>;
  /** Perkins & Johnson §9.1: keys (or configured MSAs) shared with FAs, newest last, one per FA. */
  readonly foreignAgentKeys: readonly HeldForeignAgentKey[];
  /** Perkins & Johnson §4.1; optim-08 §3.2: smooth-handoff BUs awaiting their Binding Acknowledge (OC-21, OC-34). */
  readonly pendingBindingUpdates: PendingBindingUpdates;
}

export type MobileNodeOptions = Pick<MobileNodeConfig, 'homeAddress' | 'homeAgent' | 'interface' | 'epochUnixMs' | 'homeAgentAssociation'> & Partial<MobileNodeConfig> & {
  /** Traffic flows the MN sends from its home address, started by the `start` command (mn/flows.ts). */
  readonly flows?: readonly UdpFlow[];
};

export function initialMobileNodeState(options: MobileNodeOptions): MobileNodeState {
  const { flows = [], ...o } = options;
  const config: MobileNodeConfig = {
    profile: DEFAULT_PROFILE, foreignAgentAssociations: [], requestedLifetime: LAB_REGISTRATION_LIFETIME_SECONDS, // OC-32
    encapsulation: 'ip-in-ip', movementDetection: 'prefix', echoPort: 7,
    registrationKeys: { keyPair: null, diffieHellman: true }, smoothHandoffCacheLifetime: DEFAULT_PFAN_CACHE_LIFETIME_SECONDS, privateBinding: false, bindingWarningTargets: [], // OC-22
    ...o,
  };
  return {
    config,
    listenerConfig: listenerConfig({ movementDetection: config.movementDetection, homeAgent: config.homeAgent }),
    solicitorConfig: solicitorConfig({ interface: config.interface }),
    listener: initialListenerState(), solicitor: initialSolicitorState(),
    replay: newRegistrationSender(config.homeAgentAssociation.replay),
    homeAgent: config.homeAgent, table: EMPTY_FORWARDING_TABLE, nextIdentification: 1,
    pending: null, registration: null, atHome: false, lifetimeCap: null, retry: null,
    deliveries: [], deliveredCount: 0, echoed: 0, flows: [...flows], sent: {},
    foreignAgentKeys: [], pendingBindingUpdates: EMPTY_PENDING_BINDING_UPDATES,
  };
}
