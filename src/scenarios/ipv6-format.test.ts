import { describe, expect, it } from 'vitest';
import { computeMembership } from '../engine/network/radio';
import { computeForwardingTables } from '../engine/network/routing';
import { indexTopology, type Topology } from '../engine/network/topology';
import { describeRoute6 } from '../engine/node/route-table6';
import { builtinScenario } from './builtin/index';
import type { Scenario } from './schema';
import { ipv6Scenario } from './test-support/ipv6-scenario';
import { toLoadedScenario } from './to-topology';
import { parseScenario } from './validate';
import { scenarioWork } from './work';

function accepted(json: unknown): Scenario {
  const r = parseScenario(json);
  if (!r.ok) throw new Error(`expected the scenario to be accepted:\n${r.errors.join('\n')}`);
  return r.scenario;
}

function errorsOf(json: unknown): readonly string[] {
  const r = parseScenario(json);
  if (r.ok) throw new Error('expected the scenario to be refused');
  return r.errors;
}

function tablesOf(topology: Topology) {
  const index = indexTopology(topology);
  return computeForwardingTables(index, computeMembership(index, topology.nodes.map((n) => n.position)));
}

describe('the IPv6 roles in a scenario file', () => {
  it('are accepted with every default filled in', () => {
    const s = accepted(ipv6Scenario());
    const mn = s.nodes[4]!;
    expect(mn.role === 'mobile-node-v6' && mn.settings).toEqual({
      homeAgent: 'HA', homeLink: 'home', correspondentAuthentication: 'ipsec', routeOptimization: true, smoothHandoff: true,
      requestLifetimeS: 300, correspondentLifetimeS: 40, smoothHandoffLifetimeS: 20,
    });
    const ar = s.nodes[2]!;
    expect(ar.role === 'access-router-v6' && ar.settings).toEqual({ advertiseIntervalS: 1, prefixLifetimeS: 86_400, smoothHandoff: true });
    const cn = s.nodes[3]!;
    expect(cn.role === 'correspondent-v6' && cn.settings).toEqual({ routeOptimization: true, bindingCacheCapacity: 64, returnRoutability: true });
    const ha = s.nodes[0]!;
    expect(ha.role === 'home-agent-v6' && ha.settings).toEqual({ homeLink: 'home', maxLifetimeS: 300, advertiseIntervalS: 1 });
    const eve = s.nodes[5]!;
    expect(eve.role === 'adversary-v6' && eve.settings.actions[0]).toEqual({ atS: 5, to: 'CN', kind: 'forge-binding-update', homeAddress: '2001:db8:1::10', careOfAddress: '2001:db8:100::66', lifetimeS: 40, spi: 256, authorization: 'ah' });
  });

  it('load with canonical IPv6 interfaces, resolved addresses and prefixes, HMAC associations and IPv6 flows', () => {
    const loaded = toLoadedScenario(accepted(ipv6Scenario()));
    const [ha, , ar, , mn, eve] = loaded.nodes;
    expect(ha!.interfaces[1]!.ipv6).toEqual({ address: '2001:db8:1::1', prefixLength: 64 }); // written "2001:DB8:1:0::1/64"
    expect(mn!.role === 'mobile-node-v6' && mn!.settings).toMatchObject({ homeAddress: '2001:db8:1::10', homeAgentAddress: '2001:db8:1::1', homePrefix: { network: '2001:db8:1::', prefixLength: 64 } });
    expect(ha!.role === 'home-agent-v6' && ha!.settings).toMatchObject({ address: '2001:db8:1::1', homePrefix: { network: '2001:db8:1::', prefixLength: 64 }, mobileNodes: [{ id: 'MN', homeAddress: '2001:db8:1::10' }] });
    expect(ar!.role === 'access-router-v6' && ar!.settings).toMatchObject({ routerLifetimeS: 3, cellLink: 'cell1', address: '2001:db8:2::1', cellPrefix: { network: '2001:db8:2::', prefixLength: 64 } });
    expect(loaded.topology.nodes.map((n) => n.forwards)).toEqual([true, true, true, false, false, false]); // HA, R, AR1 forward; CN, MN, Eve do not
    // ro98's default is keyed MD5, but AH needs an HMAC (RFC 4302 §2.6, RFC 2403).
    const withHa = mn!.securityAssociations.find((sa) => sa.peer === 'HA')!;
    expect([withHa.algorithm, withHa.peerAddresses, withHa.peerAddresses6]).toEqual(['hmac-md5', ['10.0.1.2', '10.1.0.1'], ['2001:db8:0:1::2', '2001:db8:1::1']]);
    expect(loaded.nodes[3]!.flows.map((f) => f.destination)).toEqual(['2001:db8:1::10']);
    expect(eve!.role === 'adversary-v6' && eve!.settings.actions.map((a) => a.at)).toEqual([5_000_000, 6_000_000]);
    expect(loaded.moves).toEqual([{ at: 10_000_000, node: 'MN', position: { x: 500, y: 400 } }]); // toCellOf an access router
  });

  it('routes IPv6 through the loaded network, and an IPv4-only scenario\'s tables carry no IPv6 keys', () => {
    const loaded = toLoadedScenario(accepted(ipv6Scenario()));
    const r = tablesOf(loaded.topology)[1]!;
    expect(r.routes6!.map(describeRoute6)).toContain('2001:db8:1::/64 via 2001:db8:0:1::2 on eth0 (2 hops, 9000 µs)');
    const v4 = toLoadedScenario(accepted(structuredClone(builtinScenario('route-optimization')!.data)));
    const tables = tablesOf(v4.topology);
    expect(tables).toHaveLength(v4.nodes.length);
    for (const t of tables) expect('routes6' in t || 'neighbours6' in t).toBe(false);
  });

  it('estimate the work of Router Advertisements and Binding Updates', () => {
    const loaded = toLoadedScenario(accepted(ipv6Scenario()));
    const fields = scenarioWork(loaded, loaded.duration).map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['nodes[0].settings.advertiseIntervalS', 'nodes[2].settings.advertiseIntervalS', 'nodes[4].settings.requestLifetimeS', 'nodes[4].settings.correspondentLifetimeS', 'nodes[5].settings.actions']));
  });
});

