import { describe, expect, it } from 'vitest';
import { bytesToHex, checkEveryTruncation, checkFuzz, checkRoundTrip, expectGolden, hexToBytes, okValue } from '../test-support/laws';
import { arbMessageOfType, arbMobilityMessage } from './test-support/mobility-arbitraries';
import { CARE_OF, CORRESPONDENT, HOME, HOME_AGENT, referenceMhChecksum, VECTORS, type MhVector } from './test-support/mobility-vectors';
import {
  emitMobilityHeader, mobilityHeaderCodec, mobilityHeaderLength, parseMobilityHeader, storedMobilityChecksum,
} from './mobility-header';
import {
  lifetimeSecondsToUnits, lifetimeUnitsToSeconds, mobilityMessageAbbreviation, mobilityMessageName, type MobilityMessage,
} from './mobility-messages';
import { bindingAckStatusText, BindingAckStatus, isBindingAckAccepted } from './mobility-status';

const none = [] as const;
const cookie = (first: number) => Uint8Array.from({ length: 8 }, (_, i) => first + i);
const AUTH = hexToBytes('c1 c2 c3 c4 c5 c6 c7 c8 c9 ca cb cc');

const BU_FLAGS_OFF = { acknowledge: false, homeRegistration: false, linkLocalCompatibility: false, keyManagement: false };

const CASES: readonly { name: string; vector: MhVector; message: MobilityMessage }[] = [
  { name: 'Binding Refresh Request (RFC 6275 §6.1.2)', vector: VECTORS.bindingRefreshRequest, message: { kind: 'binding-refresh-request', options: none } },
  { name: 'Home Test Init (RFC 6275 §6.1.3)', vector: VECTORS.homeTestInit, message: { kind: 'home-test-init', cookie: cookie(1), options: none } },
  { name: 'Care-of Test Init (RFC 6275 §6.1.4)', vector: VECTORS.careOfTestInit, message: { kind: 'care-of-test-init', cookie: cookie(0x11), options: none } },
  {
    name: 'Home Test (RFC 6275 §6.1.5)', vector: VECTORS.homeTest,
    message: { kind: 'home-test', nonceIndex: 7, cookie: cookie(1), keygenToken: cookie(0xa1), options: none },
  },
  {
    name: 'Care-of Test (RFC 6275 §6.1.6)', vector: VECTORS.careOfTest,
    message: { kind: 'care-of-test', nonceIndex: 8, cookie: cookie(0x11), keygenToken: cookie(0xb1), options: none },
  },
  {
    name: 'home registration Binding Update, 12 octets padded to 16 (RFC 6275 §6.1.7)', vector: VECTORS.bindingUpdateHome,
    message: { kind: 'binding-update', sequence: 42, ...BU_FLAGS_OFF, acknowledge: true, homeRegistration: true, lifetimeUnits: 75, options: none },
  },
  {
    name: 'Binding Update with Nonce Indices and Binding Authorization Data (RFC 6275 §6.1.7, §6.2.6, §6.2.7)', vector: VECTORS.bindingUpdateReturnRoutability,
    message: {
      kind: 'binding-update', sequence: 7, ...BU_FLAGS_OFF, acknowledge: true, lifetimeUnits: 10,
      options: [{ kind: 'nonce-indices', homeNonceIndex: 3, careOfNonceIndex: 4 }, { kind: 'binding-authorization-data', authenticator: AUTH }],
    },
  },
  {
    name: 'Binding Update with every flag, Alternate CoA, Nonce Indices and Binding Authorization Data, aligned', vector: VECTORS.bindingUpdateAllOptions,
    message: {
      kind: 'binding-update', sequence: 8, acknowledge: true, homeRegistration: true, linkLocalCompatibility: true, keyManagement: true, lifetimeUnits: 0,
      options: [
        { kind: 'alternate-care-of-address', address: CARE_OF },
        { kind: 'nonce-indices', homeNonceIndex: 3, careOfNonceIndex: 4 },
        { kind: 'binding-authorization-data', authenticator: AUTH },
      ],
    },
  },
  {
    name: 'Binding Update with an unknown option kept and Pad1 before Nonce Indices', vector: VECTORS.bindingUpdatePad1,
    message: {
      kind: 'binding-update', sequence: 1, ...BU_FLAGS_OFF, lifetimeUnits: 1,
      options: [{ kind: 'unknown', type: 200, data: hexToBytes('aa') }, { kind: 'nonce-indices', homeNonceIndex: 5, careOfNonceIndex: 6 }],
    },
  },
  {
    name: 'Binding Acknowledgement from the home agent (RFC 6275 §6.1.8)', vector: VECTORS.bindingAckHome,
    message: { kind: 'binding-acknowledgement', status: 0, keyManagement: false, sequence: 42, lifetimeUnits: 75, options: none },
  },
  {
    name: 'Binding Acknowledgement with Binding Refresh Advice (RFC 6275 §6.2.4)', vector: VECTORS.bindingAckRefreshAdvice,
    message: { kind: 'binding-acknowledgement', status: 0, keyManagement: false, sequence: 7, lifetimeUnits: 10, options: [{ kind: 'binding-refresh-advice', refreshIntervalUnits: 15 }] },
  },
  {
    name: 'refused Binding Acknowledgement, status 135, K set', vector: VECTORS.bindingAckRefused,
    message: { kind: 'binding-acknowledgement', status: 135, keyManagement: true, sequence: 42, lifetimeUnits: 0, options: none },
  },
  {
    name: 'Binding Error (RFC 6275 §6.1.9)', vector: VECTORS.bindingError,
    message: { kind: 'binding-error', status: 1, homeAddress: HOME, options: none },
  },
];

