// Link-layer (MAC) addresses of the simulated interfaces. Frames carry them
// because Mobile IP depends on link-layer addressing: a foreign agent delivers
// to a visiting mobile node by its link-layer address although the home address
// is not on the foreign link, and a home agent intercepts by proxy ARP
// (RFC 2002 §2.1, §4; RFC 826). Like IPv4 addresses they
// are strings: readable in traces and structured-cloneable.

import { addressToU32, type Ipv4Address } from '../wire/address';

/** "02:00:00:00:01:02" — six lower-case hex octets. */
export type LinkAddress = string;

export const BROADCAST_LINK_ADDRESS: LinkAddress = 'ff:ff:ff:ff:ff:ff';

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;

export function isLinkAddress(s: string): boolean {
  return MAC.test(s);
}

function octets(values: readonly number[]): LinkAddress {
  return values.map((v) => (v & 0xff).toString(16).padStart(2, '0')).join(':');
}

/**
 * The address the simulation gives interface `interfaceIndex` of node
 * `nodeIndex` when the scenario sets none: locally administered (0x02 in the
 * first octet), unique for up to 65536 nodes of 256 interfaces.
 */
export function defaultLinkAddress(nodeIndex: number, interfaceIndex: number): LinkAddress {
  return octets([0x02, 0x00, 0x00, nodeIndex >>> 8, nodeIndex, interfaceIndex]);
}

/** Group (broadcast or multicast) addresses have the low bit of the first octet set (IEEE 802). */
export function isGroupLinkAddress(a: LinkAddress): boolean {
  // Every frame's destination is asked: two lower-case hex digits (any address of ours) are read
  // in place; anything else is parsed as it always was.
  const high = a.charCodeAt(0);
  const low = a.charCodeAt(1);
  if (isLowerHexDigit(high) && isLowerHexDigit(low)) return ((low <= 57 ? low - 48 : low - 87) & 0x01) !== 0;
  return (parseInt(a.slice(0, 2), 16) & 0x01) !== 0;
}

const isLowerHexDigit = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 97 && c <= 102);

/** 224.0.0.0/4 (from knowledge, not re-read: RFC 1112). */
export function isMulticastIpv4(a: Ipv4Address): boolean {
  return addressToU32(a) >>> 28 === 0xe;
}

/** The few multicast groups a run sends to (every agent advertisement goes to 224.0.0.1), each made once: a pure function's memo. */
const multicastLinkAddresses = new Map<Ipv4Address, LinkAddress>();

/**
 * The link-layer destination for an IPv4 group destination: broadcast for
 * 255.255.255.255, 01:00:5e + the low 23 bits for multicast (RFC 826).
 * Undefined for a unicast destination (that needs a neighbour entry).
 */
export function groupLinkAddressFor(destination: Ipv4Address): LinkAddress | undefined {
  if (destination === '255.255.255.255') return BROADCAST_LINK_ADDRESS;
  const known = multicastLinkAddresses.get(destination);
  if (known !== undefined) return known;
  if (!isMulticastIpv4(destination)) return undefined;
  const v = addressToU32(destination);
  const mac = octets([0x01, 0x00, 0x5e, (v >>> 16) & 0x7f, v >>> 8, v]);
  if (multicastLinkAddresses.size >= 256) multicastLinkAddresses.clear();
  multicastLinkAddresses.set(destination, mac);
  return mac;
}

/** EtherType values carried by simulated frames (RFC 826). */
export const EtherType = {
  IPV4: 0x0800,
  ARP: 0x0806,
  /** IPv6 over Ethernet (RFC 2464 §3). */
  IPV6: 0x86dd,
} as const;