describe('a bad IPv6 scenario is refused with what and where', () => {
  const edited = (change: (s: ReturnType<typeof ipv6Scenario>) => void): readonly string[] => {
    const s = ipv6Scenario();
    change(s);
    return errorsOf(s);
  };

  it('says what is wrong with an interface\'s IPv6 text', () => {
    expect(edited((s) => { s.nodes[3].interfaces[0].ipv6 = '2001:db8:100::5'; })).toEqual(['nodes[3].interfaces[0].ipv6: "2001:db8:100::5" has no prefix length: write the address and the length of its prefix, e.g. "2001:db8:1::1/64"']);
    expect(edited((s) => { s.nodes[3].interfaces[0].ipv6 = '2001:db8:100::g/64'; })[0]).toMatch(/^nodes\[3\]\.interfaces\[0\]\.ipv6: "2001:db8:100::g\/64" is not an IPv6 address with its prefix length: "2001:db8:100::g" is not an IPv6 address/);
    expect(edited((s) => { s.nodes[3].interfaces[0].ipv6 = '2001:db8:100::5/129'; })).toEqual(['nodes[3].interfaces[0].ipv6: "2001:db8:100::5/129" has a bad prefix length "129": it must be a whole number 1–128, e.g. "/64"']);
    expect(edited((s) => { s.nodes[3].interfaces[0].ipv6 = '2001:db8:100::5/'; })[0]).toMatch(/has a bad prefix length "": it must be a whole number 1–128/);
  });

  it('locates the network\'s IPv6 problems in the file', () => {
    expect(edited((s) => { s.nodes[3].interfaces[0].ipv6 = '2001:db8:100::1/64'; })).toEqual(['nodes[3].interfaces[0]: IPv6 address 2001:db8:100::1 is already used by R/eth2']);
    expect(edited((s) => { s.nodes[3].interfaces[0].ipv6 = 'fe80::5/64'; })[0]).toMatch(/^nodes\[3\]\.interfaces\[0\]: IPv6 address fe80::5 is a link-local address/);
    expect(edited((s) => { s.nodes[3].interfaces[0].ipv6 = '2001:db8:101::5/64'; })).toEqual(['nodes[3].interfaces[0]: 2001:db8:101::5/64 is not in the IPv6 prefix of link "cn-lan" (2001:db8:100::/64); a link has one IPv6 prefix']);
  });

  it('wants an IPv6 address on every interface of an IPv6 node, and one radio interface on a mobile node', () => {
    expect(edited((s) => { delete s.nodes[3].interfaces[0].ipv6; })).toEqual(['nodes[3].interfaces[0]: has no "ipv6" address: a correspondent-v6 speaks only IPv6, so each of its interfaces needs one, e.g. "ipv6": "2001:db8:1::10/64" (Perkins & Johnson §10)']);
    const two = edited((s) => { s.nodes[4].interfaces.push({ name: 'wlan1', address: '10.1.0.11', prefixLength: 24, radio: true, ipv6: '2001:db8:1::11/64' }); });
    expect(two).toEqual(['nodes[4].interfaces: a mobile-node-v6 has exactly one radio interface ("radio": true), which attaches to the cells it is in (has 2)']);
  });

  it('checks the mobile node against its home agent and home link', () => {
    expect(edited((s) => { s.nodes[4].settings.homeAgent = 'R'; })).toEqual(['nodes[4].settings.homeAgent: node "R" is a router; expected a home-agent-v6']);
    expect(edited((s) => { s.nodes[4].settings.homeLink = 'cell1'; })).toEqual([
      'nodes[4].settings.homeAddress: 2001:db8:1::10 is not inside the IPv6 prefix of its home link "cell1" (2001:db8:2::/64)',
      'nodes[4].settings.homeAgent: home agent "HA" has no interface on the home link "cell1" (RFC 6275 §2: the home agent is a router on the mobile node\'s home link)',
    ]);
    expect(edited((s) => { s.nodes[4].settings.homeAddress = '2001:db8:1::99'; })).toEqual(['nodes[4].settings.homeAddress: "2001:db8:1::99" is not the IPv6 address of any interface of "MN"; the mobile node keeps its home address wherever it is (RFC 6275 §2)']);
    expect(edited((s) => { s.securityAssociations.shift(); })).toEqual(['nodes[4].settings.homeAgent: "MN" has no security association with its home agent "HA"; add one to securityAssociations (home registrations carry AH, RFC 6275 §11.7.1; RFC 4302)']);
    expect(edited((s) => { s.nodes[0].settings.homeLink = 'cell1'; })).toEqual([
      'nodes[0].settings.homeLink: the home agent has no interface on link "cell1"; a home agent is a router on its home link (RFC 6275 §2)',
      'nodes[4].settings.homeLink: "home" differs from the home link of "HA" ("cell1")',
    ]);
  });

  it('caps a return-routability binding at 420 s, and lifetimes at what 4-second units in 16 bits hold', () => {
    expect(edited((s) => { Object.assign(s.nodes[4].settings, { correspondentAuthentication: 'return-routability', correspondentLifetimeS: 500 }); })).toEqual([
      'nodes[4].settings.correspondentLifetimeS: 500 s is longer than a binding authorized by return routability may last (420 s, MAX_RR_BINDING_LIFETIME, RFC 6275 §12)',
    ]);
    expect(edited((s) => { s.nodes[4].settings.requestLifetimeS = 262_144; })[0]).toMatch(/^nodes\[4\]\.settings\.requestLifetimeS: /);
  });

  it('wants an access router to serve a radio cell', () => {
    expect(edited((s) => { s.nodes[2].role = 'correspondent-v6'; s.nodes[3].role = 'access-router-v6'; s.nodes[2].settings = {}; }).filter((e) => e.includes('nodes[3]'))).toEqual([
      'nodes[3].interfaces: an access-router-v6 serves a radio cell: one of its interfaces must be on a link of kind "radio" (Perkins & Johnson §10)',
    ]);
  });

  it('refuses keyed MD5 for an IPv6 node\'s association, with the reason', () => {
    expect(edited((s) => { s.securityAssociations[1].algorithm = 'keyed-md5'; })).toEqual([
      'securityAssociations[1].algorithm: "keyed-md5" cannot protect "MN"\'s traffic: IPv6 nodes authenticate with AH, whose ICV is an HMAC (RFC 4302 §2.6; HMAC-MD5-96, RFC 2403); use "hmac-md5" or leave it out',
    ]);
  });

  it('keeps a flow in its sender\'s address family, and to one node', () => {
    expect(edited((s) => { s.flows[0].to = '10.1.0.10'; })).toEqual(['flows[0].to: "10.1.0.10" is not an IPv6 address: "CN" is a correspondent-v6 and speaks only IPv6']);
    expect(edited((s) => { s.flows[0].to = 'ff02::1'; })).toEqual(['flows[0].to: ff02::1 is a multicast address (ff00::/8, RFC 4291 §2.7); a flow sends to one node, so give it that node\'s global IPv6 address']);
    expect(edited((s) => { s.nodes[3].role = 'correspondent'; })).toEqual(['flows[0].to: "2001:db8:1::10" is not an IPv4 address: "CN" is a correspondent, an IPv4 node']);
    expect(edited((s) => { s.flows[0].to = '2001:db8:1::zz'; })[0]).toMatch(/^flows\[0\]\.to: "2001:db8:1::zz" is not an IPv4 address \(e\.g\. "10\.1\.0\.10"\) or an IPv6 address/);
  });

  it('checks the IPv6 adversary\'s actions', () => {
    expect(edited((s) => { s.nodes[5].interfaces[0].promiscuous = false; })).toEqual(['nodes[5].settings.actions[1].kind: "replay-binding-update" needs something overheard first: give the adversary an interface with "promiscuous": true']);
    expect(edited((s) => { s.nodes[5].settings.actions[0].homeAddress = '10.1.0.10'; })[0]).toMatch(/^nodes\[5\]\.settings\.actions\[0\]\.homeAddress: "10\.1\.0\.10" is not an IPv6 address/);
    expect(edited((s) => { s.nodes[5].settings.actions[1].to = 'Nobody'; s.nodes[5].settings.actions[1].atS = 4; })).toEqual([
      'nodes[5].settings.actions[1].to: no node "Nobody" in this scenario',
      'nodes[5].settings.actions[1].atS: 4 s is earlier than the action before it (5 s); list actions in time order',
    ]);
  });
});
