// Choosing and applying an encapsulation (RFC 2003; RFC 1701 §2; RFC 2002 §4):
// IP in IP always; minimal encapsulation or GRE only when the mobile node
// asked for it with M / G (which it does only if its FA advertised them).

import type { Ipv4Address } from '../../../wire/address';
import { decapsulateGre, encapsulateGre } from '../../../wire/gre';
import { decapsulateIpInIp, encapsulateIpInIp } from '../../../wire/ip-in-ip';
import { IpProtocol } from '../../../wire/ipv4';
import { decapsulateMinimal, encapsulateMinimal } from '../../../wire/minimal-encapsulation';
import type { Decapsulated, TunnelResult } from '../../../wire/tunnel';
import { receivedIpv4 } from '../../../network/receive-scope';

export type Encapsulation = 'ip-in-ip' | 'minimal' | 'gre';

export const ENCAPSULATION_NAMES: Record<Encapsulation, string> = {
  'ip-in-ip': 'IP in IP (RFC 2003)',
  minimal: 'minimal encapsulation (RFC 2004)',
  gre: 'GRE (RFC 1701/1702)',
};

export const ENCAPSULATION_REFS: Record<Encapsulation, string> = {
  'ip-in-ip': 'RFC 2003',
  minimal: 'RFC 2004 §3',
  gre: 'RFC 1701 §2',
};

export function encapsulationOfProtocol(protocol: number): Encapsulation | null {
  if (protocol === IpProtocol.IP_IN_IP) return 'ip-in-ip';
  if (protocol === IpProtocol.MINIMAL_ENCAPSULATION) return 'minimal';
  if (protocol === IpProtocol.GRE) return 'gre';
  return null;
}

/** Wraps a datagram this node forwards (inner TTL decremented, RFC 2003 §3.1); outer TTL 64, TOS and DF copied from the inner header (the wire default, as OC-39 fixes for correspondents). */
export function encapsulate(how: Encapsulation, inner: Uint8Array, source: Ipv4Address, destination: Ipv4Address, identification: number): TunnelResult<Uint8Array> {
  const options = { source, destination, identification, decrementInnerTtl: true };
  if (how === 'minimal') return encapsulateMinimal(inner, options);
  if (how === 'gre') return encapsulateGre(inner, options);
  return encapsulateIpInIp(inner, options, receivedIpv4(inner)); // a received datagram's parse, made once per input (receive-scope.ts)
}

export function decapsulate(how: Encapsulation, datagram: Uint8Array): TunnelResult<Decapsulated> {
  if (how === 'minimal') return decapsulateMinimal(datagram);
  if (how === 'gre') return decapsulateGre(datagram);
  return decapsulateIpInIp(datagram);
}
