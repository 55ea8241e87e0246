// The scenario file format, route-optimization-lab/scenario@1 (FORMAT.md).
//
// A scenario is data: topology, positions, security associations, settings,
// traffic flows and scripted moves. This file is the *shape* of that data
// (zod, so every problem comes with a path); semantics.ts checks what a shape
// cannot (references between parts, prefixes, times in order).
//
// Units are in the field names, so a reader never guesses: `delayMs`,
// `startS`, `intervalMs`, `atS`, `durationS`, `requestLifetimeS`. Every
// object is strict: an unknown field (a typo such as "delyMs") is an error,
// not silently ignored. Defaults are filled in here and listed in FORMAT.md
// with the spec item they come from.

import { z } from 'zod';
import { DEFAULT_ADVERSARY_EXPONENT_HEX } from '../engine/network/dh-value-rewrite';
import { FAULT_MESSAGES } from '../engine/network/faults';
import { isIpv4Address } from '../engine/wire/address';
import { isIpv6Address } from '../engine/wire/ipv6/ipv6-address';
import { adversaryActionSchema, adversaryV6ActionSchema } from './adversary-action-schema';
import { ipv6CidrProblem } from './ipv6-text';
import { LIMITS } from './limits';
import { id, ipv4, ipv6, seconds } from './schema-parts';

export const SCENARIO_FORMAT = 'route-optimization-lab/scenario@1';

/** 1998-01-01T00:00:00Z: the year of the paper; NTP timestamps count from here. */
export const DEFAULT_EPOCH_MS = 883_612_800_000;

// The roles live apart from the schema, so a node's worker can read them without zod (roles.ts).
export { IPV6_ROLES, ROLES, isIpv6Role, type Role, type Ipv6Role } from './roles';
// An adversary's actions have a schema of their own, which a running lab checks commands with (adversary-action-schema.ts).
export { adversaryActionSchema, adversaryV6ActionSchema };

// ---- small building blocks -------------------------------------------------

/** An interface's IPv6 address with its prefix length, "2001:db8:1::1/64" (RFC 4291 §2.3). */
const ipv6Cidr = z.string().max(LIMITS.maxIdLength).superRefine((text, ctx) => {
  const problem = ipv6CidrProblem(text);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
});
const label = z.string().max(LIMITS.maxLabelLength);
const positive = z.number().positive();
/** 16 octets as 32 hex digits (OC-12: every key in the lab is 16 octets). */
const key16 = z.string().regex(/^[0-9a-fA-F]{32}$/, { message: 'is not a 16-octet key written as 32 hex digits' });
const coordinate = z.number().min(-LIMITS.maxCoordinate).max(LIMITS.maxCoordinate);
const position = z.strictObject({ x: coordinate, y: coordinate });
/** At least 1 µs once rounded to whole µs (the worker fabric's lookahead, docs/architecture.md "Runtime"). */
const delayMs = z.number().min(0.001).max(LIMITS.maxDelayMs);
const nodeIds = z.array(id).max(LIMITS.listedPerSetting);
const port = z.number().int().min(1).max(65535);

// ---- links -------------------------------------------------------------------

const linkCommon = {
  id,
  /** Propagation delay in milliseconds (converted to whole µs, at least 1 µs). */
  delayMs,
  /** Probability in [0, 1] that a frame is lost. */
  loss: z.number().min(0).max(1).default(0),
  /** Bits per second; absent = no serialization delay. */
  bandwidthBps: z.number().min(LIMITS.minBandwidthBps).max(LIMITS.maxBandwidthBps).optional(),
  label: label.optional(),
};

export const linkSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...linkCommon, kind: z.literal('point-to-point') }),
  z.strictObject({ ...linkCommon, kind: z.literal('segment') }),
  z.strictObject({ ...linkCommon, kind: z.literal('radio'), centre: position, radius: positive.max(LIMITS.maxCoordinate) }),
]);

// ---- nodes -------------------------------------------------------------------

