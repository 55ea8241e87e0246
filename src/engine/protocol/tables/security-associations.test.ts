import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8Bytes } from '../../crypto/bytes';
import type { SecurityAssociation } from '../../crypto/security-association';
import { hexToBytes } from '../../wire/test-support/laws';
import {
  EMPTY_SECURITY_ASSOCIATIONS, addSecurityAssociation, associationWithPeer, expireSecurityAssociations, findSecurityAssociation,
  removeSecurityAssociation, securityAssociationEntries, setMasterKey, type MasterKeyConfig, type SecurityAssociationTable,
} from './security-associations';
import { SECOND, anyAddress, expectSurvivesCloneAndJson, expectUnchangedBy } from './test-support/table-laws';

const MN = '10.1.0.10';
const CN = '198.51.100.5';
const sa = (fields: Partial<SecurityAssociation> = {}): SecurityAssociation => ({
  spi: 256, peer: MN, algorithm: 'keyed-md5', key: hexToBytes('00112233445566778899aabbccddeeff'), replay: 'timestamp', ...fields,
});
// docs/protocol-notes.md §Test vectors "Master key" test vector.
const NODE = '192.0.2.7';
const MASTER: MasterKeyConfig = { key: utf8Bytes('master-key-12345'), spi: 0x300, algorithm: 'keyed-md5', replay: 'timestamp', peers: { [NODE]: NODE } };
const NODE_KEY = hexToBytes('b0 5b dd c3 d8 ec ad 8a 39 7e 4c 0c 8d 10 c8 8c');

describe('security associations selected by (peer, SPI) (RFC 2002 §1.6, §3.5.2–§3.5.4)', () => {
  it('adds, finds, replaces and removes an MSA', () => {
    const added = addSecurityAssociation(EMPTY_SECURITY_ASSOCIATIONS, sa(), 0);
    expect(added.errors).toEqual([]);
    expect(added.changes).toEqual([expect.objectContaining({ kind: 'added', key: `${MN}#256`, reason: `MSA with ${MN}, SPI 256 (keyed-md5, timestamp)` })]);
    expect(findSecurityAssociation(added.table, MN, 256, 0)).toEqual({ association: sa(), source: 'configured' });
    expect(findSecurityAssociation(added.table, MN, 257, 0)).toBeNull(); // the SPI is part of the name
    expect(findSecurityAssociation(added.table, CN, 256, 0)).toBeNull(); // so is the peer

    const replaced = addSecurityAssociation(added.table, sa({ replay: 'nonce' }), SECOND);
    expect(replaced.changes[0]).toMatchObject({ kind: 'updated', before: { association: { replay: 'timestamp' } }, after: { association: { replay: 'nonce' } } });

    const removed = removeSecurityAssociation(replaced.table, MN, 256, 'scenario edit');
    expect(removed.changes).toEqual([expect.objectContaining({ kind: 'removed', key: `${MN}#256`, ref: 'scenario edit' })]);
    expect(removed.table).toEqual(EMPTY_SECURITY_ASSOCIATIONS);
    expect(removeSecurityAssociation(removed.table, MN, 256, 'x').changes).toEqual([]);
  });

  it('refuses an unusable MSA, says why, and leaves the table as it was', () => {
    const r = addSecurityAssociation(EMPTY_SECURITY_ASSOCIATIONS, sa({ spi: 255, key: new Uint8Array(0) }), 0);
    expect(r.table).toBe(EMPTY_SECURITY_ASSOCIATIONS);
    expect(r.changes).toEqual([]);
    expect(r.errors.map((e) => e.kind)).toEqual(['reserved-spi', 'empty-key']);
  });

  it('a registration key lasts as long as the registration it came with (Perkins & Johnson §9.1, §9.2)', () => {
    const fa = '192.168.2.1';
    const r = addSecurityAssociation(EMPTY_SECURITY_ASSOCIATIONS, sa({ peer: fa, spi: 0x1000 }), 0, { origin: 'registration-key', expiresAt: 300 * SECOND });
    expect(r.changes[0]).toMatchObject({ ref: 'Perkins & Johnson §9.1, §9.2', reason: expect.stringContaining('registration key') });
    expect(findSecurityAssociation(r.table, fa, 0x1000, 300 * SECOND - 1)?.source).toBe('registration-key');
    expect(findSecurityAssociation(r.table, fa, 0x1000, 300 * SECOND)).toBeNull();
    const e = expireSecurityAssociations(r.table, 300 * SECOND);
    expect(e.changes).toEqual([expect.objectContaining({ kind: 'expired', key: `${fa}#4096` })]);
    expect(e.table).toEqual(EMPTY_SECURITY_ASSOCIATIONS);
  });

  it('a sender picks the lowest-SPI MSA it shares with the peer, and has none for a stranger (OC-27)', () => {
    let t = addSecurityAssociation(EMPTY_SECURITY_ASSOCIATIONS, sa({ peer: CN, spi: 0x500 }), 0).table;
    t = addSecurityAssociation(t, sa({ peer: CN, spi: 0x400 }), 0).table;
    t = addSecurityAssociation(t, sa({ peer: MN, spi: 0x100 }), 0).table;
    expect(associationWithPeer(t, CN, 0)?.association.spi).toBe(0x400);
    expect(associationWithPeer(t, '203.0.113.9', 0)).toBeNull();
    expect(securityAssociationEntries(t).map((e) => e.association.spi)).toEqual([0x100, 0x400, 0x500]);
  });
});

