import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyBindingUpdate, bindingCacheEntries, emptyBindingCache, expireBindings, lookupBinding, markBindingRequestSent,
  needsRefresh, nextBindingExpiry, peekBinding, refreshAlreadyAsked, refreshPoint, removeBinding, type BindingCache, type BindingCacheUpdate,
} from './binding-cache';
import { SECOND, anyAddress, expectSurvivesCloneAndJson, expectSurvivesPlainJson, expectUnchangedBy } from './test-support/table-laws';

const MN = '10.1.0.10';
const HA = '10.1.0.1';
const COA1 = '192.168.2.1';
const COA2 = '192.168.3.1';

function bu(fields: Partial<BindingCacheUpdate> = {}): BindingCacheUpdate {
  return {
    homeAddress: MN,
    careOfAddress: COA1,
    lifetimeSeconds: 300,
    haAddress: HA,
    allowMinimal: false,
    allowGre: false,
    replay: { style: 'timestamp', lastTimestamp: { high: 0xd5c1e2a0, low: 0x12345678 } },
    spi: 256,
    origin: 'home-agent',
    ...fields,
  };
}

describe('binding cache: creating, refreshing and deleting from Binding Updates (Perkins & Johnson §3.3; optim-08 §3.1; Perkins & Johnson §3)', () => {
  it('a correspondent caches the binding, uses it until its lifetime runs out, then drops it', () => {
    const created = applyBindingUpdate(emptyBindingCache(), bu(), 0);
    expect(created.outcome).toBe('created');
    expect(created.changes).toEqual([expect.objectContaining({ kind: 'added', key: MN, ref: expect.stringContaining('Perkins & Johnson §3.3; optim-08 §3.1') })]);
    expect(created.entry).toMatchObject({ careOfAddress: COA1, expiresAt: 300 * SECOND, haAddress: HA, createdAt: 0, lastUsedAt: null });

    const used = lookupBinding(created.table, MN, 299 * SECOND + 999_999);
    expect(used.entry?.careOfAddress).toBe(COA1);
    expect(used.touched).toBe(true);
    expect(used.entry?.lastUsedAt).toBe(299 * SECOND + 999_999);

    // At exactly 300 s the entry is gone: lookups miss even before expire() runs.
    expect(peekBinding(used.table, MN, 300 * SECOND)).toBeNull();
    expect(lookupBinding(used.table, MN, 300 * SECOND)).toEqual({ table: used.table, entry: null, touched: false });
    const expired = expireBindings(used.table, 300 * SECOND);
    expect(expired.changes).toEqual([expect.objectContaining({ kind: 'expired', key: MN, before: used.entry })]);
    expect(expired.table.entries).toEqual({});
  });

  it('an infinite lifetime (0xFFFF) never expires and never asks for a refresh', () => {
    const { table, entry } = applyBindingUpdate(emptyBindingCache(), bu({ lifetimeSeconds: 0xffff }), 0);
    expect(entry?.expiresAt).toBeNull();
    const muchLater = 10 ** 12 * SECOND;
    expect(expireBindings(table, muchLater)).toEqual({ table, changes: [] });
    expect(peekBinding(table, MN, muchLater)).toBe(entry);
    expect(refreshPoint(entry!)).toBeNull();
    expect(needsRefresh({ ...entry!, lastUsedAt: muchLater }, muchLater)).toBe(false);
    expect(nextBindingExpiry(table)).toBeNull();
  });

  it('a newer Binding Update moves the binding and restarts its lifetime, keeping its history', () => {
    const first = applyBindingUpdate(emptyBindingCache(), bu(), 0);
    const used = lookupBinding(first.table, MN, 5 * SECOND).table;
    const second = applyBindingUpdate(used, bu({ careOfAddress: COA2, lifetimeSeconds: 100, allowGre: true }), 10 * SECOND);
    expect(second.outcome).toBe('refreshed');
    expect(second.entry).toMatchObject({ careOfAddress: COA2, expiresAt: 110 * SECOND, createdAt: 0, updatedAt: 10 * SECOND, lastUsedAt: 5 * SECOND, allowGre: true });
    expect(second.changes).toEqual([expect.objectContaining({ kind: 'updated', before: expect.objectContaining({ careOfAddress: COA1 }), after: second.entry })]);
  });

  it('Lifetime 0, or a care-of address equal to the home address, deletes the entry (Perkins & Johnson §3.3; optim-08 §3.1)', () => {
    const { table } = applyBindingUpdate(emptyBindingCache(), bu(), 0);
    const byLifetime = applyBindingUpdate(table, bu({ lifetimeSeconds: 0 }), SECOND);
    expect(byLifetime).toMatchObject({ outcome: 'deleted', entry: null, table: { entries: {} } });
    expect(byLifetime.changes[0]).toMatchObject({ kind: 'removed', key: MN, reason: 'Lifetime 0: the binding is deleted' });
    const byHome = applyBindingUpdate(table, bu({ careOfAddress: MN }), SECOND);
    expect(byHome.outcome).toBe('deleted');
    expect(byHome.changes[0]?.reason).toContain('care-of address = home address');
    // Nothing cached: a delete creates nothing and changes nothing.
    expect(applyBindingUpdate(emptyBindingCache(), bu({ lifetimeSeconds: 0 }), 0)).toMatchObject({ outcome: 'nothing-to-delete', changes: [] });
  });

  it('a Binding Update for an entry whose lifetime already ran out starts a new entry rather than refreshing the dead one', () => {
    let cache = applyBindingUpdate(emptyBindingCache(), bu({ lifetimeSeconds: 10 }), 0).table;
    cache = lookupBinding(cache, MN, 5 * SECOND).table;
    const again = applyBindingUpdate(cache, bu({ careOfAddress: COA2 }), 20 * SECOND);
    expect(again.outcome).toBe('created');
    expect(again.changes.map((c) => c.kind)).toEqual(['expired', 'added']);
    expect(again.entry).toMatchObject({ createdAt: 20 * SECOND, lastUsedAt: null });
    const deleteDead = applyBindingUpdate(cache, bu({ lifetimeSeconds: 0 }), 20 * SECOND);
    expect(deleteDead).toMatchObject({ outcome: 'nothing-to-delete', table: { entries: {} } });
    expect(deleteDead.changes.map((c) => c.kind)).toEqual(['expired']);
  });

  it('an administrative removal reports what it removed', () => {
    const { table } = applyBindingUpdate(emptyBindingCache(), bu(), 0);
    const r = removeBinding(table, MN, 'learner command', 'cleared from the state panel');
    expect(r.changes).toEqual([expect.objectContaining({ kind: 'removed', ref: 'learner command', reason: 'cleared from the state panel' })]);
    expect(removeBinding(r.table, MN, 'x').changes).toEqual([]);
  });

  it('refuses a lifetime no Lifetime field can carry, and a capacity below 1', () => {
    expect(() => applyBindingUpdate(emptyBindingCache(), bu({ lifetimeSeconds: 0x10000 }), 0)).toThrow(RangeError);
    expect(() => emptyBindingCache(0)).toThrow(RangeError);
  });
});

