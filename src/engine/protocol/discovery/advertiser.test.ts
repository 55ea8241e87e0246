import { describe, expect, it } from 'vitest';
import type { InterfaceConfig, NodeOutput } from '../../node/contract';
import { createRandom } from '../../random';
import { emitIcmp, icmpLength } from '../../wire/icmp';
import { parseIpv4 } from '../../wire/ipv4';
import { bytesToHex, hexToBytes } from '../../wire/test-support/laws';
import {
  ADVERTISE_TIMER, advertiserConfig, buildAdvertisement, initialAdvertiserState, nextSequenceNumber, onAdvertiseTimer,
  onSolicitation, randomisedInterval, rebootAdvertiser, startAdvertiser,
} from './advertiser';

const wlan: InterfaceConfig = { name: 'wlan0', address: '192.168.1.1', prefixLength: 24, linkAddress: '02:00:00:00:03:01', radio: false };
const fa = advertiserConfig({ interface: 'wlan0', agentAddress: '192.168.1.1', foreignAgent: true, smoothHandoff: true, careOfAddresses: ['192.168.1.1'], prefixLength: 24 });

function transmitted(outputs: readonly NodeOutput[]): Extract<NodeOutput, { kind: 'transmit' }> {
  const t = outputs.find((o) => o.kind === 'transmit');
  if (t === undefined || t.kind !== 'transmit') throw new Error('nothing transmitted');
  return t;
}

describe('sequence numbers (RFC 2002 §2.3.2)', () => {
  it('count up by one and wrap from 0xFFFF to 256, never back to 0..255', () => {
    expect(nextSequenceNumber(0)).toBe(1);
    expect(nextSequenceNumber(255)).toBe(256);
    expect(nextSequenceNumber(0xfffe)).toBe(0xffff);
    expect(nextSequenceNumber(0xffff)).toBe(256);
  });

  it('start at 0 after boot and again after a reboot', () => {
    expect(initialAdvertiserState().sequenceNumber).toBe(0);
    let state = initialAdvertiserState();
    for (let i = 0; i < 3; i++) state = onAdvertiseTimer(fa, state, [wlan], i, createRandom(i), i).state;
    expect(state.sequenceNumber).toBe(3);
    const rebooted = rebootAdvertiser(fa, 5_000_000);
    expect(rebooted.state).toEqual({ sequenceNumber: 0, nextPeriodicAt: 5_000_000 });
    expect(rebooted.outputs).toEqual([{ kind: 'set-timer', key: ADVERTISE_TIMER, at: 5_000_000, ref: 'RFC 2002 §2.1; lab choice' }]);
  });
});

describe('configuration', () => {
  it('fills in the OC-32 defaults: 1 s interval, ICMP Lifetime 3 s, Registration Lifetime 300 s', () => {
    const c = advertiserConfig({ interface: 'eth0', agentAddress: '10.1.0.1', homeAgent: true });
    expect(c).toMatchObject({ interval: 1_000_000, icmpLifetime: 3, registrationLifetime: 300, onlyOnSolicitation: false, busy: false });
  });

  it.each([
    [{ foreignAgent: false, homeAgent: false }, 'at least one of H (home agent) and F (foreign agent) must be set (RFC 2002 §2.1.1)'],
    [{ homeAgent: true, registrationRequired: true }, 'R (registration required) must not be set unless F is set (RFC 2002 §2.1.1)'],
    [{ homeAgent: true, busy: true }, 'B (busy) must not be set unless F is set (RFC 2002 §2.1.1)'],
    [{ foreignAgent: true }, 'a foreign agent (F) must offer at least one care-of address (RFC 2002 §2.1.1)'],
    [{ homeAgent: true, icmpLifetime: 70000 }, 'ICMP lifetime 70000 s must be a whole number of seconds in 0..65535 (RFC 1256 §3; RFC 2002 §2.1)'],
    [{ homeAgent: true, interval: 0 }, 'advertisement interval 0 µs must be a positive whole number of µs'],
    [{ homeAgent: true, prefixLength: 33 }, 'prefix length 33 must be in 0..32 (RFC 2002 §2.1.2)'],
  ])('refuses %o with a clear error', (flags, message) => {
    expect(() => advertiserConfig({ interface: 'eth0', agentAddress: '10.1.0.1', ...flags })).toThrow(message);
  });
});

