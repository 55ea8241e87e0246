// The role → behaviour registry of the real protocol (load.ts: buildSimulation
// asks it for every node). Each factory turns a node's resolved scenario
// settings (to-topology.ts) into the options of its behaviour
// (protocol/nodes/*): addresses, interfaces, security associations, timers.
//
// What the scenario format can say but no node consumes yet is listed in
// UNCONSUMED_SETTINGS (and the CLI prints nothing about it: the run simply
// behaves as the base protocol there). When a node grows an option, map it here
// and remove it from that list.

import { generateRsaKeyPair, publicKeyOf, type RsaPrivateKey } from '../engine/crypto/rsa-key';
import { encodeRsaPublicKeyDer } from '../engine/crypto/rsa-spki';
import type { SecurityAssociation } from '../engine/crypto/security-association';
import type { DhGroupName } from '../engine/protocol/keys/mobile-node-keys';
import { MIPV6_07_RATE, OC20_BACKOFF, type RateLimitPolicy } from '../engine/protocol/tables/rate-limiter';
import { createRandom } from '../engine/random';
import { deriveSeed } from '../engine/network/seeds';
import { initialRouterState, routerBehaviour } from '../engine/network/behaviours/router';
import type { NodeBehaviour, NodeId } from '../engine/node/contract';
import { seconds } from '../engine/node/time';
import { adversaryBehaviour, initialAdversaryState } from '../engine/protocol/nodes/adversary/adversary';
import { correspondentBehaviour, initialCorrespondentState } from '../engine/protocol/nodes/cn/correspondent';
import { foreignAgentBehaviour, initialForeignAgentState } from '../engine/protocol/nodes/fa/foreign-agent';
import { homeAgentBehaviour, initialHomeAgentState } from '../engine/protocol/nodes/ha/home-agent';
import { initialMobileNodeState, mobileNodeBehaviour } from '../engine/protocol/nodes/mn/mobile-node';
import type { Ipv4Address } from '../engine/wire/address';
import type { RoleFactory, RoleRegistry, RoleSetup } from './role-factory';
import type { Role } from './schema';
import { accessRouterV6, homeAgentV6 } from './ipv6-agent-factories';
import { adversaryV6, correspondentV6 } from './ipv6-end-host-factories';
import { mobileNodeV6 } from './mobile-node-v6-role';
import { DEFAULT_MASTER_KEY_SPI, hexToBytes, type LoadedScenario, type NodeSecurityAssociation, type TimedAdversaryAction } from './to-topology';
import { fail, nodeAddress, toAttack, visitorInterface, type NodeOf } from './node-addresses';

function setup<S, C>(behaviour: NodeBehaviour<S, C>, initialState: S, flowsInState = false): RoleSetup {
  return { behaviour: behaviour as NodeBehaviour<unknown, unknown>, initialState, ...(flowsInState ? { flowsInState } : {}) };
}

/**
 * One engine MSA per address of the peer: a receiver selects an MSA by
 * (peer address, SPI) (RFC 2002 §1.6), and which of the peer's addresses a
 * message comes from depends on routing (an FA relays from the address of its
 * outgoing interface, RFC 2002 §3.7.2.2).
 */
function associationsByAddress(list: readonly NodeSecurityAssociation[]): SecurityAssociation[] {
  return list.flatMap((sa) => [...new Set(sa.peerAddresses)].map((peer) => ({ spi: sa.spi, peer, algorithm: sa.algorithm, key: sa.key, replay: sa.replay })));
}

/**
 * A node's RSA key pair (OC-19), generated from its own stream of the run
 * seed: the same scenario and seed give the same keys (docs/architecture.md), and the
 * stream is named, so adding a node leaves the others' keys alone.
 */
export function nodeKeyPair(loaded: LoadedScenario, id: NodeId): RsaPrivateKey {
  return generateRsaKeyPair(createRandom(deriveSeed(loaded.seed, `rsa-key:${id}`)));
}

/** OC-18: Oakley group 2 (1024-bit MODP) by default, group 1 (768-bit) as the faster option. */
const DH_GROUPS: Readonly<Record<1 | 2, DhGroupName>> = { 1: 'modp-768', 2: 'modp-1024' };

/** OC-20: the lab's exponential backoff, or the mipv6-07 preset. */
const RATE_LIMITS: Readonly<Record<'exponential' | 'mipv6-07', RateLimitPolicy>> = { exponential: OC20_BACKOFF, 'mipv6-07': MIPV6_07_RATE };

export { DEFAULT_MASTER_KEY_SPI, nodeAddress, toAttack };

function roleOf(loaded: LoadedScenario, id: NodeId): Role | undefined {
  return loaded.nodes.find((n) => n.id === id)?.role;
}

