import { describe, expect, it } from 'vitest';
import { hmacMd5_96, normalizeForIcv } from '../../../crypto/ah-icv';
import { NextHeader } from '../../../wire/ipv6/ipv6-header';
import { parseIpv6Packet } from '../../../wire/ipv6/ipv6-packet';
import { parseMobilityHeader } from '../../../wire/ipv6/mobility-header';
import { parseNdMessage } from '../../../wire/ipv6/neighbor-discovery';
import { solicitedNodeAddress } from '../../../wire/ipv6/ipv6-address';
import {
  ALL_NODES_LINK, CN_ADDRESS, COA1, Driver, HA_ADDRESS, HA_NODE, HA_SA, HOME_ADDRESS, MN_LINK, MN_LINK_LOCAL, R_LINK, S,
  bindingUpdate, datagram, mobilityPacket, ndPacket, parsed, traces, transmits, tunnel,
} from '../common/agent-test-kit';
import { homeAgentV6Behaviour, initialHomeAgentV6State } from './home-agent-v6';

function homeAgent(): Driver<ReturnType<typeof initialHomeAgentV6State>> {
  const d = new Driver(homeAgentV6Behaviour, initialHomeAgentV6State({ homeInterface: 'wlan0', address: HA_ADDRESS, homePrefixLength: 64, maxLifetimeS: 300, associations: [HA_SA] }), HA_NODE.node);
  d.run({ kind: 'command', command: { type: 'install-routes', table: HA_NODE.table } }, 0);
  return d;
}

const registration = (sequence: number, extra: Partial<Parameters<typeof bindingUpdate>[0]> = {}): Uint8Array =>
  bindingUpdate({ source: COA1, destination: HA_ADDRESS, homeAddress: HOME_ADDRESS, sequence, lifetimeUnits: 75, sa: HA_SA, ahSequence: sequence, ...extra });

function registered(): Driver<ReturnType<typeof initialHomeAgentV6State>> {
  const d = homeAgent();
  d.frame('eth0', registration(1), S);
  return d;
}

