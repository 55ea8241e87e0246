import { describe, expect, it } from 'vitest';
import { seconds } from '../../../node/time';
import {
  applyIpv6BindingUpdate, emptyIpv6BindingCache, expireIpv6Bindings, ipv6BindingEntries, markRefreshRequested,
  needsBindingRefresh, nextCacheEvent, peekIpv6Binding, useIpv6Binding, type Ipv6BindingCache, type Ipv6BindingUpdate,
} from './binding-cache-v6';

const HOME = '2001:db8:1::10';
const bu = (o: Partial<Ipv6BindingUpdate> = {}): Ipv6BindingUpdate => ({
  homeAddress: HOME, careOfAddress: '2001:db8:2::10', lifetimeSeconds: 40, sequence: 1, authorization: { kind: 'ipsec', spi: 256 }, ...o,
});

function cacheWith(...updates: readonly [Ipv6BindingUpdate, number][]): Ipv6BindingCache {
  let c = emptyIpv6BindingCache(64);
  for (const [u, at] of updates) c = applyIpv6BindingUpdate(c, u, at).table;
  return c;
}

describe('IPv6 binding cache (RFC 6275 §9.5.2, §9.5.3, §9.6)', () => {
  it('creates, refreshes with a new care-of address, and deletes on Lifetime 0 or care-of = home', () => {
    const created = applyIpv6BindingUpdate(emptyIpv6BindingCache(4), bu(), 0);
    expect(created.outcome).toBe('created');
    expect(peekIpv6Binding(created.table, HOME, 0)).toMatchObject({ careOfAddress: '2001:db8:2::10', expiresAt: seconds(40), sequence: 1 });
    const moved = applyIpv6BindingUpdate(created.table, bu({ careOfAddress: '2001:db8:3::10', sequence: 2 }), seconds(5));
    expect(moved.outcome).toBe('refreshed');
    expect(moved.changes[0]!.reason).toContain('2001:db8:2::10 → 2001:db8:3::10');
    expect(peekIpv6Binding(moved.table, HOME, seconds(5))).toMatchObject({ createdAt: 0, updatedAt: seconds(5), expiresAt: seconds(45) });
    const zero = applyIpv6BindingUpdate(moved.table, bu({ lifetimeSeconds: 0, sequence: 3 }), seconds(6));
    expect(zero.outcome).toBe('deleted');
    expect(zero.changes[0]!.reason).toMatch(/^Lifetime 0/);
    const home = applyIpv6BindingUpdate(moved.table, bu({ careOfAddress: HOME, sequence: 3 }), seconds(6));
    expect(home.outcome).toBe('deleted');
    expect(ipv6BindingEntries(home.table)).toHaveLength(0);
    expect(applyIpv6BindingUpdate(home.table, bu({ lifetimeSeconds: 0 }), seconds(7)).outcome).toBe('nothing-to-delete');
  });

  it('evicts the least recently used entry when full', () => {
    let c = cacheWith([bu({ homeAddress: '2001:db8:1::a' }), 0], [bu({ homeAddress: '2001:db8:1::b' }), 1]);
    c = { ...c, capacity: 2 };
    c = useIpv6Binding(c, '2001:db8:1::a', 2).table; // ::b is now the least recently used
    const r = applyIpv6BindingUpdate(c, bu({ homeAddress: '2001:db8:1::c' }), 3);
    expect(r.changes.map((x) => [x.kind, x.key])).toEqual([['evicted', '2001:db8:1::b'], ['added', '2001:db8:1::c']]);
    expect(ipv6BindingEntries(r.table).map((e) => e.homeAddress)).toEqual(['2001:db8:1::a', '2001:db8:1::c']);
  });

  it('expires entries at the end of their lifetime', () => {
    const c = cacheWith([bu(), 0]);
    expect(expireIpv6Bindings(c, seconds(40) - 1).changes).toHaveLength(0);
    const gone = expireIpv6Bindings(c, seconds(40));
    expect(gone.changes.map((x) => x.kind)).toEqual(['expired']);
    expect(peekIpv6Binding(c, HOME, seconds(40))).toBeNull();
  });

  it('asks for a refresh once per window, only when the entry was used in the last 30 s (docs/ipv6.md §3)', () => {
    // 40 s lifetime: refresh point at 40 − max(10, 8) = 30 s.
    let c = cacheWith([bu(), 0]);
    expect(nextCacheEvent(c, 0)).toEqual({ expiry: seconds(40), refresh: seconds(30) });
    expect(needsBindingRefresh(peekIpv6Binding(c, HOME, 0)!, seconds(31))).toBe(false); // never used
    c = useIpv6Binding(c, HOME, seconds(29)).table;
    const e = peekIpv6Binding(c, HOME, seconds(29))!;
    expect(needsBindingRefresh(e, seconds(29))).toBe(false); // before the refresh point
    expect(needsBindingRefresh(e, seconds(31))).toBe(true);
    c = markRefreshRequested(c, HOME, seconds(31)).table;
    expect(needsBindingRefresh(peekIpv6Binding(c, HOME, seconds(32))!, seconds(32))).toBe(false);
    // The refreshing Binding Update opens a new window.
    c = applyIpv6BindingUpdate(c, bu({ sequence: 2 }), seconds(33)).table;
    c = useIpv6Binding(c, HOME, seconds(60)).table;
    expect(needsBindingRefresh(peekIpv6Binding(c, HOME, seconds(64))!, seconds(64))).toBe(true);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => emptyIpv6BindingCache(0)).toThrow(/positive integer/);
  });
});
