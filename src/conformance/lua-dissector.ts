// What the lab's Wireshark dissector (public/wireshark/route-optimization-lab.lua)
// must show for a packet, worked out from the engine's own decode of the same
// bytes: every Route Optimization message field and every extension the engine
// encoded, with the values it encoded. The conformance test compares this with
// tshark's output, packet by packet (docs/protocol-notes.md §Wireshark).

import { fileURLToPath } from 'node:url';
import { decapsulateGre } from '../engine/wire/gre';
import { decapsulateIpInIp } from '../engine/wire/ip-in-ip';
import { IpProtocol, parseIpv4 } from '../engine/wire/ipv4';
import { identificationHex } from '../engine/wire/mip/identification';
import { lengthFieldSize } from '../engine/wire/mip/extensions/extension-types';
import { extensionTypeOf, mipExtensionLength, type MipExtension } from '../engine/wire/mip/extensions/mip-extension';
import { MIP_UDP_PORT } from '../engine/wire/mip/message-layout';
import { parseMipMessage, type MipMessage } from '../engine/wire/mip/mip-message';
import { parseUdp } from '../engine/wire/udp';
import { fieldValues, type TsharkFrame } from './tshark';

/** The one copy of the dissector: served by the site from public/, and loaded by tshark here. */
export const LUA_DISSECTOR_PATH = fileURLToPath(new URL('../../public/wireshark/route-optimization-lab.lua', import.meta.url));

/**
 * The Mobile IP message a packet carries, looking through the tunnels tshark
 * also follows (IP in IP, GRE); null for anything else. Wireshark shows a
 * minimal-encapsulation payload as undecoded data (docs/protocol-notes.md
 * §Wireshark), so the lab's dissector never sees what travels in one.
 */
export function mipMessageThroughTunnels(bytes: Uint8Array, depth = 0): MipMessage | null {
  const ip = parseIpv4(bytes);
  if (!ip.ok || depth > 8) return null;
  if (ip.value.protocol === IpProtocol.IP_IN_IP) {
    const d = decapsulateIpInIp(bytes);
    return d.ok ? mipMessageThroughTunnels(d.value.inner, depth + 1) : null;
  }
  if (ip.value.protocol === IpProtocol.GRE) {
    const d = decapsulateGre(bytes);
    return d.ok ? mipMessageThroughTunnels(d.value.inner, depth + 1) : null;
  }
  if (ip.value.protocol !== IpProtocol.UDP) return null;
  const udp = parseUdp(ip.value.payload, 0, ip.value.payload.length, ip.value);
  if (!udp.ok || (udp.value.destinationPort !== MIP_UDP_PORT && udp.value.sourcePort !== MIP_UDP_PORT)) return null;
  const m = parseMipMessage(udp.value.payload);
  return m.ok ? m.value : null;
}

const RO_TYPES: Readonly<Record<string, number>> = { 'binding-warning': 16, 'binding-request': 17, 'binding-update': 18, 'binding-acknowledge': 19 };
/** Extensions Wireshark's own Mobile IP dissector decodes (RFC 2002 §3.5.2–§3.5.4): the lab's dissector leaves those messages to it. */
const NATIVE = new Set([32, 33, 34]);

/** The SPI an extension carries, if its layout has one (RFC 2002 §3.5; optim-08 §4.5, §5.1; regkey-00 §4, §5). */
function spiOf(e: MipExtension): number | undefined {
  return 'spi' in e ? e.spi : undefined;
}

/** The authenticator, for extensions 32–35 and 96. */
function authenticatorOf(e: MipExtension): Uint8Array | undefined {
  return 'authenticator' in e ? e.authenticator : undefined;
}

export interface ExpectedDissection {
  /** Which dissector must decode the extensions: the lab's ("mipro"), Wireshark's ("mip"), or none carried. */
  readonly extensionsBy: 'mipro' | 'mip' | 'none';
  /** Field → values in tree order, exactly as tshark's JSON writes them. */
  readonly fields: Readonly<Record<string, readonly string[]>>;
  /** Octets of each authenticator, in order. */
  readonly authenticatorLengths: readonly number[];
}

const hexColons = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(':');

