import { describe, expect, it } from 'vitest';
import { associationId, isReservedSpi, validateSecurityAssociation, type SecurityAssociation } from './security-association';

const good: SecurityAssociation = {
  spi: 256,
  peer: '10.1.0.10',
  algorithm: 'keyed-md5',
  key: new Uint8Array(16).fill(1),
  replay: 'timestamp',
};

describe('mobility security association', () => {
  it('accepts a well-formed MSA, including the highest SPI and HMAC with nonces', () => {
    expect(validateSecurityAssociation(good)).toEqual([]);
    expect(validateSecurityAssociation({ ...good, spi: 0xffffffff, algorithm: 'hmac-md5', replay: 'nonce' })).toEqual([]);
  });

  it('rejects the reserved SPIs 0..255 (RFC 2002 §1.6, docs/protocol-notes.md §Numbers)', () => {
    for (const spi of [0, 1, 255]) {
      expect(isReservedSpi(spi)).toBe(true);
      expect(validateSecurityAssociation({ ...good, spi })).toEqual([
        { kind: 'reserved-spi', field: 'spi', reason: `SPI ${spi} is reserved (0..255, RFC 2002 §1.6); use 256 or more` },
      ]);
    }
    expect(isReservedSpi(256)).toBe(false);
  });

  it('rejects SPIs that are not 32-bit unsigned integers', () => {
    for (const spi of [-1, 2 ** 32, 256.5, Number.NaN]) {
      expect(validateSecurityAssociation({ ...good, spi }).map((e) => e.kind)).toEqual(['invalid-spi']);
    }
  });

  it('reports every problem at once, each with its field', () => {
    const bad = { spi: 7, peer: '10.1.0.300', algorithm: 'sha1', key: new Uint8Array(0), replay: 'sequence' } as unknown as SecurityAssociation;
    expect(validateSecurityAssociation(bad).map((e) => [e.kind, e.field])).toEqual([
      ['reserved-spi', 'spi'],
      ['invalid-peer', 'peer'],
      ['unknown-algorithm', 'algorithm'],
      ['empty-key', 'key'],
      ['unknown-replay-style', 'replay'],
    ]);
  });

  it('refuses absurdly long keys (hard limit)', () => {
    expect(validateSecurityAssociation({ ...good, key: new Uint8Array(255) })).toEqual([]);
    expect(validateSecurityAssociation({ ...good, key: new Uint8Array(256) }).map((e) => e.kind)).toEqual(['key-too-long']);
  });

  it('is looked up by (peer, SPI)', () => {
    expect(associationId('10.1.0.10', 256)).toBe('10.1.0.10#256');
    expect(associationId('10.1.0.10', 257)).not.toBe(associationId('10.1.0.10', 256));
  });
});
