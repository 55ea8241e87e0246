// buildOuter writes the outer header and the carried octets in place; it must give exactly what
// emitting the outer datagram with its payload gives (the way it was built before), for any input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { u32ToAddress } from './address';
import { encapsulateIpInIp } from './ip-in-ip';
import { emitIpv4, ipv4, ipv4Length, parseIpv4 } from './ipv4';
import { packetCutting } from './packet-memory';
import { buildOuter } from './tunnel';

describe('tunnel outer datagram', () => {
  it('equals the outer datagram emitted with the tunnel header and the inner bytes as its payload', () => {
    const address = fc.integer({ min: 0, max: 0xffffffff }).map(u32ToAddress);
    fc.assert(fc.property(address, address, fc.nat(0xffff), fc.option(fc.integer({ min: 1, max: 255 }), { nil: undefined }), fc.nat(255), fc.boolean(), fc.boolean(), fc.uint8Array({ maxLength: 24 }), fc.uint8Array({ maxLength: 600 }), fc.integer({ min: 0, max: 255 }), fc.boolean(),
      (source, destination, identification, ttl, tos, innerDf, optionDf, tunnelHeader, innerBytes, protocol, cut) => {
        const was = packetCutting(cut);
        try {
          const datagram = ipv4({ source: '10.0.0.1', destination: '10.0.0.2', protocol: 17, tos, dontFragment: innerDf, payload: new Uint8Array(0) });
          const options = { source, destination, identification, ttl, dontFragment: optionDf, decrementInnerTtl: false };
          const built = buildOuter('test', { datagram, bytes: innerBytes }, protocol, tunnelHeader, options);
          const payload = new Uint8Array(tunnelHeader.length + innerBytes.length);
          payload.set(tunnelHeader, 0);
          payload.set(innerBytes, tunnelHeader.length);
          const outer = ipv4({ source, destination, protocol, tos, identification, dontFragment: innerDf || optionDf, ttl: ttl ?? 64, payload });
          const expected = new Uint8Array(ipv4Length(outer));
          emitIpv4(outer, expected, 0);
          expect(built.ok).toBe(true);
          if (built.ok) expect(built.value).toEqual(expected);
        } finally {
          packetCutting(was);
        }
      }), { numRuns: 300 });
  });

  it('encapsulating with the inner datagram parsed beforehand gives what parsing it inside gives, well-formed or not', () => {
    const inner = fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: 3 }), fc.uint8Array({ maxLength: 80 })).map(([ttl, payload]) => {
        const d = ipv4({ source: '10.1.0.10', destination: '198.51.100.5', protocol: 17, ttl, payload });
        const bytes = new Uint8Array(ipv4Length(d));
        emitIpv4(d, bytes, 0);
        return bytes;
      }),
      fc.uint8Array({ maxLength: 60 }),
    );
    fc.assert(fc.property(inner, fc.boolean(), (bytes, decrementInnerTtl) => {
      const options = { source: '10.0.0.1', destination: '10.0.0.2', identification: 7, decrementInnerTtl };
      expect(encapsulateIpInIp(bytes, options, parseIpv4(bytes))).toEqual(encapsulateIpInIp(bytes, options));
    }), { numRuns: 300 });
  });
});
