import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../engine/node/contract';
import type { AdversaryState } from '../engine/protocol/nodes/adversary/adversary';
import type { ForeignAgentState, HomeAgentState, MobileNodeState } from '../engine/protocol/nodes/index';
import { parseMipMessage } from '../engine/wire/mip/mip-message';
import { privateBindingRequested } from '../engine/wire/mip/registration-request';
import { parseIpv4 } from '../engine/wire/ipv4';
import { parseUdp } from '../engine/wire/udp';
import { BUILTIN_SCENARIOS, loadBuiltin, parseBuiltin } from './builtin/index';
import { buildSimulation } from './load';
import { PROTOCOL_REGISTRY, UNCONSUMED_SETTINGS, nodeKeyPair } from './registry';
import type { Scenario } from './schema';
import { toLoadedScenario } from './to-topology';
import { MIPV6_07_RATE, OC20_BACKOFF } from '../engine/protocol/tables/rate-limiter';
import type { CorrespondentNodeState } from '../engine/protocol/nodes/cn/correspondent';
import type { MobileNodeV6State } from '../engine/protocol/ipv6/mn/mobile-node-v6-state';

function udpPayload(bytes: Uint8Array): { source: string; destination: string; payload: Uint8Array } {
  const ip = parseIpv4(bytes);
  if (!ip.ok) throw new Error('not IPv4');
  const u = parseUdp(ip.value.payload, 0, ip.value.payload.length, ip.value);
  if (!u.ok) throw new Error('not UDP');
  return { source: ip.value.source, destination: ip.value.destination, payload: u.value.payload };
}

const of = (trace: readonly TraceEvent[], node: string, kind: TraceEvent['kind']) => trace.filter((e) => e.node === node && e.kind === kind);