/** The foreign agents that build smooth-handoff Binding Updates by the optim-08 rule (Identification present; OC-06, OC-09). */
function optim08HandoffAgents(loaded: LoadedScenario): Ipv4Address[] {
  return loaded.nodes.filter((n): n is NodeOf<'foreign-agent'> => n.role === 'foreign-agent' && n.settings.smoothHandoffIdentification === 'optim-08').map((n) => nodeAddress(n, loaded));
}

const mobileNode: RoleFactory = (node, loaded) => {
  const n = node as NodeOf<'mobile-node'>;
  const s = n.settings;
  const withHa = n.securityAssociations.find((sa) => sa.peer === s.homeAgent);
  if (withHa === undefined) fail(n, `shares no security association with its home agent "${s.homeAgent}" (RFC 2002 §3.5.2)`);
  const radio = n.interfaces.find((i) => i.radio === true) ?? n.interfaces.find((i) => i.address === s.homeAddress) ?? n.interfaces[0]!;
  return setup(mobileNodeBehaviour, initialMobileNodeState({
    homeAddress: s.homeAddress,
    homeAgent: s.homeAgentAddress,
    interface: radio.name,
    profile: loaded.profile, // OC-01
    epochUnixMs: loaded.epochMs,
    homeAgentAssociation: { spi: withHa.spi, peer: s.homeAgentAddress, algorithm: withHa.algorithm, key: withHa.key, replay: withHa.replay },
    foreignAgentAssociations: associationsByAddress(n.securityAssociations.filter((sa) => roleOf(loaded, sa.peer) === 'foreign-agent')),
    requestedLifetime: s.requestLifetimeS, // OC-32
    encapsulation: s.encapsulation, // RFC 2002 §3.3 (M / G asked for only when offered)
    movementDetection: s.movementDetection, // RFC 2002 §2.4.2.1 / §2.4.2.2
    privateBinding: s.privateBinding, // P bit, optim-08 §4.6; OC-02, OC-26
    previousForeignAgentForwarding: s.previousForeignAgentForwarding, // false: the notification carries the home address (Perkins & Johnson §4.2)
    bindingWarningTargets: s.bindingWarningTargets, // BW extension on deregistration, optim-08 §6; Perkins & Johnson §4.2
    registrationKeys: { // Perkins & Johnson §9.1; regkey-00 §6
      keyPair: s.hasKeyPair ? nodeKeyPair(loaded, n.id) : null, // 114, OC-19
      diffieHellman: s.willingToDiffieHellman, // 116 with p, g, g^x; else 116 with Length 0
      dhGroup: DH_GROUPS[s.dhGroup], // OC-18
    },
    smoothHandoffCacheLifetime: s.cacheLifetimeS, // PFAN Cache Lifetime, OC-22
    handoffIdentificationAgents: optim08HandoffAgents(loaded), // the BU a new FA builds, so the MN authenticates that one (OC-09)
    flows: n.flows, // its own traffic, source = home address (RFC 2002 §1.5)
  }), true);
};

/**
 * What the administrator configured at a home agent: each listed foreign
 * agent's public key (DER, OC-19), under every address the FA may relay
 * from. The key is the FA's own (nodeKeyPair): same seed, same key.
 */
function foreignAgentPublicKeys(ids: readonly NodeId[], loaded: LoadedScenario): Record<Ipv4Address, Uint8Array> {
  return Object.fromEntries(ids.flatMap((id) => {
    const fa = loaded.nodes.find((n) => n.id === id)!;
    const der = encodeRsaPublicKeyDer(publicKeyOf(nodeKeyPair(loaded, id)));
    return fa.interfaces.map((i) => [i.address, der] as const);
  }));
}

const homeAgent: RoleFactory = (node, loaded) => {
  const n = node as NodeOf<'home-agent'>;
  const s = n.settings;
  const home = n.interfaces.find((i) => i.link === s.homeLink) ?? fail(n, `has no interface on its home link "${s.homeLink}"`);
  return setup(homeAgentBehaviour, initialHomeAgentState({
    address: s.address,
    homeInterface: home.name,
    homePrefixLength: s.homeNetwork.prefixLength,
    profile: loaded.profile,
    epochUnixMs: loaded.epochMs,
    associations: associationsByAddress(n.securityAssociations),
    maximumLifetime: s.maxLifetimeS,
    simultaneousBindings: s.simultaneousBindings, // RFC 2002 §3.8.1
    foreignAgentPublicKeys: foreignAgentPublicKeys(s.foreignAgentPublicKeys, loaded), // Perkins & Johnson §9.3 step 3
    routeOptimization: {
      enabled: s.routeOptimization,
      maintainAcknowledgedList: s.listAcknowledgingCorrespondents, // optim-08 §7.3
      rateLimitPolicy: RATE_LIMITS[s.rateLimit], // Perkins & Johnson §3.3; optim-08 §7.1; OC-20
      ...(s.masterKey === undefined ? {} : { // Perkins & Johnson §5; optim-08 App. A; OC-35
        masterKey: { key: hexToBytes(s.masterKey), spi: s.masterKeySpi ?? DEFAULT_MASTER_KEY_SPI, algorithm: loaded.profile === 'rfc3344' ? 'hmac-md5' : 'keyed-md5', replay: 'timestamp', peers: s.masterKeyPeerAddresses }, // OC-01, OC-28; only the peers handed a key (Perkins & Johnson §5)
      }),
    },
  }));
};

