import { describe, expect, it } from 'vitest';
import { checkEveryTruncation, checkFuzz, checkRoundTrip, expectGolden, hexToBytes } from '../test-support/laws';
import {
  NO_REQUEST_FLAGS, parseRegistrationRequest, privateBindingRequested, registrationRequest, registrationRequestCodec, requestFlagsFromOctet,
  requestFlagsToOctet, withPrivateBinding, dissectRegistrationRequest, type RegistrationRequest,
} from './registration-request';
import { arbRegistrationRequest } from './test-support/arbitraries';
import { findNode } from './test-support/tree';
import { PFAN_EXTENSION, RO98_MH_AUTHENTICATOR, RRQ_FIXED, RRQ_RO98 } from './test-support/vectors';
import { concatBytes } from '../bytes';

const BASE_REQUEST: RegistrationRequest = registrationRequest({
  lifetime: 300,
  homeAddress: '10.1.0.10',
  homeAgent: '10.1.0.1',
  careOfAddress: '192.168.2.1',
  identification: { high: 0xd5c1e2a0, low: 0x12345678 },
  extensions: [{ kind: 'mobile-home-auth', spi: 256, authenticator: RO98_MH_AUTHENTICATOR }],
});

// Hand-assembled from RFC 2002 §3.3: flags S + P (0x80 | 0x02), Lifetime 0xFFFF, no extensions.
const PRIVATE_INFINITE = hexToBytes('01 82 ff ff 0a 01 00 0a 0a 01 00 01 c0 a8 02 01 00 00 00 00 00 00 00 01');