describe('PROTOCOL_REGISTRY', () => {
  it.each(BUILTIN_SCENARIOS.map((s) => s.id))('%s builds with the real behaviours and its mobile nodes register', (id) => {
    const l = loadBuiltin(id);
    const sim = buildSimulation(l, PROTOCOL_REGISTRY);
    sim.runUntil(6_000_000);
    const mobiles = l.nodes.filter((n) => n.role === 'mobile-node');
    const mobiles6 = l.nodes.filter((n) => n.role === 'mobile-node-v6');
    expect(mobiles.length + mobiles6.length).toBeGreaterThanOrEqual(1); // every lesson has a mobile node (lru-eviction has three)
    for (const mn of mobiles) {
      const s = sim.nodeState<MobileNodeState>(mn.id);
      expect(s.registration !== null || s.atHome, `${mn.id} registered`).toBe(true);
    }
    for (const mn of mobiles6) {
      const s = sim.nodeState<MobileNodeV6State>(mn.id);
      expect(s.home.phase === 'registered' || s.atHome, `${mn.id} registered with its home agent (RFC 6275 §11.7.1)`).toBe(true);
    }
  });

  it('maps the settings each node consumes', () => {
    const l = loadBuiltin('route-optimization');
    const sim = buildSimulation(l, PROTOCOL_REGISTRY);
    const mn = sim.nodeState<MobileNodeState>('MN').config;
    expect(mn).toMatchObject({ homeAddress: '10.1.0.10', homeAgent: '10.1.0.1', interface: 'wlan0', profile: 'ro98', epochUnixMs: l.epochMs, requestedLifetime: 300, encapsulation: 'ip-in-ip', movementDetection: 'lifetime' });
    expect(mn.homeAgentAssociation).toMatchObject({ spi: 1000, peer: '10.1.0.1', algorithm: 'keyed-md5', replay: 'timestamp' });
    const ha = sim.nodeState<HomeAgentState>('HA').config;
    expect(ha).toMatchObject({ address: '10.1.0.1', homePrefixLength: 24, maximumLifetime: 300, simultaneousBindings: false, routeOptimization: { enabled: true } });
    const fa = sim.nodeState<ForeignAgentState>('FA1').config;
    expect(fa).toMatchObject({ interface: 'wlan0', maximumLifetime: 300, smoothHandoff: { enabled: true } });
    expect(fa.advertiser).toMatchObject({ interval: 1_000_000, icmpLifetime: 3, registrationLifetime: 300, prefixLength: 24, smoothHandoff: true, minimalEncapsulation: false, gre: false, foreignAgent: true });
  });

  it('the forger sends a Binding Update it made up, as the home agent, at the scripted time', () => {
    const l = loadBuiltin('forged-binding-update');
    const sim = buildSimulation(l, PROTOCOL_REGISTRY);
    sim.runUntil(10_500_000);
    const sent = of(sim.trace, 'Mallory', 'sent');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.time).toBe(10_000_000);
    const d = udpPayload(sent[0]!.bytes!);
    expect(d).toMatchObject({ source: '10.1.0.1', destination: '198.51.100.5' });
    const m = parseMipMessage(d.payload);
    expect(m.ok && m.value).toMatchObject({ kind: 'binding-update', homeAddress: '10.1.0.10', careOfAddress: '198.51.100.66', extensions: [{ kind: 'ro-auth', spi: 1001 }] });
    expect(of(sim.trace, 'Mallory', 'decision')[0]!.reason).toMatch(/forged: authenticator recomputed with a guessed key, source spoofed as 10\.1\.0\.1/);
    expect(sim.nodeState<AdversaryState>('Mallory')).toMatchObject({ attempted: 1, abandoned: 0 });
  });

  it('the eavesdropper replays the first (older) Binding Update it overheard; the correspondent refuses it (133) and stays on FA2', () => {
    const l = loadBuiltin('replayed-binding-update');
    const sim = buildSimulation(l, PROTOCOL_REGISTRY);
    sim.runUntil(20_500_000);
    const s = sim.nodeState<AdversaryState>('Mallory');
    const first = s.firstBindingUpdates['10.1.0.10']!;
    expect(s.overheard.bindingUpdates).toBeGreaterThan(1);
    expect(first.at).toBeLessThan(s.lastBindingUpdate!.at);
    const replayed = of(sim.trace, 'Mallory', 'sent');
    expect(replayed).toHaveLength(1);
    expect(replayed[0]!.time).toBe(20_000_000);
    const d = udpPayload(replayed[0]!.bytes!);
    expect(d.payload).toEqual(first.payload);
    expect(d.source).toBe(first.source);
    const m = parseMipMessage(d.payload);
    expect(m.ok && m.value).toMatchObject({ kind: 'binding-update', homeAddress: '10.1.0.10', careOfAddress: '192.168.2.1' }); // the old binding, at FA1
    const refused = sim.trace.filter((e) => e.node === 'CN' && e.kind === 'dropped' && e.time > 20_000_000 && /Binding Update/.test(e.summary));
    expect(refused).toHaveLength(1);
    expect(refused[0]!.reason).toMatch(/^Status 133/);
    expect(sim.nodeState<CorrespondentNodeState>('CN').ro.cache.entries['10.1.0.10']!.careOfAddress).toBe('192.168.3.1');
  });

  it('with which = latest (the default) the eavesdropper replays the most recent Binding Update', () => {
    const data = structuredClone(parseBuiltin('replayed-binding-update')) as Scenario;
    const mallory = data.nodes.find((n) => n.id === 'Mallory')!;
    if (mallory.role !== 'adversary') throw new Error('Mallory is the adversary');
    mallory.settings.actions = [{ atS: 20, kind: 'replay-binding-update', to: 'CN', which: 'latest' }];
    const sim = buildSimulation(toLoadedScenario(data), PROTOCOL_REGISTRY);
    sim.runUntil(20_500_000);
    const s = sim.nodeState<AdversaryState>('Mallory');
    expect(udpPayload(of(sim.trace, 'Mallory', 'sent')[0]!.bytes!).payload).toEqual(s.lastBindingUpdate!.payload);
  });
});

