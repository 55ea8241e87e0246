import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_MOBILITY_BINDINGS, acceptRegistration, bindingsOf, currentBinding, expireMobilityBindings, nextMobilityBindingExpiry,
  type AcceptedRegistration, type MobilityBindingFlags, type MobilityBindingList,
} from './mobility-bindings';
import { SECOND, anyAddress, expectSurvivesCloneAndJson, expectSurvivesPlainJson, expectUnchangedBy } from './test-support/table-laws';

const MN = '10.1.0.10';
const FA1 = '192.168.2.1';
const FA2 = '192.168.3.1';
const NO_FLAGS: MobilityBindingFlags = {
  broadcastDatagrams: false, decapsulationByMobileNode: false, minimalEncapsulation: false, greEncapsulation: false, vjCompression: false, privateBinding: false,
};

function reg(fields: Partial<AcceptedRegistration> = {}): AcceptedRegistration {
  return {
    homeAddress: MN, careOfAddress: FA1, grantedLifetimeSeconds: 300, identification: { high: 0xd5c1e2a0, low: 0x12345678 },
    flags: NO_FLAGS, simultaneousBindings: false, registeringFa: FA1, ...fields,
  };
}
const ID2 = { high: 0xd5c1e2a1, low: 1 };
const ID3 = { high: 0xd5c1e2a2, low: 2 };

describe('mobility binding list: accepting registrations (RFC 2002 §3.8.2.2)', () => {
  it('the first registration of a mobile node that was at home creates its binding', () => {
    const r = acceptRegistration(EMPTY_MOBILITY_BINDINGS, reg({ flags: { ...NO_FLAGS, privateBinding: true } }), 2 * SECOND);
    expect(r).toMatchObject({ outcome: 'added', wasAway: false, isAway: true });
    expect(r.binding).toMatchObject({ careOfAddress: FA1, expiresAt: 302 * SECOND, registeredAt: 2 * SECOND, registeringFa: FA1, flags: { privateBinding: true } });
    expect(r.changes).toEqual([expect.objectContaining({ kind: 'added', key: `${MN}@${FA1}`, ref: 'RFC 2002 §3.8.2.2' })]);
    expect(currentBinding(r.table, MN, 2 * SECOND)).toBe(r.binding);
  });

  it('a duplicate registration does not extend the lifetime', () => {
    const first = acceptRegistration(EMPTY_MOBILITY_BINDINGS, reg(), 0);
    const dup = acceptRegistration(first.table, reg(), 100 * SECOND); // same CoA, same Identification
    expect(dup).toMatchObject({ outcome: 'duplicate', changes: [], wasAway: true, isAway: true });
    expect(dup.binding?.expiresAt).toBe(300 * SECOND);
    expect(dup.table).toEqual(first.table);
    // A genuinely new registration (new Identification) does restart the lifetime.
    const again = acceptRegistration(first.table, reg({ identification: ID2 }), 100 * SECOND);
    expect(again.outcome).toBe('replaced');
    expect(again.binding?.expiresAt).toBe(400 * SECOND);
    expect(again.changes).toEqual([expect.objectContaining({ kind: 'updated', before: first.binding, after: again.binding })]);
  });

  it('moving to a new foreign agent without S replaces the old binding', () => {
    const atFa1 = acceptRegistration(EMPTY_MOBILITY_BINDINGS, reg(), 0).table;
    const r = acceptRegistration(atFa1, reg({ careOfAddress: FA2, registeringFa: FA2, identification: ID2 }), 10 * SECOND);
    expect(r.changes.map((c) => [c.kind, c.key])).toEqual([['added', `${MN}@${FA2}`], ['removed', `${MN}@${FA1}`]]);
    expect(r.changes[1]?.reason).toContain('S not set');
    expect(bindingsOf(r.table, MN, 10 * SECOND).map((b) => b.careOfAddress)).toEqual([FA2]);
  });

  it('with S the bindings coexist, and the most recently registered one is current (OC-45)', () => {
    let list = acceptRegistration(EMPTY_MOBILITY_BINDINGS, reg({ simultaneousBindings: true }), 0).table;
    list = acceptRegistration(list, reg({ careOfAddress: FA2, identification: ID2, simultaneousBindings: true }), 5 * SECOND).table;
    expect(bindingsOf(list, MN, 5 * SECOND).map((b) => b.careOfAddress)).toEqual([FA1, FA2]);
    expect(currentBinding(list, MN, 5 * SECOND)?.careOfAddress).toBe(FA2);
    // Re-registering the first care-of address makes it the current one again.
    list = acceptRegistration(list, reg({ identification: ID3, simultaneousBindings: true }), 6 * SECOND).table;
    expect(bindingsOf(list, MN, 6 * SECOND).map((b) => b.careOfAddress)).toEqual([FA2, FA1]);
    expect(currentBinding(list, MN, 6 * SECOND)?.careOfAddress).toBe(FA1);
  });

  it('Lifetime 0 with care-of address = home address deletes every binding; with another CoA only that one', () => {
    let list = acceptRegistration(EMPTY_MOBILITY_BINDINGS, reg({ simultaneousBindings: true }), 0).table;
    list = acceptRegistration(list, reg({ careOfAddress: FA2, identification: ID2, simultaneousBindings: true }), 0).table;

    const one = acceptRegistration(list, reg({ careOfAddress: FA1, grantedLifetimeSeconds: 0, identification: ID3 }), SECOND);
    expect(one).toMatchObject({ outcome: 'deregistered-one', binding: null, wasAway: true, isAway: true });
    expect(bindingsOf(one.table, MN, SECOND).map((b) => b.careOfAddress)).toEqual([FA2]);

    const all = acceptRegistration(list, reg({ careOfAddress: MN, grantedLifetimeSeconds: 0, identification: ID3 }), SECOND);
    expect(all).toMatchObject({ outcome: 'deregistered-all', wasAway: true, isAway: false, table: { bindings: {} } });
    expect(all.changes.map((c) => [c.kind, c.key])).toEqual([['removed', `${MN}@${FA1}`], ['removed', `${MN}@${FA2}`]]);

    expect(acceptRegistration(EMPTY_MOBILITY_BINDINGS, reg({ careOfAddress: MN, grantedLifetimeSeconds: 0 }), 0))
      .toMatchObject({ outcome: 'nothing-to-delete', changes: [], wasAway: false, isAway: false });
    expect(acceptRegistration(one.table, reg({ careOfAddress: FA1, grantedLifetimeSeconds: 0, identification: ID3 }), SECOND).outcome).toBe('nothing-to-delete');
  });
});

