// pcapng capture files (the PCAP Next Generation format, IETF opsawg draft
// "draft-ietf-opsawg-pcapng"), so a lab run opens in Wireshark with one
// interface per link and the message name as a comment on every packet.
// Pure: this file only builds bytes; writing them somewhere is the caller's job.
//
// A file is a sequence of blocks. Every block has the same frame:
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +---------------------------------------------------------------+
// |                          Block Type                           |
// +---------------------------------------------------------------+
// |                      Block Total Length                       |
// +---------------------------------------------------------------+
// /                  Block Body (padded to 32 bits)               /
// +---------------------------------------------------------------+
// |                      Block Total Length (again)               |
// +---------------------------------------------------------------+
//
// Section Header Block (type 0x0A0D0D0A) body: Byte-Order Magic 0x1A2B3C4D (4),
// Major Version 1 (2), Minor Version 0 (2), Section Length (8; -1 = not
// given), options.
// Interface Description Block (type 1) body: LinkType (2), Reserved (2),
// SnapLen (4), options.
// Enhanced Packet Block (type 6) body: Interface ID (4), Timestamp high (4),
// Timestamp low (4), Captured Length (4), Original Length (4), packet data
// padded to 32 bits, options.
//
// Options: Code (2), Length (2), Value padded to 32 bits; a list ends with
// opt_endofopt (code 0, length 0). A block with no options omits the list.
//
// Integers are written little-endian: the Byte-Order Magic tells a reader which
// order the section uses, and little-endian is what the lab's classic pcap
// writer uses too (docs/protocol-notes.md §Capture files). The packet bytes themselves are IP
// datagrams in network order, untouched.

import { EncodeError } from '../wire/result';
import { encodeUtf8 } from './utf8';

export const PCAPNG_LAYER = 'pcapng';

export const BlockType = {
  SECTION_HEADER: 0x0a0d0d0a,
  INTERFACE_DESCRIPTION: 0x00000001,
  ENHANCED_PACKET: 0x00000006,
} as const;

export const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

export const OptionCode = {
  END_OF_OPTIONS: 0,
  COMMENT: 1,
  SHB_HARDWARE: 2,
  SHB_OS: 3,
  SHB_USER_APPLICATION: 4,
  IF_NAME: 2,
  IF_DESCRIPTION: 3,
  IF_TSRESOL: 9,
} as const;

/**
 * Link types (tcpdump.org LINKTYPE_ values). OC-41 prefers Ethernet (1) and
 * allows raw IPv4 as the alternative. The lab's packets are IP datagrams, so
 * the default is LINKTYPE_IPV4 (228): tshark 4.0 decodes it straight as
 * "ip:udp:mip" (checked by src/conformance/tshark.test.ts). LINKTYPE_RAW (101)
 * also works — tshark inserts a "raw" layer and picks IPv4 or IPv6 by the
 * version nibble — and is what a capture carrying IPv6 declares on every
 * interface (capture-link-type.ts; docs/ipv6.md §2).
 */
export const LinkType = {
  ETHERNET: 1,
  RAW: 101,
  IPV4: 228,
} as const;

/** Timestamps count microseconds: the engine's virtual time is integer µs (docs/architecture.md). */
export const TSRESOL_MICROSECONDS = 6;
/** Large enough for any IPv4 datagram (docs/protocol-notes.md §Capture files uses the same snap length). */
export const DEFAULT_SNAP_LENGTH = 65535;

export interface CaptureInterface {
  /** if_name, e.g. "FA1–MN" (a link or node name). */
  readonly name: string;
  /** if_description, e.g. "radio cell of FA1". */
  readonly description?: string;
  /** Defaults to LinkType.IPV4. */
  readonly linkType?: number;
  /** Defaults to 65535; a packet longer than this is a programming error. */
  readonly snapLength?: number;
}