describe('settings the nodes consume', () => {
  it('no scenario setting is left unconsumed', () => {
    expect(UNCONSUMED_SETTINGS).toEqual({});
  });

  it('maps mobile node, foreign agent and home agent settings into their configurations', () => {
    const data = structuredClone(parseBuiltin('route-optimization')) as Scenario;
    for (const n of data.nodes) {
      if (n.role === 'mobile-node') Object.assign(n.settings, { privateBinding: true, hasKeyPair: true, willingToDiffieHellman: false, dhGroup: 1, cacheLifetimeS: 7 });
      if (n.role === 'foreign-agent' && n.id === 'FA1') Object.assign(n.settings, { hasKeyPair: true, bindingCacheCapacity: 3, routeOptimization: false });
      if (n.role === 'home-agent') Object.assign(n.settings, { masterKey: '000102030405060708090a0b0c0d0e0f', masterKeySpi: 4242, rateLimit: 'mipv6-07' });
    }
    const l = toLoadedScenario(data);
    const sim = buildSimulation(l, PROTOCOL_REGISTRY);
    const mn = sim.nodeState<MobileNodeState>('MN').config;
    expect(mn).toMatchObject({ privateBinding: true, smoothHandoffCacheLifetime: 7, registrationKeys: { diffieHellman: false, dhGroup: 'modp-768' } });
    expect(mn.registrationKeys.keyPair!.n.toString(2)).toHaveLength(1024); // OC-19
    const fa = sim.nodeState<ForeignAgentState>('FA1');
    expect(fa.config.registrationKeyPair!.n.toString(2)).toHaveLength(1024);
    expect(fa.config.registrationKeyPair!.n).not.toBe(mn.registrationKeys.keyPair!.n); // one stream per node
    expect(fa.bindingCache.capacity).toBe(3);
    expect(fa.config.routeOptimization).toMatchObject({ enabled: false, bindingCacheCapacity: 3 });
    expect(sim.nodeState<ForeignAgentState>('FA2').config.registrationKeyPair).toBeNull();
    const ha = sim.nodeState<HomeAgentState>('HA');
    expect(ha.routeOptimization.limiter.policy).toEqual(MIPV6_07_RATE);
    expect(ha.associations.masterKey).toMatchObject({ spi: 4242, algorithm: 'keyed-md5', replay: 'timestamp' });
    expect([...ha.associations.masterKey!.key]).toEqual([...Array(16).keys()]);
  });

  it('defaults: no key pairs, Diffie-Hellman over group 2, OC-20 backoff, no master key, OC-22 cache lifetime', () => {
    const sim = buildSimulation(loadBuiltin('route-optimization'), PROTOCOL_REGISTRY);
    expect(sim.nodeState<MobileNodeState>('MN').config).toMatchObject({ privateBinding: false, smoothHandoffCacheLifetime: 10, registrationKeys: { keyPair: null, diffieHellman: true, dhGroup: 'modp-1024' } });
    expect(sim.nodeState<ForeignAgentState>('FA1').config.registrationKeyPair).toBeNull();
    expect(sim.nodeState<HomeAgentState>('HA').routeOptimization.limiter.policy).toEqual(OC20_BACKOFF);
    expect(sim.nodeState<HomeAgentState>('HA').associations.masterKey).toBeNull();
  });

  it('key pairs come from the run seed and the node id: same seed, same key; another seed, another key', () => {
    const l = loadBuiltin('key-mobile-node-public-key');
    const n = (seed?: number) => sim(seed).nodeState<MobileNodeState>('MN').config.registrationKeys.keyPair!.n;
    const sim = (seed?: number) => buildSimulation(l, PROTOCOL_REGISTRY, seed);
    expect(n()).toBe(n(l.seed));
    expect(n(l.seed + 1)).not.toBe(n());
    expect(nodeKeyPair(l, 'MN').n).toBe(n());
  });

  it('the private-binding built-in sets P in the Registration Request', () => {
    const sim = buildSimulation(loadBuiltin('private-binding'), PROTOCOL_REGISTRY);
    sim.runUntil(4_000_000);
    const requests = sim.trace.filter((e) => e.node === 'MN' && e.kind === 'sent' && e.bytes !== undefined).map((e) => parseMipMessage(udpPayload(e.bytes!).payload)).filter((m) => m.ok && m.value.kind === 'registration-request');
    expect(requests.length).toBeGreaterThan(0);
    for (const m of requests) expect(m.ok && m.value.kind === 'registration-request' && privateBindingRequested(m.value.flags, 'ro98')).toBe(true); // OC-02
  });

  it.each([
    ['key-existing-msa', 1],
    ['key-home-agent-kdc', 2],
    ['key-foreign-agent-public-key', 3],
    ['key-mobile-node-public-key', 4],
    ['key-diffie-hellman', 5],
  ] as const)('%s establishes the registration key with FA1 by method %i', (id, method) => {
    const sim = buildSimulation(loadBuiltin(id), PROTOCOL_REGISTRY);
    sim.runUntil(6_000_000);
    const keys = sim.trace.filter((e) => e.node === 'MN' && e.kind === 'key-established');
    expect(keys.map((e) => e.summary)).toEqual([expect.stringMatching(new RegExp(`^registration key with 192\\.168\\.2\\.1: SPI \\d+, method ${method} `))]);
  });

  it('the triangle-routing built-in delivers the mobile node\'s flow to the correspondent, untunnelled, from the home address', () => {
    const sim = buildSimulation(loadBuiltin('triangle-routing'), PROTOCOL_REGISTRY);
    sim.runUntil(30_000_000);
    const got = sim.nodeState<CorrespondentNodeState>('CN').host.deliveries.filter((d) => d.flow === 'mn-to-cn');
    expect(got).toHaveLength(52); // 2.25 s … 28 s every 500 ms
    expect(new Set(got.map((d) => d.source))).toEqual(new Set(['10.1.0.10']));
    expect(got.map((d) => d.sequence)).toEqual([...Array(52).keys()]);
  });
});
