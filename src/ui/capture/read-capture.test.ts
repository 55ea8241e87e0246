// Open capture: the lab's own pcapng, a capture from elsewhere (Ethernet
// frames, classic pcap), and damaged files refused with what and where.

import { describe, expect, it } from 'vitest';
import { createPcapngWriter, LinkType } from '../../engine/capture/pcapng';
import { buildSamplePackets } from '../../engine/samples/sample-packets';
import { loadBuiltin } from '../../scenarios/builtin/index';
import { captureRow } from './capture-rows';
import { pageCapture } from './page-capture';
import { readCaptureFile } from './read-capture';

const sample = buildSamplePackets({ seed: 1 }).find((s) => /Binding Update/.test(s.name))!;
const MAC_A = [0x02, 0, 0, 0, 0, 1];
const MAC_B = [0x02, 0, 0, 0, 0, 2];
const ethernet = (type: number, payload: Uint8Array) => Uint8Array.from([...MAC_B, ...MAC_A, type >> 8, type & 0xff, ...payload]);

async function labCapture(): Promise<Uint8Array> {
  const c = await pageCapture({ scenarioId: 'route-optimization', scenario: loadBuiltin('route-optimization'), seed: 1, commands: [], now: 3_000_000 });
  return c.bytes;
}

describe('the lab\'s own capture', () => {
  it('opens with every packet, its IPv4 bytes, its comment, and who sent it', async () => {
    const r = readCaptureFile(await labCapture(), 'run.pcapng');
    if (!r.ok) throw new Error(r.reason);
    expect(r.capture.format).toBe('pcapng');
    expect(r.capture.application).toMatch(/mip-lab/);
    expect(r.capture.packets.length).toBeGreaterThan(20);
    for (const p of r.capture.packets) {
      expect(p.ip).not.toBeNull();
      expect(p.comments[0]).toMatch(/ \| [A-Za-z0-9-]+: /);
    }
    const bu = r.capture.packets.map(captureRow).find((row) => row.protocol === 'Binding Update');
    expect(bu?.node).toBe('HA');
    expect(bu?.summary).toMatch(/^Binding Update 10\.1\.0\.10/);
  });
});

describe('captures from elsewhere', () => {
  it('unwraps Ethernet frames in pcapng, and says why an ARP frame is not decoded', () => {
    const w = createPcapngWriter({ application: 'tshark' });
    const eth = w.addInterface({ name: 'eth0', linkType: LinkType.ETHERNET });
    w.addPacket({ interfaceId: eth, timeMicros: 1, bytes: ethernet(0x0800, sample.bytes) });
    w.addPacket({ interfaceId: eth, timeMicros: 2, bytes: ethernet(0x0806, new Uint8Array(28)) });
    const r = readCaptureFile(w.finish(), 'wire.pcapng');
    if (!r.ok) throw new Error(r.reason);
    expect(Array.from(r.capture.packets[0]!.ip!)).toEqual(Array.from(sample.bytes));
    expect(r.capture.packets[1]!.ip).toBeNull();
    expect(r.capture.packets[1]!.notIp).toMatch(/EtherType 0x0806, ARP/);
  });

  it('reads a classic pcap file (big-endian, assembled by hand)', () => {
    const frame = ethernet(0x0800, sample.bytes);
    const u32 = (n: number) => [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
    const header = [0xa1, 0xb2, 0xc3, 0xd4, 0, 2, 0, 4, ...u32(0), ...u32(0), ...u32(65535), ...u32(1)];
    const record = [...u32(10), ...u32(250), ...u32(frame.length), ...u32(frame.length)];
    const r = readCaptureFile(Uint8Array.from([...header, ...record, ...frame]), 'old.pcap');
    if (!r.ok) throw new Error(r.reason);
    expect(r.capture.format).toBe('pcap');
    expect(r.capture.packets).toHaveLength(1);
    expect(r.capture.packets[0]!.timeMicros).toBe(10_000_250);
    expect(Array.from(r.capture.packets[0]!.ip!)).toEqual(Array.from(sample.bytes));
  });
});

describe('a damaged file is refused with what and where', () => {
  it('a broken Block Total Length names its offset and the Enhanced Packet block', async () => {
    const bytes = await labCapture();
    // Block 1 is the Section Header, then one Interface Description per link, then the packets.
    const le = (at: number) => bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24);
    let at = 0;
    while (le(at) !== 6) at += le(at + 4);
    const damaged = bytes.slice();
    damaged[at + 4] = 0x0d; // Block Total Length no longer a multiple of 4
    const r = readCaptureFile(damaged, 'run.pcapng');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toContain(`in the Enhanced Packet block at offset ${at} (block type 0x00000006)`);
    expect(r.reason).toMatch(/damaged at offset \d+/);
  });

  it('a truncated file says where it ends', async () => {
    const bytes = await labCapture();
    const r = readCaptureFile(bytes.subarray(0, bytes.length - 7), 'cut.pcapng');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/^cut\.pcapng was not opened: it is damaged at offset \d+, in the Enhanced Packet block at offset \d+/);
  });

  it('a file that is not a capture, an empty file, a pcap cut inside a record', () => {
    const png = readCaptureFile(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a), 'photo.png');
    expect(png.ok ? '' : png.reason).toMatch(/not a capture file\. It starts with 89 50 4e 47 at offset 0/);
    const empty = readCaptureFile(new Uint8Array(), 'empty.pcapng');
    expect(empty.ok ? '' : empty.reason).toBe('empty.pcapng was not opened: the file is empty.');
    const header = [0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 1, 0, 0, 0];
    const cut = readCaptureFile(Uint8Array.from([...header, 0, 0, 0, 0, 0, 0, 0, 0, 200, 0, 0, 0, 200, 0, 0, 0, 1, 2]), 'cut.pcap');
    expect(cut.ok ? '' : cut.reason).toBe('cut.pcap was not opened: it is damaged at offset 32, in the record header of packet 1 — its captured length 200 is more than the 2 octets left.');
  });
});
