import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { u32ToAddress } from './address';
import { NO_AGENT_FLAGS } from './advertisement-extensions';
import { routerEntry } from './agent-advertisement';
import { agentSolicitation } from './agent-solicitation';
import { icmpDatagram, udpDatagram } from './datagram';
import { parseIcmp, type IcmpMessage } from './icmp';
import { parseIpv4 } from './ipv4';
import { RRQ_RO98 } from './mip/test-support/vectors';
import { bytesToHex, hexToBytes } from './test-support/laws';
import { parseUdp } from './udp';
import { concatBytes } from './bytes';

// Golden bytes from docs/protocol-notes.md §Test vectors (computed by an independent script);
// the advertisement's IP header checksum 0x171f was computed by hand.

const RRQ_IP_UDP = hexToBytes(`
  45 00 00 4a 00 01 00 00 01 11 ec ee 0a 01 00 0a c0 a8 02 01
  c0 00 01 b2 00 36 97 8b`);

/** docs/protocol-notes.md §Test vectors Agent Advertisement: FA 192.168.2.1, F + S, one CoA, Prefix-Lengths /24, one padding octet. */
const ADVERTISEMENT_ICMP = hexToBytes(`
  09 00 23 f0 01 02 00 03 c0 a8 02 01 00 00 00 00
  10 0a 00 00 01 2c 10 80 c0 a8 02 01 13 01 18 00`);
const ADVERTISEMENT_IP = hexToBytes('45 00 00 34 00 00 00 00 01 01 17 1f c0 a8 02 01 e0 00 00 01');

const advertisement: IcmpMessage = {
  kind: 'agent-advertisement',
  code: 0,
  addressEntrySize: 2,
  lifetime: 3,
  routers: [routerEntry('192.168.2.1', 0)],
  extensions: [
    { kind: 'mobility-agent', sequenceNumber: 0, registrationLifetime: 300, flags: { ...NO_AGENT_FLAGS, foreignAgent: true, smoothHandoff: true }, careOfAddresses: ['192.168.2.1'] },
    { kind: 'prefix-lengths', prefixLengths: [24] },
    { kind: 'padding' },
  ],
};

describe('udpDatagram', () => {
  it('builds the docs/protocol-notes.md §Test vectors Registration Request datagram byte for byte (IP checksum 0xecee, UDP 0x978b)', () => {
    const d = udpDatagram({ source: '10.1.0.10', destination: '192.168.2.1', ttl: 1, identification: 1 }, 49152, 434, RRQ_RO98);
    expect(bytesToHex(d)).toBe(bytesToHex(concatBytes(RRQ_IP_UDP, RRQ_RO98)));
  });

  it('defaults to TTL 64 (OC-08), Identification 0, TOS 0, DF clear; DF and TOS when asked', () => {
    const d = udpDatagram({ source: '10.1.0.1', destination: '198.51.100.5' }, 434, 434, new Uint8Array(4));
    expect([d[8], d[4], d[5], d[1], d[6]]).toEqual([64, 0, 0, 0, 0]);
    const df = udpDatagram({ source: '10.1.0.1', destination: '198.51.100.5', dontFragment: true, tos: 0x10, identification: 0xbeef }, 434, 434, new Uint8Array(4));
    expect([df[1], df[4], df[5], df[6]! & 0x40]).toEqual([0x10, 0xbe, 0xef, 0x40]);
  });

  it('always has checksums the engine parsers verify, over the right pseudo-header', () => {
    const address = fc.nat().map((n) => u32ToAddress(n >>> 0));
    const port = fc.integer({ min: 0, max: 0xffff });
    fc.assert(fc.property(address, address, port, port, fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 0, max: 255 }), (source, destination, sp, dp, payload, ttl) => {
      const d = udpDatagram({ source, destination, ttl }, sp, dp, payload);
      const ip = parseIpv4(d);
      if (!ip.ok) throw new Error(JSON.stringify(ip.error));
      expect(ip.value).toMatchObject({ source, destination, ttl, protocol: 17, checksumValid: true });
      const u = parseUdp(ip.value.payload, 0, ip.value.payload.length, { source, destination });
      expect(u.ok && u.value).toMatchObject({ sourcePort: sp, destinationPort: dp, checksumValid: true, checksumAbsent: false });
      expect(u.ok && bytesToHex(u.value.payload)).toBe(bytesToHex(payload));
    }), { numRuns: 200 });
    // the pseudo-header is in the sum: the same bytes do not verify for another destination
    const d = udpDatagram({ source: '10.1.0.10', destination: '192.168.2.1' }, 49152, 434, RRQ_RO98);
    const u = parseUdp(d, 20, d.length, { source: '10.1.0.10', destination: '192.168.3.1' });
    expect(u.ok && u.value.checksumValid).toBe(false);
  });
});

describe('icmpDatagram', () => {
  it('builds the docs/protocol-notes.md §Test vectors Agent Advertisement (ICMP checksum 0x23f0) in its IPv4 header', () => {
    const d = icmpDatagram({ source: '192.168.2.1', destination: '224.0.0.1', ttl: 1 }, advertisement);
    expect(bytesToHex(d)).toBe(bytesToHex(concatBytes(ADVERTISEMENT_IP, ADVERTISEMENT_ICMP)));
  });

  it('builds a solicitation whose checksums the parsers verify, TTL 64 unless told', () => {
    const d = icmpDatagram({ source: '10.1.0.10', destination: '224.0.0.2' }, { kind: 'router-solicitation', ...agentSolicitation() });
    const ip = parseIpv4(d);
    if (!ip.ok) throw new Error(JSON.stringify(ip.error));
    expect(ip.value).toMatchObject({ ttl: 64, protocol: 1, checksumValid: true });
    expect(bytesToHex(ip.value.payload)).toBe('0a 00 f5 ff 00 00 00 00'); // type 10, checksum over the 8 octets, by hand
    const m = parseIcmp(ip.value.payload);
    expect(m.ok && m.value).toMatchObject({ kind: 'router-solicitation', checksumValid: true });
  });
});
