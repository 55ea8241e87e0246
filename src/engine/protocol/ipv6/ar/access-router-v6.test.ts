import { describe, expect, it } from 'vitest';
import { NextHeader } from '../../../wire/ipv6/ipv6-header';
import { parseIpv6Packet } from '../../../wire/ipv6/ipv6-packet';
import { parseMobilityHeader } from '../../../wire/ipv6/mobility-header';
import { parseNdMessage } from '../../../wire/ipv6/neighbor-discovery';
import { solicitedNodeAddress } from '../../../wire/ipv6/ipv6-address';
import {
  AR1_ADDRESS, AR1_NODE, AR1_SA, CN_ADDRESS, COA1, COA2, Driver, HOME_ADDRESS, MN_LINK, S,
  bindingUpdate, datagram, ndPacket, parsed, traces, transmits, tunnel, type Transmit,
} from '../common/agent-test-kit';
import { MAX_TUNNEL_DEPTH6 } from '../../../wire/ipv6/packet6';
import { accessRouterV6Behaviour, initialAccessRouterV6State, type AccessRouterV6Options } from './access-router-v6';

function accessRouter(o: Partial<AccessRouterV6Options> = {}): Driver<ReturnType<typeof initialAccessRouterV6State>> {
  const d = new Driver(accessRouterV6Behaviour, initialAccessRouterV6State({ cellInterface: 'wlan0', address: AR1_ADDRESS, prefixLength: 64, associations: [AR1_SA], ...o }), AR1_NODE.node);
  d.run({ kind: 'command', command: { type: 'install-routes', table: AR1_NODE.table } }, 0);
  return d;
}

/** The mobile node, now in cell2 at COA2, asks AR1 to forward from its previous care-of address COA1 (docs/ipv6.md §3). */
const handoffUpdate = (sequence = 1, sa: { spi: number; key: Uint8Array } | null = AR1_SA): Uint8Array =>
  bindingUpdate({ source: COA2, destination: AR1_ADDRESS, homeAddress: COA1, sequence, lifetimeUnits: 5, ...(sa === null ? {} : { sa }), ahSequence: sequence });

function acknowledgement(t: Transmit): { status: number; lifetimeUnits: number; ah: boolean; rh2?: string } {
  const p = parsed(t);
  const mh = parseMobilityHeader(t.frame.payload, p.upperOffset, p.end, { source: p.finalSource, destination: p.finalDestination });
  if (!mh.ok || mh.value.message.kind !== 'binding-acknowledgement') throw new Error('not a Binding Acknowledgement');
  return { status: mh.value.message.status, lifetimeUnits: mh.value.message.lifetimeUnits, ah: p.authentication !== undefined, ...(p.routingHeader2 === undefined ? {} : { rh2: p.routingHeader2.homeAddress }) };
}

describe('IPv6 access router: Router Advertisements of its cell (RFC 4861 §6.2; RFC 6275 §7.2)', () => {
  it('advertises its prefix with R and its own address, without H', () => {
    const d = accessRouter({ advertiseIntervalS: 0.5 });
    const out = d.run({ kind: 'timer', key: 'router-advertisement' }, 0);
    const [ra] = transmits(out);
    const p = parsed(ra!);
    const m = parseNdMessage(ra!.frame.payload, p.upperOffset, p.end, { source: p.finalSource, destination: p.finalDestination });
    expect(m.ok && m.value).toMatchObject({ kind: 'router-advertisement', homeAgent: false, routerLifetime: 2 });
    const options = m.ok ? m.value.options : [];
    expect(options.map((o) => o.kind)).toEqual(['source-link-layer-address', 'prefix-information', 'advertisement-interval']);
    expect(options[1]).toMatchObject({ routerAddress: true, prefix: AR1_ADDRESS });
    expect(out).toContainEqual(expect.objectContaining({ kind: 'set-timer', key: 'router-advertisement', at: S / 2 }));
  });
});

describe('IPv6 access router: Neighbor Discovery to reach a care-of address (RFC 4861 §7.2.2)', () => {
  it('holds a datagram for an unresolved address on its cell, solicits it, and forwards once the NA arrives', () => {
    const d = accessRouter();
    const first = d.frame('eth0', datagram(CN_ADDRESS, COA1), S);
    const [ns] = transmits(first);
    expect(ns!.interface).toBe('wlan0');
    expect(parsed(ns!).header).toMatchObject({ destination: solicitedNodeAddress(COA1), hopLimit: 255 });
    expect(first).toContainEqual(expect.objectContaining({ kind: 'set-timer', key: 'nd-retransmit', at: 2 * S }));
    const na = ndPacket(COA1, parsed(ns!).header.source, { kind: 'neighbor-advertisement', code: 0, router: false, solicited: true, override: true, reserved: 0, target: COA1, options: [{ kind: 'target-link-layer-address', linkAddress: MN_LINK }] });
    const out = d.frame('wlan0', na, S + 3000, MN_LINK);
    const [f] = transmits(out);
    expect(f!.frame.destination).toBe(MN_LINK);
    expect(parsed(f!).header).toMatchObject({ source: CN_ADDRESS, destination: COA1, hopLimit: 59 });
    expect(out).toContainEqual({ kind: 'cancel-timer', key: 'nd-retransmit' });
    // resolved now: the next one goes straight out
    expect(transmits(d.frame('eth0', datagram(CN_ADDRESS, COA1), 2 * S)).map((t) => t.frame.destination)).toEqual([MN_LINK]);
  });

  it('solicits three times, then discards the held datagram saying why', () => {
    const d = accessRouter();
    d.frame('eth0', datagram(CN_ADDRESS, COA1), 0);
    expect(transmits(d.run({ kind: 'timer', key: 'nd-retransmit' }, S)).length).toBe(1);
    expect(transmits(d.run({ kind: 'timer', key: 'nd-retransmit' }, 2 * S)).length).toBe(1);
    const out = d.run({ kind: 'timer', key: 'nd-retransmit' }, 3 * S);
    expect(traces(out, 'decision')[0]!.reason).toBe(`${COA1} did not answer 3 Neighbor Solicitations: address resolution failed`);
    expect(traces(out, 'dropped').length).toBe(1);
    // and the source is told (RFC 4861 §7.2.2; RFC 4443 §3.1)
    const [icmp] = transmits(out);
    expect(transmits(out).length).toBe(1);
    expect(icmp!.interface).toBe('eth0');
    expect(parsed(icmp!).header.destination).toBe(CN_ADDRESS);
    expect(icmp!.summary).toMatch(/^ICMPv6 Destination Unreachable \(address unreachable\)/);
    expect(out).toContainEqual({ kind: 'cancel-timer', key: 'nd-retransmit' });
  });
});

