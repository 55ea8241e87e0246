import { parseHexInput } from '../../engine/wire/hex';
import { dissectPacketFully } from '../../engine/wire/packet';
import { describeWireError } from '../../engine/wire/result';
import { CliError, type Command } from '../io';

// `mip-lab decode <hex>`: one IPv4 or IPv6 packet as captured → its full dissection as JSON.
export const decodeCommand: Command = {
  name: 'decode',
  summary: 'dissect one captured IPv4 or IPv6 packet (hex) through every layer, as JSON',
  usage: 'mip-lab decode <hex> [--profile ro98|rfc3344]',
  help: [
    'Usage: mip-lab decode <hex> [--profile ro98|rfc3344]',
    '',
    'Dissects one IPv4 packet, from the IP header on — tunnels and all (IP in IP,',
    'minimal encapsulation, GRE) — or one IPv6 packet (extension headers, IPv6 in',
    'IPv6, ICMPv6, Mobility Header) and prints every layer and field as JSON: name,',
    'byte offset, length, human-readable value, and the spec section it comes from.',
    '',
    'The hex may be spaced, packed, colon-separated or 0x-prefixed; several',
    'arguments are joined. Use "-" to read the hex from standard input.',
    '',
    'Options:',
    '  --profile ro98|rfc3344   which base profile names the flags (default ro98, lab choice)',
    '',
    'Exit status: 0 when the packet decodes; 1 with one line on stderr saying what',
    'is malformed and where.',
    '',
    'Example:',
    '  mip-lab decode 45000020004240003f110748c63364050a01000a13880007000cd932 70696e67',
  ].join('\n'),
  async run(args, io) {
    let profile: 'ro98' | 'rfc3344' = 'ro98';
    const hexParts: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--profile') {
        const v = args[++i];
        if (v !== 'ro98' && v !== 'rfc3344') throw new CliError(`--profile takes ro98 or rfc3344, not ${v === undefined ? 'nothing' : JSON.stringify(v)}`);
        profile = v;
      } else if (a.startsWith('--')) {
        throw new CliError(`unknown option ${a}; see 'mip-lab decode --help'`);
      } else hexParts.push(a);
    }
    if (hexParts.length === 0) throw new CliError("give the packet as hex, e.g. 'mip-lab decode 4500…', or '-' to read stdin");
    const text = hexParts.length === 1 && hexParts[0] === '-' ? await readStdin() : hexParts.join(' ');
    const hex = parseHexInput(text);
    if (!hex.ok) throw new CliError(`not hex: ${hex.reason}`);
    const d = dissectPacketFully(hex.bytes, profile);
    if (!d.ok) throw new CliError(`malformed packet: ${describeWireError(d.error)}`);
    io.stdout.write(`${JSON.stringify({ length: hex.bytes.length, ...d.value.description, dissection: d.value.root }, null, 2)}\n`);
    return 0;
  },
};

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