describe('IPv6 home agent: Router Advertisements (RFC 4861 §6.2; RFC 6275 §7)', () => {
  it('advertises on the home link every second with H, SLLA, Prefix Information (L, A, R), Advertisement Interval and Home Agent Information', () => {
    const d = homeAgent();
    expect(d.run({ kind: 'command', command: { type: 'start' } }, 0)).toEqual([{ kind: 'set-timer', key: 'router-advertisement', at: 0, ref: 'RFC 4861 §6.2.4' }]);
    const out = d.run({ kind: 'timer', key: 'router-advertisement' }, 0);
    const [ra] = transmits(out);
    expect(transmits(out).length).toBe(1);
    expect(ra!.interface).toBe('wlan0');
    expect(ra!.frame.destination).toBe(ALL_NODES_LINK);
    const p = parsed(ra!);
    expect(p.header).toMatchObject({ hopLimit: 255, source: 'fe80::ff:fe00:102', destination: 'ff02::1' });
    const m = parseNdMessage(ra!.frame.payload, p.upperOffset, p.end, { source: p.finalSource, destination: p.finalDestination });
    expect(m.ok && m.value).toMatchObject({ kind: 'router-advertisement', homeAgent: true, routerLifetime: 3, checksumValid: true });
    const options = m.ok ? m.value.options : [];
    expect(options).toEqual([
      { kind: 'source-link-layer-address', linkAddress: '02:00:00:00:01:02' },
      expect.objectContaining({ kind: 'prefix-information', prefixLength: 64, onLink: true, autonomous: true, routerAddress: true, prefix: HA_ADDRESS, validLifetime: 86_400 }),
      expect.objectContaining({ kind: 'advertisement-interval', intervalMs: 1000 }),
      expect.objectContaining({ kind: 'home-agent-information', preference: 0, lifetimeS: 3 }),
    ]);
    expect(out).toContainEqual(expect.objectContaining({ kind: 'set-timer', key: 'router-advertisement', at: S }));
  });

  it('answers a Router Solicitation at once and learns the sender from its SLLA', () => {
    const d = homeAgent();
    const rs = ndPacket(MN_LINK_LOCAL, 'ff02::2', { kind: 'router-solicitation', code: 0, reserved: 0, options: [{ kind: 'source-link-layer-address', linkAddress: MN_LINK }] });
    const out = d.frame('wlan0', rs, 2 * S, MN_LINK);
    expect(transmits(out).map((t) => t.summary)).toEqual([`Router Advertisement (H: home agent) ${HA_ADDRESS}/64 → ff02::1`]);
    expect(traces(out, 'table-changed').map((t) => t.summary)).toEqual([`neighbour cache: ${MN_LINK_LOCAL} added`]);
  });

  it('discards a Router Solicitation that was forwarded (Hop Limit not 255)', () => {
    const d = homeAgent();
    const rs = ndPacket(MN_LINK_LOCAL, 'ff02::2', { kind: 'router-solicitation', code: 0, reserved: 0, options: [] }, 64);
    const out = d.frame('wlan0', rs, 0, MN_LINK);
    expect(transmits(out)).toEqual([]);
    expect(traces(out, 'dropped')[0]!.reason).toMatch(/Hop Limit 64, not 255/);
  });

  it('answers a Neighbor Solicitation for its address with a solicited NA carrying TLLA', () => {
    const d = homeAgent();
    const ns = ndPacket(HOME_ADDRESS, solicitedNodeAddress(HA_ADDRESS), { kind: 'neighbor-solicitation', code: 0, reserved: 0, target: HA_ADDRESS, options: [{ kind: 'source-link-layer-address', linkAddress: MN_LINK }] });
    const [na] = transmits(d.frame('wlan0', ns, 0, MN_LINK));
    expect(na!.frame.destination).toBe(MN_LINK); // learned from the SLLA just now
    const p = parsed(na!);
    const m = parseNdMessage(na!.frame.payload, p.upperOffset, p.end, { source: p.finalSource, destination: p.finalDestination });
    expect(m.ok && m.value).toMatchObject({ kind: 'neighbor-advertisement', router: true, solicited: true, override: true, target: HA_ADDRESS, options: [{ kind: 'target-link-layer-address', linkAddress: '02:00:00:00:01:02' }] });
  });
});

