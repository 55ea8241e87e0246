import { describe, expect, it } from 'vitest';
import { EncodeError } from '../wire/result';
import { bytesToHex } from '../wire/test-support/laws';
import { createPcapngWriter, encodePcapng, LinkType, type PcapngCapture } from './pcapng';
import { GOLDEN_CAPTURE, GOLDEN_EPB_NO_OPTIONS, GOLDEN_EPB_WITH_COMMENT, GOLDEN_FILE, GOLDEN_IDB, GOLDEN_SHB } from './test-support/golden-pcapng';

function u32le(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

describe('pcapng writer', () => {
  it('writes the hand-assembled golden file byte for byte (SHB, IDB, EPB with and without options)', () => {
    expect(bytesToHex(encodePcapng(GOLDEN_CAPTURE))).toBe(bytesToHex(GOLDEN_FILE));
  });

  it('builds the same file through the writer API, one block per call', () => {
    const w = createPcapngWriter({ application: 'lab' });
    const fa1 = w.addInterface({ name: 'FA1', description: 'cell', linkType: LinkType.IPV4 });
    expect(fa1).toBe(0);
    expect(bytesToHex(w.finish())).toBe(bytesToHex(new Uint8Array([...GOLDEN_SHB, ...GOLDEN_IDB])));
    w.addPacket({ interfaceId: fa1, timeMicros: 2 ** 32 + 2, bytes: Uint8Array.of(0x45, 0x00, 0x00, 0x05, 0xab), comment: 'RRQ §3' });
    w.addPacket({ interfaceId: fa1, timeMicros: 7, bytes: Uint8Array.of(0xde, 0xad, 0xbe, 0xef) });
    expect(bytesToHex(w.finish())).toBe(bytesToHex(GOLDEN_FILE));
    expect(GOLDEN_EPB_WITH_COMMENT.length + GOLDEN_EPB_NO_OPTIONS.length).toBe(GOLDEN_FILE.length - GOLDEN_SHB.length - GOLDEN_IDB.length);
  });

  it('keeps its state as plain data: a structured clone of it encodes to the same file', () => {
    const w = createPcapngWriter({ application: 'mip-lab' });
    const id = w.addInterface({ name: 'FA1–MN', description: 'radio cell of FA1' });
    w.addPacket({ interfaceId: id, timeMicros: 1_500_000, bytes: Uint8Array.of(1, 2, 3), comment: 'Registration Request (RFC 2002 §3.3)' });
    const clone = structuredClone(w.capture);
    expect(bytesToHex(encodePcapng(clone))).toBe(bytesToHex(w.finish()));
  });

  it('pads packet data and option values to 32 bits with zeros, and repeats the block length at the end', () => {
    for (let n = 0; n <= 9; n++) {
      const comment = 'x'.repeat(n);
      const file = encodePcapng({ interfaces: [{ name: '' }], packets: [{ interfaceId: 0, timeMicros: 0, bytes: new Uint8Array(n).fill(0xff), comment }] });
      let at = 0;
      while (at < file.length) {
        const total = u32le(file, at + 4);
        expect(total % 4).toBe(0);
        expect(u32le(file, at + total - 4)).toBe(total);
        if (u32le(file, at) === 6) {
          const padded = (n + 3) & ~3;
          expect(Array.from(file.subarray(at + 28 + n, at + 28 + padded))).toEqual(new Array(padded - n).fill(0)); // data padding
          // comment option: code 1, length n, value, zero padding, then opt_endofopt
          const opt = at + 28 + padded;
          expect([file[opt], file[opt + 1], file[opt + 2], file[opt + 3]]).toEqual([1, 0, n, 0]);
          expect(Array.from(file.subarray(opt + 4 + n, opt + 4 + padded))).toEqual(new Array(padded - n).fill(0));
          expect(u32le(file, opt + 4 + padded)).toBe(0);
          expect(total).toBe(32 + padded + 4 + padded + 4);
        }
        at += total;
      }
      expect(at).toBe(file.length);
    }
  });

  it('splits a large virtual time into the high and low 32-bit words', () => {
    const t = 0x1234 * 2 ** 32 + 0x89abcdef;
    const file = encodePcapng({ interfaces: [{ name: 'a' }], packets: [{ interfaceId: 0, timeMicros: t, bytes: new Uint8Array(0) }] });
    const epb = file.length - 32;
    expect(u32le(file, epb + 12)).toBe(0x1234);
    expect(u32le(file, epb + 16)).toBe(0x89abcdef);
  });

  it('writes UTF-8 names and comments; a lone surrogate becomes U+FFFD rather than invalid UTF-8', () => {
    const file = encodePcapng({ interfaces: [{ name: 'FA1–MN' }], packets: [{ interfaceId: 0, timeMicros: 0, bytes: new Uint8Array(0), comment: 'a\ud800b' }] });
    expect(bytesToHex(file)).toContain('02 00 08 00 46 41 31 e2 80 93 4d 4e'); // if_name: "FA1", en dash e2 80 93, "MN"
    expect(bytesToHex(file)).toContain('01 00 05 00 61 ef bf bd 62'); // opt_comment "a", U+FFFD, "b"
  });

  it('refuses programming errors with an EncodeError at the call that made them', () => {
    const w = createPcapngWriter();
    const id = w.addInterface({ name: 'n', snapLength: 8 });
    expect(() => w.addPacket({ interfaceId: 1, timeMicros: 0, bytes: new Uint8Array(1) })).toThrow(EncodeError);
    expect(() => w.addPacket({ interfaceId: id, timeMicros: -1, bytes: new Uint8Array(1) })).toThrow(/not a non-negative integer/);
    expect(() => w.addPacket({ interfaceId: id, timeMicros: 0.5, bytes: new Uint8Array(1) })).toThrow(/not a non-negative integer/);
    expect(() => w.addPacket({ interfaceId: id, timeMicros: 0, bytes: new Uint8Array(9) })).toThrow(/snap length 8/);
    const bad: PcapngCapture = { interfaces: [{ name: 'x'.repeat(70_000) }], packets: [] };
    expect(() => encodePcapng(bad)).toThrow(/exceeds 65535/);
  });
});
