import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../wire/test-support/laws';
import { encodePcapng, LinkType, type CaptureInterface, type CapturePacket, type PcapngCapture } from './pcapng';
import { readPcapng, type PcapngFile } from './pcapng-reader';
import { GOLDEN_CAPTURE, GOLDEN_EPB_NO_OPTIONS, GOLDEN_FILE, GOLDEN_FILE_BIG_ENDIAN, GOLDEN_IDB, GOLDEN_SHB } from './test-support/golden-pcapng';
import { concatBytes } from '../wire/bytes';

/** Back to the writer's model (one section), so a round trip can be compared. */
function toCapture(file: PcapngFile): PcapngCapture {
  expect(file.sections).toHaveLength(1);
  const s = file.sections[0]!;
  return {
    ...(s.application === undefined ? {} : { application: s.application }),
    interfaces: s.interfaces.map((i) => ({ name: i.name ?? '', ...(i.description === undefined ? {} : { description: i.description }), linkType: i.linkType, snapLength: i.snapLength })),
    packets: s.packets.map((p) => ({ interfaceId: p.interfaceId, timeMicros: p.timeMicros, bytes: p.bytes, ...(p.comments[0] === undefined ? {} : { comment: p.comments[0] }) })),
  };
}

function read(bytes: Uint8Array): PcapngFile {
  const r = readPcapng(bytes);
  if (!r.ok) throw new Error(`did not read: ${JSON.stringify(r.error)}`);
  return r.value;
}

function setU32le(bytes: Uint8Array, at: number, v: number): void {
  bytes[at] = v & 0xff;
  bytes[at + 1] = (v >>> 8) & 0xff;
  bytes[at + 2] = (v >>> 16) & 0xff;
  bytes[at + 3] = (v >>> 24) & 0xff;
}

const arbText = fc.string({ unit: 'binary', maxLength: 12 });
const arbInterface: fc.Arbitrary<CaptureInterface> = fc.record(
  { name: arbText, description: arbText, linkType: fc.constantFrom(LinkType.IPV4, LinkType.RAW, LinkType.ETHERNET), snapLength: fc.constant(65535) },
  { requiredKeys: ['name', 'linkType', 'snapLength'] },
);
const arbCapture: fc.Arbitrary<PcapngCapture> = fc
  .tuple(fc.option(arbText, { nil: undefined }), fc.array(arbInterface, { minLength: 1, maxLength: 3 }))
  .chain(([application, interfaces]) =>
    fc
      .array(
        fc.record(
          {
            interfaceId: fc.integer({ min: 0, max: interfaces.length - 1 }),
            timeMicros: fc.maxSafeNat(),
            bytes: fc.uint8Array({ maxLength: 80 }),
            comment: arbText,
          },
          { requiredKeys: ['interfaceId', 'timeMicros', 'bytes'] },
        ) as fc.Arbitrary<CapturePacket>,
        { maxLength: 6 },
      )
      .map((packets) => ({ ...(application === undefined ? {} : { application }), interfaces, packets })),
  );

