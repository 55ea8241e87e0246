import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  autoconfiguredAddress, canonicalIpv6, formatIpv6, interfaceIdentifierOf, ipv6Bytes, ipv6InPrefix, ipv6NetworkOf,
  ipv6PseudoHeaderSum, isIpv6LinkLocal, isIpv6Multicast, linkLocalAddressOf, multicastLinkAddressOf, parseIpv6Text, solicitedNodeAddress,
} from './ipv6-address';
import { bytesToHex } from '../test-support/laws';

describe('IPv6 address text (RFC 5952 §4)', () => {
  it.each([
    ['2001:0db8::0001', '2001:db8::1'], // §4.1: no leading zeros
    ['2001:db8:0:0:0:0:2:1', '2001:db8::2:1'], // §4.2.1: "::" as long as possible
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // §4.2.2: a single zero group is not shortened
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'], // §4.2.3: the longest run
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // §4.2.3: the first of equal runs
    ['2001:DB8::ABCD', '2001:db8::abcd'], // §4.3: lower case
    ['0:0:0:0:0:0:0:0', '::'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['fe80:0:0:0:0:0:0:0', 'fe80::'],
  ])('%s is written %s', (input, canonical) => {
    expect(canonicalIpv6(input)).toBe(canonical);
  });

  it('refuses text that is not an address', () => {
    for (const bad of ['', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1::2::3', '12345::', 'g::1', '192.0.2.1', '::ffff:192.0.2.1', '1:2:3:4:5:6:7:8::']) {
      expect(parseIpv6Text(bad), bad).toBeUndefined();
    }
    expect(() => ipv6Bytes('nope')).toThrow(RangeError);
  });

  it('formats any 16 octets canonically, and the text parses back to the same octets', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (b) => {
      const text = formatIpv6(b);
      expect(text).toMatch(/^[0-9a-f:]+$/);
      expect(text.split('::').length).toBeLessThanOrEqual(2);
      expect(bytesToHex(ipv6Bytes(text))).toBe(bytesToHex(b));
      expect(canonicalIpv6(text)).toBe(text);
    }));
  });
});

describe('IPv6 link-layer mapping', () => {
  it('forms the modified EUI-64 of a MAC by flipping the U/L bit and inserting ff:fe (RFC 4291 App. A; the example of RFC 2464 §4)', () => {
    expect(bytesToHex(interfaceIdentifierOf('34:56:78:9a:bc:de'))).toBe('36 56 78 ff fe 9a bc de');
    expect(linkLocalAddressOf('34:56:78:9a:bc:de')).toBe('fe80::3656:78ff:fe9a:bcde');
    expect(autoconfiguredAddress('2001:db8:2::', '02:00:00:00:00:10')).toBe('2001:db8:2::ff:fe00:10');
    expect(() => interfaceIdentifierOf('34:56:78:9a:bc')).toThrow(RangeError);
  });

  it('maps an address to its solicited-node group (the example of RFC 4291 §2.7.1) and a group to 33:33 + low 32 bits (RFC 2464 §7)', () => {
    expect(solicitedNodeAddress('4037::1:800:200e:8c6c')).toBe('ff02::1:ff0e:8c6c');
    expect(multicastLinkAddressOf('ff02::1:ff0e:8c6c')).toBe('33:33:ff:0e:8c:6c');
    expect(multicastLinkAddressOf('ff02::1')).toBe('33:33:00:00:00:01');
  });

  it('classifies multicast and link-local addresses and tests prefixes', () => {
    expect(isIpv6Multicast('ff02::2')).toBe(true);
    expect(isIpv6Multicast('2001:db8::1')).toBe(false);
    expect(isIpv6LinkLocal('fe80::1')).toBe(true);
    expect(isIpv6LinkLocal('febf::1')).toBe(true);
    expect(isIpv6LinkLocal('fec0::1')).toBe(false);
    expect(ipv6NetworkOf('2001:db8:2::ff:fe00:10', 64)).toBe('2001:db8:2::');
    expect(ipv6InPrefix('2001:db8:2::10', '2001:db8:2::', 64)).toBe(true);
    expect(ipv6InPrefix('2001:db8:3::10', '2001:db8:2::', 64)).toBe(false);
    expect(ipv6InPrefix('2001:db8:3::10', '2001:db8:2::', 46)).toBe(true);
  });

  it('sums the pseudo-header of RFC 8200 §8.1 word by word', () => {
    // 2001 + 0db8 + 0001 + 0010 (source) + 2001 + 0db8 + 0001 + 0020 (destination) + 000c (length) + 0011 (next header)
    const expected = 0x2001 + 0x0db8 + 0x0001 + 0x0010 + 0x2001 + 0x0db8 + 0x0001 + 0x0020 + 0x000c + 0x0011;
    expect(ipv6PseudoHeaderSum('2001:db8:1::10', '2001:db8:1::20', 12, 17)).toBe(expected);
    expect(ipv6PseudoHeaderSum('::', '::', 0x12345, 58)).toBe(0x1 + 0x2345 + 58);
  });
});