const interfaceSchema = z.strictObject({
  name: id,
  address: ipv4,
  prefixLength: z.number().int().min(0).max(32),
  link: id.optional(),
  radio: z.boolean().optional(),
  linkAddress: z.string().max(LIMITS.maxIdLength).optional(),
  promiscuous: z.boolean().optional(),
  /** Dual-stack: the interface's global IPv6 address and prefix length, e.g. "2001:db8:1::1/64" (docs/ipv6.md §2, OC-50). */
  ipv6: ipv6Cidr.optional(),
});

const nodeCommon = {
  id,
  label: label.optional(),
  /** Canvas position (about 1000 × 600); required for nodes with a radio interface. */
  position: position.optional(),
  interfaces: z.array(interfaceSchema).min(1).max(LIMITS.interfacesPerNode),
  /** Whether routes may pass through the node; default by role (agents and routers forward). */
  forwards: z.boolean().optional(),
};

export const mobileNodeSettings = z.strictObject({
  /** Default: the address of the node's first radio interface. */
  homeAddress: ipv4.optional(),
  /** Node id of the home agent. */
  homeAgent: id,
  /** Link id of the home link (the home agent serves it). */
  homeLink: id,
  movementDetection: z.enum(['lifetime', 'prefix']).default('lifetime'), // RFC 2002 §2.4.2.1 / §2.4.2.2
  privateBinding: z.boolean().default(false), // P bit, optim-08 §4.6, OC-02, OC-26
  requestLifetimeS: z.number().int().min(1).max(65535).default(300), // OC-32
  hasKeyPair: z.boolean().default(false), // regkey-00 §6: 114
  willingToDiffieHellman: z.boolean().default(true), // regkey-00 §6: 116
  dhGroup: z.union([z.literal(1), z.literal(2)]).default(2), // OC-18
  cacheLifetimeS: z.number().int().min(0).max(65535).default(10), // OC-22
  encapsulation: z.enum(['ip-in-ip', 'minimal', 'gre']).default('ip-in-ip'), // M/G bits, RFC 2002 §3.3
  /** Correspondents named in a Binding Warning extension of the deregistration from home (optim-08 §6; Perkins & Johnson §4.2). */
  bindingWarningTargets: z.array(ipv4).max(LIMITS.listedPerSetting).default([]),
  /**
   * false: the Previous Foreign Agent Notification carries the home address as the new
   * care-of address — the previous FA forgets the mobile node entirely instead of
   * forwarding to it (Perkins & Johnson §4.2).
   */
  previousForeignAgentForwarding: z.boolean().default(true),
});

export const homeAgentSettings = z.strictObject({
  homeLink: id,
  routeOptimization: z.boolean().default(true),
  masterKey: key16.optional(), // optim-08 App. A
  /** SPI of the MSAs the master key yields; default 256, the first unreserved SPI (lab choice, registry.ts). */
  masterKeySpi: z.number().int().min(256).max(0xffffffff).optional(),
  /**
   * The nodes whose administrators were handed their derived key (Perkins & Johnson §5):
   * the master key stands for these associations only. Each listed node holds
   * MD5(addr ‖ master ‖ addr) as an ordinary MSA with this HA; the HA stores none.
   */
  masterKeyPeers: nodeIds.default([]),
  rateLimit: z.enum(['exponential', 'mipv6-07']).default('exponential'), // OC-20
  simultaneousBindings: z.boolean().default(false), // RFC 2002 §3.8.1 (S bit support, a MAY)
  maxLifetimeS: z.number().int().min(1).max(65535).default(300), // OC-32
  /** Keep the optional list of correspondents that acknowledge: BUs with A = 1, and a fresh BU to each on every new registration (optim-08 §7.3). */
  listAcknowledgingCorrespondents: z.boolean().default(false),
  /** Foreign agents whose public keys the administrator configured here: the HA can send them a registration key (Perkins & Johnson §9.3 step 3). */
  foreignAgentPublicKeys: nodeIds.default([]),
});