describe('IPv6 home agent: home registration (RFC 6275 §10.3.1)', () => {
  it('accepts an authenticated Binding Update and answers with a BA carrying a type 2 Routing header and AH', () => {
    const d = homeAgent();
    const out = d.frame('eth0', registration(1), S);
    expect(traces(out, 'decision')[0]!.summary).toContain('accepted');
    expect(d.state.bindings[HOME_ADDRESS]).toMatchObject({ careOfAddress: COA1, sequence: 1, lifetimeS: 300, expiresAt: 301 * S, kind: 'home' });
    expect(out).toContainEqual({ kind: 'set-timer', key: 'binding-expiry', at: 301 * S, ref: expect.any(String) });
    const [ba] = transmits(out);
    expect(ba!.interface).toBe('eth0');
    expect(ba!.frame.destination).toBe(R_LINK);
    const p = parsed(ba!);
    expect(p.header.destination).toBe(COA1);
    expect(p.routingHeader2?.homeAddress).toBe(HOME_ADDRESS);
    expect(p.authentication).toMatchObject({ spi: 1000, sequence: 1 });
    // the MN can verify it: ICV over the normalised packet under the shared key (RFC 4302 §3.3.3)
    expect([...hmacMd5_96(HA_SA.key, normalizeForIcv(ba!.frame.payload, p.authentication!.offset))]).toEqual([...p.authentication!.icv]);
    const mh = parseMobilityHeader(ba!.frame.payload, p.upperOffset, p.end, { source: p.finalSource, destination: p.finalDestination });
    expect(mh.ok && mh.value.message).toMatchObject({ kind: 'binding-acknowledgement', status: 0, sequence: 1, lifetimeUnits: 75 });
    expect(mh.ok && mh.value.checksumValid).toBe(true);
  });

  it('grants no more than maxLifetimeS', () => {
    const d = homeAgent();
    d.frame('eth0', registration(1, { lifetimeUnits: 1000 }), 0);
    expect(d.state.bindings[HOME_ADDRESS]!.lifetimeS).toBe(300);
  });

  it('drops a Binding Update whose ICV does not verify, with the reason, and answers nothing', () => {
    const d = homeAgent();
    const out = d.frame('eth0', registration(1, { sa: { spi: 1000, key: new Uint8Array(16).fill(7) } }), 0);
    expect(transmits(out)).toEqual([]);
    expect(traces(out, 'dropped')[0]!.reason).toMatch(/Integrity Check Value does not verify/);
    expect(d.state.bindings).toEqual({});
  });

  it('drops a replayed Binding Update (AH sequence already seen) and one without AH', () => {
    const d = registered();
    const again = d.frame('eth0', registration(1), 2 * S);
    expect(traces(again, 'dropped')[0]!.reason).toMatch(/already received/);
    const bare = d.frame('eth0', bindingUpdate({ source: COA1, destination: HA_ADDRESS, homeAddress: HOME_ADDRESS, sequence: 5, lifetimeUnits: 75 }), 2 * S);
    expect(traces(bare, 'dropped')[0]!.reason).toMatch(/carries no Authentication Header/);
    expect(d.state.bindings[HOME_ADDRESS]!.sequence).toBe(1);
  });

  it('refuses a home address outside the home subnet with status 132', () => {
    const d = new Driver(homeAgentV6Behaviour, initialHomeAgentV6State({ homeInterface: 'wlan0', address: HA_ADDRESS, homePrefixLength: 64, associations: [{ ...HA_SA, peerAddresses: ['2001:db8:9::10'] }] }), HA_NODE.node);
    d.run({ kind: 'command', command: { type: 'install-routes', table: HA_NODE.table } }, 0);
    const out = d.frame('eth0', registration(1, { homeAddress: '2001:db8:9::10' }), 0);
    const [ba] = transmits(out);
    const p = parsed(ba!);
    const mh = parseMobilityHeader(ba!.frame.payload, p.upperOffset, p.end, { source: p.finalSource, destination: p.finalDestination });
    expect(mh.ok && mh.value.message).toMatchObject({ kind: 'binding-acknowledgement', status: 132, lifetimeUnits: 0 });
    expect(traces(out, 'decision')[0]!.reason).toMatch(/^132 \(not home subnet\)/);
    expect(d.state.bindings).toEqual({});
  });

  it('refuses 133 when the association is with another home address, and 135 for an old sequence number', () => {
    const d = registered();
    const other = d.frame('eth0', registration(2, { homeAddress: '2001:db8:1::11' }), 2 * S);
    expect(traces(other, 'decision')[0]!.reason).toMatch(/^133 \(not home agent for this mobile node\)/);
    const old = d.frame('eth0', registration(3, { sequence: 1 }), 3 * S);
    expect(traces(old, 'decision')[0]!.reason).toMatch(/^135 /);
  });

  it('expires the binding when its lifetime runs out', () => {
    const d = registered();
    const out = d.run({ kind: 'timer', key: 'binding-expiry' }, 301 * S);
    expect(traces(out, 'table-changed').map((t) => t.summary)).toEqual([`bindings: ${HOME_ADDRESS} expired`]);
    expect(d.state.bindings).toEqual({});
    expect(out).toContainEqual({ kind: 'cancel-timer', key: 'binding-expiry' });
  });

  it('deregisters at home (Lifetime 0 from the home address) and resolves the home address by NS before sending the BA', () => {
    const d = registered();
    const out = d.frame('wlan0', bindingUpdate({ source: HOME_ADDRESS, destination: HA_ADDRESS, sequence: 2, lifetimeUnits: 0, sa: HA_SA, ahSequence: 2 }), 10 * S, MN_LINK);
    expect(traces(out, 'table-changed').map((t) => t.summary)).toContain(`bindings: ${HOME_ADDRESS} removed`);
    const [ns] = transmits(out);
    expect(transmits(out).length).toBe(1);
    expect(ns!.summary).toBe(`Neighbor Solicitation for ${HOME_ADDRESS} → ${solicitedNodeAddress(HOME_ADDRESS)}`);
    const na = ndPacket(HOME_ADDRESS, 'fe80::ff:fe00:102', { kind: 'neighbor-advertisement', code: 0, router: false, solicited: true, override: true, reserved: 0, target: HOME_ADDRESS, options: [{ kind: 'target-link-layer-address', linkAddress: MN_LINK }] });
    const released = transmits(d.frame('wlan0', na, 10 * S + 2000, MN_LINK));
    expect(released.map((t) => [t.frame.destination, t.summary.slice(0, 40)])).toEqual([[MN_LINK, 'Binding Acknowledgement 0 (Binding Updat']]);
    expect(parsed(released[0]!).routingHeader2).toBeUndefined();
  });
});