const foreignAgent: RoleFactory = (node, loaded) => {
  const n = node as NodeOf<'foreign-agent'>;
  const s = n.settings;
  const cell = visitorInterface(n, loaded);
  return setup(foreignAgentBehaviour, initialForeignAgentState({
    interface: cell.name,
    address: cell.address,
    profile: loaded.profile,
    associations: associationsByAddress(n.securityAssociations),
    maximumLifetime: s.registrationLifetimeS, // RFC 2002 §3.7.2: what it advertises is what it accepts
    routeOptimization: { enabled: s.routeOptimization, bindingCacheCapacity: s.bindingCacheCapacity }, // OC-33
    smoothHandoff: { enabled: s.smoothHandoff, identification: s.smoothHandoffIdentification }, // I = 0 (paper §3.3) or optim-08 §5.1
    registrationKeyPair: s.hasKeyPair ? nodeKeyPair(loaded, n.id) : null, // 115, Perkins & Johnson §9.2; regkey-00 §8.1; OC-19
    diffieHellmanValueIn: s.diffieHellmanValueIn, // OC-49: Perkins & Johnson §9.2 or optim-06 §3.4
    advertiser: {
      prefixLength: cell.prefixLength, // RFC 2002 §2.1.2: Prefix-Lengths extension, for prefix movement detection
      interval: seconds(s.advertiseIntervalS), // OC-32
      icmpLifetime: s.icmpLifetimeS, // OC-32
      registrationLifetime: s.registrationLifetimeS, // OC-32
      smoothHandoff: s.smoothHandoff, // S bit, optim-08 §5.2
      minimalEncapsulation: s.minimalEncapsulation, // M bit, RFC 2002 §2.1.1
      gre: s.greEncapsulation, // G bit, RFC 2002 §2.1.1
    },
  }));
};

// The correspondent: a host with Route Optimization (binding cache, Binding
// Updates checked, tunnels straight to the care-of address), or a legacy one
// (routeOptimization: false). Its flows arrive as host start-flow commands.
const correspondent: RoleFactory = (node, loaded) => {
  const n = node as NodeOf<'correspondent'>;
  return setup(correspondentBehaviour, initialCorrespondentState({
    address: nodeAddress(n, loaded),
    routeOptimization: n.settings.routeOptimization, // optim-08 §1: RO is optional for a correspondent
    bindingCacheCapacity: n.settings.bindingCacheCapacity, // OC-33
    profile: loaded.profile,
    epochUnixMs: loaded.epochMs,
    associations: associationsByAddress(n.securityAssociations),
    preferredEncapsulation: n.settings.encapsulation, // OC-39: used only where the Binding Update's M/G bits permit it
  }));
};

const router: RoleFactory = () => setup(routerBehaviour, initialRouterState());

const adversary: RoleFactory = (node, loaded) => {
  const n = node as NodeOf<'adversary'>;
  return setup(adversaryBehaviour, initialAdversaryState({
    profile: loaded.profile,
    epochUnixMs: loaded.epochMs,
    attacks: (n.settings.actions as readonly TimedAdversaryAction[]).map((a) => toAttack(a, loaded, n)),
  }));
};

/** The real behaviour of every role. */
export const PROTOCOL_REGISTRY: RoleRegistry = {
  'mobile-node': mobileNode,
  'home-agent': homeAgent,
  'foreign-agent': foreignAgent,
  correspondent,
  router,
  adversary,
  'mobile-node-v6': mobileNodeV6,
  'home-agent-v6': homeAgentV6,
  'access-router-v6': accessRouterV6,
  'correspondent-v6': correspondentV6,
  'adversary-v6': adversaryV6,
};

/** Scenario settings (FORMAT.md) that no node consumes yet: the run behaves as if they had their defaults. None left. */
export const UNCONSUMED_SETTINGS: Readonly<Partial<Record<Role, readonly string[]>>> = {};