export const foreignAgentSettings = z.strictObject({
  advertiseIntervalS: z.number().min(LIMITS.minAdvertiseIntervalS).max(LIMITS.maxAdvertiseIntervalS).default(1), // OC-32
  icmpLifetimeS: z.number().int().min(1).max(65535).default(3), // OC-32
  registrationLifetimeS: z.number().int().min(1).max(65535).default(300), // OC-32
  smoothHandoff: z.boolean().default(true), // S bit, optim-08 §5.2
  minimalEncapsulation: z.boolean().default(false), // M bit, RFC 2002 §2.1.1
  greEncapsulation: z.boolean().default(false), // G bit, RFC 2002 §2.1.1
  hasKeyPair: z.boolean().default(false), // regkey-00 §8.1: 115
  routeOptimization: z.boolean().default(true),
  bindingCacheCapacity: z.number().int().min(1).default(64), // OC-33
  /** The smooth-handoff Binding Update it builds as the new FA: no Identification (paper §3.3) or the Request's (optim-08 §5.1); OC-06, OC-09. */
  smoothHandoffIdentification: z.enum(['paper', 'optim-08']).default('paper'),
  /** Where its Diffie-Hellman value g^y (124) goes: through the home agent's authenticated Reply (Perkins & Johnson §9.2) or its own relayed Reply (optim-06 §3.4); OC-49. */
  diffieHellmanValueIn: z.enum(['home-agent-reply', 'own-reply']).default('home-agent-reply'),
});

export const correspondentSettings = z.strictObject({
  /** false = a legacy correspondent with no binding cache (optim-08 §1: RO is optional for it). */
  routeOptimization: z.boolean().default(true),
  bindingCacheCapacity: z.number().int().min(1).default(64), // OC-33
  /** Tunnel to the care-of address with this encapsulation when the Binding Update's M/G bits permit it; IP in IP otherwise (OC-39). */
  encapsulation: z.enum(['ip-in-ip', 'minimal', 'gre']).default('ip-in-ip'),
});

export const adversarySettings = z.strictObject({
  actions: z.array(adversaryActionSchema).max(LIMITS.adversaryActions).default([]),
});

// ---- the IPv6 roles (Perkins & Johnson §10; docs/ipv6.md §2–§3) ------------

/** A Binding Update's Lifetime counts 4-second units in 16 bits (RFC 6275 §6.1.7): at most 262140 s. */
const lifetime4 = z.number().int().min(4).max(262_140);
/** RFC 6275 §7.5 lets a mobility router advertise as often as every 30 ms; RFC 4861 §6.2.1 at most every 1800 s. */
const raIntervalS = z.number().min(0.03).max(LIMITS.maxAdvertiseIntervalS);

export const mobileNodeV6Settings = z.strictObject({
  /** Node id of the home agent (a home-agent-v6). */
  homeAgent: id,
  /** Link id of the home link. */
  homeLink: id,
  /** Default: the IPv6 address of its radio interface. */
  homeAddress: ipv6.optional(),
  /** How its Binding Updates to correspondents are authenticated: AH under a configured association (the paper's model) or return routability (RFC 6275 §5.2); OC-52. */
  correspondentAuthentication: z.enum(['ipsec', 'return-routability']).default('ipsec'),
  /** Sends Binding Updates to correspondents (Perkins & Johnson §10; mipv6-07 §4.4); OC-55. */
  routeOptimization: z.boolean().default(true),
  /** After a move, asks its previous router to forward from the previous care-of address (mipv6-07 §10.8; OC-57). */
  smoothHandoff: z.boolean().default(true),
  requestLifetimeS: lifetime4.default(300), // docs/ipv6.md §3
  correspondentLifetimeS: lifetime4.default(40), // OC-55; at most 420 s under return routability (RFC 6275 §12)
  smoothHandoffLifetimeS: lifetime4.default(20), // OC-57
});

export const homeAgentV6Settings = z.strictObject({
  homeLink: id,
  maxLifetimeS: lifetime4.default(300),
  advertiseIntervalS: raIntervalS.default(1), // OC-58
});

export const accessRouterV6Settings = z.strictObject({
  advertiseIntervalS: raIntervalS.default(1), // OC-58
  /** Router Lifetime of its advertisements; default 3 × advertiseIntervalS, rounded up (RFC 4861 §6.2.1: ≤ 9000 s). */
  routerLifetimeS: z.number().int().min(1).max(9000).optional(),
  /** Valid and Preferred Lifetime of the advertised prefix (RFC 4861 §4.6.2). */
  prefixLifetimeS: z.number().int().min(1).max(0xffffffff).default(86_400),
  /** Acts as home agent for a previous care-of address (Perkins & Johnson §10; mipv6-07 §10.8; OC-57). */
  smoothHandoff: z.boolean().default(true),
});

