// "Open capture": a capture file — the lab's own pcapng, or one from elsewhere
// (a tshark or Wireshark capture, pcapng or classic pcap) — read into packets
// the lab's decoder can dissect: the IPv4 datagram or IPv6 packet of each
// frame, found through the interface's link-layer header. A file that cannot be read is
// refused with what is wrong and where: the offset, and for pcapng the block
// (its type and where it starts) the damage is in.

import { readPcapng } from '../../engine/capture/pcapng-reader';
import type { WireError } from '../../engine/wire/result';

export interface CapturedPacket {
  /** 1-based, in file order. */
  readonly number: number;
  readonly timeMicros: number;
  /** Interface (the lab: one per link) as the file names it. */
  readonly interfaceName: string;
  /** The frame as captured, link-layer header included. */
  readonly frame: Uint8Array;
  /** The IPv4 datagram or IPv6 packet inside it, or why there is none the lab can decode. */
  readonly ip: Uint8Array | null;
  readonly notIp?: string;
  readonly comments: readonly string[];
}

export interface OpenedCapture {
  readonly fileName: string;
  readonly format: 'pcapng' | 'pcap';
  /** The program that wrote it, when the file says. */
  readonly application?: string;
  readonly packets: readonly CapturedPacket[];
}

export type CaptureRead = { readonly ok: true; readonly capture: OpenedCapture } | { readonly ok: false; readonly reason: string };

/** tcpdump.org LINKTYPE_ values the viewer unwraps. */
const LinkType = { NULL: 0, ETHERNET: 1, RAW: 101, LINUX_SLL: 113, IPV4: 228, IPV6: 229, LINUX_SLL2: 276 } as const;
const ETHERTYPE_IPV4 = 0x0800;
/** RFC 2464 §3. */
const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_NAMES: Readonly<Record<number, string>> = { 0x0806: 'ARP', 0x8100: 'VLAN' };
/** The loopback header's address family for IPv6: Linux 10, NetBSD/OpenBSD 24, FreeBSD 28, macOS 30 (as libpcap lists them). */
const AF_INET6 = new Set([10, 24, 28, 30]);

const u16 = (b: Uint8Array, at: number): number => (b[at]! << 8) | b[at + 1]!;

function ethertypeOnly(frame: Uint8Array, type: number, at: number): { ip: Uint8Array | null; notIp?: string } {
  if (type === ETHERTYPE_IPV4 || type === ETHERTYPE_IPV6) return { ip: frame.subarray(at) };
  const name = ETHERTYPE_NAMES[type];
  return { ip: null, notIp: `not IP (EtherType 0x${type.toString(16).padStart(4, '0')}${name === undefined ? '' : `, ${name}`}): the lab decodes IPv4 and IPv6` };
}

/** The IPv4 datagram or IPv6 packet in a frame of this link type (RFC 894 / RFC 2464 Ethernet, Linux cooked, raw IP, BSD loopback). */
export function ipInFrame(frame: Uint8Array, linkType: number): { ip: Uint8Array | null; notIp?: string } {
  const short = (need: number) => ({ ip: null, notIp: `the frame is ${frame.length} octets, shorter than its ${need}-octet link-layer header` });
  switch (linkType) {
    case LinkType.IPV4:
    case LinkType.IPV6:
      return { ip: frame };
    case LinkType.RAW:
      return { ip: frame };
    case LinkType.ETHERNET: {
      if (frame.length < 14) return short(14);
      let type = u16(frame, 12);
      let at = 14;
      if (type === 0x8100) { // IEEE 802.1Q tag: the real EtherType follows it
        if (frame.length < 18) return short(18);
        type = u16(frame, 16);
        at = 18;
      }
      return ethertypeOnly(frame, type, at);
    }
    case LinkType.LINUX_SLL:
      return frame.length < 16 ? short(16) : ethertypeOnly(frame, u16(frame, 14), 16);
    case LinkType.LINUX_SLL2:
      return frame.length < 20 ? short(20) : ethertypeOnly(frame, u16(frame, 0), 20);
    case LinkType.NULL: {
      if (frame.length < 4) return short(4);
      const family = frame[0] === 0 ? frame[3]! : frame[0]!; // host byte order of the writer
      return family === 2 || AF_INET6.has(family) ? { ip: frame.subarray(4) } : { ip: null, notIp: `address family ${family}, not IP: the lab decodes IPv4 and IPv6` };
    }
    default:
      return { ip: null, notIp: `link type ${linkType} is not one the lab unwraps (Ethernet, Linux cooked, raw IP or loopback)` };
  }
}

const BLOCK_NAMES: Readonly<Record<number, string>> = {
  0x0a0d0d0a: 'Section Header', 1: 'Interface Description', 2: 'Packet (obsolete)', 3: 'Simple Packet', 4: 'Name Resolution',
  5: 'Interface Statistics', 6: 'Enhanced Packet', 0x0a: 'Decryption Secrets', 0xbad: 'Custom', 0x40000bad: 'Custom',
};

