import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../engine/node/contract';
import type { AdversaryState } from '../engine/protocol/nodes/adversary/adversary';
import type { ForeignAgentState, HomeAgentState, MobileNodeState } from '../engine/protocol/nodes/index';
import { parseMipMessage } from '../engine/wire/mip/mip-message';
import { parseIpv4 } from '../engine/wire/ipv4';
import { parseUdp } from '../engine/wire/udp';
import { BUILTIN_SCENARIOS, loadBuiltin } from './builtin/index';
import { buildSimulation } from './load';
import { PROTOCOL_REGISTRY } from './registry';

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
    for (const mn of l.nodes.filter((n) => n.role === 'mobile-node')) {
      const s = sim.nodeState<MobileNodeState>(mn.id);
      expect(s.registration !== null || s.atHome, `${mn.id} registered`).toBe(true);
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

  it('the eavesdropper overhears Binding Updates and replays the latest one unchanged (or says it has none)', () => {
    const l = loadBuiltin('replayed-binding-update');
    const sim = buildSimulation(l, PROTOCOL_REGISTRY);
    sim.runUntil(20_500_000);
    const s = sim.nodeState<AdversaryState>('Mallory');
    if (s.overheard.bindingUpdates === 0) {
      // No home agent Binding Updates on the correspondent's LAN (Route Optimization off): nothing to replay.
      expect(s).toMatchObject({ attempted: 0, abandoned: 1 });
      expect(of(sim.trace, 'Mallory', 'decision')[0]!.reason).toMatch(/no Binding Update has been overheard/);
      return;
    }
    const replayed = of(sim.trace, 'Mallory', 'sent');
    expect(replayed).toHaveLength(1);
    expect(replayed[0]!.time).toBe(20_000_000);
    const d = udpPayload(replayed[0]!.bytes!);
    expect(d.payload).toEqual(s.lastBindingUpdate!.payload);
    expect(d.source).toBe(s.lastBindingUpdate!.source);
    expect(s.lastBindingUpdate!.at).toBeLessThan(20_000_000);
  });
});