describe('binding cache: capacity and LRU replacement (optim-08 §3.1; OC-33)', () => {
  it('defaults to 64 entries', () => {
    expect(emptyBindingCache().capacity).toBe(64);
  });

  it('a cache of capacity 2 evicts the least recently used entry when a third mobile node\'s binding arrives', () => {
    let cache = emptyBindingCache(2);
    cache = applyBindingUpdate(cache, bu({ homeAddress: '10.1.0.10' }), 0).table;
    cache = applyBindingUpdate(cache, bu({ homeAddress: '10.1.0.11' }), 1 * SECOND).table;
    cache = lookupBinding(cache, '10.1.0.10', 2 * SECOND).table; // .10 was used more recently than .11
    const third = applyBindingUpdate(cache, bu({ homeAddress: '10.1.0.12' }), 3 * SECOND);
    expect(third.changes.map((c) => [c.kind, c.key])).toEqual([['evicted', '10.1.0.11'], ['added', '10.1.0.12']]);
    expect(third.changes[0]?.ref).toContain('optim-08 §3.1 (LRU); lab choice');
    expect(bindingCacheEntries(third.table).map((e) => e.homeAddress)).toEqual(['10.1.0.10', '10.1.0.12']);
  });

  it('an expired entry makes room before any live one is evicted', () => {
    let cache = emptyBindingCache(2);
    cache = applyBindingUpdate(cache, bu({ homeAddress: '10.1.0.10', lifetimeSeconds: 5 }), 0).table;
    cache = applyBindingUpdate(cache, bu({ homeAddress: '10.1.0.11' }), 0).table;
    const third = applyBindingUpdate(cache, bu({ homeAddress: '10.1.0.12' }), 6 * SECOND);
    expect(third.changes.map((c) => [c.kind, c.key])).toEqual([['expired', '10.1.0.10'], ['added', '10.1.0.12']]);
  });

  it('breaks ties deterministically: equally recent → older entry, then lower address text', () => {
    let cache = emptyBindingCache(2);
    cache = applyBindingUpdate(cache, bu({ homeAddress: '10.1.0.11' }), 0).table;
    cache = applyBindingUpdate(cache, bu({ homeAddress: '10.1.0.10' }), 0).table;
    const third = applyBindingUpdate(cache, bu({ homeAddress: '10.1.0.12' }), 0);
    expect(third.changes[0]).toMatchObject({ kind: 'evicted', key: '10.1.0.10' });
  });
});

