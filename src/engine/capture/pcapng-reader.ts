// A small pcapng reader (block layout in pcapng.ts) for our own tests and
// tools: it checks that what the writer produced is what a reader sees, and
// lets the CLI list a capture. It follows the wire/ conventions: bad bytes
// never throw; they give a WireError naming the block field, its absolute
// offset and the reason. It reads Section Header, Interface Description and
// Enhanced Packet Blocks in either byte order; other block types are listed
// and skipped.

import { fail, ok, type WireResult } from '../wire/result';
import { BlockType, BYTE_ORDER_MAGIC, OptionCode, PCAPNG_LAYER, TSRESOL_MICROSECONDS } from './pcapng';
import { decodeUtf8 } from './utf8';

export interface PcapngOption {
  readonly code: number;
  readonly value: Uint8Array;
  /** Absolute offset of the option's Code field. */
  readonly offset: number;
}

export interface PcapngInterface {
  readonly offset: number;
  readonly linkType: number;
  readonly snapLength: number;
  readonly name?: string;
  readonly description?: string;
  /** if_tsresol as stored (6 = microseconds, the default when absent). */
  readonly tsresol: number;
  readonly options: readonly PcapngOption[];
}

export interface PcapngPacket {
  readonly offset: number;
  readonly interfaceId: number;
  /** The 64-bit timestamp in the interface's if_tsresol units. */
  readonly timestamp: bigint;
  /** The timestamp converted to microseconds (rounded down). */
  readonly timeMicros: number;
  readonly originalLength: number;
  /** A copy of the captured bytes (Captured Length octets). */
  readonly bytes: Uint8Array;
  readonly comments: readonly string[];
  readonly options: readonly PcapngOption[];
}

export interface PcapngOtherBlock {
  readonly offset: number;
  readonly type: number;
  readonly totalLength: number;
}

export interface PcapngSection {
  readonly offset: number;
  readonly byteOrder: 'little-endian' | 'big-endian';
  readonly majorVersion: number;
  readonly minorVersion: number;
  readonly application?: string;
  readonly hardware?: string;
  readonly os?: string;
  readonly comments: readonly string[];
  readonly interfaces: readonly PcapngInterface[];
  readonly packets: readonly PcapngPacket[];
  /** Blocks of other types (statistics, name resolution, …), skipped. */
  readonly otherBlocks: readonly PcapngOtherBlock[];
}

export interface PcapngFile {
  readonly sections: readonly PcapngSection[];
}

export interface PcapngReadLimits {
  /** Hard limit on blocks in the whole file, against hostile input. */
  readonly maxBlocks: number;
  /** Hard limit on one block's total length. */
  readonly maxBlockLength: number;
}

export const DEFAULT_READ_LIMITS: PcapngReadLimits = { maxBlocks: 1_000_000, maxBlockLength: 16 * 1024 * 1024 };

const MIN_BLOCK = 12;

/** Reads integers of one section's byte order at absolute offsets (bounds checked by the caller). */
class Ints {
  constructor(
    readonly bytes: Uint8Array,
    readonly littleEndian: boolean,
  ) {}

  u16(at: number): number {
    const b = this.bytes;
    return this.littleEndian ? b[at]! | (b[at + 1]! << 8) : (b[at]! << 8) | b[at + 1]!;
  }

  u32(at: number): number {
    const b = this.bytes;
    const v = this.littleEndian ? b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24) : (b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!;
    return v >>> 0;
  }
}

function padded(n: number): number {
  return (n + 3) & ~3;
}

/** Options from `start` to `end` (the block's trailing length field). */
function readOptions(ints: Ints, start: number, end: number, block: string): WireResult<PcapngOption[]> {
  const options: PcapngOption[] = [];
  let at = start;
  while (at < end) {
    if (end - at < 4) return fail(PCAPNG_LAYER, `${block} option header`, at, `needs 4 octets, only ${end - at} remain in the block`);
    const code = ints.u16(at);
    const length = ints.u16(at + 2);
    if (code === OptionCode.END_OF_OPTIONS) break; // anything after opt_endofopt is not an option
    if (padded(length) > end - at - 4) return fail(PCAPNG_LAYER, `${block} option ${code} length`, at + 2, `${length} octets (padded ${padded(length)}) exceed the ${end - at - 4} left in the block`);
    options.push({ code, value: ints.bytes.slice(at + 4, at + 4 + length), offset: at });
    at += 4 + padded(length);
  }
  return ok(options);
}

function text(options: readonly PcapngOption[], code: number): string | undefined {
  const o = options.find((x) => x.code === code);
  return o === undefined ? undefined : decodeUtf8(o.value);
}

