import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SecurityAssociation } from '../../crypto/security-association';
import {
  EMPTY_VISITOR_LIST, applyReply, expireVisitors, findRegistrationKey, nextVisitorDeadline, pendingFor, recordPendingRequest,
  removeAfterSmoothHandoff, visitorFor, type PendingKeyMaterial, type RelayedReply, type RelayedRequest, type VisitorList,
} from './visitor-list';
import { SECOND, expectSurvivesCloneAndJson, expectUnchangedBy } from './test-support/table-laws';

const MN = '10.1.0.10';
const HA = '10.1.0.1';
const FA = '192.168.2.1';
const ID1 = { high: 0xd5c1e2a0, low: 0x12345678 };
const ID2 = { high: 0xd5c1e2a5, low: 0x9abcdef0 };

function request(fields: Partial<RelayedRequest> = {}): RelayedRequest {
  return {
    homeAddress: MN, linkAddress: '02:00:00:00:00:0a', requestDestination: FA, udpSourcePort: 49152, homeAgent: HA,
    careOfAddress: FA, identification: ID1, requestedLifetimeSeconds: 300, ...fields,
  };
}
function reply(fields: Partial<RelayedReply> = {}): RelayedReply {
  return { homeAddress: MN, identification: ID1, accepted: true, grantedLifetimeSeconds: 300, registrationKey: null, ...fields };
}
const KEY: SecurityAssociation = { spi: 0x1000, peer: MN, algorithm: 'keyed-md5', key: new Uint8Array(16).fill(0x5a), replay: 'timestamp' };
const DH: PendingKeyMaterial = { method: 'diffie-hellman', spi: 0x1001, group: 'modp-768', privateExponent: new Uint8Array([1, 2, 3]), mobileNodePublic: new Uint8Array([4, 5, 6]) };

/** A mobile node registered at t=0, Reply forwarded at t=0.05 s, with a registration key. */
function registered(): VisitorList {
  const pending = recordPendingRequest(EMPTY_VISITOR_LIST, request(), DH, 0).table;
  return applyReply(pending, reply({ registrationKey: KEY }), 50_000).table;
}

describe('visitor list: pending and current registrations (RFC 2002 §3.7, §3.7.1, §3.7.3)', () => {
  it('a relayed Request waits as a pending entry; the accepting Reply makes it current, timed from forwarding the Reply', () => {
    const rrq = recordPendingRequest(EMPTY_VISITOR_LIST, request(), DH, 0);
    expect(rrq.changes).toEqual([expect.objectContaining({ kind: 'added', key: `pending ${MN}` })]);
    expect(pendingFor(rrq.table, MN, 0)).toMatchObject({ state: 'pending', expiresAt: 300 * SECOND, pendingKey: DH });
    expect(visitorFor(rrq.table, MN, 0)).toBeNull();

    const rrp = applyReply(rrq.table, reply({ registrationKey: KEY }), 50_000);
    expect(rrp.outcome).toBe('registered');
    expect(rrp.pending?.udpSourcePort).toBe(49152); // where the FA relays the Reply
    expect(rrp.changes.map((c) => [c.kind, c.key])).toEqual([['removed', `pending ${MN}`], ['added', MN]]);
    expect(visitorFor(rrp.table, MN, 50_000)).toMatchObject({
      state: 'registered', careOfAddress: FA, homeAgent: HA, grantedLifetimeSeconds: 300, expiresAt: 300 * SECOND + 50_000, registrationKey: KEY,
    });
    expect(pendingFor(rrp.table, MN, 50_000)).toBeNull();
  });

  it('a new Request from a listed mobile node does not modify its entry until a successful Reply; a denial leaves it untouched', () => {
    const list = registered();
    const before = visitorFor(list, MN, SECOND);
    const again = recordPendingRequest(list, request({ identification: ID2, requestedLifetimeSeconds: 600 }), null, 100 * SECOND);
    expect(visitorFor(again.table, MN, 100 * SECOND)).toBe(before);

    const denied = applyReply(again.table, reply({ identification: ID2, accepted: false }), 100_100_000);
    expect(denied.outcome).toBe('denied');
    expect(denied.changes.map((c) => c.kind)).toEqual(['removed']);
    expect(visitorFor(denied.table, MN, 101 * SECOND)).toBe(before);
    expect(pendingFor(denied.table, MN, 101 * SECOND)).toBeNull();

    // Accepted this time: the entry is replaced, and keeps its registration key (no new key was asked for).
    const accepted = applyReply(again.table, reply({ identification: ID2, grantedLifetimeSeconds: 600 }), 101 * SECOND);
    expect(accepted.changes.map((c) => [c.kind, c.key])).toEqual([['removed', `pending ${MN}`], ['updated', MN]]);
    expect(accepted.entry).toMatchObject({ identification: ID2, expiresAt: 701 * SECOND, registrationKey: KEY });
  });

  it('discards a Reply that matches no pending Request by (home address, low 32 bits) (RFC 2002 §3.7.3)', () => {
    const pending = recordPendingRequest(EMPTY_VISITOR_LIST, request(), null, 0).table;
    expect(applyReply(pending, reply({ identification: { high: ID1.high, low: 1 } }), SECOND)).toMatchObject({ outcome: 'no-pending', table: pending, changes: [] });
    expect(applyReply(pending, reply({ homeAddress: '10.1.0.11' }), SECOND).outcome).toBe('no-pending');
    // Only the low half is compared (the HA may rewrite the high half, RFC 2002 §5.6).
    expect(applyReply(pending, reply({ identification: { high: 7, low: ID1.low } }), SECOND).outcome).toBe('registered');
  });

  it('an accepted deregistration deletes the entry; its pending entry lived at least 10 s despite Lifetime 0', () => {
    const list = registered();
    const dereg = recordPendingRequest(list, request({ identification: ID2, requestedLifetimeSeconds: 0 }), null, 200 * SECOND);
    expect(pendingFor(dereg.table, MN, 200 * SECOND)?.expiresAt).toBe(210 * SECOND);
    const r = applyReply(dereg.table, reply({ identification: ID2, grantedLifetimeSeconds: 0 }), 200_500_000);
    expect(r.outcome).toBe('deregistered');
    expect(r.changes.map((c) => [c.kind, c.key])).toEqual([['removed', `pending ${MN}`], ['removed', MN]]);
    expect(r.table).toEqual(EMPTY_VISITOR_LIST);
  });

  it('drops a pending entry with no Reply in time, and a registration at the end of its lifetime', () => {
    const pending = recordPendingRequest(EMPTY_VISITOR_LIST, request({ homeAddress: '10.1.0.11', requestedLifetimeSeconds: 20 }), null, 0).table;
    const list = { ...pending, current: registered().current };
    expect(nextVisitorDeadline(list)).toBe(20 * SECOND);
    const r1 = expireVisitors(list, 20 * SECOND);
    expect(r1.changes).toEqual([expect.objectContaining({ kind: 'expired', key: 'pending 10.1.0.11', ref: 'RFC 2002 §3.7.2' })]);
    const r2 = expireVisitors(r1.table, 300 * SECOND + 50_000);
    expect(r2.changes).toEqual([expect.objectContaining({ kind: 'expired', key: MN, reason: 'registration lifetime ran out' })]);
    expect(r2.table).toEqual(EMPTY_VISITOR_LIST);
    expect(expireVisitors(r2.table, 10 ** 9 * SECOND).changes).toEqual([]);
  });
});

