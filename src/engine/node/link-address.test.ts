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
});