function texts(options: readonly PcapngOption[], code: number): string[] {
  return options.filter((x) => x.code === code).map((x) => decodeUtf8(x.value));
}

/** if_tsresol: high bit clear = 10^-n seconds, set = 2^-n seconds. */
function toMicros(units: bigint, tsresol: number): number {
  if (tsresol === TSRESOL_MICROSECONDS) return Number(units);
  const n = BigInt(tsresol & 0x7f);
  const micros = (tsresol & 0x80) === 0 ? (units * 1_000_000n) / 10n ** n : (units * 1_000_000n) >> n;
  return Number(micros);
}

interface MutableSection {
  offset: number;
  ints: Ints;
  majorVersion: number;
  minorVersion: number;
  options: PcapngOption[];
  interfaces: PcapngInterface[];
  packets: PcapngPacket[];
  otherBlocks: PcapngOtherBlock[];
}

function finishSection(s: MutableSection): PcapngSection {
  const application = text(s.options, OptionCode.SHB_USER_APPLICATION);
  const hardware = text(s.options, OptionCode.SHB_HARDWARE);
  const os = text(s.options, OptionCode.SHB_OS);
  return {
    offset: s.offset,
    byteOrder: s.ints.littleEndian ? 'little-endian' : 'big-endian',
    majorVersion: s.majorVersion,
    minorVersion: s.minorVersion,
    ...(application === undefined ? {} : { application }),
    ...(hardware === undefined ? {} : { hardware }),
    ...(os === undefined ? {} : { os }),
    comments: texts(s.options, OptionCode.COMMENT),
    interfaces: s.interfaces,
    packets: s.packets,
    otherBlocks: s.otherBlocks,
  };
}

/** Section Header Block at `at`: its byte order comes from the magic, so it is read before the length. */
function readSectionHeader(bytes: Uint8Array, at: number, limits: PcapngReadLimits): WireResult<{ section: MutableSection; totalLength: number }> {
  if (bytes.length - at < 28) return fail(PCAPNG_LAYER, 'Section Header Block', at, `needs at least 28 octets, only ${bytes.length - at} remain`);
  const be = new Ints(bytes, false);
  const magic = be.u32(at + 8);
  const littleEndian = magic === 0x4d3c2b1a;
  if (magic !== BYTE_ORDER_MAGIC && !littleEndian) return fail(PCAPNG_LAYER, 'Byte-Order Magic', at + 8, `0x${magic.toString(16).padStart(8, '0')} is neither 1a2b3c4d nor 4d3c2b1a`);
  const ints = new Ints(bytes, littleEndian);
  const totalLength = ints.u32(at + 4);
  const frame = checkFrame(ints, at, totalLength, limits, 28);
  if (!frame.ok) return frame;
  const majorVersion = ints.u16(at + 12);
  const minorVersion = ints.u16(at + 14);
  if (majorVersion !== 1) return fail(PCAPNG_LAYER, 'Major Version', at + 12, `version ${majorVersion}.${minorVersion}, only 1.x is understood`);
  const options = readOptions(ints, at + 24, at + totalLength - 4, 'Section Header Block');
  if (!options.ok) return options;
  return ok({ section: { offset: at, ints, majorVersion, minorVersion, options: options.value, interfaces: [], packets: [], otherBlocks: [] }, totalLength });
}

/** Block Total Length: big enough, a multiple of 4, inside the file, repeated at the end. */
function checkFrame(ints: Ints, at: number, totalLength: number, limits: PcapngReadLimits, minimum: number): WireResult<true> {
  const remaining = ints.bytes.length - at;
  if (totalLength < minimum) return fail(PCAPNG_LAYER, 'Block Total Length', at + 4, `${totalLength} is below the minimum of ${minimum} for this block`);
  if (totalLength % 4 !== 0) return fail(PCAPNG_LAYER, 'Block Total Length', at + 4, `${totalLength} is not a multiple of 4`);
  if (totalLength > limits.maxBlockLength) return fail(PCAPNG_LAYER, 'Block Total Length', at + 4, `${totalLength} exceeds the limit of ${limits.maxBlockLength}`);
  if (totalLength > remaining) return fail(PCAPNG_LAYER, 'Block Total Length', at + 4, `${totalLength} exceeds the ${remaining} octets left in the file`);
  const trailing = ints.u32(at + totalLength - 4);
  if (trailing !== totalLength) return fail(PCAPNG_LAYER, 'trailing Block Total Length', at + totalLength - 4, `${trailing} differs from the leading ${totalLength}`);
  return ok(true);
}

