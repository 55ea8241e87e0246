import { describe, expect, it } from 'vitest';
import { checkEveryTruncation, checkFuzz, checkRoundTrip, expectGolden, hexToBytes } from '../test-support/laws';
import { bindingRequest, bindingRequestCodec, dissectBindingRequest, parseBindingRequest } from './binding-request';
import { arbBindingRequest } from './test-support/arbitraries';
import { findNode } from './test-support/tree';
import { BR_VECTOR } from './test-support/vectors';
import { concatBytes } from '../bytes';

// Hand-assembled: the same Request followed by an (ignored) type-35 extension, SPI 0x101, 2-octet authenticator.
const WITH_EXTENSION = concatBytes(BR_VECTOR, hexToBytes('23 06 00 00 01 01 ab cd'));

describe('Binding Request (optim-08 §4.2; Perkins & Johnson §3.2)', () => {
  it('encodes and decodes the vector of docs/protocol-notes.md §Test vectors (Identification d5c1e2a1 00000001)', () => {
    expectGolden(bindingRequestCodec, bindingRequest({ homeAddress: '10.1.0.10', identification: { high: 0xd5c1e2a1, low: 1 } }), BR_VECTOR);
  });

  it('carries extensions after the 16 fixed octets and keeps Reserved', () => {
    expectGolden(bindingRequestCodec, bindingRequest({
      homeAddress: '10.1.0.10',
      identification: { high: 0xd5c1e2a1, low: 1 },
      extensions: [{ kind: 'ro-auth', spi: 0x101, authenticator: hexToBytes('ab cd') }],
    }), WITH_EXTENSION);
    const odd = BR_VECTOR.slice(); odd[3] = 0x09;
    expect(parseBindingRequest(odd)).toMatchObject({ ok: true, value: { reserved: 9 } });
  });

  it('refuses a short fixed part and a wrong Type', () => {
    expect(parseBindingRequest(BR_VECTOR, 0, 15)).toMatchObject({ ok: false, error: { layer: 'Binding Request', field: 'fixed part', offset: 0 } });
    expect(parseBindingRequest(concatBytes(hexToBytes('12'), BR_VECTOR.slice(1)))).toMatchObject({ ok: false, error: { field: 'Type' } });
  });

  it('dissects the Identification as raw hex and as an NTP time; notes the Wireshark decoding', () => {
    const d = dissectBindingRequest(BR_VECTOR);
    if (!d.ok) throw new Error(d.error.reason);
    expect(findNode(d.value, 'Type').value).toBe('17 (Binding Request)');
    expect(findNode(d.value, 'Wireshark').value).toMatch(/Handoff Reply/);
    expect(findNode(d.value, 'Identification')).toMatchObject({ offset: 8, length: 8, value: expect.stringMatching(/^d5c1e2a1 00000001/) });
    expect(findNode(d.value, 'As NTP timestamp').value).toMatch(/^2013-08-23 13:31:13\.000000 UTC/);
    expect(findNode(d.value, 'Extensions')).toMatchObject({ offset: 16, length: 0, value: 'none' });
  });

  it('round-trips any Binding Request', () => {
    checkRoundTrip(bindingRequestCodec, arbBindingRequest, undefined, 300);
  });

  it('every truncation is a typed error or, at an extension boundary, the shorter Request', () => {
    checkEveryTruncation(bindingRequestCodec, WITH_EXTENSION);
  });

  it('never throws on random or mutated bytes', () => {
    checkFuzz(bindingRequestCodec, [BR_VECTOR, WITH_EXTENSION], 1000);
  });
});
