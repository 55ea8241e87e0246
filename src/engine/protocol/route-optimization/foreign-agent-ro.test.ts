import { describe, expect, it } from 'vitest';
import { decapsulateIpInIp, encapsulateIpInIp } from '../../wire/ip-in-ip';
import { parseIpv4 } from '../../wire/ipv4';
import { parseMipMessage } from '../../wire/mip/mip-message';
import { applyBindingUpdate, emptyBindingCache } from '../tables/binding-cache';
import { emptyRateLimiter } from '../tables/rate-limiter';
import { EMPTY_VISITOR_LIST } from '../tables/visitor-list';
import { isSpecialTunnel, mayTunnelFromCache, receiveTunnelledDatagram, type ForeignAgentRoState } from './foreign-agent-ro';
import { CN, FA1, FA2, HA, MN, MN_FA1_SPI, S, dataDatagram, visitorsWithMobileNode } from './test-support/ro-world';

function withForwardingEntry(haAddress: string | null = HA): ForeignAgentRoState {
  const cache = applyBindingUpdate(emptyBindingCache(), {
    homeAddress: MN, careOfAddress: FA2, lifetimeSeconds: 20, haAddress, allowMinimal: false, allowGre: false,
    replay: { style: 'single-use-key', identification: null }, spi: MN_FA1_SPI, origin: 'smooth-handoff',
  }, 0).table;
  return { cache, warningLimiter: emptyRateLimiter('Binding Warning') };
}

const ctx = { address: FA1, visitors: EMPTY_VISITOR_LIST };
const fromCn = (ipIdentification = 1) => ({ outerSource: CN, inner: dataDatagram(CN, MN, 60), ipIdentification });

describe('foreign agent: a tunnelled datagram (Perkins & Johnson §4.3; spectun-00 §3.2)', () => {
  it('delivers to a visitor (step 1)', () => {
    const r = receiveTunnelledDatagram(withForwardingEntry(), { address: FA1, visitors: visitorsWithMobileNode() }, fromCn(), S);
    expect(r.action).toBe('deliver');
    expect(r.forwards).toEqual([]);
  });

  it('re-tunnels with its binding cache (outer source = this FA, inner TTL − 1) and warns the HA with target T (steps 2, Perkins & Johnson §3.1; optim-08 §8.3)', () => {
    const r = receiveTunnelledDatagram(withForwardingEntry(), ctx, fromCn(), S);
    expect(r.action).toBe('retunnel');
    const outer = parseIpv4(r.forwards[0]!.bytes);
    expect(outer.ok && [outer.value.source, outer.value.destination]).toEqual([FA1, FA2]);
    const inner = decapsulateIpInIp(r.forwards[0]!.bytes);
    expect(inner.ok && inner.value.innerDatagram).toMatchObject({ source: CN, destination: MN, ttl: 59 });
    expect(r.sends).toHaveLength(1);
    expect(r.sends[0]).toMatchObject({ source: FA1, destination: HA, sourcePort: 434, destinationPort: 434 });
    const bw = parseMipMessage(r.sends[0]!.payload);
    expect(bw.ok && bw.value).toMatchObject({ kind: 'binding-warning', homeAddress: MN, targets: [CN] });
  });

  it('rate-limits the Binding Warnings per (HA, D, T) (OC-20)', () => {
    const first = receiveTunnelledDatagram(withForwardingEntry(), ctx, fromCn(), S);
    const second = receiveTunnelledDatagram(first.state, ctx, fromCn(2), S + S / 2);
    expect(second.forwards).toHaveLength(1); // the datagram is still forwarded
    expect(second.sends).toEqual([]);
    expect(receiveTunnelledDatagram(second.state, ctx, fromCn(3), 2 * S).sends).toHaveLength(1);
  });

  it('sends no BW when the target is the HA (OC-45) or the HA is unknown (OC-25)', () => {
    expect(receiveTunnelledDatagram(withForwardingEntry(), ctx, { ...fromCn(), outerSource: HA }, S).sends).toEqual([]);
    const unknown = receiveTunnelledDatagram(withForwardingEntry(null), ctx, fromCn(), S);
    expect(unknown.sends).toEqual([]);
    expect(unknown.forwards).toHaveLength(1);
    expect(unknown.traces.some((t) => t.ref === 'lab choice, Perkins & Johnson §3.1')).toBe(true);
  });

  it('otherwise sends a special tunnel: outer destination = inner destination, outer source = this FA (step 3, Perkins & Johnson §4.3; spectun-00 §3)', () => {
    const empty = { cache: emptyBindingCache(), warningLimiter: emptyRateLimiter('Binding Warning') };
    const r = receiveTunnelledDatagram(empty, ctx, fromCn(), S);
    expect(r.action).toBe('special-tunnel');
    const outer = parseIpv4(r.forwards[0]!.bytes);
    expect(outer.ok && [outer.value.source, outer.value.destination]).toEqual([FA1, MN]);
    expect(isSpecialTunnel(r.forwards[0]!.bytes)).toBe(true);
    expect(mayTunnelFromCache(r.forwards[0]!.bytes).allowed).toBe(false);
  });

  it('an ordinary tunnel is not special, and a router may use its cache for plain datagrams', () => {
    const t = encapsulateIpInIp(dataDatagram(), { source: HA, destination: FA1, identification: 1, decrementInnerTtl: true });
    expect(t.ok && isSpecialTunnel(t.value)).toBe(false);
    expect(mayTunnelFromCache(dataDatagram()).allowed).toBe(true);
  });

  it('drops what is not an IPv4 datagram', () => {
    const r = receiveTunnelledDatagram(withForwardingEntry(), ctx, { outerSource: CN, inner: Uint8Array.of(0x45, 0), ipIdentification: 1 }, S);
    expect(r.action).toBe('drop');
  });
});
