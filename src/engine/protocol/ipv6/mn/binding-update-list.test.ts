// The Binding Update List (RFC 6275 §11.1): sequence numbers, acknowledgement
// matching, refusals, expiry.

import { describe, expect, it } from 'vitest';
import {
  bindingUpdateListEntries, correspondentsToUpdate, expireBindingUpdateList, matchAcknowledgement, nextSequence,
  recordAcknowledged, recordRefusal, recordSent, stopSendingTo, type BindingUpdateList, type SentBindingUpdate,
} from './binding-update-list';

const S = 1_000_000;
const toCn = (over: Partial<SentBindingUpdate> = {}): SentBindingUpdate => ({
  destination: '2001:db8:100::5', kind: 'correspondent', homeAddress: '2001:db8:1::10', careOfAddress: '2001:db8:2::ff:fe00:500',
  sequence: 1, lifetimeS: 40, authentication: 'ipsec', ...over,
});

describe('Binding Update List (RFC 6275 §11.1)', () => {
  it('numbers Binding Updates per destination from 1, wrapping modulo 2^16 (RFC 6275 §11.7.1)', () => {
    expect(nextSequence({}, '2001:db8:100::5')).toBe(1);
    const list = recordSent({}, toCn({ sequence: 0xffff }), 0).table;
    expect(nextSequence(list, '2001:db8:100::5')).toBe(0);
    expect(nextSequence(list, '2001:db8:1::1')).toBe(1);
  });

  it('records a send with its lifetime and counts an unanswered resend of the same binding', () => {
    const first = recordSent({}, toCn(), 2 * S);
    expect(first.changes.map((c) => c.kind)).toEqual(['added']);
    const e = first.table['2001:db8:100::5']!;
    expect(e).toMatchObject({ sequence: 1, sentAt: 2 * S, expiresAt: 42 * S, acknowledgedAt: null, sending: true, retransmissions: 0 });
    const again = recordSent(first.table, toCn({ sequence: 2 }), 3 * S).table['2001:db8:100::5']!;
    expect(again.retransmissions).toBe(1);
    const moved = recordSent(first.table, toCn({ sequence: 2, careOfAddress: '2001:db8:3::ff:fe00:500' }), 3 * S).table['2001:db8:100::5']!;
    expect(moved.retransmissions).toBe(0);
  });

  it('an acknowledgement counts only for the newest Binding Update sent to its source (RFC 6275 §11.7.3)', () => {
    const list = recordSent(recordSent({}, toCn(), 0).table, toCn({ sequence: 2 }), S).table;
    expect(matchAcknowledgement(list, '2001:db8:100::5', 2).kind).toBe('matched');
    const stale = matchAcknowledgement(list, '2001:db8:100::5', 1);
    expect(stale).toEqual({ kind: 'unexpected', reason: 'it answers Binding Update #1, but the newest sent to 2001:db8:100::5 is #2' });
    expect(matchAcknowledgement(list, '2001:db8:100::6', 2).kind).toBe('unexpected');
  });

  it('an acknowledgement starts the granted lifetime (never more than asked); a deletion acknowledged removes the entry', () => {
    const list = recordSent({}, toCn(), 0).table;
    const acked = recordAcknowledged(list, '2001:db8:100::5', 400, 2 * S).table['2001:db8:100::5']!;
    expect(acked).toMatchObject({ acknowledgedAt: 2 * S, grantedLifetimeS: 400, expiresAt: 42 * S });
    const deleting = recordSent(list, toCn({ sequence: 2, lifetimeS: 0, careOfAddress: '2001:db8:1::10' }), 5 * S).table;
    const gone = recordAcknowledged(deleting, '2001:db8:100::5', 0, 6 * S);
    expect(gone.table).toEqual({});
    expect(gone.changes.map((c) => c.kind)).toEqual(['removed']);
  });

  it('an unanswered deletion waits up to 32 s for its acknowledgement before it expires (MAX_BINDACK_TIMEOUT)', () => {
    const list = recordSent({}, toCn({ lifetimeS: 0 }), 10 * S).table;
    expect(expireBindingUpdateList(list, 41 * S).table).toBe(list);
    const expired = expireBindingUpdateList(list, 42 * S);
    expect(expired.table).toEqual({});
    expect(expired.changes[0]).toMatchObject({ kind: 'expired', key: '2001:db8:100::5' });
  });

  it('an acknowledged binding expires when its lifetime runs out', () => {
    const list = recordAcknowledged(recordSent({}, toCn(), 0).table, '2001:db8:100::5', 40, 0).table;
    expect(Object.keys(expireBindingUpdateList(list, 39 * S).table)).toHaveLength(1);
    expect(Object.keys(expireBindingUpdateList(list, 40 * S).table)).toHaveLength(0);
  });

  it('a refusal is kept with its reason; a correspondent told to stop is no longer updated after a move', () => {
    let list: BindingUpdateList = recordSent({}, toCn(), 0).table;
    list = recordSent(list, toCn({ destination: '2001:db8:100::6' }), 0).table;
    list = recordSent(list, toCn({ destination: '2001:db8:1::1', kind: 'home-agent' }), 0).table;
    expect(correspondentsToUpdate(list).map((e) => e.destination)).toEqual(['2001:db8:100::5', '2001:db8:100::6']);
    list = recordRefusal(list, '2001:db8:100::6', '129 (administratively prohibited)', false, 'RFC 6275 §11.7.3').table;
    list = stopSendingTo(list, '2001:db8:100::5', 'Parameter Problem', 'RFC 6275 §11.3.5').table;
    expect(correspondentsToUpdate(list)).toHaveLength(0);
    expect(bindingUpdateListEntries(list).map((e) => [e.destination, e.sending])).toEqual([
      ['2001:db8:100::5', false], ['2001:db8:100::6', false], ['2001:db8:1::1', true],
    ]);
    expect(list['2001:db8:100::6']!.refusal).toBe('129 (administratively prohibited)');
  });
});
