import { describe, expect, it } from 'vitest';
import { tunnelOverheads } from './encapsulation-overhead';

// Tunnelled datagrams assembled by hand from the header diagrams (RFC 791
// §3.1, RFC 2003 §3.1, RFC 2004 §3, RFC 1701 §2); checksums are left 0, which
// the parsers report but do not refuse.

/** A 20-octet IPv4 header: version 4, IHL 5, the given protocol and total length, 10.0.0.1 → 10.0.0.2. */
const ipHeader = (protocol: number, totalLength: number) => [0x45, 0, totalLength >> 8, totalLength & 0xff, 0, 1, 0, 0, 64, protocol, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2];
/** The innermost datagram: IPv4 + UDP (8 octets, 4 of payload) = 32 octets. */
const inner = [...ipHeader(17, 32), 0x13, 0x88, 0, 7, 0, 12, 0, 0, 1, 2, 3, 4];

describe('octets each tunnel adds', () => {
  it('IP in IP: the outer 20-octet header', () => {
    expect(tunnelOverheads(new Uint8Array([...ipHeader(4, 52), ...inner]))).toEqual([{ method: 'IP in IP', octets: 20 }]);
  });

  it('GRE: the outer header and 4 octets of GRE, 8 with a key', () => {
    expect(tunnelOverheads(new Uint8Array([...ipHeader(47, 56), 0x00, 0x00, 0x08, 0x00, ...inner]))).toEqual([{ method: 'GRE', octets: 24 }]);
    expect(tunnelOverheads(new Uint8Array([...ipHeader(47, 60), 0x20, 0x00, 0x08, 0x00, 0, 0, 0, 9, ...inner]))).toEqual([{ method: 'GRE', octets: 28 }]);
  });

  it('minimal encapsulation: only its forwarding header, 8 octets, 12 with the original source', () => {
    const udp = inner.slice(20);
    // protocol 17, S = 0, checksum, original destination 10.1.0.10
    expect(tunnelOverheads(new Uint8Array([...ipHeader(55, 40), 17, 0x00, 0, 0, 10, 1, 0, 10, ...udp]))).toEqual([{ method: 'minimal encapsulation', octets: 8 }]);
    // S = 1: the original source 198.51.100.5 follows
    expect(tunnelOverheads(new Uint8Array([...ipHeader(55, 44), 17, 0x80, 0, 0, 10, 1, 0, 10, 198, 51, 100, 5, ...udp]))).toEqual([{ method: 'minimal encapsulation', octets: 12 }]);
  });

  it('nested tunnels count once each, outermost first; a plain datagram and bad bytes add nothing', () => {
    const ipInIp = [...ipHeader(4, 52), ...inner];
    expect(tunnelOverheads(new Uint8Array([...ipHeader(47, 76), 0x00, 0x00, 0x08, 0x00, ...ipInIp]))).toEqual([{ method: 'GRE', octets: 24 }, { method: 'IP in IP', octets: 20 }]);
    expect(tunnelOverheads(new Uint8Array(inner))).toEqual([]);
    expect(tunnelOverheads(new Uint8Array([0x45, 0, 0]))).toEqual([]);
  });
});