function readInterface(s: MutableSection, at: number, totalLength: number): WireResult<PcapngInterface> {
  const { ints } = s;
  const options = readOptions(ints, at + 16, at + totalLength - 4, 'Interface Description Block');
  if (!options.ok) return options;
  const resol = options.value.find((o) => o.code === OptionCode.IF_TSRESOL);
  if (resol !== undefined && resol.value.length !== 1) return fail(PCAPNG_LAYER, 'if_tsresol', resol.offset + 2, `length ${resol.value.length}, must be 1`);
  const name = text(options.value, OptionCode.IF_NAME);
  const description = text(options.value, OptionCode.IF_DESCRIPTION);
  return ok({
    offset: at,
    linkType: ints.u16(at + 8),
    snapLength: ints.u32(at + 12),
    ...(name === undefined ? {} : { name }),
    ...(description === undefined ? {} : { description }),
    tsresol: resol === undefined ? TSRESOL_MICROSECONDS : resol.value[0]!,
    options: options.value,
  });
}

function readPacket(s: MutableSection, at: number, totalLength: number): WireResult<PcapngPacket> {
  const { ints } = s;
  const interfaceId = ints.u32(at + 8);
  const itf = s.interfaces[interfaceId];
  if (itf === undefined) return fail(PCAPNG_LAYER, 'Interface ID', at + 8, `interface ${interfaceId} is not described in this section (it has ${s.interfaces.length})`);
  const timestamp = (BigInt(ints.u32(at + 12)) << 32n) | BigInt(ints.u32(at + 16));
  const capturedLength = ints.u32(at + 20);
  const originalLength = ints.u32(at + 24);
  const dataEnd = at + 28 + padded(capturedLength);
  if (capturedLength > totalLength - 32 || dataEnd > at + totalLength - 4) return fail(PCAPNG_LAYER, 'Captured Packet Length', at + 20, `${capturedLength} octets do not fit in a block of ${totalLength}`);
  const options = readOptions(ints, dataEnd, at + totalLength - 4, 'Enhanced Packet Block');
  if (!options.ok) return options;
  return ok({
    offset: at,
    interfaceId,
    timestamp,
    timeMicros: toMicros(timestamp, itf.tsresol),
    originalLength,
    bytes: ints.bytes.slice(at + 28, at + 28 + capturedLength),
    comments: texts(options.value, OptionCode.COMMENT),
    options: options.value,
  });
}

/** Reads a whole pcapng file. The first block must be a Section Header Block. */
export function readPcapng(bytes: Uint8Array, limits: PcapngReadLimits = DEFAULT_READ_LIMITS): WireResult<PcapngFile> {
  const sections: PcapngSection[] = [];
  let current: MutableSection | undefined;
  let at = 0;
  let blocks = 0;
  while (at < bytes.length) {
    if (++blocks > limits.maxBlocks) return fail(PCAPNG_LAYER, 'block', at, `more than ${limits.maxBlocks} blocks`);
    if (bytes.length - at < MIN_BLOCK) return fail(PCAPNG_LAYER, 'block header', at, `needs ${MIN_BLOCK} octets, only ${bytes.length - at} remain`);
    const type = new Ints(bytes, current?.ints.littleEndian ?? true).u32(at);
    if (type === BlockType.SECTION_HEADER) {
      const shb = readSectionHeader(bytes, at, limits);
      if (!shb.ok) return shb;
      if (current !== undefined) sections.push(finishSection(current));
      current = shb.value.section;
      at += shb.value.totalLength;
      continue;
    }
    if (current === undefined) return fail(PCAPNG_LAYER, 'Block Type', at, `0x${type.toString(16).padStart(8, '0')}: a file must start with a Section Header Block (0x0a0d0d0a)`);
    const totalLength = current.ints.u32(at + 4);
    const minimum = type === BlockType.INTERFACE_DESCRIPTION ? 20 : type === BlockType.ENHANCED_PACKET ? 32 : MIN_BLOCK;
    const frame = checkFrame(current.ints, at, totalLength, limits, minimum);
    if (!frame.ok) return frame;
    if (type === BlockType.INTERFACE_DESCRIPTION) {
      const itf = readInterface(current, at, totalLength);
      if (!itf.ok) return itf;
      current.interfaces.push(itf.value);
    } else if (type === BlockType.ENHANCED_PACKET) {
      const packet = readPacket(current, at, totalLength);
      if (!packet.ok) return packet;
      current.packets.push(packet.value);
    } else {
      current.otherBlocks.push({ offset: at, type, totalLength });
    }
    at += totalLength;
  }
  if (current === undefined) return fail(PCAPNG_LAYER, 'Section Header Block', 0, 'the file is empty');
  sections.push(finishSection(current));
  return ok({ sections });
}