describe('binding cache: refreshing with a Binding Request (OC-43)', () => {
  it('asks once remaining ≤ max(10 s, 20 %) while the entry is in use, and only once', () => {
    let cache = applyBindingUpdate(emptyBindingCache(), bu({ lifetimeSeconds: 300 }), 0).table;
    expect(refreshPoint(cache.entries[MN]!)).toBe(240 * SECOND); // 20 % of 300 s = 60 s > 10 s
    cache = lookupBinding(cache, MN, 230 * SECOND).table;
    expect(needsRefresh(cache.entries[MN]!, 240 * SECOND - 1)).toBe(false);
    expect(needsRefresh(cache.entries[MN]!, 240 * SECOND)).toBe(true);

    const sent = markBindingRequestSent(cache, MN, 240 * SECOND);
    expect(sent.changes).toEqual([expect.objectContaining({ kind: 'updated', ref: expect.stringContaining('§3.2') })]);
    expect(needsRefresh(sent.table.entries[MN]!, 250 * SECOND)).toBe(false); // one outstanding BR, no retransmission
    expect(markBindingRequestSent(sent.table, MN, 250 * SECOND).changes).toEqual([]);

    // An answer that extends the entry opens a new refresh window: one more Binding Request there, in time.
    const answered = applyBindingUpdate(sent.table, bu({ lifetimeSeconds: 300 }), 251 * SECOND);
    expect(answered.entry?.bindingRequestSentAt).toBe(240 * SECOND);
    const usedAgain = lookupBinding(answered.table, MN, 480 * SECOND).table;
    expect(needsRefresh(usedAgain.entries[MN]!, 490 * SECOND)).toBe(false);
    expect(needsRefresh(usedAgain.entries[MN]!, 491 * SECOND)).toBe(true); // 251 s + 300 s − 60 s
  });

  it('an answer that cannot extend the entry past its refresh window asks no more: the entry is left to expire (OC-43 revised)', () => {
    let cache = applyBindingUpdate(emptyBindingCache(), bu({ lifetimeSeconds: 30 }), 0).table;
    cache = lookupBinding(cache, MN, 20 * SECOND).table;
    expect(needsRefresh(cache.entries[MN]!, 20 * SECOND)).toBe(true);
    cache = markBindingRequestSent(cache, MN, 20 * SECOND).table;
    // The home agent's answer carries what is left of the registration: 9 s, inside the 10 s window.
    const answered = applyBindingUpdate(cache, bu({ lifetimeSeconds: 9 }), 21 * SECOND);
    expect(refreshAlreadyAsked(answered.entry!)).toBe(true);
    const used = lookupBinding(answered.table, MN, 22 * SECOND).table;
    expect(needsRefresh(used.entries[MN]!, 22 * SECOND)).toBe(false);
    expect(needsRefresh(used.entries[MN]!, 29 * SECOND)).toBe(false);
    expect(peekBinding(used, MN, 30 * SECOND)).toBeNull(); // gone at 21 s + 9 s
  });

  it('uses the 10 s floor for short lifetimes and stays silent for an entry nobody used lately', () => {
    let cache = applyBindingUpdate(emptyBindingCache(), bu({ lifetimeSeconds: 30 }), 0).table;
    expect(refreshPoint(cache.entries[MN]!)).toBe(20 * SECOND); // 20 % of 30 s = 6 s < 10 s
    expect(needsRefresh(cache.entries[MN]!, 25 * SECOND)).toBe(false); // never used
    cache = lookupBinding(cache, MN, 0).table;
    expect(needsRefresh(cache.entries[MN]!, 25 * SECOND)).toBe(true); // used 25 s ago
    cache = applyBindingUpdate(cache, bu({ lifetimeSeconds: 60 }), 25 * SECOND).table;
    expect(needsRefresh(cache.entries[MN]!, 75 * SECOND)).toBe(false); // last use 75 s ago > 30 s
  });
});

