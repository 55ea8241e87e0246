import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bytesToHex } from '../wire/test-support/laws';
import { utf8Bytes } from './bytes';
import { deriveNodeKey } from './master-key';

describe('master-key derivation (Perkins & Johnson §5; optim-08 App. A, OC-35)', () => {
  it('gives the test vector (docs/protocol-notes.md §Test vectors): master "master-key-12345", node 192.0.2.7', () => {
    expect(bytesToHex(deriveNodeKey(utf8Bytes('master-key-12345'), '192.0.2.7'))).toBe('b0 5b dd c3 d8 ec ad 8a 39 7e 4c 0c 8d 10 c8 8c');
  });

  it('hashes the address as 4 raw octets, not as dotted text (OC-35)', () => {
    const master = utf8Bytes('master-key-12345');
    const raw = Buffer.from([192, 0, 2, 7]);
    const expected = createHash('md5').update(raw).update(master).update(raw).digest('hex');
    expect(bytesToHex(deriveNodeKey(master, '192.0.2.7')).replace(/ /g, '')).toBe(expected);
    const text = Buffer.from('192.0.2.7');
    const wrong = createHash('md5').update(text).update(master).update(text).digest('hex');
    expect(expected).not.toBe(wrong);
  });

  it('gives each node its own 16-octet key', () => {
    const master = utf8Bytes('master-key-12345');
    const a = deriveNodeKey(master, '192.0.2.7');
    const b = deriveNodeKey(master, '192.0.2.8');
    expect(a).toHaveLength(16);
    expect(bytesToHex(a)).not.toBe(bytesToHex(b));
  });

  it('utf8Bytes encodes like TextEncoder (a typed master key may hold any character)', () => {
    for (const s of ['master-key-12345', 'clé', '鍵', '🔑', 'a\ud800b']) {
      expect(bytesToHex(utf8Bytes(s))).toBe(bytesToHex(new TextEncoder().encode(s)));
    }
  });
});
