import { describe, expect, it } from 'vitest';
import {
  EMPTY_ACKNOWLEDGED_CORRESPONDENTS, correspondentsOf, forgetRegistration, onBindingAcknowledge, recordAcknowledgeableUpdate,
} from './acknowledged-correspondents';
import { SECOND, expectSurvivesCloneAndJson, expectSurvivesPlainJson, expectUnchangedBy } from './test-support/table-laws';

const MN = '10.1.0.10';
const CN1 = '198.51.100.5';
const CN2 = '198.51.100.6';
const ID1 = { high: 0xd5c1e2a0, low: 1 };
const ID2 = { high: 0xd5c1e2a0, low: 2 };

describe('the home agent\'s list of correspondents that acknowledged (optim-08 §7.3; Perkins & Johnson §3.4)', () => {
  it('lists a correspondent whose acknowledgement matches (home address, Identification) with Status 0, and no other', () => {
    let t = recordAcknowledgeableUpdate(EMPTY_ACKNOWLEDGED_CORRESPONDENTS, { homeAddress: MN, correspondent: CN1, identification: ID1 }, 0).table;
    t = recordAcknowledgeableUpdate(t, { homeAddress: MN, correspondent: CN2, identification: ID2 }, 0).table;

    const stray = onBindingAcknowledge(t, { homeAddress: MN, identification: { high: 9, low: 9 }, status: 0 }, SECOND);
    expect(stray).toMatchObject({ outcome: 'unmatched', correspondent: null, changes: [] });

    const ok = expectUnchangedBy(t, (frozen) => onBindingAcknowledge(frozen, { homeAddress: MN, identification: ID1, status: 0 }, SECOND));
    expect(ok).toMatchObject({ outcome: 'recorded', correspondent: CN1 });
    expect(ok.changes.map((c) => [c.kind, c.key])).toEqual([['removed', `${MN}|${CN1}`], ['added', MN]]);
    expect(correspondentsOf(ok.table, MN)).toEqual([CN1]);

    const refused = onBindingAcknowledge(ok.table, { homeAddress: MN, identification: ID2, status: 131 }, SECOND);
    expect(refused).toMatchObject({ outcome: 'rejected', correspondent: CN2 });
    expect(correspondentsOf(refused.table, MN)).toEqual([CN1]);
    expect(refused.table.awaiting).toEqual({});
    expectSurvivesCloneAndJson(refused.table);
    expectSurvivesPlainJson(refused.table);
  });

  it('a later acknowledgement from a listed correspondent does not list it twice; the list stays sorted', () => {
    let t = EMPTY_ACKNOWLEDGED_CORRESPONDENTS;
    for (const [cn, id] of [[CN2, ID2], [CN1, ID1]] as const) {
      t = recordAcknowledgeableUpdate(t, { homeAddress: MN, correspondent: cn, identification: id }, 0).table;
      t = onBindingAcknowledge(t, { homeAddress: MN, identification: id, status: 0 }, 0).table;
    }
    t = recordAcknowledgeableUpdate(t, { homeAddress: MN, correspondent: CN1, identification: ID2 }, 5 * SECOND).table;
    const again = onBindingAcknowledge(t, { homeAddress: MN, identification: ID2, status: 0 }, 5 * SECOND);
    expect(again.changes.map((c) => c.kind)).toEqual(['removed']);
    expect(correspondentsOf(again.table, MN)).toEqual([CN1, CN2]);
  });

  it('one outstanding acknowledgement per (mobile node, correspondent): a newer BU replaces the older one', () => {
    let t = recordAcknowledgeableUpdate(EMPTY_ACKNOWLEDGED_CORRESPONDENTS, { homeAddress: MN, correspondent: CN1, identification: ID1 }, 0).table;
    const r = recordAcknowledgeableUpdate(t, { homeAddress: MN, correspondent: CN1, identification: ID2 }, SECOND);
    expect(r.changes[0]).toMatchObject({ kind: 'updated', before: { identification: ID1 }, after: { identification: ID2 } });
    t = r.table;
    expect(onBindingAcknowledge(t, { homeAddress: MN, identification: ID1, status: 0 }, SECOND).outcome).toBe('unmatched');
  });

  it('forgets everything about a mobile node when its registration ends', () => {
    let t = recordAcknowledgeableUpdate(EMPTY_ACKNOWLEDGED_CORRESPONDENTS, { homeAddress: MN, correspondent: CN1, identification: ID1 }, 0).table;
    t = onBindingAcknowledge(t, { homeAddress: MN, identification: ID1, status: 0 }, 0).table;
    t = recordAcknowledgeableUpdate(t, { homeAddress: MN, correspondent: CN2, identification: ID2 }, 0).table;
    t = recordAcknowledgeableUpdate(t, { homeAddress: '10.1.0.11', correspondent: CN2, identification: ID2 }, 0).table;
    const r = forgetRegistration(t, MN, 'RFC 2002 §3.8.2.2');
    expect(r.changes.map((c) => [c.kind, c.key])).toEqual([['removed', `${MN}|${CN2}`], ['removed', MN]]);
    expect(correspondentsOf(r.table, MN)).toEqual([]);
    expect(Object.keys(r.table.awaiting)).toEqual([`10.1.0.11|${CN2}`]);
    expect(forgetRegistration(r.table, MN, 'x')).toEqual({ table: r.table, changes: [] });
  });
});