export interface CapturePacket {
  readonly interfaceId: number;
  /** Virtual time in integer microseconds since the run started. */
  readonly timeMicros: number;
  /** The frame as it travelled (for raw IPv4: the whole datagram). */
  readonly bytes: Uint8Array;
  /** opt_comment, e.g. "Registration Request (RFC 2002 §3.3)". */
  readonly comment?: string;
}

/** Everything a capture file holds, as plain data: the writer's whole state. */
export interface PcapngCapture {
  /** shb_userappl, e.g. "mip-lab". */
  readonly application?: string;
  readonly interfaces: readonly CaptureInterface[];
  readonly packets: readonly CapturePacket[];
}

interface Option {
  readonly code: number;
  readonly value: Uint8Array;
}

function padded(n: number): number {
  return (n + 3) & ~3;
}

function optionsLength(options: readonly Option[]): number {
  if (options.length === 0) return 0;
  return options.reduce((n, o) => n + 4 + padded(o.value.length), 0) + 4; // + opt_endofopt
}

function textOption(code: number, text: string | undefined): Option[] {
  return text === undefined ? [] : [{ code, value: encodeUtf8(text) }];
}

/** Little-endian writes into a block being assembled. */
class BlockWriter {
  private at = 0;
  constructor(readonly buf: Uint8Array) {}

  u16(v: number): void {
    this.buf[this.at++] = v & 0xff;
    this.buf[this.at++] = (v >>> 8) & 0xff;
  }

  u32(v: number): void {
    this.u16(v & 0xffff);
    this.u16(v >>> 16);
  }

  /** Bytes, then zero padding to the next 32-bit boundary. */
  bytesPadded(b: Uint8Array): void {
    this.buf.set(b, this.at);
    this.at += padded(b.length); // the buffer starts zeroed, so padding is already 0
  }

  options(options: readonly Option[]): void {
    if (options.length === 0) return;
    for (const o of options) {
      if (o.value.length > 0xffff) throw new EncodeError(PCAPNG_LAYER, `option ${o.code} value of ${o.value.length} octets exceeds 65535`);
      this.u16(o.code);
      this.u16(o.value.length);
      this.bytesPadded(o.value);
    }
    this.u16(OptionCode.END_OF_OPTIONS);
    this.u16(0);
  }

  get offset(): number {
    return this.at;
  }
}

/** Frames a block: type, total length, body (written by `fill`), total length again. */
function block(type: number, bodyLength: number, fill: (w: BlockWriter) => void): Uint8Array {
  const total = 12 + bodyLength;
  const w = new BlockWriter(new Uint8Array(total));
  w.u32(type);
  w.u32(total);
  fill(w);
  if (w.offset !== total - 4) throw new EncodeError(PCAPNG_LAYER, `block 0x${type.toString(16)} body wrote ${w.offset - 8} octets, expected ${bodyLength}`);
  w.u32(total);
  return w.buf;
}

function sectionHeaderBlock(application: string | undefined): Uint8Array {
  const options = textOption(OptionCode.SHB_USER_APPLICATION, application);
  return block(BlockType.SECTION_HEADER, 16 + optionsLength(options), (w) => {
    w.u32(BYTE_ORDER_MAGIC);
    w.u16(1); // major version
    w.u16(0); // minor version
    w.u32(0xffffffff); // section length -1 (64 bits): "not given", so blocks can be appended freely
    w.u32(0xffffffff);
    w.options(options);
  });
}

function interfaceDescriptionBlock(i: CaptureInterface): Uint8Array {
  const options = [
    ...textOption(OptionCode.IF_NAME, i.name),
    ...textOption(OptionCode.IF_DESCRIPTION, i.description),
    { code: OptionCode.IF_TSRESOL, value: Uint8Array.of(TSRESOL_MICROSECONDS) },
  ];
  return block(BlockType.INTERFACE_DESCRIPTION, 8 + optionsLength(options), (w) => {
    w.u16(i.linkType ?? LinkType.IPV4);
    w.u16(0); // reserved
    w.u32(i.snapLength ?? DEFAULT_SNAP_LENGTH);
    w.options(options);
  });
}