/** What tshark with the lab's dissector must show for this message. */
export function expectedDissection(m: MipMessage): ExpectedDissection {
  const fields: Record<string, string[]> = {};
  const put = (name: string, value: string | number): void => {
    (fields[name] ??= []).push(String(value));
  };
  if (m.kind === 'unknown') return { extensionsBy: 'none', fields, authenticatorLengths: [] };
  const ro = RO_TYPES[m.kind];
  if (ro !== undefined) {
    put('mipro.type', ro);
    put('mipro.homeaddr', m.homeAddress);
  }
  const ident = (id: { high: number; low: number }): string => `0x${identificationHex(id).replace(' ', '')}`;
  switch (m.kind) {
    case 'binding-warning':
      for (const t of m.targets) put('mipro.bw.target', t);
      put('mipro.bw.targets', m.targets.length);
      break;
    case 'binding-request':
      put('mipro.ident', ident(m.identification));
      break;
    case 'binding-update':
      put('mipro.bu.lifetime', m.lifetime);
      put('mipro.bu.coa', m.careOfAddress);
      put('mipro.bu.flags.a', m.flags.acknowledge ? 1 : 0);
      put('mipro.bu.flags.i', m.identification !== null ? 1 : 0);
      put('mipro.bu.flags.m', m.flags.minimalEncapsulation ? 1 : 0);
      put('mipro.bu.flags.g', m.flags.greEncapsulation ? 1 : 0);
      if (m.identification !== null) put('mipro.ident', ident(m.identification));
      break;
    case 'binding-acknowledge':
      put('mipro.back.status', m.status);
      put('mipro.ident', ident(m.identification));
      break;
    default:
      break;
  }
  const extensions = m.kind === 'binding-warning' ? [] : m.extensions;
  if (extensions.length === 0) return { extensionsBy: 'none', fields, authenticatorLengths: [] };
  const types = extensions.map(extensionTypeOf);
  const byWireshark = ro === undefined && types.every((t) => NATIVE.has(t));
  const prefix = byWireshark ? 'mip' : 'mipro';
  const authenticatorLengths: number[] = [];
  for (const e of extensions) {
    const type = extensionTypeOf(e);
    put(`${prefix}.ext.type`, type);
    const dataLength = mipExtensionLength(e) - 1 - lengthFieldSize(type);
    put(byWireshark ? 'mip.ext.len' : 'mipro.ext.length', dataLength);
    if (!byWireshark) put('mipro.ext.length_size', lengthFieldSize(type));
    const spi = spiOf(e);
    if (spi !== undefined) put(byWireshark ? 'mip.auth.spi' : 'mipro.ext.spi', byWireshark ? `0x${spi.toString(16).padStart(8, '0')}` : spi);
    const auth = authenticatorOf(e);
    if (auth !== undefined) {
      put(byWireshark ? 'mip.auth.auth' : 'mipro.ext.authenticator', hexColons(auth));
      authenticatorLengths.push(auth.length);
    }
    if (e.kind === 'previous-fa-notification') {
      put('mipro.pfan.cache_lifetime', e.cacheLifetime);
      put('mipro.pfan.prev_fa', e.previousForeignAgent);
      put('mipro.pfan.new_coa', e.newCareOfAddress);
    }
    if (e.kind === 'binding-warning-extension') {
      put('mipro.bwext.homeaddr', e.homeAddress);
      for (const t of e.targets) put('mipro.bwext.target', t);
    }
  }
  return { extensionsBy: byWireshark ? 'mip' : extensions.length > 0 ? 'mipro' : 'none', fields, authenticatorLengths };
}

/** Every difference between what tshark showed and what was expected, one sentence each (empty: they agree). */
export function dissectionDifferences(frame: TsharkFrame, expected: ExpectedDissection | null): string[] {
  const out: string[] = [];
  const expectedFields = expected?.fields ?? {};
  for (const [name, values] of Object.entries(expectedFields)) {
    const got = fieldValues(frame, name);
    if (JSON.stringify(got) !== JSON.stringify(values)) out.push(`${name}: tshark shows ${JSON.stringify(got)}, the engine encoded ${JSON.stringify(values)}`);
  }
  const authField = expected?.extensionsBy === 'mip' ? 'mip.auth.auth' : 'mipro.ext.authenticator';
  const lengths = (frame.raw[authField] ?? []).map((r) => r.length);
  const wantLengths = expected?.authenticatorLengths ?? [];
  if (JSON.stringify(lengths) !== JSON.stringify(wantLengths)) out.push(`authenticator lengths: tshark ${JSON.stringify(lengths)}, engine ${JSON.stringify(wantLengths)}`);
  // Nothing decoded by the lab's dissector that the engine did not encode.
  const stray = Object.keys(frame.fields).filter((k) => k.startsWith('mipro.') && !(k in expectedFields) && !ALWAYS_PRESENT_WITH_RO.has(k));
  // frame.protocols names the lab dissector whenever it had UDP 434, also when it handed the message on whole.
  const hasMipro = Object.keys(frame.fields).some((k) => k.startsWith('mipro.'));
  const wantMipro = expected !== null && (expectedFields['mipro.type'] !== undefined || expected.extensionsBy === 'mipro');
  if (hasMipro !== wantMipro) out.push(wantMipro ? 'the lab dissector did not decode this packet' : 'the lab dissector decoded a packet the engine sees no Route Optimization content in');
  if (!wantMipro && stray.length > 0) out.push(`unexpected fields ${stray.join(', ')}`);
  return out;
}

/** Fields the lab dissector adds beside the compared values (reserved octets, the flags octet, the extension subtree). */
const ALWAYS_PRESENT_WITH_RO: ReadonlySet<string> = new Set(['mipro.reserved', 'mipro.back.reserved', 'mipro.bu.flags', 'mipro.bu.flags.reserved', 'mipro.bwext.reserved']);