describe('binding cache: laws', () => {
  const anyUpdate = fc.record({
    homeAddress: anyAddress,
    careOfAddress: anyAddress,
    lifetimeSeconds: fc.oneof(fc.constant(0), fc.constant(0xffff), fc.integer({ min: 1, max: 120 })),
    allowGre: fc.boolean(),
  });
  const anyStep = fc.oneof(
    fc.record({ op: fc.constant('apply' as const), update: anyUpdate, gap: fc.integer({ min: 0, max: 20 * SECOND }) }),
    fc.record({ op: fc.constant('lookup' as const), home: anyAddress, gap: fc.integer({ min: 0, max: 20 * SECOND }) }),
    fc.record({ op: fc.constant('expire' as const), gap: fc.integer({ min: 0, max: 200 * SECOND }) }),
    fc.record({ op: fc.constant('mark' as const), home: anyAddress, gap: fc.integer({ min: 0, max: SECOND }) }),
  );

  it('never exceeds its capacity, never mutates its input, and survives structuredClone and JSON', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 4 }), fc.array(anyStep, { maxLength: 40 }), (capacity, steps) => {
      let cache: BindingCache = emptyBindingCache(capacity);
      let now = 0;
      for (const step of steps) {
        now += step.gap;
        cache = expectUnchangedBy(cache, (frozen) => {
          switch (step.op) {
            case 'apply': return applyBindingUpdate(frozen, bu(step.update), now).table;
            case 'lookup': return lookupBinding(frozen, step.home, now).table;
            case 'expire': return expireBindings(frozen, now).table;
            case 'mark': return markBindingRequestSent(frozen, step.home, now).table;
          }
        });
        expect(Object.keys(cache.entries).length).toBeLessThanOrEqual(capacity);
        for (const e of Object.values(cache.entries)) expect(e.careOfAddress).not.toBe(e.homeAddress);
        expectSurvivesCloneAndJson(cache);
        expectSurvivesPlainJson(cache);
      }
    }));
  });

  it('every change record names a spec rule', () => {
    let checked = 0;
    fc.assert(fc.property(fc.array(anyUpdate, { maxLength: 12 }), (updates) => {
      let cache = emptyBindingCache(2);
      updates.forEach((u, i) => {
        const r = applyBindingUpdate(cache, bu(u), i * 50 * SECOND);
        for (const c of r.changes) expect(c.ref).toMatch(/§|OC-\d\d/);
        checked += r.changes.length;
        cache = r.table;
      });
    }));
    expect(checked).toBeGreaterThan(100); // the runs did produce change records to check
  });
});