export const correspondentV6Settings = z.strictObject({
  /** false: does not process the Mobility Header and answers ICMPv6 Parameter Problem (RFC 6275 §9.2). */
  routeOptimization: z.boolean().default(true),
  bindingCacheCapacity: z.number().int().min(1).default(64), // OC-33
  /** Answers HoTI/CoTI and accepts Binding Updates authorized by return routability (RFC 6275 §5.2; OC-56). */
  returnRoutability: z.boolean().default(true),
});

export const adversaryV6Settings = z.strictObject({
  actions: z.array(adversaryV6ActionSchema).max(LIMITS.adversaryActions).default([]),
});

const emptySettings = z.strictObject({});

export const nodeSchema = z.discriminatedUnion('role', [
  z.strictObject({ ...nodeCommon, role: z.literal('mobile-node'), settings: mobileNodeSettings }),
  z.strictObject({ ...nodeCommon, role: z.literal('home-agent'), settings: homeAgentSettings }),
  z.strictObject({ ...nodeCommon, role: z.literal('foreign-agent'), settings: foreignAgentSettings.default(foreignAgentSettings.parse({})) }),
  z.strictObject({ ...nodeCommon, role: z.literal('correspondent'), settings: correspondentSettings.default(correspondentSettings.parse({})) }),
  z.strictObject({ ...nodeCommon, role: z.literal('router'), settings: emptySettings.default({}) }),
  z.strictObject({ ...nodeCommon, role: z.literal('adversary'), settings: adversarySettings.default(adversarySettings.parse({})) }),
  z.strictObject({ ...nodeCommon, role: z.literal('mobile-node-v6'), settings: mobileNodeV6Settings }),
  z.strictObject({ ...nodeCommon, role: z.literal('home-agent-v6'), settings: homeAgentV6Settings }),
  z.strictObject({ ...nodeCommon, role: z.literal('access-router-v6'), settings: accessRouterV6Settings.default(accessRouterV6Settings.parse({})) }),
  z.strictObject({ ...nodeCommon, role: z.literal('correspondent-v6'), settings: correspondentV6Settings.default(correspondentV6Settings.parse({})) }),
  z.strictObject({ ...nodeCommon, role: z.literal('adversary-v6'), settings: adversaryV6Settings.default(adversaryV6Settings.parse({})) }),
]);

// ---- security associations, flows, moves -------------------------------------

export const securityAssociationSchema = z.strictObject({
  between: z.tuple([id, id]),
  /** 0..255 are reserved (RFC 2002 §1.6, optim-08 §2). */
  spi: z.number().int().min(256).max(0xffffffff),
  key: key16,
  /** Default: keyed-md5 in the ro98 profile, hmac-md5 in rfc3344 (OC-01, D12). */
  algorithm: z.enum(['keyed-md5', 'hmac-md5']).optional(),
  replay: z.enum(['timestamp', 'nonce']).default('timestamp'), // OC-28
});

export const flowSchema = z.strictObject({
  id,
  /** Node id of the sender (a mobile node or a correspondent). */
  from: id,
  /** Destination address: IPv4 from an IPv4 node, IPv6 from an IPv6-role node (for a mobile node: its home address). */
  to: z.string().refine((a) => isIpv4Address(a) || isIpv6Address(a), { message: 'is not an IPv4 address (e.g. "10.1.0.10") or an IPv6 address (e.g. "2001:db8:1::10")' }),
  startS: seconds,
  intervalMs: z.number().min(LIMITS.minFlowIntervalMs).max(LIMITS.maxFlowIntervalMs),
  /** Exactly one of count and untilS. */
  count: z.number().int().min(1).max(LIMITS.maxFlowCount).optional(),
  untilS: seconds.optional(),
  payloadOctets: z.number().int().min(0).max(1400).default(64),
  sourcePort: port.default(5000),
  destinationPort: port.default(7),
});

