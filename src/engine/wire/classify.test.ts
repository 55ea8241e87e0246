import { describe, expect, it } from 'vitest';
import { buildSamplePackets } from '../samples/sample-packets';
import { flowPayload } from '../network/behaviours/udp-datagram';
import { udpDatagram } from './datagram';
import { encapsulateGre } from './gre';
import { encapsulateIpInIp } from './ip-in-ip';
import { encapsulateMinimal } from './minimal-encapsulation';
import { classifyPacket } from './classify';
import { describePacket } from './packet';
import { okValue } from './test-support/laws';

const samples = buildSamplePackets({ seed: 1 });

describe('classifyPacket: the fast look the trace and the UI colours use', () => {
  it('agrees with the full dissection on every sample: same message name, tunnelled or not', () => {
    expect(samples.length).toBeGreaterThanOrEqual(25);
    for (const s of samples) {
      const c = classifyPacket(s.bytes);
      const d = okValue(describePacket(s.bytes));
      expect(c, s.name).not.toBeNull();
      expect(c!.tunnels.length > 0, s.name).toBe(d.tunnelled);
      if (d.kind === 'control') expect(c!.name, s.name).toBe(d.name);
    }
  });

  it('calls a registration carrying a key extension a key exchange, and one without plain control', () => {
    const kinds = new Map(samples.map((s) => [s.name, classifyPacket(s.bytes)!.kind]));
    expect(kinds.get('Registration Request (MN → FA2: MN public key)')).toBe('key-exchange');
    expect(kinds.get('Registration Reply (HA → FA2: Home-Mobile + FA Key Replies, SPI)')).toBe('key-exchange');
    expect(kinds.get('Registration Request (MN → FA2: configured MN–FA association, no key needed)')).toBe('control');
    expect(kinds.get('Binding Update (HA → CN, answering the Binding Request)')).toBe('control');
    expect(kinds.get('Agent Advertisement (FA2, F + S bits, Prefix-Lengths, padding)')).toBe('discovery');
  });

  it('finds a flow datagram inside each of the three tunnels', () => {
    const datagram = udpDatagram({ source: '198.51.100.5', destination: '10.1.0.10' }, 5000, 7, flowPayload('cn-to-mn', 42, 32));
    const opts = { source: '10.1.0.1', destination: '192.168.2.1', identification: 1, decrementInnerTtl: true };
    for (const [tunnel, bytes] of [['IP in IP', encapsulateIpInIp(datagram, opts)], ['GRE', encapsulateGre(datagram, opts)], ['minimal encapsulation', encapsulateMinimal(datagram, opts)]] as const) {
      const c = classifyPacket(okValue(bytes));
      expect(c?.kind, tunnel).toBe('tunnelled-data');
      expect(c?.tunnels, tunnel).toEqual([tunnel]);
      expect(c?.destination, tunnel).toBe('10.1.0.10');
      expect(Array.from(c!.udpPayload!.subarray(0, 4)), tunnel).toEqual([0, 0, 0, 42]);
    }
    expect(classifyPacket(datagram)?.kind).toBe('data');
  });

  it('returns null for what is not an IPv4 packet', () => {
    expect(classifyPacket(new Uint8Array([0x60, 0, 0, 0]))).toBeNull();
  });
});
