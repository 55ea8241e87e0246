import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../../wire/test-support/laws';
import { buildUdpDatagram, flowPayload, readFlowPayload } from './udp-datagram';

describe('UDP datagrams of the simple host', () => {
  it('builds IPv4 + UDP byte for byte (checksums by an independent script: IP 0x66b6, UDP 0xf95f)', () => {
    const bytes = buildUdpDatagram({ source: '10.1.0.10', destination: '10.2.0.10', sourcePort: 5000, destinationPort: 7, payload: new TextEncoder().encode('ping'), ttl: 64, identification: 1 });
    expect(bytesToHex(bytes)).toBe(bytesToHex(hexToBytes('45 00 00 20 00 01 00 00 40 11 66 b6 0a 01 00 0a 0a 02 00 0a 13 88 00 07 00 0c f9 5f 70 69 6e 67')));
  });

  it('flow payloads carry the sequence number and flow id, padded to the requested size', () => {
    expect(bytesToHex(flowPayload('a', 3, 8))).toBe('00 00 00 03 61 00 00 00');
    expect(flowPayload('long-name', 0, 2).length).toBe(13);
    fc.assert(fc.property(fc.stringMatching(/^[a-z0-9-]{1,20}$/), fc.nat(), fc.nat(100), (flow, sequence, octets) => {
      expect(readFlowPayload(flowPayload(flow, sequence, octets))).toEqual({ flow, sequence: sequence >>> 0 });
    }));
    expect(readFlowPayload(new Uint8Array(4))).toBeUndefined();
  });

  it('reads any payload as the character-by-character reading did: up to the first zero, at most 64 octets', () => {
    const charByChar = (payload: Uint8Array): { flow: string; sequence: number } | undefined => {
      if (payload.length < 5) return undefined;
      let flow = '';
      for (let i = 4; i < payload.length && payload[i] !== 0 && flow.length < 64; i++) flow += String.fromCharCode(payload[i]!);
      return flow === '' ? undefined : { flow, sequence: new DataView(payload.buffer, payload.byteOffset).getUint32(0) };
    };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 90 }), fc.integer({ min: 0, max: 3 }), (raw, zeros) => {
      const payload = raw.map((b, i) => (i >= 4 && i % 7 === zeros ? 0 : b)); // zeros here and there, and none at all
      expect(readFlowPayload(payload)).toEqual(charByChar(payload));
      expect(readFlowPayload(raw)).toEqual(charByChar(raw));
    }), { numRuns: 500 });
  });
});