describe('IPv6 access router as home agent for a previous care-of address (Perkins & Johnson §10; mipv6-07 §10.8)', () => {
  it('accepts the smooth-handoff Binding Update and tunnels what arrives for the old address to the new one until the binding ends', () => {
    const d = accessRouter();
    const out = d.frame('eth0', handoffUpdate(), S);
    expect(d.state.bindings[COA1]).toMatchObject({ kind: 'previous-care-of', careOfAddress: COA2, lifetimeS: 20, expiresAt: 21 * S });
    expect(traces(out, 'table-changed').map((t) => t.summary)).toEqual([`previous care-of bindings: ${COA1} added`]);
    expect(acknowledgement(transmits(out)[0]!)).toEqual({ status: 0, lifetimeUnits: 5, ah: true, rh2: COA1 });
    const [t] = transmits(d.frame('eth0', datagram(CN_ADDRESS, COA1), 2 * S));
    const outer = parsed(t!);
    expect(outer.header).toMatchObject({ source: AR1_ADDRESS, destination: COA2, nextHeader: NextHeader.IPV6 });
    const inner = parseIpv6Packet(outer.upperBytes);
    expect(inner.ok && inner.value.header.destination).toBe(COA1);
    expect(t!.reason).toMatch(/previous care-of address/);
    d.run({ kind: 'timer', key: 'binding-expiry' }, 21 * S);
    expect(d.state.bindings).toEqual({});
    expect(transmits(d.frame('eth0', datagram(CN_ADDRESS, COA1), 22 * S))[0]!.summary).toMatch(/^Neighbor Solicitation/);
  });

  it('ends the binding when the previous care-of address sends on its cell again (the mobile node is back)', () => {
    const d = accessRouter();
    d.frame('eth0', handoffUpdate(), S);
    const out = d.frame('wlan0', datagram(COA1, CN_ADDRESS), 5 * S, MN_LINK);
    expect(traces(out, 'table-changed').map((t) => t.summary)).toEqual([`previous care-of bindings: ${COA1} removed`]);
    expect(traces(out, 'table-changed')[0]!.reason).toMatch(/the mobile node is back/);
    expect(d.state.bindings).toEqual({});
    expect(transmits(out).map((t) => parsed(t).header.destination)).toEqual([CN_ADDRESS]); // and its datagram is forwarded as usual
  });

  it('refuses to nest a tunnel deeper than the limit, so two routers forwarding for each other cannot loop for ever', () => {
    const d = accessRouter();
    d.frame('eth0', handoffUpdate(), S);
    let nested = datagram(CN_ADDRESS, COA1);
    for (let i = 0; i < MAX_TUNNEL_DEPTH6; i++) nested = tunnel('2001:db8:3::1', COA1, nested);
    const out = d.frame('eth0', nested, 2 * S);
    expect(transmits(out)).toEqual([]);
    expect(traces(out, 'dropped')[0]!.reason).toMatch(/already carries 8 nested tunnels/);
  });

  it('without a security association refuses with 129 and says why', () => {
    const d = accessRouter();
    const out = d.frame('eth0', handoffUpdate(1, { spi: 4242, key: AR1_SA.key }), S);
    expect(traces(out, 'decision')[0]!.reason).toMatch(/^129 \(administratively prohibited\): no security association has SPI 4242/);
    expect(acknowledgement(transmits(out)[0]!)).toMatchObject({ status: 129, ah: false });
    expect(d.state.bindings).toEqual({});
    const bare = d.frame('eth0', handoffUpdate(1, null), S);
    expect(acknowledgement(transmits(bare)[0]!).status).toBe(129);
    expect(traces(bare, 'decision')[0]!.reason).toMatch(/it carries no Authentication Header/);
  });

  it('with smoothHandoff off refuses with 131 (home registration not supported)', () => {
    const d = accessRouter({ smoothHandoff: false });
    const out = d.frame('eth0', handoffUpdate(), S);
    expect(acknowledgement(transmits(out)[0]!)).toMatchObject({ status: 131, ah: false });
    expect(d.state.bindings).toEqual({});
  });

  it('refuses an address outside its cell (132) and drops a forged ICV', () => {
    const d = accessRouter();
    const wrong = d.frame('eth0', bindingUpdate({ source: COA2, destination: AR1_ADDRESS, homeAddress: HOME_ADDRESS, sequence: 1, lifetimeUnits: 5, sa: AR1_SA }), S);
    expect(acknowledgement(transmits(wrong)[0]!).status).toBe(132);
    const forged = d.frame('eth0', handoffUpdate(2, { spi: AR1_SA.spi, key: new Uint8Array(16) }), S);
    expect(transmits(forged)).toEqual([]);
    expect(traces(forged, 'dropped')[0]!.reason).toMatch(/Integrity Check Value does not verify/);
  });
});
