import { describe, expect, it } from 'vitest';
import {
  EMPTY_NEIGHBOUR_CACHE, HOLD_QUEUE_LENGTH, MAX_MULTICAST_SOLICIT, NEIGHBOUR_CACHE_CAPACITY, holdForResolution, learnNeighbour, learnedLinkAddress,
  nextResolutionRetry, retryResolutions, type HeldDatagram, type NeighbourCache,
} from './neighbour-cache';

const S = 1_000_000;
const held = (n: number): HeldDatagram => ({ bytes: new Uint8Array([n]), summary: `datagram ${n}`, traceAs: 'forwarded', ref: 'RFC 8200 §3' });
const MN = '2001:db8:2::200:ff:fe00:10';

describe('Neighbor Discovery cache and hold queue (RFC 4861 §7.2)', () => {
  it('learns from SLLA, and a repeat changes nothing visible', () => {
    const a = learnNeighbour(EMPTY_NEIGHBOUR_CACHE, 'eth1', MN, '02:00:00:00:05:01', 'Router Solicitation', 0);
    expect(a.changes.map((c) => c.kind)).toEqual(['added']);
    expect(learnedLinkAddress(a.table, 'eth1', MN)).toBe('02:00:00:00:05:01');
    expect(learnedLinkAddress(a.table, 'eth0', MN)).toBeUndefined();
    expect(learnNeighbour(a.table, 'eth1', MN, '02:00:00:00:05:01', 'Router Solicitation', S).changes).toEqual([]);
    const moved = learnNeighbour(a.table, 'eth1', MN, '02:00:00:00:05:02', 'Neighbor Solicitation', S);
    expect(moved.changes[0]!.reason).toContain('02:00:00:00:05:01 → 02:00:00:00:05:02');
  });

  it(`holds the newest ${HOLD_QUEUE_LENGTH} datagrams per address, the oldest giving way, and releases them in order on the answer`, () => {
    const h1 = holdForResolution(EMPTY_NEIGHBOUR_CACHE, 'eth1', MN, held(1), 0);
    expect(h1.solicit).toBe(true);
    let table = h1.table;
    for (let n = 2; n <= HOLD_QUEUE_LENGTH; n++) {
      const h = holdForResolution(table, 'eth1', MN, held(n), S / 4);
      expect(h.solicit).toBe(false);
      expect(h.replaced).toBeUndefined();
      table = h.table;
    }
    const over = holdForResolution(table, 'eth1', MN, held(HOLD_QUEUE_LENGTH + 1), S / 2);
    expect(over.replaced?.summary).toBe('datagram 1');
    expect(learnedLinkAddress(over.table, 'eth1', MN)).toBeUndefined();
    const done = learnNeighbour(over.table, 'eth1', MN, '02:00:00:00:05:01', 'Neighbor Advertisement', S);
    expect(done.released?.map((h) => h.summary)).toEqual(Array.from({ length: HOLD_QUEUE_LENGTH }, (_, i) => `datagram ${i + 2}`));
    expect(done.changes[0]!.ref).toBe('RFC 4861 §7.2.5');
    expect(nextResolutionRetry(done.table)).toBeNull();
  });

  it(`solicits again each second and gives up after ${MAX_MULTICAST_SOLICIT}`, () => {
    let cache: NeighbourCache = holdForResolution(EMPTY_NEIGHBOUR_CACHE, 'eth1', MN, held(1), 0).table;
    expect(nextResolutionRetry(cache)).toBe(S);
    expect(retryResolutions(cache, S / 2).resolicit).toEqual([]);
    let r = retryResolutions(cache, S);
    expect(r.resolicit.map((e) => e.solicitations)).toEqual([2]);
    cache = r.table;
    r = retryResolutions(cache, 2 * S);
    expect(r.resolicit.length).toBe(1);
    r = retryResolutions(r.table, 3 * S);
    expect(r.failed.map((e) => e.held.map((h) => h.summary))).toEqual([['datagram 1']]);
    expect(r.changes[0]!.reason).toMatch(/address resolution failed/);
    expect(Object.keys(r.table)).toEqual([]);
  });

  it(`evicts the least recently updated entry beyond ${NEIGHBOUR_CACHE_CAPACITY}`, () => {
    let cache: NeighbourCache = EMPTY_NEIGHBOUR_CACHE;
    for (let i = 0; i < NEIGHBOUR_CACHE_CAPACITY; i++) cache = learnNeighbour(cache, 'eth1', `2001:db8:2::${(i + 1).toString(16)}`, '02:00:00:00:00:01', 'NS', i).table;
    const r = learnNeighbour(cache, 'eth1', '2001:db8:2::ffff', '02:00:00:00:00:02', 'NS', 1000);
    expect(r.changes.map((c) => [c.kind, c.key])).toEqual([['evicted', '2001:db8:2::1'], ['added', '2001:db8:2::ffff']]);
    expect(Object.keys(r.table).length).toBe(NEIGHBOUR_CACHE_CAPACITY);
  });
});
