// The Binding Authorization Data plumbing of the Mobility Header (RFC 6275
// §6.2.7): which bytes the authenticator covers, and emitting a message whose
// authenticator is computed from the bytes before it. The HMAC itself is
// tested in crypto/return-routability.test.ts.

import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes, okValue } from '../test-support/laws';
import { CORRESPONDENT, HOME, HOME_AGENT, VECTORS } from './test-support/mobility-vectors';
import { bindingAuthorizationInput, emitMobilityHeader, parseMobilityHeader } from './mobility-header';
import type { BindingUpdateMessage, MobilityMessage } from './mobility-messages';

const AUTH = hexToBytes('c1 c2 c3 c4 c5 c6 c7 c8 c9 ca cb cc');
const BU: BindingUpdateMessage = {
  kind: 'binding-update', sequence: 7, acknowledge: true, homeRegistration: false, linkLocalCompatibility: false, keyManagement: false,
  lifetimeUnits: 10, options: [{ kind: 'nonce-indices', homeNonceIndex: 3, careOfNonceIndex: 4 }],
};
const pseudo = { source: HOME, destination: CORRESPONDENT };

describe('bindingAuthorizationInput (RFC 6275 §6.2.7)', () => {
  it('is the header with Checksum 0 and without the 12 authenticator octets', () => {
    // VECTORS.bindingUpdateReturnRoutability: checksum 30 f6 at 4, authenticator at 20..31.
    const input = okValue(bindingAuthorizationInput(VECTORS.bindingUpdateReturnRoutability.bytes));
    expect(bytesToHex(input)).toBe('3b 03 05 00 00 00 00 07 80 00 00 0a 04 04 00 03 00 04 05 0c');
  });

  it('reads a header inside a larger buffer, and keeps what follows the authenticator', () => {
    const buf = new Uint8Array(70).fill(0xee);
    buf.set(VECTORS.bindingUpdateAllOptions.bytes, 9);
    const input = okValue(bindingAuthorizationInput(buf, 9, 9 + 56));
    expect(input.length).toBe(44);
    expect(bytesToHex(input.subarray(0, 8))).toBe('3b 06 05 00 00 00 00 08');
    expect(bytesToHex(input.subarray(40))).toBe('00 00 05 0c');
  });

  it('refuses a message without the option, or of a type that never carries it', () => {
    expect(bindingAuthorizationInput(VECTORS.bindingUpdateHome.bytes)).toMatchObject({ ok: false, error: { layer: 'Binding Authorization Data', reason: expect.stringMatching(/no Binding Authorization Data option/) } });
    expect(bindingAuthorizationInput(VECTORS.homeTest.bytes)).toMatchObject({ ok: false, error: { field: 'MH Type', offset: 2 } });
    expect(bindingAuthorizationInput(VECTORS.bindingUpdateReturnRoutability.bytes.subarray(0, 30))).toMatchObject({ ok: false, error: { field: 'Header Len' } });
  });
});

describe('emitMobilityHeader with authorize', () => {
  it('appends the option, hands over the bytes before the authenticator, and checksums the result', () => {
    const seen: Uint8Array[] = [];
    const out = emitMobilityHeader(BU, pseudo, { authorize: (b) => { seen.push(b.slice()); return AUTH; } });
    expect(seen.length).toBe(1);
    expect(bytesToHex(seen[0]!)).toBe('3b 03 05 00 00 00 00 07 80 00 00 0a 04 04 00 03 00 04 05 0c');
    // Exactly the hand-assembled vector, checksum included.
    expect(bytesToHex(out)).toBe(bytesToHex(VECTORS.bindingUpdateReturnRoutability.bytes));
    expect(okValue(parseMobilityHeader(out, 0, out.length, pseudo)).checksumValid).toBe(true);
    // What the receiver reconstructs is what the sender authorised.
    expect(bytesToHex(okValue(bindingAuthorizationInput(out)))).toBe(bytesToHex(seen[0]!));
  });

  it('replaces a placeholder Binding Authorization Data that is already last', () => {
    const withPlaceholder: MobilityMessage = { ...BU, options: [...BU.options, { kind: 'binding-authorization-data', authenticator: new Uint8Array(12).fill(0x55) }] };
    const out = emitMobilityHeader(withPlaceholder, pseudo, { authorize: () => AUTH });
    expect(bytesToHex(out)).toBe(bytesToHex(VECTORS.bindingUpdateReturnRoutability.bytes));
  });

  it('lets a correspondent authorise a Binding Acknowledgement too', () => {
    const ba: MobilityMessage = { kind: 'binding-acknowledgement', status: 0, keyManagement: false, sequence: 7, lifetimeUnits: 10, options: [] };
    const out = emitMobilityHeader(ba, { source: CORRESPONDENT, destination: HOME }, { authorize: () => AUTH });
    // The message data ends at 12; the option must start at 8n+2: PadN(6), the option at 18, 32 octets in all.
    expect(bytesToHex(out.subarray(12))).toBe('01 04 00 00 00 00 05 0c c1 c2 c3 c4 c5 c6 c7 c8 c9 ca cb cc');
    expect(out[1]).toBe(3);
  });

  it('refuses other messages and an authenticator of the wrong size', () => {
    expect(() => emitMobilityHeader({ kind: 'binding-refresh-request', options: [] }, { source: CORRESPONDENT, destination: HOME }, { authorize: () => AUTH }))
      .toThrow(/carries no Binding Authorization Data/);
    expect(() => emitMobilityHeader(BU, { source: HOME, destination: HOME_AGENT }, { authorize: () => new Uint8Array(20) })).toThrow(/20 octets, not 12/);
  });
});
