// The decoder fuzzer's targets. Bad bytes must come back as a WireError
// (docs/architecture.md "engine/wire"), never as a throw, and quickly.
//  - packet:  the whole-packet walker (engine/wire/packet.ts), as the
//             inspector, the CLI's `decode` and the capture comments use it;
//  - codecs:  every codec's parse and dissect at the offsets a layer could
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
import { decapsulateIpInIp, encapsulateIpInIp } from '../engine/wire/ip-in-ip';
import { ipv4Codec } from '../engine/wire/ipv4';
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