describe('Mobility Header golden bytes (RFC 6275 §6.1)', () => {
  it('encodes and decodes one message of each of the eight MH Types byte for byte', () => {
    expect(new Set(CASES.map((c) => c.vector.bytes[2])).size).toBe(8);
    for (const c of CASES) expectGolden(mobilityHeaderCodec(c.vector.source, c.vector.destination), c.message, c.vector.bytes);
  });

  for (const c of CASES) {
    it(`encodes and decodes the ${c.name}`, () => {
      const { source, destination, bytes } = c.vector;
      // The checksum typed into the vector agrees with one computed from the definition.
      expect(storedMobilityChecksum(bytes)).toBe(referenceMhChecksum(source, destination, bytes));
      expect(bytes.length % 8).toBe(0);
      expect(bytes[1]).toBe(bytes.length / 8 - 1);
      expectGolden(mobilityHeaderCodec(source, destination), c.message, bytes);
      expect(bytesToHex(emitMobilityHeader(c.message, { source, destination }))).toBe(bytesToHex(bytes));
      const parsed = okValue(parseMobilityHeader(bytes, 0, bytes.length, { source, destination }));
      expect(parsed).toMatchObject({ length: bytes.length, checksumValid: true });
    });
  }

  it('a Binding Update with no options is 12 octets, padded with PadN to 16, Header Len 1 (RFC 6275 §6.1.7)', () => {
    const bu = CASES[5]!.message;
    expect(mobilityHeaderLength(bu)).toBe(16);
    const out = emitMobilityHeader(bu, { source: HOME, destination: HOME_AGENT });
    expect(out[1]).toBe(1);
    expect(bytesToHex(out.subarray(12))).toBe('01 02 00 00');
  });

  it('the checksum covers the final addresses: the same bytes fail against the care-of address', () => {
    const { bytes } = VECTORS.bindingUpdateHome;
    expect(okValue(parseMobilityHeader(bytes, 0, bytes.length, { source: CARE_OF, destination: HOME_AGENT })).checksumValid).toBe(false);
    expect(referenceMhChecksum(CARE_OF, HOME_AGENT, bytes)).not.toBe(storedMobilityChecksum(bytes));
  });
});

