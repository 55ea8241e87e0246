// The decoder fuzzer's targets. Bad bytes must come back as a WireError
// (docs/architecture.md "engine/wire"), never as a throw, and quickly.
//  - packet:  the whole-packet walker (engine/wire/packet.ts), as the
//             inspector, the CLI's `decode` and the capture comments use it;
//  - codecs:  every codec's parse and dissect (IPv4 and IPv6) at the offsets a layer could
//             start at, every parsed repr emitted again (an emitter that
//             throws on what its own parser accepted is a bug), tunnel
//             decapsulation and encapsulation as the agents do them on
//             received datagrams, and the packet classifier;
//  - pcapng:  the capture-file reader on mutated capture files.

import { readPcapng } from '../engine/capture/pcapng-reader';
import type { Codec } from '../engine/wire/codec';
import { agentAdvertisementCodec } from '../engine/wire/agent-advertisement';
import { agentSolicitationCodec } from '../engine/wire/agent-solicitation';
import { classifyPacket } from '../engine/wire/classify';
import { decapsulateGre, encapsulateGre, greCodec } from '../engine/wire/gre';
import { icmpCodec } from '../engine/wire/icmp';
import { icmpv6Codec } from '../engine/wire/ipv6/icmpv6';
import { ndOptionListCodec } from '../engine/wire/ipv6/nd-options';
import { decapsulateIpInIp, encapsulateIpInIp } from '../engine/wire/ip-in-ip';
import { ipv4Codec } from '../engine/wire/ipv4';
import { destinationOptionsCodec, hopByHopCodec } from '../engine/wire/ipv6/destination-options';
import { fragmentHeaderCodec } from '../engine/wire/ipv6/fragment-header';
import { ipv6HeaderCodec } from '../engine/wire/ipv6/ipv6-header';
import { decapsulateIpv6, encapsulateIpv6 } from '../engine/wire/ipv6/ipv6-in-ipv6';
import { parseIpv6Packet } from '../engine/wire/ipv6/ipv6-packet';
import { routingHeaderCodec } from '../engine/wire/ipv6/routing-header';
import { authenticationHeaderCodec } from '../engine/wire/ipv6/authentication-header';
import { mobilityHeaderCodec } from '../engine/wire/ipv6/mobility-header';
import { decapsulateMinimal, encapsulateMinimal, minimalHeaderCodec } from '../engine/wire/minimal-encapsulation';
import { extensionListCodec } from '../engine/wire/mip/extensions/extensions';
import { mipExtensionCodec } from '../engine/wire/mip/extensions/mip-extension';
import { mipMessageCodec } from '../engine/wire/mip/mip-message';
import { describePacket, dissectPacketFully } from '../engine/wire/packet';
import type { WireError } from '../engine/wire/result';
import type { FuzzTarget, Outcome } from './core';
import { buildPacketCorpus, type CorpusOptions, type PacketCorpus } from './packets/corpus';
import { generatePacket } from './packets/generate';
import { generateCapture } from './packets/capture-ops';

const MAX_INNER = 0xffff - 20;
const reason = (e: WireError): string => `${e.layer}: ${e.field}: ${e.reason}`;

let corpusCache: { key: string; corpus: PacketCorpus } | undefined;

/** Built once per process (running the built-in scenarios takes a few seconds). */
export function packetCorpus(options: CorpusOptions = {}): PacketCorpus {
  const key = JSON.stringify(options);
  if (corpusCache?.key !== key) corpusCache = { key, corpus: buildPacketCorpus(options) };
  return corpusCache.corpus;
}

const bytesIo = { extension: 'bin' as const, encode: (b: Uint8Array) => b, decode: (b: Uint8Array) => b };

export function packetTarget(options: CorpusOptions = {}): FuzzTarget<Uint8Array, PacketCorpus> {
  return {
    name: 'packet',
    ...bytesIo,
    corpus: () => packetCorpus(options),
    generate: (rng, corpus) => generatePacket(rng, corpus.packets),
    run(bytes): Outcome {
      const full = dissectPacketFully(bytes, 'ro98');
      const other = describePacket(bytes, 'rfc3344');
      if (full.ok !== other.ok) return { kind: 'refused', reasons: ['(profiles disagree on whether the packet decodes)'] };
      return full.ok ? { kind: 'accepted' } : { kind: 'refused', reasons: [reason(full.error)] };
    },
  };
}

