import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Frame } from '../node/contract';
import { EtherType } from '../node/link-address';
import { u32ToAddress } from '../wire/address';
import { emitIpv4, ipv4, ipv4Length, parseIpv4, protocolName } from '../wire/ipv4';
import { forwardedSummary } from './behaviours/forwarded-summary';
import { describeFrame } from './describe-frame';
import { flatText } from './flat-text';
import { ReceivedSummaries } from './received-summary';

const address = fc.constantFrom(0x0a01000a, 0x0a010001, 0xc6336405, 0xc0a80201, 0xe0000001, 0xffffffff, 0).map(u32ToAddress);

function parsedDatagram(source: string, destination: string, protocol: number, ttl: number) {
  const parsed = parseIpv4(datagram(source, destination, protocol, ttl, 8));
  if (!parsed.ok) throw new Error('built datagram must parse');
  return parsed.value;
}

function datagram(source: string, destination: string, protocol: number, ttl: number, octets: number): Uint8Array {
  const d = ipv4({ source, destination, protocol, ttl, payload: new Uint8Array(octets) });
  const bytes = new Uint8Array(ipv4Length(d));
  emitIpv4(d, bytes);
  return bytes;
}

describe('trace lines made once and handed out again', () => {
  it('flatText gives back the same text', () => {
    fc.assert(fc.property(fc.string(), fc.string(), fc.nat(), (a, b, n) => {
      const built = `${a} → ${b} #${n}`;
      expect(flatText(built)).toBe(built);
    }));
  });

  it('a received line reads exactly as describeFrame + the link, whatever the frame, and is one string for frames that read the same', () => {
    const lines = new ReceivedSummaries();
    const frame = fc.oneof(
      fc.record({ source: address, destination: address, protocol: fc.constantFrom(1, 4, 17, 55, 200), octets: fc.integer({ min: 0, max: 80 }) })
        .map(({ source, destination, protocol, octets }) => datagram(source, destination, protocol, 64, octets)),
      fc.uint8Array({ maxLength: 40 }), // short, not version 4, anything
    );
    const etherType = fc.constantFrom(EtherType.IPV4, EtherType.IPV4, EtherType.ARP, 0x86dd);
    fc.assert(fc.property(fc.array(fc.tuple(frame, etherType, fc.constantFrom('cell1', 'ha-r', 'lan')), { minLength: 1, maxLength: 60 }), (frames) => {
      for (const [payload, type, link] of frames) {
        const f: Frame = { source: '02:00:00:00:00:01', destination: '02:00:00:00:00:02', etherType: type, payload };
        const text = lines.text(f, link);
        expect(text).toBe(`${describeFrame(f)} (link ${link})`);
        expect(lines.text({ ...f, payload: payload.slice() }, link)).toBe(text);
      }
    }), { numRuns: 200 });
  });

  it('a received line reads right after more different lines than a node keeps (the table starts again)', () => {
    const lines = new ReceivedSummaries();
    const frames = Array.from({ length: 3000 }, (_, n): Frame => ({ source: 'a', destination: 'b', etherType: EtherType.IPV4, payload: datagram(u32ToAddress(0x0a010000 + n), '198.51.100.5', 17, 64, n % 7) }));
    for (const f of [...frames, ...frames.slice(0, 50), ...frames.slice(2950)]) expect(lines.text(f, 'cell1')).toBe(`${describeFrame(f)} (link cell1)`);
  });

  it('hands out the very same string object for a flow’s frames on one link', () => {
    const lines = new ReceivedSummaries();
    const f = (n: number): Frame => ({ source: 'a', destination: 'b', etherType: EtherType.IPV4, payload: datagram('10.1.0.10', '198.51.100.5', 17, 64 - n, 72) });
    const first = lines.text(f(0), 'cell1');
    expect(Object.is(lines.text(f(1), 'cell1'), first)).toBe(true);
    expect(lines.text(f(1), 'fa1-r')).toBe('UDP 10.1.0.10 → 198.51.100.5, 92 octets (link fa1-r)');
  });

  it('a forwarded line reads exactly as it was built, whatever the datagram and next hop', () => {
    fc.assert(fc.property(fc.array(fc.tuple(address, address, address, fc.constantFrom(1, 4, 17, 47, 55), fc.integer({ min: 2, max: 255 })), { minLength: 1, maxLength: 80 }), (rows) => {
      for (const [source, destination, nextHop, protocol, ttl] of rows) {
        const parsed = parseIpv4(datagram(source, destination, protocol, ttl, 8));
        if (!parsed.ok) throw new Error('built datagram must parse');
        const d = parsed.value;
        expect(forwardedSummary(d, nextHop)).toBe(`${protocolName(d.protocol)} ${d.source} → ${d.destination} → next hop ${nextHop}, TTL ${d.ttl} → ${d.ttl - 1}`);
      }
    }), { numRuns: 200 });
  });

  it('a forwarded line is one string for datagrams that read the same, and reads right after many others (the table stays bounded)', () => {
    const line = (d: ReturnType<typeof parsedDatagram>, nextHop: string) => `${protocolName(d.protocol)} ${d.source} → ${d.destination} → next hop ${nextHop}, TTL ${d.ttl} → ${d.ttl - 1}`;
    const first = parsedDatagram('10.1.0.10', '198.51.100.5', 17, 64);
    const text = forwardedSummary(first, '10.0.2.1');
    expect(Object.is(forwardedSummary(parsedDatagram('10.1.0.10', '198.51.100.5', 17, 64), '10.0.2.1'), text)).toBe(true);
    // one pair through many routers (more next hops and TTLs than a pair keeps), then many pairs (more than the whole table keeps)
    for (let ttl = 2; ttl < 60; ttl++) {
      const d = parsedDatagram('10.1.0.10', '198.51.100.5', 17, ttl);
      expect(forwardedSummary(d, u32ToAddress(0x0a000000 + ttl))).toBe(line(d, u32ToAddress(0x0a000000 + ttl)));
    }
    for (let n = 0; n < 20_000; n++) {
      const d = parsedDatagram(u32ToAddress(0x0a010000 + (n % 150)), u32ToAddress(0xc6336400 + Math.floor(n / 150)), n % 3 === 0 ? 1 : 17, 64 - (n % 5));
      expect(forwardedSummary(d, '10.0.2.1')).toBe(line(d, '10.0.2.1'));
    }
    expect(forwardedSummary(first, '10.0.2.1')).toBe(text);
  });
});