export const moveSchema = z.union([
  z.strictObject({ atS: seconds, node: id, to: position }),
  /** To the centre of the radio cell served by that node (an access point or agent). */
  z.strictObject({ atS: seconds, node: id, toCellOf: id }),
]);

/**
 * Faults the run injects (FORMAT.md "faults"). A message fault acts on the
 * next matching message each sender puts on the link from `atS` on (or only
 * `from`'s); a reboot makes a foreign agent forget what it learned.
 */
const faultMessage = z.enum(FAULT_MESSAGES);
const messageFaultCommon = { atS: seconds.default(0), link: id, message: faultMessage, from: id.optional() };
export const faultSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...messageFaultCommon, kind: z.literal('drop-next') }),
  z.strictObject({ ...messageFaultCommon, kind: z.literal('delay-next'), byMs: delayMs }),
  // OC-49: on-path rewrite of the next Registration Reply's 124 (Perkins & Johnson §9.2); m below every group's p − 2 (190 hex digits < 760 bits).
  z.strictObject({
    atS: seconds.default(0), link: id, from: id.optional(), kind: z.literal('replace-dh-value-next'), adversary: label.min(1).default('Mallory'),
    exponentHex: z.string().regex(/^[0-9a-fA-F]{1,190}$/, { message: 'is not the adversary\'s exponent m written as 1–190 hex digits' }).default(DEFAULT_ADVERSARY_EXPONENT_HEX),
  }),
  z.strictObject({ atS: seconds, kind: z.literal('reboot'), node: id }),
]);

export const scenarioSchema = z.strictObject({
  /** Where an editor finds this format's JSON Schema (public/schemas/); ignored by the lab. */
  $schema: z.string().optional(),
  format: z.literal(SCENARIO_FORMAT),
  title: z.string().min(1).max(LIMITS.maxTitleLength),
  /** What the learner will see, with the paper/spec sections. */
  description: z.string().min(1).max(LIMITS.maxDescriptionLength),
  seed: z.number().int().min(0).max(0xffffffff).default(1),
  durationS: z.number().min(LIMITS.minDurationS).max(LIMITS.maxDurationS),
  profile: z.enum(['ro98', 'rfc3344']).default('ro98'), // OC-01
  epochMs: z.number().int().min(0).max(LIMITS.maxEpochMs).default(DEFAULT_EPOCH_MS),
  links: z.array(linkSchema).max(LIMITS.links),
  nodes: z.array(nodeSchema).min(1).max(LIMITS.nodes),
  securityAssociations: z.array(securityAssociationSchema).max(LIMITS.securityAssociations).default([]),
  flows: z.array(flowSchema).max(LIMITS.flows).default([]),
  moves: z.array(moveSchema).max(LIMITS.moves).default([]),
  faults: z.array(faultSchema).max(LIMITS.faults).default([]),
});

/** A scenario after validation, with every default filled in. */
export type Scenario = z.output<typeof scenarioSchema>;
/** What a file may contain (defaults may be left out). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ScenarioNode = Scenario['nodes'][number];
export type ScenarioLink = Scenario['links'][number];
export type SecurityAssociationSpec = Scenario['securityAssociations'][number];
export type FlowSpec = Scenario['flows'][number];
export type MoveSpec = Scenario['moves'][number];
export type FaultSpec = Scenario['faults'][number];
export type MobileNodeSettings = z.output<typeof mobileNodeSettings>;
export type HomeAgentSettings = z.output<typeof homeAgentSettings>;
export type ForeignAgentSettings = z.output<typeof foreignAgentSettings>;
export type CorrespondentSettings = z.output<typeof correspondentSettings>;
export type AdversarySettings = z.output<typeof adversarySettings>;
export type AdversaryAction = z.output<typeof adversaryActionSchema>;
export type MobileNodeV6Settings = z.output<typeof mobileNodeV6Settings>;
export type HomeAgentV6Settings = z.output<typeof homeAgentV6Settings>;
export type AccessRouterV6Settings = z.output<typeof accessRouterV6Settings>;
export type CorrespondentV6Settings = z.output<typeof correspondentV6Settings>;
export type AdversaryV6Settings = z.output<typeof adversaryV6Settings>;
export type AdversaryV6Action = z.output<typeof adversaryV6ActionSchema>;
