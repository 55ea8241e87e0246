// The on-path rewrite a scripted fault can make (OC-49, FORMAT.md "faults"):
// someone who sits on a link takes the next Registration Reply carrying a
// foreign agent's Diffie-Hellman value g^y (extension 124, regkey-00 §5.5)
// and puts her own g^m in its place — the same frame, every header kept, only
// the value swapped and the UDP checksum recomputed, exactly what a machine on
// the path could do to an exchange that authenticates nobody (Perkins &
// Johnson §9.2). Whether the mobile node notices depends on where the value
// sits: inside the home agent's Mobile-Home authenticator it breaks the
// authenticator (RFC 2002 §3.5.2); after it (optim-06 §3.4) nothing does.

import { DH_GROUPS, dhPublicValue, dhValueBytes, type DhGroup } from '../crypto/diffie-hellman';
import { toHex } from '../crypto/bytes';
import { getU16, putU16 } from '../wire/cursor';
import { IpProtocol } from '../wire/ipv4';
import { readAddress } from '../wire/address';
import { extensionOffsets } from '../wire/mip/extensions/extensions';
import { parseMipMessage } from '../wire/mip/mip-message';
import { udpChecksum } from '../wire/udp';

const MOBILE_IP_PORT = 434;
/** 124's data starts after Type (1), the 16-bit Length (2) and the SPI (4) (regkey-00 §5.5). */
const VALUE_OFFSET = 7;

/**
 * The adversary's fixed secret exponent when the fault names none (lab
 * choice): any value in [2, p − 2] serves, and a fixed one keeps the run and
 * the key she ends up sharing with the mobile node reproducible.
 */
export const DEFAULT_ADVERSARY_EXPONENT_HEX = '4d616c6c6f7279'; // "Mallory" in ASCII

export interface DhValueRewrite {
  /** The frame's IPv4 datagram with g^m in place of g^y. */
  readonly payload: Uint8Array;
  readonly group: DhGroup;
  /** g^y as it was sent, and g^m as it now reads (hex, L octets). */
  readonly replaced: string;
  readonly substitute: string;
  readonly spi: number;
}

/** The named group whose values have this many octets (OC-18 groups have distinct lengths). */
function groupOfLength(length: number): DhGroup | undefined {
  return DH_GROUPS.find((g) => g.length === length);
}

/**
 * The datagram with extension 124's value replaced by g^exponent mod p, or
 * null when it is no Registration Reply (UDP port 434, not tunnelled) with a
 * 124 of a named group's length.
 */
export function rewriteDhValue(datagram: Uint8Array, exponentHex: string): DhValueRewrite | null {
  if (datagram.length < 20 || datagram[0]! >> 4 !== 4 || datagram[9] !== IpProtocol.UDP) return null;
  const ihl = (datagram[0]! & 0x0f) * 4;
  const total = getU16(datagram, 2);
  if (total > datagram.length || ihl + 8 > total) return null;
  if (getU16(datagram, ihl) !== MOBILE_IP_PORT && getU16(datagram, ihl + 2) !== MOBILE_IP_PORT) return null;
  const udpEnd = ihl + getU16(datagram, ihl + 4);
  if (udpEnd > total) return null;
  const mipStart = ihl + 8;
  const parsed = parseMipMessage(datagram, mipStart, udpEnd);
  if (!parsed.ok || parsed.value.kind !== 'registration-reply') return null;
  const reply = parsed.value;
  const k = reply.extensions.findIndex((e) => e.kind === 'dh-key-reply');
  const ext = reply.extensions[k];
  if (ext?.kind !== 'dh-key-reply') return null;
  const group = groupOfLength(ext.computedValue.length);
  if (group === undefined) return null;
  const substitute = dhValueBytes(group, dhPublicValue(group, exponentOf(exponentHex)));
  const out = datagram.slice();
  out.set(substitute, mipStart + extensionOffsets(reply)[k]! + VALUE_OFFSET);
  putU16(out, ihl + 6, 0);
  putU16(out, ihl + 6, udpChecksum(out, ihl, udpEnd, { source: readAddress(out, 12), destination: readAddress(out, 16) }));
  return { payload: out, group, replaced: toHex(ext.computedValue), substitute: toHex(substitute), spi: ext.spi };
}

/** The exponent m from its hex text (checked by the scenario validator: hex digits only). */
function exponentOf(hex: string): bigint {
  return BigInt(`0x${hex}`);
}