describe('the advertisement', () => {
  it('matches hand-assembled bytes: router entry, Mobility extension with F and S, Prefix-Lengths, one pad octet', () => {
    // RFC 1256 §3; RFC 2002 §2.1, §2.1.3, assembled by hand:
    const golden = hexToBytes(
      '09 00 25 eb' + // type 9, code 0 (routes ordinary traffic), checksum
      ' 01 02 00 03' + // Num Addrs 1, Addr Entry Size 2, Lifetime 3 s (OC-32)
      ' c0 a8 01 01 00 00 00 00' + // Router Address 192.168.1.1, preference 0
      ' 10 0a 00 05 01 2c 10 80 c0 a8 01 01' + // type 16, length 6+4, seq 5, 300 s, F (0x10) | S (octet 7, 0x80), CoA
      ' 13 01 18' + // Prefix-Lengths: one /24
      ' 00', // padding: the ICMP length becomes 32 (RFC 2002 §2.1.3)
    );
    const message = buildAdvertisement(fa, 5);
    const out = new Uint8Array(icmpLength(message)).fill(0xa5);
    emitIcmp(message, out);
    expect(bytesToHex(out)).toBe(bytesToHex(golden));
  });

  it('needs no padding when the length is already even', () => {
    const noPrefix = advertiserConfig({ interface: 'wlan0', agentAddress: '192.168.1.1', homeAgent: true });
    expect(buildAdvertisement(noPrefix, 0).extensions.map((e) => e.kind)).toEqual(['mobility-agent']);
  });

  it('goes to 224.0.0.1 with IP TTL 1 on each timer, and the timer is re-armed within ±10 % of 1 s', () => {
    const step = onAdvertiseTimer(fa, initialAdvertiserState(), [wlan], 2_000_000, createRandom(7), 42);
    const t = transmitted(step.outputs);
    expect(t.interface).toBe('wlan0');
    expect(t.frame).toMatchObject({ source: '02:00:00:00:03:01', destination: '01:00:5e:00:00:01', etherType: 0x0800 });
    const ip = parseIpv4(t.frame.payload);
    expect(ip.ok && ip.value).toMatchObject({ source: '192.168.1.1', destination: '224.0.0.1', ttl: 1, protocol: 1, identification: 42 });
    expect(t.summary).toBe('Agent Advertisement 192.168.1.1 → 224.0.0.1, seq 0, F S, CoA 192.168.1.1, lifetime 3 s');
    expect(step.identificationsUsed).toBe(1);
    const timer = step.outputs.find((o) => o.kind === 'set-timer');
    expect(timer).toMatchObject({ key: ADVERTISE_TIMER });
    const at = timer!.kind === 'set-timer' ? timer!.at : 0;
    expect(at).toBeGreaterThanOrEqual(2_900_000);
    expect(at).toBeLessThanOrEqual(3_100_000);
    expect(step.state).toEqual({ sequenceNumber: 1, nextPeriodicAt: at });
  });

  it('randomises the interval over the whole ±10 % band, never outside it', () => {
    const random = createRandom(3);
    const draws = Array.from({ length: 2000 }, () => randomisedInterval(1_000_000, random));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(900_000);
    expect(Math.max(...draws)).toBeLessThanOrEqual(1_100_000);
    expect(Math.min(...draws)).toBeLessThan(910_000);
    expect(Math.max(...draws)).toBeGreaterThan(1_090_000);
  });

  it('answers a solicitation by unicast to the solicitor’s IP and link-layer addresses (RFC 2002 §2.1)', () => {
    const step = onSolicitation(fa, { sequenceNumber: 9, nextPeriodicAt: 1 }, [wlan], '10.9.0.10', '02:00:00:00:04:00', 7);
    const t = transmitted(step.outputs);
    expect(t.frame.destination).toBe('02:00:00:00:04:00');
    const ip = parseIpv4(t.frame.payload);
    expect(ip.ok && ip.value).toMatchObject({ destination: '10.9.0.10', ttl: 1 });
    expect(step.state).toEqual({ sequenceNumber: 10, nextPeriodicAt: 1 }); // the periodic schedule is untouched
    expect(step.outputs).toHaveLength(1);
  });

  it('answers a solicitor without an address (0.0.0.0) by multicast', () => {
    const t = transmitted(onSolicitation(fa, initialAdvertiserState(), [wlan], '0.0.0.0', '02:00:00:00:04:00', 7).outputs);
    expect(t.frame.destination).toBe('01:00:5e:00:00:01');
  });

  it('arms nothing when configured to advertise only on solicitation (RFC 2002 §2.3)', () => {
    const quiet = { ...fa, onlyOnSolicitation: true };
    expect(startAdvertiser(quiet, initialAdvertiserState(), 0).outputs).toEqual([]);
    expect(startAdvertiser(fa, initialAdvertiserState(), 0).outputs).toEqual([{ kind: 'set-timer', key: ADVERTISE_TIMER, at: 0, ref: 'RFC 2002 §2.1; lab choice' }]);
  });
});