/** The pcapng block a damaged offset lies in, walking the block headers from the start of the file. */
function blockAround(bytes: Uint8Array, offset: number): string {
  let little = true;
  let at = 0;
  const u32 = (p: number) => {
    const v = little ? bytes[p]! | (bytes[p + 1]! << 8) | (bytes[p + 2]! << 16) | (bytes[p + 3]! << 24) : (bytes[p]! << 24) | (bytes[p + 1]! << 16) | (bytes[p + 2]! << 8) | bytes[p + 3]!;
    return v >>> 0;
  };
  while (at + 8 <= bytes.length) {
    const type = u32(at);
    if (type === 0x0a0d0d0a && at + 12 <= bytes.length) little = bytes[at + 8] === 0x4d; // Byte-Order Magic 0x1A2B3C4D as written
    const total = u32(at + 4);
    const name = BLOCK_NAMES[type] ?? 'unknown';
    const label = `the ${name} block at offset ${at} (block type 0x${type.toString(16).padStart(8, '0')})`;
    if (total < 12 || total % 4 !== 0 || offset < at + total) return label;
    at += total;
  }
  return `the end of the file, after the last whole block (offset ${at})`;
}

function pcapngRefusal(fileName: string, bytes: Uint8Array, e: WireError): string {
  return `${fileName} was not opened: it is damaged at offset ${e.offset}, in ${blockAround(bytes, e.offset)} — ${e.field}: ${e.reason}.`;
}

function readPcapngFile(bytes: Uint8Array, fileName: string): CaptureRead {
  const r = readPcapng(bytes);
  if (!r.ok) return { ok: false, reason: pcapngRefusal(fileName, bytes, r.error) };
  const packets: CapturedPacket[] = [];
  let application: string | undefined;
  for (const section of r.value.sections) {
    application ??= section.application;
    for (const p of section.packets) {
      const itf = section.interfaces[p.interfaceId];
      if (itf === undefined) {
        return { ok: false, reason: `${fileName} was not opened: the Enhanced Packet block at offset ${p.offset} names interface ${p.interfaceId}, but its section describes only ${section.interfaces.length}.` };
      }
      packets.push({ number: packets.length + 1, timeMicros: p.timeMicros, interfaceName: itf.name ?? `interface ${p.interfaceId}`, frame: p.bytes, ...ipInFrame(p.bytes, itf.linkType), comments: p.comments });
    }
  }
  return { ok: true, capture: { fileName, format: 'pcapng', ...(application === undefined ? {} : { application }), packets } };
}

/** Classic libpcap: a 24-octet file header, then a 16-octet header before each frame. */
function readPcapFile(bytes: Uint8Array, fileName: string): CaptureRead {
  const magic = (bytes[0]! << 24 | bytes[1]! << 16 | bytes[2]! << 8 | bytes[3]!) >>> 0;
  const swapped = magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1;
  const nanos = magic === 0xa1b23c4d || magic === 0x4d3cb2a1;
  const u32 = (p: number) => (swapped ? (bytes[p]! | (bytes[p + 1]! << 8) | (bytes[p + 2]! << 16) | (bytes[p + 3]! << 24)) >>> 0 : (bytes[p]! << 24 | bytes[p + 1]! << 16 | bytes[p + 2]! << 8 | bytes[p + 3]!) >>> 0);
  const refuse = (at: number, what: string) => ({ ok: false as const, reason: `${fileName} was not opened: it is damaged at offset ${at}, in ${what}.` });
  if (bytes.length < 24) return refuse(0, `the pcap file header — it needs 24 octets, the file has ${bytes.length}`);
  const linkType = u32(20) & 0x0fffffff;
  const packets: CapturedPacket[] = [];
  for (let at = 24; at < bytes.length;) {
    if (bytes.length - at < 16) return refuse(at, `the record header of packet ${packets.length + 1} — it needs 16 octets, only ${bytes.length - at} remain`);
    const length = u32(at + 8);
    if (length > bytes.length - at - 16) return refuse(at + 8, `the record header of packet ${packets.length + 1} — its captured length ${length} is more than the ${bytes.length - at - 16} octets left`);
    const frame = bytes.slice(at + 16, at + 16 + length);
    const timeMicros = u32(at) * 1_000_000 + Math.floor(u32(at + 4) / (nanos ? 1000 : 1));
    packets.push({ number: packets.length + 1, timeMicros, interfaceName: 'interface 0', frame, ...ipInFrame(frame, linkType), comments: [] });
    at += 16 + length;
  }
  return { ok: true, capture: { fileName, format: 'pcap', packets } };
}

const PCAP_MAGICS = new Set([0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1]);

export function readCaptureFile(bytes: Uint8Array, fileName: string): CaptureRead {
  if (bytes.length === 0) return { ok: false, reason: `${fileName} was not opened: the file is empty.` };
  if (bytes.length >= 4) {
    const magic = (bytes[0]! << 24 | bytes[1]! << 16 | bytes[2]! << 8 | bytes[3]!) >>> 0;
    if (PCAP_MAGICS.has(magic)) return readPcapFile(bytes, fileName);
    if (magic !== 0x0a0d0d0a) {
      const start = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
      return { ok: false, reason: `${fileName} was not opened: it is not a capture file. It starts with ${start} at offset 0; a pcapng file starts with a Section Header block (0a 0d 0d 0a), a pcap file with a1 b2 c3 d4 or d4 c3 b2 a1.` };
    }
  }
  return readPcapngFile(bytes, fileName);
}
