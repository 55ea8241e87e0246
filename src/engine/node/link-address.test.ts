import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BROADCAST_LINK_ADDRESS, defaultLinkAddress, groupLinkAddressFor, isGroupLinkAddress, isLinkAddress, isMulticastIpv4 } from './link-address';

describe('link-layer addresses', () => {
  it('maps IPv4 group addresses as RFC 826 says', () => {
    expect(groupLinkAddressFor('224.0.0.1')).toBe('01:00:5e:00:00:01');
    expect(groupLinkAddressFor('224.0.0.2')).toBe('01:00:5e:00:00:02');
    expect(groupLinkAddressFor('224.0.0.11')).toBe('01:00:5e:00:00:0b');
    expect(groupLinkAddressFor('239.255.1.2')).toBe('01:00:5e:7f:01:02'); // only the low 23 bits
    expect(groupLinkAddressFor('255.255.255.255')).toBe(BROADCAST_LINK_ADDRESS);
    expect(groupLinkAddressFor('10.1.0.10')).toBeUndefined();
  });

  it('tells group from unicast addresses', () => {
    expect(isGroupLinkAddress(BROADCAST_LINK_ADDRESS)).toBe(true);
    expect(isGroupLinkAddress('01:00:5e:00:00:01')).toBe(true);
    expect(isGroupLinkAddress('02:00:00:00:01:00')).toBe(false);
    expect(isMulticastIpv4('224.0.0.1')).toBe(true);
    expect(isMulticastIpv4('223.255.255.255')).toBe(false);
  });

  it('gives each interface a distinct locally administered default', () => {
    expect(defaultLinkAddress(0, 0)).toBe('02:00:00:00:00:00');
    expect(defaultLinkAddress(258, 3)).toBe('02:00:00:01:02:03');
    expect(isLinkAddress(defaultLinkAddress(65535, 255))).toBe(true);
    expect(isLinkAddress('02:00:00:00:00')).toBe(false);
    expect(isLinkAddress('02:00:00:00:00:0G')).toBe(false);
  });

  it('reads the group bit as parsing the first two characters does, for any text', () => {
    const reference = (a: string): boolean => (parseInt(a.slice(0, 2), 16) & 0x01) !== 0;
    const hexish = fc.array(fc.constantFrom(...'0123456789abcdefABCDEFxX: g-'.split('')), { maxLength: 6 }).map((cs) => cs.join(''));
    fc.assert(fc.property(fc.oneof(hexish, fc.string({ maxLength: 4 })), (a) => {
      expect(isGroupLinkAddress(a)).toBe(reference(a));
    }), { numRuns: 2000 });
    for (let v = 0; v < 256; v++) {
      const a = `${v.toString(16).padStart(2, '0')}:00:00:00:00:00`;
      expect(isGroupLinkAddress(a)).toBe(reference(a));
      expect(isGroupLinkAddress(a.toUpperCase())).toBe(reference(a.toUpperCase()));
    }
  });

  it('gives the same group address when asked again, for any multicast address', () => {
    fc.assert(fc.property(fc.integer({ min: 0xe0000000, max: 0xefffffff }), (v) => {
      const a = `${v >>> 24}.${(v >>> 16) & 0xff}.${(v >>> 8) & 0xff}.${v & 0xff}`;
      const expected = ['01', '00', '5e', ((v >>> 16) & 0x7f).toString(16).padStart(2, '0'), ((v >>> 8) & 0xff).toString(16).padStart(2, '0'), (v & 0xff).toString(16).padStart(2, '0')].join(':');
      expect(groupLinkAddressFor(a)).toBe(expected);
      expect(groupLinkAddressFor(a)).toBe(expected);
    }), { numRuns: 600 });
    expect(() => groupLinkAddressFor('not an address')).toThrow(RangeError);
  });
});
