import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { udpDelivery } from './host';
import { flowPayload, readFlowPayload } from './udp-datagram';

describe('the record of a delivered UDP datagram', () => {
  it('has the keys, order and values the spread it replaced had', () => {
    const payload = fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.tuple(fc.stringMatching(/^[a-z0-9-]{1,12}$/), fc.nat(), fc.nat(64)).map(([f, s, n]) => flowPayload(f, s, n)));
    fc.assert(fc.property(fc.nat(), fc.nat(255), fc.nat(0xffff), fc.nat(0xffff), payload, (time, ttl, sourcePort, destinationPort, udpPayload) => {
      const d = { source: '10.1.0.10', destination: '198.51.100.5', protocol: 17, ttl, payload: new Uint8Array(8 + udpPayload.length) };
      const base = { time, source: d.source, destination: d.destination, protocol: d.protocol, ttl: d.ttl, octets: d.payload.length };
      const spread = { ...base, sourcePort, destinationPort, ...(readFlowPayload(udpPayload) ?? {}) };
      expect(JSON.stringify(udpDelivery(time, d, sourcePort, destinationPort, udpPayload))).toBe(JSON.stringify(spread));
    }), { numRuns: 300 });
  });
});