describe('mobility binding list: lifetimes (RFC 2002 §3.8.2.2)', () => {
  it('a binding lapses silently at the end of its lifetime; an infinite one never does', () => {
    let list = acceptRegistration(EMPTY_MOBILITY_BINDINGS, reg({ grantedLifetimeSeconds: 60 }), 0).table;
    list = acceptRegistration(list, reg({ homeAddress: '10.1.0.11', grantedLifetimeSeconds: 0xffff }), 0).table;
    expect(nextMobilityBindingExpiry(list)).toBe(60 * SECOND);
    expect(currentBinding(list, MN, 60 * SECOND - 1)).not.toBeNull();
    expect(currentBinding(list, MN, 60 * SECOND)).toBeNull(); // gone even before the purge
    const r = expireMobilityBindings(list, 60 * SECOND);
    expect(r.changes).toEqual([expect.objectContaining({ kind: 'expired', key: `${MN}@${FA1}`, reason: expect.stringContaining('no Reply') })]);
    expect(Object.keys(r.table.bindings)).toEqual(['10.1.0.11']);
    expect(expireMobilityBindings(r.table, 10 ** 12 * SECOND).changes).toEqual([]);
    expect(nextMobilityBindingExpiry(r.table)).toBeNull();
  });

  it('a registration arriving after the old binding lapsed is a first registration again', () => {
    const list = acceptRegistration(EMPTY_MOBILITY_BINDINGS, reg({ grantedLifetimeSeconds: 10 }), 0).table;
    const r = acceptRegistration(list, reg(), 20 * SECOND); // same Identification, but the old binding is no longer current
    expect(r).toMatchObject({ outcome: 'added', wasAway: false });
    expect(r.changes.map((c) => c.kind)).toEqual(['expired', 'added']);
  });
});

describe('mobility binding list: laws', () => {
  it('without S a mobile node has at most one binding; state is plain and never mutated', () => {
    const anyReg = fc.record({
      homeAddress: fc.constantFrom('10.1.0.10', '10.1.0.11'),
      careOfAddress: fc.oneof(anyAddress, fc.constant('10.1.0.10')),
      grantedLifetimeSeconds: fc.oneof(fc.constant(0), fc.constant(0xffff), fc.integer({ min: 1, max: 100 })),
      identification: fc.record({ high: fc.integer({ min: 0, max: 3 }), low: fc.integer({ min: 0, max: 3 }) }),
      simultaneousBindings: fc.boolean(),
      gap: fc.integer({ min: 0, max: 30 * SECOND }),
    });
    fc.assert(fc.property(fc.array(anyReg, { maxLength: 30 }), (regs) => {
      let list: MobilityBindingList = EMPTY_MOBILITY_BINDINGS;
      let now = 0;
      for (const { gap, ...r } of regs) {
        now += gap;
        const result = expectUnchangedBy(list, (frozen) => acceptRegistration(frozen, reg(r), now));
        // A duplicate is a retransmission of an accepted Request: it changes nothing.
        if (result.outcome === 'duplicate') expect(result.changes.filter((c) => c.kind !== 'expired')).toEqual([]);
        else if (!r.simultaneousBindings && r.grantedLifetimeSeconds > 0) expect(bindingsOf(result.table, r.homeAddress, now).length).toBe(1);
        list = result.table;
        if (r.grantedLifetimeSeconds > 0 && result.outcome !== 'duplicate') expect(currentBinding(list, r.homeAddress, now)?.careOfAddress).toBe(r.careOfAddress);
        for (const bs of Object.values(list.bindings)) expect(bs.length).toBeGreaterThan(0);
        expectSurvivesCloneAndJson(list);
        expectSurvivesPlainJson(list);
      }
    }));
  });
});