describe('pcapng reader', () => {
  it('reads the hand-assembled golden file', () => {
    const file = read(GOLDEN_FILE);
    expect(file.sections).toHaveLength(1);
    const s = file.sections[0]!;
    expect(s).toMatchObject({ offset: 0, byteOrder: 'little-endian', majorVersion: 1, minorVersion: 0, application: 'lab', comments: [], otherBlocks: [] });
    expect(s.interfaces).toEqual([
      {
        offset: 40,
        linkType: 228,
        snapLength: 65535,
        name: 'FA1',
        description: 'cell',
        tsresol: 6,
        options: [
          { code: 2, value: hexToBytes('464131'), offset: 56 },
          { code: 3, value: hexToBytes('63656c6c'), offset: 64 },
          { code: 9, value: Uint8Array.of(6), offset: 72 },
        ],
      },
    ]);
    expect(s.packets.map((p) => ({ ...p, options: p.options.length }))).toEqual([
      { offset: 88, interfaceId: 0, timestamp: 2n ** 32n + 2n, timeMicros: 2 ** 32 + 2, originalLength: 5, bytes: hexToBytes('45000005ab'), comments: ['RRQ §3'], options: 1 },
      { offset: 144, interfaceId: 0, timestamp: 7n, timeMicros: 7, originalLength: 4, bytes: hexToBytes('deadbeef'), comments: [], options: 0 },
    ]);
    expect(toCapture(file)).toEqual(GOLDEN_CAPTURE);
  });

  it('reads a big-endian section (byte order from the magic; if_tsresol absent means microseconds)', () => {
    const s = read(GOLDEN_FILE_BIG_ENDIAN).sections[0]!;
    expect(s.byteOrder).toBe('big-endian');
    expect(s.interfaces[0]).toMatchObject({ linkType: 228, snapLength: 65535, name: 'FA1', tsresol: 6 });
    expect(s.packets[0]).toMatchObject({ interfaceId: 0, timeMicros: 2 ** 32 + 2, bytes: hexToBytes('deadbeef') });
  });

  it('converts other timestamp resolutions to microseconds (10^-9 and 2^-10 s)', () => {
    const withResolution = (tsresol: number) => {
      const file = encodePcapng({ interfaces: [{ name: 'a' }], packets: [{ interfaceId: 0, timeMicros: 5_000_000, bytes: new Uint8Array(0) }] });
      const at = file.indexOf(0x09, 28); // if_tsresol option code in the IDB (first 0x09 after the SHB)
      expect(file[at + 4]).toBe(6);
      file[at + 4] = tsresol;
      return read(file).sections[0]!.packets[0]!.timeMicros;
    };
    expect(withResolution(9)).toBe(5_000); // 5e6 ns = 5000 µs
    expect(withResolution(0x80 | 10)).toBe(Math.floor((5_000_000 * 1_000_000) / 1024));
  });

  it('lists and skips blocks of other types, and starts a new section at a second SHB', () => {
    const isb = hexToBytes('05 00 00 00 14 00 00 00 00 00 00 00 00 00 00 00 14 00 00 00'); // Interface Statistics Block, 20 octets
    const file = read(concatBytes(GOLDEN_SHB, GOLDEN_IDB, isb, GOLDEN_EPB_NO_OPTIONS, GOLDEN_SHB));
    expect(file.sections).toHaveLength(2);
    expect(file.sections[0]!.otherBlocks).toEqual([{ offset: 88, type: 5, totalLength: 20 }]);
    expect(file.sections[0]!.packets).toHaveLength(1);
    expect(file.sections[1]!).toMatchObject({ offset: 144, interfaces: [], packets: [] });
  });

  it('names the field, offset and reason of each kind of damage', () => {
    const cases: [string, Uint8Array, { field: string; offset: number; reason: RegExp }][] = [
      ['empty file', new Uint8Array(0), { field: 'Section Header Block', offset: 0, reason: /empty/ }],
      ['not starting with an SHB', concatBytes(GOLDEN_IDB, GOLDEN_SHB), { field: 'Block Type', offset: 0, reason: /must start with a Section Header Block/ }],
      ['bad magic', (() => { const b = GOLDEN_FILE.slice(); b[8] = 0; return b; })(), { field: 'Byte-Order Magic', offset: 8, reason: /neither/ }],
      ['version 2', (() => { const b = GOLDEN_FILE.slice(); b[12] = 2; return b; })(), { field: 'Major Version', offset: 12, reason: /version 2\.0/ }],
      ['trailing length differs', (() => { const b = GOLDEN_FILE.slice(); b[84] = 0x2c; return b; })(), { field: 'trailing Block Total Length', offset: 84, reason: /44 differs from the leading 48/ }],
      ['length not a multiple of 4', (() => { const b = GOLDEN_FILE.slice(); b[44] = 0x31; return b; })(), { field: 'Block Total Length', offset: 44, reason: /not a multiple of 4/ }],
      ['length below the block minimum', (() => { const b = GOLDEN_FILE.slice(); setU32le(b, 92, 28); return b; })(), { field: 'Block Total Length', offset: 92, reason: /below the minimum of 32/ }],
      ['packet on an undescribed interface', (() => { const b = GOLDEN_FILE.slice(); b[96] = 3; return b; })(), { field: 'Interface ID', offset: 96, reason: /interface 3 is not described/ }],
      ['captured length beyond the block', (() => { const b = GOLDEN_FILE.slice(); setU32le(b, 108, 25); return b; })(), { field: 'Captured Packet Length', offset: 108, reason: /do not fit/ }],
      ['option running past the block', (() => { const b = GOLDEN_FILE.slice(); b[126] = 0x20; return b; })(), { field: 'Enhanced Packet Block option 1 length', offset: 126, reason: /exceed/ }],
      ['if_tsresol of 2 octets', (() => { const b = GOLDEN_FILE.slice(); b[74] = 2; return b; })(), { field: 'if_tsresol', offset: 74, reason: /must be 1/ }],
      ['a few stray octets after the last block', concatBytes(GOLDEN_FILE, Uint8Array.of(1, 2, 3)), { field: 'block header', offset: GOLDEN_FILE.length, reason: /needs 12 octets/ }],
    ];
    for (const [what, bytes, expected] of cases) {
      const r = readPcapng(bytes);
      expect(r.ok, what).toBe(false);
      if (!r.ok) {
        expect(r.error.layer, what).toBe('pcapng');
        expect(r.error.field, what).toBe(expected.field);
        expect(r.error.offset, what).toBe(expected.offset);
        expect(r.error.reason, what).toMatch(expected.reason);
      }
    }
  });

  it('enforces its hard limits on block count and block length', () => {
    expect(readPcapng(GOLDEN_FILE, { maxBlocks: 3, maxBlockLength: 1 << 20 })).toMatchObject({ ok: false, error: { field: 'block', offset: 144, reason: 'more than 3 blocks' } });
    expect(readPcapng(GOLDEN_FILE, { maxBlocks: 100, maxBlockLength: 44 })).toMatchObject({ ok: false, error: { field: 'Block Total Length', offset: 44, reason: '48 exceeds the limit of 44' } });
  });

  it('round-trips any capture: write → read gives it back, and writing that again gives the same bytes', () => {
    fc.assert(
      fc.property(arbCapture, (capture) => {
        const bytes = encodePcapng(capture);
        const back = toCapture(read(bytes));
        expect(back).toEqual(capture);
        expect(bytesToHex(encodePcapng(back))).toBe(bytesToHex(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('returns a typed error for every truncation, except at a block boundary where it reads the shorter file', () => {
    const boundaries = new Set([40, 88, 144]);
    for (let n = 0; n < GOLDEN_FILE.length; n++) {
      const cut = GOLDEN_FILE.slice(0, n);
      const r = readPcapng(cut);
      if (boundaries.has(n)) {
        expect(r.ok, `cut at ${n}`).toBe(true);
        if (r.ok) expect(bytesToHex(encodePcapng(toCapture(r.value)))).toBe(bytesToHex(cut));
      } else {
        expect(r.ok, `cut at ${n}`).toBe(false);
        if (!r.ok) {
          expect(r.error.field.length).toBeGreaterThan(0);
          expect(r.error.reason.length).toBeGreaterThan(0);
          expect(r.error.offset).toBeGreaterThanOrEqual(0);
          expect(r.error.offset).toBeLessThanOrEqual(n);
        }
      }
    }
    expect(readPcapng(GOLDEN_FILE).ok).toBe(true);
  });

  it('never throws on random or mutated bytes, and answers quickly', () => {
    const check = (bytes: Uint8Array) => {
      const t0 = performance.now();
      const r = readPcapng(bytes);
      if (r.ok) for (const s of r.value.sections) for (const p of s.packets) expect(p.bytes.length).toBeLessThanOrEqual(bytes.length);
      expect(performance.now() - t0).toBeLessThan(250);
    };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), check), { numRuns: 2000 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }).map((tail) => concatBytes(GOLDEN_SHB, tail)), check), { numRuns: 2000 });
    const mutated = fc
      .tuple(fc.constantFrom(GOLDEN_FILE, GOLDEN_FILE_BIG_ENDIAN), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }))
      .map(([base, muts]) => {
        const b = base.slice();
        for (const [pos, val] of muts) b[pos % b.length] = val;
        return b;
      });
    fc.assert(fc.property(mutated, check), { numRuns: 3000 });
  });
});
