// Open capture with IPv6 in it: an Ethernet frame with EtherType 0x86DD
// (RFC 2464 §3), raw IP (the lab's own dual-stack captures), and a BSD
// loopback frame with an IPv6 address family — each unwrapped to its IPv6
// packet and shown as a row like a trace packet.

import { describe, expect, it } from 'vitest';
import { createPcapngWriter, LinkType } from '../../engine/capture/pcapng';
import { CN6, COA6, HOME6, MOBILITY_MESSAGES, mobilityPacket } from '../../engine/wire/ipv6/test-support/route-optimization-packets';
import { protocolColumnText } from '../store/packet-layer';
import { captureRow } from './capture-rows';
import { readCaptureFile } from './read-capture';

const bu = mobilityPacket(MOBILITY_MESSAGES['binding-update'], { source: COA6, destination: CN6, homeAddressOption: HOME6 });
const ethernet = (type: number, payload: Uint8Array) => Uint8Array.from([0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1, type >> 8, type & 0xff, ...payload]);

describe('captures carrying IPv6', () => {
  it('unwraps an Ethernet IPv6 frame, a raw IP one and a loopback one (address family 24), and still refuses ARP with a reason', () => {
    const w = createPcapngWriter({ application: 'tshark' });
    const eth = w.addInterface({ name: 'eth0', linkType: LinkType.ETHERNET });
    const raw = w.addInterface({ name: 'raw', linkType: LinkType.RAW });
    const loop = w.addInterface({ name: 'lo0', linkType: 0 });
    w.addPacket({ interfaceId: eth, timeMicros: 1, bytes: ethernet(0x86dd, bu) });
    w.addPacket({ interfaceId: raw, timeMicros: 2, bytes: bu });
    w.addPacket({ interfaceId: loop, timeMicros: 3, bytes: Uint8Array.from([24, 0, 0, 0, ...bu]) });
    w.addPacket({ interfaceId: eth, timeMicros: 4, bytes: ethernet(0x0806, new Uint8Array(28)) });
    const r = readCaptureFile(w.finish(), 'v6.pcapng');
    if (!r.ok) throw new Error(r.reason);
    const [a, b, c, arp] = r.capture.packets;
    for (const p of [a!, b!, c!]) expect(Array.from(p.ip!)).toEqual(Array.from(bu));
    expect(arp!.ip).toBeNull();
    expect(arp!.notIp).toBe('not IP (EtherType 0x0806, ARP): the lab decodes IPv4 and IPv6');
    const row = captureRow(a!);
    expect(protocolColumnText(row)).toBe('IPv6 · HAO · MH · Binding Update');
    expect([row.source, row.destination, row.kind]).toEqual([HOME6, CN6, 'control']);
  });
});
