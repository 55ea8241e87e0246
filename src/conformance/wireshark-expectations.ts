// What Wireshark can and cannot follow (docs/protocol-notes.md §Wireshark), in
// one place for every conformance test that reads our captures with tshark.

import { IpProtocol, parseIpv4 } from '../engine/wire/ipv4';
import { lengthFieldSize } from '../engine/wire/mip/extensions/extension-types';
import { extensionTypeOf } from '../engine/wire/mip/extensions/mip-extension';
import { parseMipMessage, type MipMessage } from '../engine/wire/mip/mip-message';
import { parseUdp } from '../engine/wire/udp';

/** The Mobile IP message in a UDP/434 datagram, looking through IP-in-IP tunnels; null for anything else. */
export function mipMessageIn(bytes: Uint8Array): MipMessage | null {
  const ip = parseIpv4(bytes);
  if (!ip.ok) return null;
  if (ip.value.protocol === IpProtocol.IP_IN_IP) return mipMessageIn(ip.value.payload);
  if (ip.value.protocol !== IpProtocol.UDP) return null;
  const udp = parseUdp(ip.value.payload, 0, ip.value.payload.length, ip.value);
  if (!udp.ok || (udp.value.destinationPort !== 434 && udp.value.sourcePort !== 434)) return null;
  const m = parseMipMessage(udp.value.payload);
  return m.ok ? m.value : null;
}

/**
 * True where tshark 4.0 reports our message malformed, as docs/protocol-notes.md §Wireshark
 * predicts: the RO messages 16-19 (D15), and registrations carrying a
 * 16-bit-length key extension (114-116, 120-124; OC-42).
 */
export function wiresharkCannotDecode(m: MipMessage | null): boolean {
  if (m === null || m.kind === 'unknown') return false;
  if (m.kind === 'binding-warning' || m.kind === 'binding-request' || m.kind === 'binding-update' || m.kind === 'binding-acknowledge') return true;
  return m.extensions.some((e) => lengthFieldSize(extensionTypeOf(e)) === 2);
}
