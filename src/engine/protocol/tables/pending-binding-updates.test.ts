import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hexToBytes } from '../../wire/test-support/laws';
import {
  EMPTY_PENDING_BINDING_UPDATES, acknowledgeSmoothHandoff, armSmoothHandoff, cancelPendingTo, nextSmoothHandoffDeadline, retransmissionsDue,
  type ArmSmoothHandoff, type PendingBindingUpdates,
} from './pending-binding-updates';
import { SECOND, expectSurvivesCloneAndJson, expectUnchangedBy } from './test-support/table-laws';

const MN = '10.1.0.10';
const FA1 = '192.168.2.1';
const FA2 = '192.168.3.1';
const ID = { high: 0xd5c1e2a0, low: 0x12345678 };
// docs/protocol-notes.md §Test vectors "Smooth handoff": the BU the new FA built (42 octets).
const BU_BYTES = hexToBytes(`
  12 c0 00 14 0a 01 00 0a c0 a8 03 01 d5 c1 e2 a0 12 34 56 78
  23 14 00 00 10 00 05 4a 45 df 72 f2 c4 0b c6 73 8e 22 eb 4e bb 57`);

const KEY = { spi: 0x1000, peer: FA1, algorithm: 'keyed-md5' as const, key: new Uint8Array(16).fill(0x5a), replay: 'timestamp' as const };

function arm(fields: Partial<ArmSmoothHandoff> = {}): ArmSmoothHandoff {
  return { homeAddress: MN, previousFa: FA1, newCareOfAddress: FA2, identification: ID, association: KEY, bytes: BU_BYTES, cacheLifetimeSeconds: 10, oldRegistrationEndsAt: 100 * SECOND, ...fields };
}

/** Fires the timer whenever it is due, until nothing is pending; returns the send times in seconds. */
function runTimer(table: PendingBindingUpdates): { sentAt: number[]; timeouts: number[]; gaveUpAt: number | null } {
  const sentAt: number[] = [];
  const timeouts: number[] = [];
  let gaveUpAt: number | null = null;
  for (let next = nextSmoothHandoffDeadline(table); next !== null; next = nextSmoothHandoffDeadline(table)) {
    const r = retransmissionsDue(table, next);
    for (const t of r.transmit) {
      expect(t).toEqual({ source: MN, destination: FA1, bytes: BU_BYTES }); // OC-34: byte-identical, from the home address
      sentAt.push(next / SECOND);
    }
    for (const c of r.changes) {
      if (c.kind === 'updated') timeouts.push(c.after!.timeoutSeconds);
      if (c.kind === 'expired') gaveUpAt = next / SECOND;
    }
    table = r.table;
  }
  return { sentAt, timeouts, gaveUpAt };
}

