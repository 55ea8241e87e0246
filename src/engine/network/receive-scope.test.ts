import { describe, expect, it } from 'vitest';
import { emitIpv4, ipv4, ipv4Length, parseIpv4 } from '../wire/ipv4';
import { buildUdpDatagram } from './behaviours/udp-datagram';
import { beginReceive, endReceive, receivedIpv4, receivedUdp } from './receive-scope';

const bytes = buildUdpDatagram({ source: '10.1.0.10', destination: '10.2.0.10', sourcePort: 5000, destinationPort: 7, payload: new Uint8Array(12), ttl: 64, identification: 1 });

describe('parsing a received frame once per input', () => {
  it('within one input, the same bytes give the same parse; the values are parseIpv4’s and parseUdp’s', () => {
    beginReceive();
    try {
      const a = receivedIpv4(bytes);
      expect(receivedIpv4(bytes)).toBe(a);
      expect(a).toEqual(parseIpv4(bytes));
      if (!a.ok) throw new Error('must parse');
      const u = receivedUdp(a.value);
      expect(receivedUdp(a.value)).toBe(u);
      expect(u.ok && u.value.checksumValid).toBe(true);
      const other = bytes.slice();
      expect(receivedIpv4(other)).not.toBe(a); // other bytes (even equal ones) are parsed
      expect(receivedIpv4(other)).toEqual(a);
    } finally {
      endReceive();
    }
  });

  it('keeps nothing outside an input or from one input to the next, so bytes changed in between read as they are now', () => {
    const mine = bytes.slice();
    const first = receivedIpv4(mine);
    expect(receivedIpv4(mine)).not.toBe(first); // outside an input: parsed each time
    beginReceive();
    const inFirst = receivedIpv4(mine);
    endReceive();
    const d = ipv4({ source: '10.9.9.9', destination: '10.2.0.10', protocol: 17, ttl: 3, payload: new Uint8Array(20) });
    emitIpv4(d, mine.subarray(0, ipv4Length(d))); // the same buffer, rewritten (a test may; nodes never do)
    beginReceive();
    try {
      const now = receivedIpv4(mine);
      expect(now).not.toBe(inFirst);
      expect(now.ok && now.value.source).toBe('10.9.9.9');
    } finally {
      endReceive();
    }
  });

  it('nested inputs share the outer one’s parses until the outer one ends', () => {
    beginReceive();
    const a = receivedIpv4(bytes);
    beginReceive();
    expect(receivedIpv4(bytes)).toBe(a);
    endReceive();
    expect(receivedIpv4(bytes)).toBe(a);
    endReceive();
    expect(receivedIpv4(bytes)).not.toBe(a);
  });
});