describe('Mobility Header refusals (RFC 6275 §9.2)', () => {
  const pseudo = { source: HOME, destination: CORRESPONDENT };

  it('refuses a Header Len too small for the MH Type, naming the field', () => {
    const hot = VECTORS.homeTest.bytes.slice(0, 16);
    hot[1] = 1; // a HoT needs 24 octets
    expect(parseMobilityHeader(hot, 0, hot.length, pseudo)).toEqual({
      ok: false,
      error: { layer: 'Mobility Header', field: 'Header Len', offset: 1, reason: '1 is too small for a Home Test, which needs at least 2 (RFC 6275 §9.2)' },
    });
  });

  it('refuses a Payload Proto other than 59, pointing at it for the Parameter Problem', () => {
    const b = VECTORS.bindingUpdateHome.bytes.slice();
    b[0] = 6;
    expect(parseMobilityHeader(b, 0, b.length, pseudo)).toEqual({
      ok: false,
      error: { layer: 'Mobility Header', field: 'Payload Proto', offset: 0, reason: '6, must be 59 (no next header) (RFC 6275 §9.2)' },
    });
  });

  it('refuses a Header Len that runs past the data, at its offset inside a larger buffer', () => {
    const buf = new Uint8Array(20);
    buf.set(VECTORS.bindingUpdateHome.bytes, 4);
    expect(parseMobilityHeader(buf, 4, 19, pseudo)).toMatchObject({ ok: false, error: { field: 'Header Len', offset: 5, reason: '1 announces 16 octets, only 15 remain' } });
  });

  it('keeps an unknown MH Type whole so the receiver can answer with Binding Error status 2', () => {
    const unknown = hexToBytes('3b 00 09 00 00 00 de ad');
    const parsed = okValue(parseMobilityHeader(unknown, 0, 8, pseudo));
    expect(parsed.message).toEqual({ kind: 'unknown', mhType: 9, data: hexToBytes('de ad') });
    expect(mobilityMessageName(9)).toBe('MH Type 9');
  });

  it('refuses a Binding Authorization Data that is not the last option', () => {
    const b = hexToBytes('3b 03 05 00 00 00 00 07 80 00 00 0a 00 00 05 0c c1 c2 c3 c4 c5 c6 c7 c8 c9 ca cb cc 02 02 00 01');
    expect(parseMobilityHeader(b, 0, b.length, pseudo)).toMatchObject({ ok: false, error: { layer: 'Binding Refresh Advice', field: 'Type', offset: 28 } });
  });

  it('refuses a known option with the wrong length and one that overruns the header', () => {
    const wrong = hexToBytes('3b 01 05 00 00 00 00 07 80 00 00 0a 04 02 00 03');
    expect(parseMobilityHeader(wrong, 0, 16, pseudo)).toMatchObject({ ok: false, error: { layer: 'Nonce Indices', field: 'Length', offset: 13, reason: '2, must be 4 (RFC 6275 §6.2.6)' } });
    const over = hexToBytes('3b 01 05 00 00 00 00 07 80 00 00 0a 01 05 00 00');
    expect(parseMobilityHeader(over, 0, 16, pseudo)).toMatchObject({ ok: false, error: { layer: 'PadN', field: 'Length', offset: 13 } });
  });

  it('refuses options that would outgrow the header once aligned', () => {
    // 113 Alternate Care-of Address options packed back to back (18 octets each) fill 2,034 octets;
    // aligned at 8n+6 they would need 24 each.
    const b = new Uint8Array(2048);
    b.set(hexToBytes('3b ff 05 00 00 00 00 01 00 00 00 01'));
    let at = 12;
    for (; at + 18 <= 2048; at += 18) b.set([3, 16], at);
    b.fill(0, at); // Pad1s to the end
    expect(parseMobilityHeader(b, 0, b.length, pseudo)).toMatchObject({ ok: false, error: { field: 'Mobility Options', offset: 12 } });
  });

  it('emitters refuse what cannot be encoded', () => {
    const bu: MobilityMessage = { kind: 'binding-update', sequence: 1, ...BU_FLAGS_OFF, lifetimeUnits: 1, options: none };
    expect(() => emitMobilityHeader({ ...bu, sequence: 0x10000 }, pseudo)).toThrow(/Sequence # 65536/);
    expect(() => emitMobilityHeader({ kind: 'home-test-init', cookie: new Uint8Array(7), options: none }, pseudo)).toThrow(/7 octets, not 8/);
    expect(() => emitMobilityHeader({ ...bu, options: [{ kind: 'binding-authorization-data', authenticator: AUTH }, { kind: 'nonce-indices', homeNonceIndex: 1, careOfNonceIndex: 1 }] }, pseudo))
      .toThrow(/must be the last mobility option/);
    expect(() => emitMobilityHeader({ kind: 'unknown', mhType: 5, data: new Uint8Array(2) }, pseudo)).toThrow(/known/);
    expect(() => emitMobilityHeader({ kind: 'unknown', mhType: 9, data: new Uint8Array(3) }, pseudo)).toThrow(/multiple of 8/);
  });
});

describe('Mobility Header laws', () => {
  const codec = mobilityHeaderCodec(HOME, CORRESPONDENT);

  it('round-trips every MH Type with any legal options', () => {
    expect(arbMessageOfType.length).toBe(9); // the eight types and an unknown one
    for (const arb of arbMessageOfType) checkRoundTrip(codec, arb, undefined, 60);
  });

  it('every truncation is a located error', () => {
    for (const c of CASES) checkEveryTruncation(mobilityHeaderCodec(c.vector.source, c.vector.destination), c.vector.bytes, true);
  });

  it('never throws on random or mutated bytes', () => {
    checkFuzz(codec, CASES.map((c) => c.vector.bytes), 800);
  });

  it('emit always writes a checksum that verifies and a length that is a multiple of 8', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(fc.property(arbMobilityMessage, (m) => {
      const out = emitMobilityHeader(m, { source: CARE_OF, destination: HOME });
      expect(out.length % 8).toBe(0);
      expect(storedMobilityChecksum(out)).toBe(referenceMhChecksum(CARE_OF, HOME, out));
    }), { numRuns: 200 });
  });
});

describe('names, statuses and lifetimes', () => {
  it('names every MH Type as RFC 6275 does', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(mobilityMessageAbbreviation)).toEqual(['BRR', 'HoTI', 'CoTI', 'HoT', 'CoT', 'BU', 'BA', 'BE']);
    expect(mobilityMessageName(6)).toBe('Binding Acknowledgement');
  });

  it('reads Binding Acknowledgement statuses (RFC 6275 §6.1.8)', () => {
    expect(bindingAckStatusText(BindingAckStatus.SEQUENCE_NUMBER_OUT_OF_WINDOW)).toBe('135 (sequence number out of window)');
    expect(bindingAckStatusText(132)).toBe('132 (not home subnet)');
    expect(bindingAckStatusText(200)).toBe('200 (unassigned: refused)');
    expect(isBindingAckAccepted(1)).toBe(true);
    expect(isBindingAckAccepted(128)).toBe(false);
  });

  it('converts lifetimes to 4-second units, rounding down and capping', () => {
    expect(lifetimeSecondsToUnits(300)).toBe(75);
    expect(lifetimeSecondsToUnits(7)).toBe(1);
    expect(lifetimeSecondsToUnits(1e9)).toBe(0xffff);
    expect(lifetimeUnitsToSeconds(75)).toBe(300);
  });
});
