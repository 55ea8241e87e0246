import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIpv6, ipv6Bytes, ipv6NetworkOf } from '../wire/ipv6/ipv6-address';
import { describeRoute6, lookupRoute6, resolveNeighbour6, sortRoutes6, type Route6Entry } from './route-table6';

const route = (destination: string, prefixLength: number, iface: string, nextHop: string | null = null): Route6Entry =>
  ({ destination, prefixLength, interface: iface, nextHop, metric: 100, hops: 1 });

/** The address as 128 characters '0'/'1': a prefix test by string comparison, independent of the code under test. */
const bits = (a: string): string => Array.from(ipv6Bytes(a), (b) => b.toString(2).padStart(8, '0')).join('');

describe('IPv6 forwarding table', () => {
  it('longest prefix wins, whatever order the routes were given in', () => {
    const routes = sortRoutes6([route('::', 0, 'eth0', '2001:db8::1'), route('2001:db8:1:2::', 64, 'eth2'), route('2001:db8:1::', 48, 'eth1', '2001:db8::2')]);
    expect(routes.map((r) => r.prefixLength)).toEqual([64, 48, 0]);
    expect(lookupRoute6(routes, '2001:db8:1:2::9')?.interface).toBe('eth2');
    expect(lookupRoute6(routes, '2001:db8:1:9::9')?.interface).toBe('eth1');
    expect(lookupRoute6(routes, '2001:db8:7::1')?.interface).toBe('eth0');
    expect(lookupRoute6(routes.slice(0, 2), '2001:db8:7::1')).toBeUndefined();
  });

  it('matches prefixes that end inside an octet (a /61 holds :8 to :f, not :7)', () => {
    const routes = sortRoutes6([route('2001:db8:0:8::', 61, 'eth0')]);
    expect(lookupRoute6(routes, '2001:db8:0:f::1')?.interface).toBe('eth0');
    expect(lookupRoute6(routes, '2001:db8:0:7::1')).toBeUndefined();
  });

  it('sorts equal lengths by network address, then interface, so tables compare equal', () => {
    const sorted = sortRoutes6([route('2001:db8:2::', 64, 'b'), route('2001:db8:10::', 64, 'a'), route('2001:db8:2::', 64, 'a')]);
    expect(sorted.map((r) => `${r.destination} ${r.interface}`)).toEqual(['2001:db8:2:: a', '2001:db8:2:: b', '2001:db8:10:: a']);
  });

  it('property: the route found is the longest whose prefix holds the destination, or none when none does', () => {
    const routeSpec = fc.record({ length: fc.integer({ min: 0, max: 128 }), flip: fc.integer({ min: -1, max: 127 }), iface: fc.constantFrom('a', 'b', 'c') });
    fc.assert(fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.array(routeSpec, { maxLength: 12 }), (destinationBytes, specs) => {
      const destination = formatIpv6(destinationBytes);
      // Networks near the destination (one bit flipped, maybe inside the prefix, maybe not), so both matches and misses occur.
      const routes = specs.map((s) => {
        const b = destinationBytes.slice();
        if (s.flip >= 0) b[s.flip >>> 3]! ^= 0x80 >>> (s.flip & 7);
        return route(ipv6NetworkOf(formatIpv6(b), s.length), s.length, s.iface);
      });
      const holding = routes.filter((r) => bits(destination).startsWith(bits(r.destination).slice(0, r.prefixLength)));
      const found = lookupRoute6(sortRoutes6(routes), destination);
      if (holding.length === 0) return found === undefined;
      return found !== undefined && found.prefixLength === Math.max(...holding.map((r) => r.prefixLength)) && holding.includes(found);
    }), { numRuns: 300 });
  });

  it('resolves neighbours per interface, by exact address', () => {
    const neighbours = [{ interface: 'eth0', address: '2001:db8::2', linkAddress: '02:00:00:00:01:00' }];
    expect(resolveNeighbour6(neighbours, 'eth0', '2001:db8::2')).toBe('02:00:00:00:01:00');
    expect(resolveNeighbour6(neighbours, 'eth1', '2001:db8::2')).toBeUndefined();
    expect(resolveNeighbour6(neighbours, 'eth0', '2001:db8::3')).toBeUndefined();
  });

  it('describes a route for a learner', () => {
    expect(describeRoute6(route('2001:db8:1::', 64, 'eth1', '2001:db8:0:12::2'))).toBe('2001:db8:1::/64 via 2001:db8:0:12::2 on eth1 (1 hop, 100 µs)');
    expect(describeRoute6({ ...route('2001:db8:2::', 64, 'eth0'), hops: 2, metric: 2050 })).toBe('2001:db8:2::/64 on-link on eth0 (2 hops, 2050 µs)');
  });
});