describe('the mobile node\'s pending smooth-handoff Binding Update (Perkins & Johnson §4.1; optim-08 §3.2; OC-21, OC-34)', () => {
  it('with no acknowledgement it resends after 1, 2, 4, 8 s, and gives up once the Cache Lifetime and the previous FA\'s key retention have passed (OC-21)', () => {
    const armed = armSmoothHandoff(EMPTY_PENDING_BINDING_UPDATES, arm(), 0);
    expect(armed.changes).toEqual([expect.objectContaining({ kind: 'added', key: FA1, reason: expect.stringContaining('first retransmission at t=1.000 s') })]);
    expect(nextSmoothHandoffDeadline(armed.table)).toBe(1 * SECOND);
    const { sentAt, timeouts, gaveUpAt } = runTimer(armed.table);
    expect(sentAt).toEqual([1, 3, 7, 15]);
    expect(timeouts).toEqual([2, 4, 8, 16]);
    expect(gaveUpAt).toBe(20); // 10 s Cache Lifetime + 10 s key retention (OC-23), not the old registration's 100 s
    // Cache Lifetime 0 (only release): the previous FA still keeps the key the default 10 s.
    expect(runTimer(armSmoothHandoff(EMPTY_PENDING_BINDING_UPDATES, arm({ cacheLifetimeSeconds: 0 }), 0).table).gaveUpAt).toBe(10);
  });

  it('gives up when the old registration ends, if that comes first (optim-08 §3.2)', () => {
    const { sentAt, gaveUpAt } = runTimer(armSmoothHandoff(EMPTY_PENDING_BINDING_UPDATES, arm({ oldRegistrationEndsAt: 5 * SECOND }), 0).table);
    expect(sentAt).toEqual([1, 3]);
    expect(gaveUpAt).toBe(5);
  });

  it('an infinite Cache Lifetime and an old registration with infinite lifetime keep it retransmitting every 32 s until acknowledged', () => {
    let table = armSmoothHandoff(EMPTY_PENDING_BINDING_UPDATES, arm({ cacheLifetimeSeconds: 0xffff, oldRegistrationEndsAt: null }), 0).table;
    for (const t of [1, 3, 7, 15, 31, 63, 95, 127]) {
      expect(nextSmoothHandoffDeadline(table)).toBe(t * SECOND);
      table = retransmissionsDue(table, t * SECOND).table;
    }
    expect(table.entries[FA1]).toMatchObject({ retransmissions: 8, timeoutSeconds: 32 });
  });

  it('a timer firing early changes nothing', () => {
    const { table } = armSmoothHandoff(EMPTY_PENDING_BINDING_UPDATES, arm(), 0);
    expect(retransmissionsDue(table, SECOND - 1)).toEqual({ table, changes: [], transmit: [] });
  });

  it('a Binding Acknowledge with the same home address and Identification stops it', () => {
    let table = armSmoothHandoff(EMPTY_PENDING_BINDING_UPDATES, arm(), 0).table;
    table = retransmissionsDue(table, 1 * SECOND).table;
    expect(acknowledgeSmoothHandoff(table, { homeAddress: MN, identification: { ...ID, low: 1 }, status: 0 }, FA1, 2 * SECOND))
      .toMatchObject({ outcome: 'unmatched', table, changes: [] });
    expect(acknowledgeSmoothHandoff(table, { homeAddress: '10.1.0.11', identification: ID, status: 0 }, FA1, 2 * SECOND).outcome).toBe('unmatched');
    expect(acknowledgeSmoothHandoff(table, { homeAddress: MN, identification: ID, status: 0 }, FA2, 2 * SECOND).outcome).toBe('unmatched'); // not from the FA it went to

    const acked = acknowledgeSmoothHandoff(table, { homeAddress: MN, identification: ID, status: 0 }, FA1, 2 * SECOND);
    expect(acked.outcome).toBe('acknowledged');
    expect(acked.changes).toEqual([expect.objectContaining({ kind: 'removed', key: FA1, reason: expect.stringContaining('d5c1e2a0 12345678') })]);
    expect(acked.table).toEqual(EMPTY_PENDING_BINDING_UPDATES);
    expect(nextSmoothHandoffDeadline(acked.table)).toBeNull();
  });

  it('a negative acknowledgement also stops it, and says why (OC-05)', () => {
    const { table } = armSmoothHandoff(EMPTY_PENDING_BINDING_UPDATES, arm(), 0);
    const r = acknowledgeSmoothHandoff(table, { homeAddress: MN, identification: ID, status: 131 }, FA1, SECOND);
    expect(r.outcome).toBe('rejected');
    expect(r.changes[0]?.reason).toBe('rejected with Status 131 (sending node failed authentication): retransmission stopped');
  });

  it('a BU without Identification (I = 0, OC-06) is answered by a BA whose Identification is all zero', () => {
    const { table } = armSmoothHandoff(EMPTY_PENDING_BINDING_UPDATES, arm({ identification: null }), 0);
    expect(acknowledgeSmoothHandoff(table, { homeAddress: MN, identification: ID, status: 0 }, FA1, SECOND).outcome).toBe('unmatched');
    expect(acknowledgeSmoothHandoff(table, { homeAddress: MN, identification: { high: 0, low: 0 }, status: 0 }, FA1, SECOND).outcome).toBe('acknowledged');
  });

  it('registering with that FA again drops the Binding Update that would release it', () => {
    const { table } = armSmoothHandoff(EMPTY_PENDING_BINDING_UPDATES, arm(), 0);
    expect(cancelPendingTo(table, FA2)).toEqual({ table, changes: [] });
    const r = cancelPendingTo(table, FA1);
    expect(r.table).toEqual(EMPTY_PENDING_BINDING_UPDATES);
    expect(r.changes).toEqual([expect.objectContaining({ kind: 'removed', key: FA1, reason: expect.stringContaining('registering with') })]);
  });

  it('keeps its own copy of the bytes, and hands out copies', () => {
    const caller = BU_BYTES.slice();
    let table = armSmoothHandoff(EMPTY_PENDING_BINDING_UPDATES, arm({ bytes: caller }), 0).table;
    caller.fill(0);
    const first = retransmissionsDue(table, SECOND);
    first.transmit[0]!.bytes.fill(0xff);
    table = first.table;
    expect(table.entries[FA1]?.bytes).toEqual(BU_BYTES);
  });

  it('handles two previous foreign agents independently, in a fixed order', () => {
    let table = armSmoothHandoff(EMPTY_PENDING_BINDING_UPDATES, arm({ previousFa: '192.168.9.1', identification: { high: 1, low: 1 } }), 0).table;
    table = armSmoothHandoff(table, arm(), 0).table;
    const r = retransmissionsDue(table, SECOND);
    expect(r.transmit.map((t) => t.destination)).toEqual(['192.168.2.1', '192.168.9.1']);
  });
});

describe('pending Binding Updates: laws', () => {
  it('survive structuredClone and JSON text (bytes included), and are never mutated', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ op: fc.constantFrom('arm', 'timer', 'ack'), fa: fc.constantFrom(FA1, '192.168.9.1'), gap: fc.integer({ min: 0, max: 20 * SECOND }) }), { maxLength: 25 }),
      (steps) => {
        let table = EMPTY_PENDING_BINDING_UPDATES;
        let now = 0;
        for (const s of steps) {
          now += s.gap;
          table = expectUnchangedBy(table, (frozen) => {
            switch (s.op) {
              case 'arm': return armSmoothHandoff(frozen, arm({ previousFa: s.fa, oldRegistrationEndsAt: now + 60 * SECOND }), now).table;
              case 'timer': return retransmissionsDue(frozen, now).table;
              case 'ack': return acknowledgeSmoothHandoff(frozen, { homeAddress: MN, identification: ID, status: 0 }, s.fa, now).table;
            }
          });
          for (const p of Object.values(table.entries)) expect(p.timeoutSeconds).toBeLessThanOrEqual(32);
          expectSurvivesCloneAndJson(table);
        }
      },
    ));
  });
});