describe('IPv6 home agent: interception and tunnelling (RFC 6275 §10.4.1; RFC 2473)', () => {
  it('tunnels a datagram for a registered home address to the care-of address, inner Hop Limit one less', () => {
    const d = registered();
    const [t] = transmits(d.frame('eth0', datagram(CN_ADDRESS, HOME_ADDRESS, 60), 2 * S));
    const outer = parsed(t!);
    expect(outer.header).toMatchObject({ source: HA_ADDRESS, destination: COA1, nextHeader: NextHeader.IPV6 });
    const inner = parseIpv6Packet(outer.upperBytes);
    expect(inner.ok && inner.value.header).toMatchObject({ source: CN_ADDRESS, destination: HOME_ADDRESS, hopLimit: 59 });
    expect(t!.traceAs).toBe('forwarded');
  });

  it('does not tunnel back what comes from the care-of address itself, and lets the router answer a Hop Limit that runs out', () => {
    const d = registered();
    const looped = d.frame('eth0', datagram(COA1, HOME_ADDRESS), 2 * S);
    expect(transmits(looped)).toEqual([]);
    expect(traces(looped, 'dropped')[0]!.reason).toMatch(/comes from the tunnel exit 2001:db8:2::ff:fe00:510/);
    const expiring = d.frame('eth0', datagram(CN_ADDRESS, HOME_ADDRESS, 1), 2 * S);
    expect(traces(expiring, 'dropped')[0]!.reason).toMatch(/^Hop Limit reached 0/);
    expect(transmits(expiring).map((t) => t.summary)).toEqual([expect.stringMatching(/^ICMPv6 Time Exceeded/)]);
  });

  it('tunnels a Home Test the correspondent sends to the home address', () => {
    const d = registered();
    const hot = mobilityPacket(CN_ADDRESS, HOME_ADDRESS, { kind: 'home-test', nonceIndex: 1, cookie: new Uint8Array(8), keygenToken: new Uint8Array(8), options: [] });
    const [t] = transmits(d.frame('eth0', hot, 2 * S));
    expect(t!.summary).toMatch(/^Home Test 2001:db8:100::5 → 2001:db8:1::10 intercepted and tunnelled/);
  });

  it('does not intercept without a binding: the home address is resolved on the home link', () => {
    const d = homeAgent();
    const [ns] = transmits(d.frame('eth0', datagram(CN_ADDRESS, HOME_ADDRESS), 2 * S));
    expect(ns!.summary).toMatch(/^Neighbor Solicitation for 2001:db8:1::10/);
  });

  it('decapsulates the reverse tunnel from the care-of address (a HoTI) and forwards the inner datagram', () => {
    const d = registered();
    const hoti = mobilityPacket(HOME_ADDRESS, CN_ADDRESS, { kind: 'home-test-init', cookie: new Uint8Array(8).fill(1), options: [] });
    const out = d.frame('eth0', tunnel(COA1, HA_ADDRESS, hoti), 2 * S);
    const [f] = transmits(out);
    expect(f!.frame.destination).toBe(R_LINK);
    expect(parsed(f!).header).toMatchObject({ source: HOME_ADDRESS, destination: CN_ADDRESS, hopLimit: 63 });
    const spoofed = d.frame('eth0', tunnel('2001:db8:3::99', HA_ADDRESS, hoti), 2 * S);
    expect(transmits(spoofed)).toEqual([]);
    expect(traces(spoofed, 'dropped')[0]!.reason).toMatch(/bound to care-of address/);
  });
});