const CODECS: readonly Codec<unknown>[] = [
  ipv4Codec, icmpCodec, agentAdvertisementCodec, agentSolicitationCodec, greCodec, minimalHeaderCodec,
  mipMessageCodec, mipExtensionCodec, extensionListCodec,
  // ICMPv6 (Neighbor Discovery included) bound to a fixed pseudo-header: the checksum verdict does not change what parses.
  icmpv6Codec({ source: 'fe80::1', destination: 'ff02::1' }), ndOptionListCodec,
  // The IPv6 header and extension headers (docs/ipv6.md §1).
  ipv6HeaderCodec, destinationOptionsCodec, hopByHopCodec, routingHeaderCodec, fragmentHeaderCodec,
  // Mobility Header (bound to a fixed pseudo-header, as for ICMPv6) and AH (RFC 6275 §6.1, RFC 4302 §2).
  mobilityHeaderCodec('2001:db8:1::10', '2001:db8:100::5'), authenticationHeaderCodec,
] as readonly Codec<unknown>[];

/** Where a layer could start: the packet's start, after its IPv4 header, after a UDP header, and one more. */
function offsets(b: Uint8Array): number[] {
  const ihl = b.length > 0 ? (b[0]! & 0x0f) * 4 : 0;
  const extra = [ihl + 4, ihl + 12, ihl + 20, ihl + 8 + 24, ihl + 8 + 28, b.length >> 1, b.length];
  return [...new Set([0, ihl, ihl + 8, extra[b.length % extra.length]!])].filter((o) => o <= b.length);
}

export function codecsTarget(options: CorpusOptions = {}): FuzzTarget<Uint8Array, PacketCorpus> {
  return {
    name: 'codecs',
    ...bytesIo,
    corpus: () => packetCorpus(options),
    generate: (rng, corpus) => generatePacket(rng, corpus.packets),
    run(bytes): Outcome {
      const reasons: string[] = [];
      const ends = [bytes.length, Math.max(0, bytes.length - 1 - (bytes.length % 5))];
      for (const codec of CODECS) {
        for (const at of offsets(bytes)) {
          // Inside an IPv4 datagram every layer but IPv4 itself has at most 65,515 octets (RFC 791).
          const end = Math.min(Math.max(at, ends[at % 2]!), codec === ipv4Codec ? bytes.length : at + MAX_INNER);
          const parsed = codec.parse(bytes, at, end);
          const tree = codec.dissect(bytes, at, end);
          if (!parsed.ok) {
            reasons.push(reason(parsed.error));
            continue;
          }
          if (!tree.ok) reasons.push(`(dissect refused what parse accepted) ${reason(tree.error)}`);
          const buf = new Uint8Array(codec.length(parsed.value));
          codec.emit(parsed.value, buf, 0);
        }
      }
      for (const open of [decapsulateIpInIp, decapsulateGre, decapsulateMinimal]) {
        const r = open(bytes);
        if (!r.ok) reasons.push(reason(r.error));
      }
      for (const close of [encapsulateIpInIp, encapsulateGre, encapsulateMinimal]) {
        for (const decrementInnerTtl of [true, false]) {
          const r = close(bytes, { source: '10.1.0.1', destination: '192.168.2.1', identification: 1, decrementInnerTtl });
          if (!r.ok) reasons.push(reason(r.error));
        }
      }
      // IPv6 (docs/ipv6.md §1): the chain walker, and the tunnel as a home agent uses it.
      const v6 = parseIpv6Packet(bytes);
      if (!v6.ok) reasons.push(reason(v6.error));
      const opened6 = decapsulateIpv6(bytes);
      if (!opened6.ok) reasons.push(reason(opened6.error));
      for (const decrementInnerHopLimit of [true, false]) {
        const r = encapsulateIpv6(bytes, { source: '2001:db8:1::1', destination: '2001:db8:2::10', decrementInnerHopLimit });
        if (!r.ok) reasons.push(reason(r.error));
      }
      classifyPacket(bytes);
      return ipv4Codec.parse(bytes).ok ? { kind: 'accepted', reasons } : { kind: 'refused', reasons };
    },
  };
}

export function pcapngTarget(options: CorpusOptions = {}): FuzzTarget<Uint8Array, PacketCorpus> {
  return {
    name: 'pcapng',
    ...bytesIo,
    corpus: () => packetCorpus(options),
    generate: (rng, corpus) => generateCapture(rng, corpus.captures),
    run(bytes): Outcome {
      const tight = readPcapng(bytes, { maxBlocks: 6, maxBlockLength: 512 });
      const file = readPcapng(bytes);
      if (!file.ok) return { kind: 'refused', reasons: [reason(file.error), ...(tight.ok ? [] : [reason(tight.error)])] };
      for (const p of file.value.sections.flatMap((s) => s.packets).slice(0, 4)) describePacket(p.bytes);
      return { kind: 'accepted' };
    },
  };
}
