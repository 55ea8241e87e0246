// The routes-installed trace lists each route by describeRoute's line, made once per route entry and reused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeRoute, sortRoutes, type ForwardingTable, type RouteEntry } from '../../node/route-table';
import { routesInstalledTrace } from './ip-output';

const entry = fc.record({
  destination: fc.tuple(fc.constantFrom(10, 192), fc.nat(9), fc.nat(9)).map(([a, b, c]) => `${a}.${b}.${c}.0`),
  prefixLength: fc.constantFrom(0, 16, 24),
  interface: fc.constantFrom('eth0', 'eth1'),
  nextHop: fc.option(fc.constantFrom('10.0.0.1', '10.0.0.2'), { nil: null }),
  metric: fc.nat(5000),
  hops: fc.integer({ min: 1, max: 4 }),
});
const table = (routes: RouteEntry[]): ForwardingTable => ({ routes: sortRoutes(routes), neighbours: [] });

describe('routes-installed trace', () => {
  it('lists before and after as describeRoute gives them, however often a table is described', () => {
    fc.assert(fc.property(fc.array(fc.array(entry, { maxLength: 8 }), { minLength: 1, maxLength: 5 }), (tables) => {
      let before = table([]);
      for (const routes of tables) {
        const after = table(routes);
        for (let round = 0; round < 2; round++) {
          const t = routesInstalledTrace(before, after) as { before: string[]; after: string[] };
          expect(t.before).toEqual(before.routes.map(describeRoute));
          expect(t.after).toEqual(after.routes.map(describeRoute));
        }
        before = after;
      }
    }), { numRuns: 200 });
  });
});