describe('master-key mode at the home agent (optim-08 App. A; Perkins & Johnson §5; OC-35)', () => {
  it('derives the key of a node that was handed one and lacks an explicit MSA, matching the test vector', () => {
    const on = setMasterKey(EMPTY_SECURITY_ASSOCIATIONS, MASTER);
    expect(on.changes).toEqual([expect.objectContaining({ kind: 'added', key: 'master key' })]);
    const found = findSecurityAssociation(on.table, NODE, 0x300, 0);
    expect(found?.source).toBe('master-key');
    expect(found?.association).toEqual({ spi: 0x300, peer: NODE, algorithm: 'keyed-md5', key: NODE_KEY, replay: 'timestamp' });
    expect(findSecurityAssociation(on.table, NODE, 0x301, 0)).toBeNull(); // another SPI names no derived MSA
    expect(associationWithPeer(on.table, NODE, 0)?.association.key).toEqual(NODE_KEY);
    // The derivation stores nothing: the table still has no entries.
    expect(on.table.entries).toEqual({});
  });

  it('a node the administrator handed no key shares nothing with the home agent (Perkins & Johnson §5)', () => {
    // The audit's failure: a foreign agent with no relationship to the HA got a derived
    // MSA too, so the HA demanded a Foreign-Home authenticator and refused with Code 132.
    const t = setMasterKey(EMPTY_SECURITY_ASSOCIATIONS, MASTER).table;
    const stranger = '192.168.2.1';
    expect(findSecurityAssociation(t, stranger, 0x300, 0)).toBeNull();
    expect(associationWithPeer(t, stranger, 0)).toBeNull();
  });

  it('a peer known by several addresses holds one key, derived for the address it was handed it for', () => {
    const relay = '10.0.2.2';
    const t = setMasterKey(EMPTY_SECURITY_ASSOCIATIONS, { ...MASTER, peers: { [NODE]: NODE, [relay]: NODE } }).table;
    expect(findSecurityAssociation(t, relay, 0x300, 0)?.association).toEqual({ spi: 0x300, peer: relay, algorithm: 'keyed-md5', key: NODE_KEY, replay: 'timestamp' });
  });

  it('an explicit MSA takes precedence over the derived one', () => {
    let t = setMasterKey(EMPTY_SECURITY_ASSOCIATIONS, MASTER).table;
    t = addSecurityAssociation(t, sa({ peer: NODE, spi: 0x300 }), 0).table;
    expect(findSecurityAssociation(t, NODE, 0x300, 0)?.source).toBe('configured');
    expect(associationWithPeer(t, NODE, 0)?.source).toBe('configured');
  });

  it('refuses a master key with a reserved SPI, and can be turned off', () => {
    expect(setMasterKey(EMPTY_SECURITY_ASSOCIATIONS, { ...MASTER, spi: 3 }).errors.map((e) => e.kind)).toEqual(['reserved-spi']);
    const on = setMasterKey(EMPTY_SECURITY_ASSOCIATIONS, MASTER).table;
    const off = setMasterKey(on, null);
    expect(off.changes).toEqual([expect.objectContaining({ kind: 'removed', key: 'master key' })]);
    expect(findSecurityAssociation(off.table, NODE, 0x300, 0)).toBeNull();
    expect(setMasterKey(off.table, null).changes).toEqual([]);
  });
});

describe('security associations: laws', () => {
  it('survive structuredClone and JSON text (keys included), and operations never mutate the table', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ op: fc.constantFrom('add', 'remove', 'expire', 'master'), peer: anyAddress, spi: fc.constantFrom(256, 257, 4096), gap: fc.integer({ min: 0, max: 100 * SECOND }) }), { maxLength: 20 }),
      (steps) => {
        let t: SecurityAssociationTable = EMPTY_SECURITY_ASSOCIATIONS;
        let now = 0;
        for (const s of steps) {
          now += s.gap;
          t = expectUnchangedBy(t, (frozen) => {
            switch (s.op) {
              case 'add': return addSecurityAssociation(frozen, sa({ peer: s.peer, spi: s.spi }), now, { origin: 'registration-key', expiresAt: now + 60 * SECOND }).table;
              case 'remove': return removeSecurityAssociation(frozen, s.peer, s.spi, 'test').table;
              case 'expire': return expireSecurityAssociations(frozen, now).table;
              case 'master': return setMasterKey(frozen, frozen.masterKey === null ? MASTER : null).table;
            }
          });
          expectSurvivesCloneAndJson(t);
        }
      },
    ));
  });
});