function enhancedPacketBlock(p: CapturePacket): Uint8Array {
  const options = textOption(OptionCode.COMMENT, p.comment);
  const high = Math.floor(p.timeMicros / 0x100000000);
  const low = p.timeMicros % 0x100000000;
  return block(BlockType.ENHANCED_PACKET, 20 + padded(p.bytes.length) + optionsLength(options), (w) => {
    w.u32(p.interfaceId);
    w.u32(high); // 64-bit timestamp in if_tsresol units (µs), high word first
    w.u32(low);
    w.u32(p.bytes.length); // captured length
    w.u32(p.bytes.length); // original length: the lab never truncates
    w.bytesPadded(p.bytes);
    w.options(options);
  });
}

function checkPacket(capture: PcapngCapture, p: CapturePacket, index: number): void {
  const itf = capture.interfaces[p.interfaceId];
  if (!Number.isInteger(p.interfaceId) || itf === undefined) throw new EncodeError(PCAPNG_LAYER, `packet ${index}: interface ${p.interfaceId} was never added`);
  if (!Number.isSafeInteger(p.timeMicros) || p.timeMicros < 0) throw new EncodeError(PCAPNG_LAYER, `packet ${index}: time ${p.timeMicros} µs is not a non-negative integer`);
  const snap = itf.snapLength ?? DEFAULT_SNAP_LENGTH;
  if (snap !== 0 && p.bytes.length > snap) throw new EncodeError(PCAPNG_LAYER, `packet ${index}: ${p.bytes.length} octets exceed the snap length ${snap} of "${itf.name}"`);
}

/** The whole file: one section, its interfaces, then the packets in the order given. */
export function encodePcapng(capture: PcapngCapture): Uint8Array {
  capture.packets.forEach((p, i) => checkPacket(capture, p, i));
  return concatBlocks([sectionHeaderBlock(capture.application), ...capture.interfaces.map(interfaceDescriptionBlock), ...capture.packets.map(enhancedPacketBlock)]);
}

function concatBlocks(blocks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of blocks) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

/**
 * The same file as `encodePcapng`, written as it goes: the section header and
 * every interface at once, then each packet's block when it is added — for a
 * capture too long to hold (a long run streams its packets to a file).
 */
export class PcapngStream {
  private readonly capture: PcapngCapture;
  private packets = 0;

  /** `write` gets the file's bytes in order, the first call with the header and interfaces. */
  constructor(application: string | undefined, interfaces: readonly CaptureInterface[], private readonly write: (bytes: Uint8Array) => void) {
    this.capture = { ...(application === undefined ? {} : { application }), interfaces: [...interfaces], packets: [] };
    write(concatBlocks([sectionHeaderBlock(application), ...interfaces.map(interfaceDescriptionBlock)]));
  }

  addPacket(p: CapturePacket): void {
    checkPacket(this.capture, p, this.packets++);
    this.write(enhancedPacketBlock(p));
  }
}

export interface PcapngWriter {
  /** Adds an Interface Description Block; returns its Interface ID (0, 1, 2, … in order). */
  addInterface(i: CaptureInterface): number;
  addPacket(p: CapturePacket): void;
  /** The plain data collected so far (structured-cloneable). */
  readonly capture: PcapngCapture;
  /** The file's bytes. The writer stays usable: more packets may follow and `finish` again. */
  finish(): Uint8Array;
}

/** An accumulator over a plain PcapngCapture; `finish` is `encodePcapng` of it. */
export function createPcapngWriter(options: { readonly application?: string } = {}): PcapngWriter {
  const interfaces: CaptureInterface[] = [];
  const packets: CapturePacket[] = [];
  const capture: PcapngCapture = { ...(options.application === undefined ? {} : { application: options.application }), interfaces, packets };
  return {
    capture,
    addInterface(i) {
      interfaces.push(i);
      return interfaces.length - 1;
    },
    addPacket(p) {
      checkPacket(capture, p, packets.length); // fail at the call that is wrong, not later in finish()
      packets.push(p);
    },
    finish: () => encodePcapng(capture),
  };
}
