import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressToU32 as toU32 } from '../wire/address';
import { describeRoute, inPrefix, lookupRoute, networkOf, prefixMask, resolveNeighbour, sortRoutes, type RouteEntry } from './route-table';

const route = (destination: string, prefixLength: number, iface: string, nextHop: string | null = null): RouteEntry =>
  ({ destination, prefixLength, interface: iface, nextHop, metric: 100, hops: 1 });

describe('forwarding table', () => {
  it('prefix arithmetic', () => {
    expect(prefixMask(0)).toBe(0);
    expect(prefixMask(24)).toBe(0xffffff00);
    expect(prefixMask(32)).toBe(0xffffffff);
    expect(networkOf('10.1.2.3', 16)).toBe('10.1.0.0');
    expect(networkOf('10.1.2.3', 0)).toBe('0.0.0.0');
    expect(inPrefix('10.1.2.3', '10.1.0.0', 16)).toBe(true);
    expect(inPrefix('10.2.2.3', '10.1.0.0', 16)).toBe(false);
  });

  it('longest prefix wins, whatever order the routes were given in', () => {
    const routes = sortRoutes([route('0.0.0.0', 0, 'eth0', '10.0.0.1'), route('10.1.2.0', 24, 'eth2'), route('10.1.0.0', 16, 'eth1', '10.0.0.2')]);
    expect(routes.map((r) => r.prefixLength)).toEqual([24, 16, 0]);
    expect(lookupRoute(routes, '10.1.2.9')?.interface).toBe('eth2');
    expect(lookupRoute(routes, '10.1.9.9')?.interface).toBe('eth1');
    expect(lookupRoute(routes, '192.0.2.1')?.interface).toBe('eth0');
    expect(lookupRoute(routes.slice(0, 2), '192.0.2.1')).toBeUndefined();
  });

  it('resolves neighbours per interface', () => {
    const neighbours = [{ interface: 'eth0', address: '10.0.0.2', linkAddress: '02:00:00:00:01:00' }];
    expect(resolveNeighbour(neighbours, 'eth0', '10.0.0.2')).toBe('02:00:00:00:01:00');
    expect(resolveNeighbour(neighbours, 'eth1', '10.0.0.2')).toBeUndefined();
  });

  it('describes a route in one line', () => {
    expect(describeRoute(route('10.1.0.0', 16, 'eth1', '10.0.0.2'))).toBe('10.1.0.0/16 via 10.0.0.2 on eth1 (1 hop, 100 µs)');
    expect(describeRoute({ ...route('10.1.2.0', 24, 'eth2'), hops: 2 })).toBe('10.1.2.0/24 on-link on eth2 (2 hops, 100 µs)');
  });

  it('finds what a plain first-match scan finds, for any tables, sorted or not, asked again and again', () => {
    const scan = (routes: readonly RouteEntry[], destination: string): RouteEntry | undefined => {
      const d = toU32(destination);
      for (const r of routes) if (((d & prefixMask(r.prefixLength)) >>> 0) === toU32(r.destination)) return r;
      return undefined;
    };
    const address = fc.tuple(fc.constantFrom(10, 192), fc.nat(3), fc.nat(3), fc.nat(5)).map((p) => p.join('.'));
    const entry = fc.tuple(address, fc.constantFrom(0, 8, 16, 24, 30, 32), fc.constantFrom('eth0', 'eth1')).map(([a, p, i]) => route(p === 32 ? a : networkOf(a, p), p, i));
    const table = fc.oneof(fc.array(entry, { maxLength: 12 }), fc.array(entry, { maxLength: 12 }).map(sortRoutes), fc.array(fc.tuple(address, fc.constantFrom(16, 24), fc.constant('eth0')).map(([a, p, i]) => route(a, p, i)), { maxLength: 6 }));
    fc.assert(fc.property(table, fc.array(address, { minLength: 1, maxLength: 10 }), (routes, asks) => {
      for (const a of [...asks, ...asks]) expect(lookupRoute(routes, a)).toBe(scan(routes, a));
    }), { numRuns: 400 });
    // an entry that is not an address: thrown where the scan reaches it, not before
    const odd = [route('10.1.0.0', 16, 'eth1'), route('not an address', 8, 'eth0')];
    expect(lookupRoute(odd, '10.1.2.3')).toBe(odd[0]);
    expect(() => lookupRoute(odd, '192.0.2.1')).toThrow(RangeError);
  });
});
