import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { icmpDatagram } from '../../wire/datagram';
import { advertisementDatagram } from './advertisement-bytes';
import { ADVERTISEMENT_TTL, advertiserConfig, buildAdvertisement } from './advertiser';

describe('an agent advertisement made from the agent’s last one', () => {
  it('is the very datagram a full build gives, for any run of sequence numbers, identifications and destinations', () => {
    const config = fc.record({
      foreignAgent: fc.boolean(), smoothHandoff: fc.boolean(), gre: fc.boolean(), minimalEncapsulation: fc.boolean(),
      careOfAddresses: fc.constantFrom(['192.168.1.1'], ['192.168.1.1', '192.168.1.2']), prefixLength: fc.option(fc.integer({ min: 8, max: 30 }), { nil: undefined }),
      icmpLifetime: fc.integer({ min: 1, max: 9000 }),
    }).map((o) => advertiserConfig({ interface: 'wlan0', agentAddress: '192.168.1.1', homeAgent: !o.foreignAgent, ...o, smoothHandoff: o.foreignAgent && o.smoothHandoff, careOfAddresses: o.foreignAgent ? o.careOfAddresses : [] }));
    const sends = fc.array(fc.tuple(fc.nat(0xffff), fc.nat(0xffff), fc.constantFrom('224.0.0.1', '255.255.255.255', '192.168.1.20')), { minLength: 1, maxLength: 12 });
    fc.assert(fc.property(config, sends, (c, list) => {
      const from = { source: c.agentAddress, ttl: ADVERTISEMENT_TTL, message: (s: number) => buildAdvertisement(c, s) };
      for (const [sequence, identification, destination] of list) {
        const full = icmpDatagram({ source: c.agentAddress, destination, ttl: ADVERTISEMENT_TTL, identification }, buildAdvertisement(c, sequence));
        expect(Array.from(advertisementDatagram(c, from, destination, sequence, identification))).toEqual(Array.from(full));
      }
    }), { numRuns: 300 });
  });

  it('gives every advertisement its own bytes (changing one changes no other)', () => {
    const c = advertiserConfig({ interface: 'wlan0', agentAddress: '192.168.1.1', foreignAgent: true, careOfAddresses: ['192.168.1.1'] });
    const from = { source: c.agentAddress, ttl: ADVERTISEMENT_TTL, message: (s: number) => buildAdvertisement(c, s) };
    const a = advertisementDatagram(c, from, '224.0.0.1', 1, 1);
    const b = advertisementDatagram(c, from, '224.0.0.1', 2, 2);
    const bBefore = Array.from(b);
    a.fill(0);
    expect(Array.from(b)).toEqual(bBefore);
    expect(Array.from(advertisementDatagram(c, from, '224.0.0.1', 2, 2))).toEqual(bBefore);
  });
});