describe('visitor list: the previous FA in a smooth handoff (Perkins & Johnson §4.1; optim-08 §8.1; OC-23)', () => {
  it('releases the entry on the authenticated BU and keeps the key for Cache Lifetime for retransmitted BUs', () => {
    const list = registered();
    expect(findRegistrationKey(list, MN, 0x1000, 10 * SECOND)).toEqual({ key: KEY, source: 'visitor-entry', registeredWith: ID1 });
    expect(findRegistrationKey(list, MN, 0x1001, 10 * SECOND)).toBeNull(); // wrong SPI

    const r = removeAfterSmoothHandoff(list, MN, 20, 10 * SECOND, ID2);
    expect(r.removed?.homeAgent).toBe(HA); // becomes the forwarding entry's HA address (OC-24)
    expect(r.changes.map((c) => [c.kind, c.key, c.ref])).toEqual([
      ['removed', MN, 'optim-08 §8.1; Perkins & Johnson §4.1'],
      ['added', `retained key ${MN}#4096`, 'lab choice; optim-06 §11.1'],
    ]);
    expect(visitorFor(r.table, MN, 10 * SECOND)).toBeNull();
    expect(findRegistrationKey(r.table, MN, 0x1000, 30 * SECOND - 1)).toEqual({ key: KEY, source: 'retained', releasedBy: ID2 }); // a retransmission carries the same
    expect(findRegistrationKey(r.table, MN, 0x1000, 30 * SECOND)).toBeNull();

    const gone = expireVisitors(r.table, 30 * SECOND);
    expect(gone.changes).toEqual([expect.objectContaining({ kind: 'expired', key: `retained key ${MN}#4096`, ref: 'lab choice, Perkins & Johnson §4.1' })]);
    expect(gone.table).toEqual(EMPTY_VISITOR_LIST);
    // A second BU after the entry is gone finds nothing more to remove.
    expect(removeAfterSmoothHandoff(gone.table, MN, 20, 31 * SECOND)).toMatchObject({ changes: [], removed: null });
  });

  it('keeps the key for the default Cache Lifetime (OC-22, 10 s) when the BU said Lifetime 0', () => {
    const r = removeAfterSmoothHandoff(registered(), MN, 0, 10 * SECOND);
    expect(r.table.retainedKeys[`${MN}#4096`]?.retainUntil).toBe(20 * SECOND);
  });
});

describe('visitor list: laws', () => {
  it('state holding keys and pending key material survives structuredClone and JSON text, and is never mutated', () => {
    fc.assert(fc.property(
      fc.array(fc.record({
        op: fc.constantFrom('request', 'reply-ok', 'reply-denied', 'handoff', 'expire'),
        home: fc.constantFrom('10.1.0.10', '10.1.0.11'),
        low: fc.integer({ min: 0, max: 2 }),
        lifetime: fc.constantFrom(0, 5, 300, 0xffff),
        gap: fc.integer({ min: 0, max: 30 * SECOND }),
      }), { maxLength: 30 }),
      (steps) => {
        let list = EMPTY_VISITOR_LIST;
        let now = 0;
        for (const s of steps) {
          now += s.gap;
          const id = { high: 1, low: s.low };
          list = expectUnchangedBy(list, (frozen) => {
            switch (s.op) {
              case 'request': return recordPendingRequest(frozen, request({ homeAddress: s.home, identification: id, requestedLifetimeSeconds: s.lifetime }), DH, now).table;
              case 'reply-ok': return applyReply(frozen, reply({ homeAddress: s.home, identification: id, grantedLifetimeSeconds: s.lifetime, registrationKey: { ...KEY, peer: s.home } }), now).table;
              case 'reply-denied': return applyReply(frozen, reply({ homeAddress: s.home, identification: id, accepted: false }), now).table;
              case 'handoff': return removeAfterSmoothHandoff(frozen, s.home, s.lifetime, now).table;
              case 'expire': return expireVisitors(frozen, now).table;
            }
          });
          expectSurvivesCloneAndJson(list);
        }
      },
    ));
  });
});
