import { writeFile } from 'node:fs/promises';
import { createPcapngWriter } from '../../engine/capture/pcapng';
import { captureLinkType, isIpv6Packet } from '../../engine/capture/capture-link-type';
import { buildAllSamplePackets } from '../../engine/samples/all-samples';
import { describePacket } from '../../engine/wire/packet';
import { CliError, type Command } from '../io';

/** Sample packets, one microsecond-spaced second apart, so they read in order in Wireshark. */
const SPACING_MICROS = 1_000_000;

// `mip-lab sample-capture <file.pcapng>`: one authenticated instance of every message and extension.
export const sampleCaptureCommand: Command = {
  name: 'sample-capture',
  summary: 'write every message and extension of the lab, authenticated, to a pcapng file',
  usage: 'mip-lab sample-capture <file.pcapng> [--seed N]',
  help: [
    'Usage: mip-lab sample-capture <file.pcapng> [--seed N]',
    '',
    'Writes one correctly authenticated instance of every message and extension the',
    'lab speaks — agent discovery, registration with every registration-key method,',
    'Binding Warning / Request / Update / Acknowledge, smooth handoff, and data in',
    'IP-in-IP, minimal and GRE tunnels — each inside its real IPv4/UDP/ICMP (and',
    'tunnel) headers — then IPv6 (Perkins & Johnson §10): Neighbor Discovery, home',
    'registration, return routability, Binding Updates to correspondents, routing',
    'header and Home Address option, IPv6 in IPv6. One pcapng interface per link,',
    'each packet commented with its message name and spec section. Open it in',
    'Wireshark or tshark.',
    '',
    'Note: Wireshark does not know the Route Optimization messages (types 16-19) and',
    'shows them as other, malformed messages; it names the S and P bits after later',
    'flags (U and T). The lab keeps the 1998 numbering (optim-08 §4).',
    '',
    'Options:',
    '  --seed N   seed for keys and random values (default 1); same seed, same file',
  ].join('\n'),
  async run(args, io) {
    let seed = 1;
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--seed') {
        const v = args[++i];
        if (v === undefined || !/^\d+$/.test(v) || Number(v) > 0xffffffff) throw new CliError(`--seed takes a whole number from 0 to 4294967295, not ${v === undefined ? 'nothing' : JSON.stringify(v)}`);
        seed = Number(v);
      } else if (a.startsWith('--')) throw new CliError(`unknown option ${a}; see 'mip-lab sample-capture --help'`);
      else files.push(a);
    }
    if (files.length !== 1) throw new CliError('give exactly one output file, e.g. samples.pcapng');
    const file = files[0]!;
    const samples = buildAllSamplePackets({ seed });
    const w = createPcapngWriter({ application: 'mip-lab sample-capture (Route Optimization Lab)' });
    const interfaces = new Map<string, number>();
    const ipv6 = samples.some((s) => isIpv6Packet(s.bytes)); // raw IP for both versions (capture-link-type.ts)
    samples.forEach((s, i) => {
      let id = interfaces.get(s.link);
      if (id === undefined) {
        id = w.addInterface({ name: s.link, description: `Route Optimization Lab sample: ${s.link}`, ...captureLinkType(ipv6) });
        interfaces.set(s.link, id);
      }
      const d = describePacket(s.bytes);
      if (!d.ok) throw new CliError(`internal: sample "${s.name}" does not decode`);
      w.addPacket({ interfaceId: id, timeMicros: (i + 1) * SPACING_MICROS, bytes: s.bytes, comment: `${s.name} — ${s.ref}` });
    });
    try {
      await writeFile(file, w.finish());
    } catch (e) {
      throw new CliError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    io.stdout.write(`wrote ${samples.length} packets on ${interfaces.size} links to ${file}\n`);
    return 0;
  },
};