describe('Registration Request (RFC 2002 §3.3)', () => {
  it('encodes and decodes the ro98 Request of docs/protocol-notes.md §Test vectors (fixed part + Mobile-Home extension)', () => {
    expectGolden(registrationRequestCodec, BASE_REQUEST, RRQ_RO98);
  });

  it('puts P at mask 0x02 in the ro98 flag octet S B D M G V P r (OC-02)', () => {
    const repr = registrationRequest({
      ...BASE_REQUEST,
      flags: { ...NO_REQUEST_FLAGS, simultaneousBindings: true, privateBinding: true },
      lifetime: 0xffff,
      identification: { high: 0, low: 1 },
      extensions: [],
    });
    expectGolden(registrationRequestCodec, repr, PRIVATE_INFINITE);
  });

  it('maps every flag bit to its name and keeps the reserved bit', () => {
    expect(requestFlagsFromOctet(0x02)).toEqual({ ...NO_REQUEST_FLAGS, privateBinding: true });
    expect(requestFlagsFromOctet(0x01)).toEqual({ ...NO_REQUEST_FLAGS, reserved: 1 });
    expect(requestFlagsFromOctet(0xfe)).toEqual({
      simultaneousBindings: true, broadcastDatagrams: true, decapsulationByMobileNode: true, minimalEncapsulation: true,
      greEncapsulation: true, vjCompression: true, privateBinding: true, reserved: 0,
    });
    for (let o = 0; o < 256; o++) expect(requestFlagsToOctet(requestFlagsFromOctet(o))).toBe(o);
  });

  it('reads and sets P at the profile position: 0x02 in ro98, 0x01 in rfc3344 (OC-02)', () => {
    expect(privateBindingRequested(requestFlagsFromOctet(0x02), 'ro98')).toBe(true);
    expect(privateBindingRequested(requestFlagsFromOctet(0x02), 'rfc3344')).toBe(false);
    expect(privateBindingRequested(requestFlagsFromOctet(0x01), 'rfc3344')).toBe(true);
    expect(requestFlagsToOctet(withPrivateBinding(NO_REQUEST_FLAGS, 'ro98', true))).toBe(0x02);
    expect(requestFlagsToOctet(withPrivateBinding(NO_REQUEST_FLAGS, 'rfc3344', true))).toBe(0x01);
    expect(requestFlagsToOctet(withPrivateBinding(requestFlagsFromOctet(0x83), 'ro98', false))).toBe(0x81);
  });

  it('refuses a short fixed part and a wrong Type, naming field and offset', () => {
    expect(parseRegistrationRequest(RRQ_FIXED, 0, 23)).toEqual({ ok: false, error: { layer: 'Registration Request', field: 'fixed part', offset: 0, reason: 'needs 24 octets, only 23 remain' } });
    const reply = RRQ_FIXED.slice(); reply[0] = 3;
    expect(parseRegistrationRequest(reply)).toMatchObject({ ok: false, error: { field: 'Type', offset: 0 } });
  });

  it('propagates an extension error with its absolute offset', () => {
    const bad = concatBytes(RRQ_FIXED, hexToBytes('20 14 00 00'));
    expect(parseRegistrationRequest(bad)).toMatchObject({ ok: false, error: { layer: 'Mobile-Home Authentication extension', field: 'Length', offset: 25 } });
  });

  describe('dissection', () => {
    const dissect = (bytes: Uint8Array, profile: 'ro98' | 'rfc3344' = 'ro98') => {
      const d = dissectRegistrationRequest(bytes, 0, bytes.length, profile);
      if (!d.ok) throw new Error(d.error.reason);
      return d.value;
    };

    it('shows every fixed field at its offset with human values', () => {
      const root = dissect(RRQ_RO98);
      expect(root).toMatchObject({ name: 'Mobile IP Registration Request', offset: 0, length: 46, ref: expect.stringMatching(/RFC 2002 §3.3/) });
      expect(findNode(root, 'Type')).toMatchObject({ offset: 0, length: 1, value: '1 (Registration Request)' });
      expect(findNode(root, 'Flags')).toMatchObject({ offset: 1, length: 1, value: '0x00 (none)' });
      expect(findNode(root, 'Lifetime')).toMatchObject({ offset: 2, length: 2, value: '300 s' });
      expect(findNode(root, 'Home Address')).toMatchObject({ offset: 4, value: '10.1.0.10' });
      expect(findNode(root, 'Home Agent')).toMatchObject({ offset: 8, value: '10.1.0.1' });
      expect(findNode(root, 'Care-of Address')).toMatchObject({ offset: 12, value: '192.168.2.1' });
      expect(findNode(root, 'Identification')).toMatchObject({ offset: 16, length: 8, value: 'd5c1e2a0 12345678' });
      expect(findNode(root, 'As NTP timestamp').value).toMatch(/^2013-08-23 13:31:12\.071111 UTC/);
      expect(findNode(root, 'Extensions')).toMatchObject({ offset: 24, length: 22, value: '1 extension' });
      expect(findNode(root, 'Covered bytes')).toMatchObject({ offset: 0, length: 26 });
    });

    it('names each flag with its mask; P carries the Wireshark note (it shows T)', () => {
      const root = dissect(PRIVATE_INFINITE);
      expect(findNode(root, 'Flags').value).toBe('0x82 (S P)');
      expect(findNode(root, 'S: simultaneous bindings')).toMatchObject({ mask: 0x80, value: 'set' });
      expect(findNode(root, 'V: Van Jacobson header compression')).toMatchObject({ mask: 0x04, value: 'not set' });
      const p = findNode(root, 'P: private binding');
      expect(p).toMatchObject({ offset: 1, mask: 0x02, value: 'set', ref: expect.stringMatching(/optim-08 §4\.6; lab choice/) });
      expect(findNode(p, 'Wireshark').value).toMatch(/'T'/);
      expect(findNode(root, 'Lifetime').value).toBe('65535 (infinite)');
    });

    it('warns about the reserved bit in ro98; the rfc3344 profile reads 0x01 as P and 0x02 as T', () => {
      const odd = PRIVATE_INFINITE.slice(); odd[1] = 0x03;
      expect(findNode(dissect(odd), 'r: reserved').warning).toMatch(/Code 70.*134/);
      const root = dissect(odd, 'rfc3344');
      expect(findNode(root, 'Flags').value).toBe('0x03 (T P)');
      expect(findNode(root, 'P: private binding')).toMatchObject({ mask: 0x01, value: 'set' });
      expect(findNode(root, /^T: reverse tunnelling/)).toMatchObject({ mask: 0x02, value: 'set' });
      expect(findNode(dissect(RRQ_RO98, 'rfc3344'), 'Covered bytes').length).toBe(30);
    });

    it('calls Lifetime 0 a deregistration', () => {
      const dereg = RRQ_FIXED.slice(); dereg[2] = 0; dereg[3] = 0;
      expect(findNode(dissect(dereg), 'Lifetime').value).toBe('0 s (deregistration)');
    });
  });

  it('round-trips any Request', () => {
    checkRoundTrip(registrationRequestCodec, arbRegistrationRequest, undefined, 300);
  });

  it('every truncation is a typed error or, at an extension boundary, the shorter Request', () => {
    checkEveryTruncation(registrationRequestCodec, RRQ_RO98);
    checkEveryTruncation(registrationRequestCodec, concatBytes(RRQ_RO98, PFAN_EXTENSION));
  });

  it('never throws on random or mutated bytes', () => {
    checkFuzz(registrationRequestCodec, [RRQ_RO98, PRIVATE_INFINITE, concatBytes(RRQ_RO98, PFAN_EXTENSION)], 1000);
  });
});
