import { describe, expect, it } from 'vitest';
import type { Frame } from '../../node/contract';
import { routerEntry } from '../../wire/agent-advertisement';
import { icmpDatagram, udpDatagram } from '../../wire/datagram';
import { parseIpv4 } from '../../wire/ipv4';
import { advertiserConfig, buildAdvertisement } from './advertiser';
import { classifyDiscoveryFrame } from './discovery-input';

const ME = ['10.9.0.10'];
const fa = advertiserConfig({ interface: 'wlan0', agentAddress: '192.168.1.1', foreignAgent: true, careOfAddresses: ['192.168.1.1'] });
const frame = (payload: Uint8Array, etherType = 0x0800): Frame => ({ source: '02:00:00:00:03:01', destination: '01:00:5e:00:00:01', etherType, payload });
const advertisementBytes = (): Uint8Array => icmpDatagram({ source: '192.168.1.1', destination: '224.0.0.1', ttl: 1 }, buildAdvertisement(fa, 4));

describe('recognising discovery messages', () => {
  it('an agent advertisement to all systems, with where it came from', () => {
    const seen = classifyDiscoveryFrame(frame(advertisementBytes()), 'wlan0', ME);
    expect(seen).toMatchObject({ kind: 'advertisement', origin: { interface: 'wlan0', linkSource: '02:00:00:00:03:01', datagram: { source: '192.168.1.1', ttl: 1 } }, advertisement: { lifetime: 3 } });
  });

  it('discards one whose ICMP checksum is wrong, saying so', () => {
    const bytes = advertisementBytes();
    bytes[20 + 2] = bytes[20 + 2]! ^ 0x01; // the ICMP checksum (after the 20-octet IP header); the IP header stays valid
    expect(classifyDiscoveryFrame(frame(bytes), 'wlan0', ME)).toEqual({ kind: 'discard', summary: 'Agent Advertisement from 192.168.1.1 discarded', reason: 'bad ICMP checksum: the message was damaged on the way', ref: 'RFC 1256 §3; RFC 2002 §2.1, §2.2, §2.4' });
  });

  it('discards a plain router advertisement: no Mobility Agent Advertisement Extension (RFC 2002 §2.4)', () => {
    const plain = icmpDatagram({ source: '192.168.1.1', destination: '224.0.0.1', ttl: 1 }, { kind: 'router-advertisement', code: 0, addressEntrySize: 2, lifetime: 1800, routers: [routerEntry('192.168.1.1')], extensions: [] });
    expect(classifyDiscoveryFrame(frame(plain), 'wlan0', ME)).toMatchObject({ kind: 'discard', ref: 'RFC 2002 §2.4; RFC 1256 §3; RFC 2002 §2.1' });
  });

  it('discards the whole message for an unknown extension of type 0..127, keeps it for 128..255 (RFC 2002 §1.9)', () => {
    const withUnknown = (type: number): Uint8Array => {
      const m = buildAdvertisement(fa, 4);
      return icmpDatagram({ source: '192.168.1.1', destination: '224.0.0.1', ttl: 1 }, { ...m, extensions: [...m.extensions, { kind: 'unknown', type, data: new Uint8Array(2) }] });
    };
    expect(classifyDiscoveryFrame(frame(withUnknown(100)), 'wlan0', ME)).toMatchObject({ kind: 'discard', reason: 'unrecognised extension type 100 (0..127: the whole message is discarded)' });
    expect(classifyDiscoveryFrame(frame(withUnknown(200)), 'wlan0', ME)).toMatchObject({ kind: 'advertisement' });
  });

  it('a solicitation, but not one with a non-zero Code', () => {
    const good = icmpDatagram({ source: '10.9.0.10', destination: '224.0.0.2', ttl: 1 }, { kind: 'router-solicitation', code: 0, reserved: 0, trailing: new Uint8Array(0) });
    expect(classifyDiscoveryFrame(frame(good), 'wlan0', ['192.168.1.1'])).toMatchObject({ kind: 'solicitation', origin: { datagram: { source: '10.9.0.10' } } });
    const bad = icmpDatagram({ source: '10.9.0.10', destination: '224.0.0.2', ttl: 1 }, { kind: 'router-solicitation', code: 1, reserved: 0, trailing: new Uint8Array(0) });
    expect(classifyDiscoveryFrame(frame(bad), 'wlan0', ['192.168.1.1'])).toMatchObject({ kind: 'discard', reason: 'ICMP Code 1, not 0' });
  });

  it('leaves everything else to the embedding behaviour', () => {
    const udp = udpDatagram({ source: '10.3.0.10', destination: '10.9.0.10' }, 7, 5000, new Uint8Array(4));
    expect(classifyDiscoveryFrame(frame(udp), 'wlan0', ME)).toEqual({ kind: 'other' });
    expect(classifyDiscoveryFrame(frame(new Uint8Array(28), 0x0806), 'wlan0', ME)).toEqual({ kind: 'other' });
    const forSomeoneElse = icmpDatagram({ source: '192.168.1.1', destination: '10.9.0.99', ttl: 1 }, buildAdvertisement(fa, 4));
    expect(classifyDiscoveryFrame(frame(forSomeoneElse), 'wlan0', ME)).toEqual({ kind: 'other' });
    const damagedIp = advertisementBytes();
    damagedIp[8] = 5; // TTL changed without fixing the header checksum
    expect(parseIpv4(damagedIp).ok).toBe(true);
    expect(classifyDiscoveryFrame(frame(damagedIp), 'wlan0', ME)).toEqual({ kind: 'other' });
  });
});
