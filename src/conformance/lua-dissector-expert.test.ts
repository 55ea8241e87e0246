// The lab's Wireshark dissector on messages assembled by hand from the layouts
// (optim-08 §4.1–§4.5; regkey-00 §4.4): a well-formed Binding Update decodes
// to the values written into its octets, and each malformed or odd value gets
// its expert item — an error for what cannot be decoded, a warning or a note
// for what can. Skipped like lua-dissector.test.ts when tshark is missing
// (and failing in CI, which installs it).

import { describe, expect, it } from 'vitest';
import { createPcapngWriter } from '../engine/capture/pcapng';
import { udpDatagram } from '../engine/wire/datagram';
import { LUA_DISSECTOR_PATH } from './lua-dissector';
import { fieldValue, fieldValues, findTshark, readWithTshark, type TsharkFrame } from './tshark';

const inCi = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';
const skip = findTshark() === undefined && !inCi;
if (skip) console.warn('lua-dissector-expert.test.ts SKIPPED: tshark was not found (looked at $TSHARK and $PATH); install it, e.g. `apt-get install tshark`.');

const HOME = [10, 1, 0, 10];
const COA = [192, 168, 2, 1];
const IDENT = [0xd5, 0xc1, 0xe2, 0xa0, 0x12, 0x34, 0x56, 0x78];
const AUTH = Array.from({ length: 16 }, (_, i) => 0xa0 + i);

/** Binding Update, optim-08 §4.3: Type 18, flags A|I, Lifetime 300, home, CoA, Identification, then a type-35 extension (SPI 257). */
const GOOD_BU = [18, 0xc0, 0x01, 0x2c, ...HOME, ...COA, ...IDENT, 35, 20, 0, 0, 1, 1, ...AUTH];

/** Registration Request fixed part, RFC 2002 §3.3: Type 1, flags 0, Lifetime 300, home, HA, CoA, Identification. */
const RRQ = [1, 0, 0x01, 0x2c, ...HOME, 10, 1, 0, 1, ...COA, ...IDENT];

const CASES: readonly { readonly name: string; readonly payload: readonly number[]; readonly expert: string | null; readonly severity?: string }[] = [
  { name: 'a well-formed Binding Update', payload: GOOD_BU, expert: null },
  { name: 'a Binding Update cut inside its Identification', payload: GOOD_BU.slice(0, 14), expert: 'mipro.truncated', severity: 'error' },
  { name: 'an RO Authentication extension longer than what follows', payload: GOOD_BU.slice(0, 32), expert: 'mipro.truncated', severity: 'error' },
  { name: 'a Binding Warning with half a target', payload: [16, 0, 0, 0, ...HOME, 198, 51, 100, 5, 1, 2], expert: 'mipro.bad_length', severity: 'error' },
  { name: 'a Registration Key Request whose 16-bit Length is not 3L', payload: [...RRQ, 116, 0, 4, 1, 2, 3, 4], expert: 'mipro.bad_length', severity: 'error' },
  { name: 'an SPI extension of 5 octets', payload: [...RRQ, 125, 5, 0, 0, 1, 0, 9], expert: 'mipro.bad_length', severity: 'error' },
  { name: 'a Binding Request with a non-zero Reserved field', payload: [17, 0, 0, 1, ...HOME, ...IDENT], expert: 'mipro.reserved_not_zero', severity: 'warning' },
  { name: 'a Binding Acknowledge rejecting (131, authentication failed)', payload: [19, 0, 0, 131, ...HOME, ...IDENT], expert: 'mipro.back.rejected', severity: 'note' },
  { name: 'a Binding Update with I = 0: no Identification, its extension at octet 12 (optim-08 §4.3)', payload: [18, 0x80, 0, 10, ...HOME, ...COA, 35, 20, 0, 0, 1, 1, ...AUTH], expert: null },
];

describe.skipIf(skip)('the lab\'s Wireshark dissector on hand-assembled messages', () => {
  let frames: TsharkFrame[] = [];

  it('tshark reads them all', async () => {
    const w = createPcapngWriter({ application: 'conformance test' });
    const iface = w.addInterface({ name: 'hand-made' });
    CASES.forEach((c, i) => w.addPacket({
      interfaceId: iface, timeMicros: i, comment: c.name,
      bytes: udpDatagram({ source: '10.1.0.1', destination: '198.51.100.5' }, 434, 434, Uint8Array.from(c.payload)),
    }));
    frames = await readWithTshark(w.finish(), { luaScripts: [LUA_DISSECTOR_PATH] });
    expect(frames).toHaveLength(CASES.length);
  });

  it('decodes the well-formed Binding Update to the values in its octets, with no expert item', () => {
    const f = frames[0]!;
    expect(fieldValue(f, 'mipro.type')).toBe('18');
    expect(fieldValue(f, 'mipro.bu.flags.a')).toBe('1');
    expect(fieldValue(f, 'mipro.bu.flags.i')).toBe('1');
    expect(fieldValue(f, 'mipro.bu.lifetime')).toBe('300');
    expect(fieldValue(f, 'mipro.homeaddr')).toBe('10.1.0.10');
    expect(fieldValue(f, 'mipro.bu.coa')).toBe('192.168.2.1');
    expect(fieldValue(f, 'mipro.ident')).toBe('0xd5c1e2a012345678');
    expect(fieldValues(f, 'mipro.ext.type')).toEqual(['35']);
    expect(fieldValues(f, 'mipro.ext.length')).toEqual(['20']);
    expect(fieldValues(f, 'mipro.ext.spi')).toEqual(['257']);
    expect(f.raw['mipro.ext.authenticator']?.map((r) => r.length)).toEqual([16]);
    expect(f.expert.filter((e) => e.field.startsWith('mipro') || e.group === 'malformed')).toEqual([]);
  });

  it.each(CASES.slice(1).map((c, i) => [c.name, i + 1] as const))('%s: its expert item (or none), and no exception', (_name, i) => {
    const c = CASES[i]!;
    const f = frames[i]!;
    expect(f.expert.filter((e) => e.field === '_ws.malformed.expert' || e.group === 'dissector-bug')).toEqual([]);
    const mine = f.expert.filter((e) => e.field.startsWith('mipro'));
    expect(mine.map((e) => [e.field, e.severity])).toEqual(c.expert === null ? [] : [[c.expert, c.severity]]);
    if (c.expert !== null) expect(mine[0]!.message.length).toBeGreaterThan(10);
    else expect([fieldValue(f, 'mipro.ident'), fieldValue(f, 'mipro.bu.lifetime'), fieldValue(f, 'mipro.ext.spi')]).toEqual([undefined, '10', '257']);
  });
});
