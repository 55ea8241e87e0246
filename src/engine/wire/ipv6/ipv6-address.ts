// IPv6 addresses (RFC 4291 §2) travel through the engine as text in the
// canonical form of RFC 5952 §4 (lower case, longest run of zero groups as
// "::", no leading zeros): readable in traces and scenario files,
// structured-cloneable, and never confused with a dotted-quad IPv4 address
// (an IPv6 address always contains a colon).
//
// Also here: the link-layer mapping of IPv6 (RFC 2464 §4, §7) and the
// multicast groups the lab's Neighbor Discovery uses (RFC 4291 §2.7.1).

export type Ipv6Address = string;

export const IPV6_ADDRESS_LENGTH = 16;
export const UNSPECIFIED_ADDRESS: Ipv6Address = '::';
/** All-nodes multicast, link-local scope (RFC 4291 §2.7.1): where routers send unsolicited Router Advertisements. */
export const ALL_NODES: Ipv6Address = 'ff02::1';
/** All-routers multicast, link-local scope (RFC 4291 §2.7.1): where hosts send Router Solicitations. */
export const ALL_ROUTERS: Ipv6Address = 'ff02::2';

const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** The 16 octets of `text`, or undefined when it is not an IPv6 address (no embedded IPv4 form, no zone). */
export function parseIpv6Text(text: string): Uint8Array | undefined {
  if (text.length === 0 || text.length > 39) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (s: string): string[] | undefined => {
    if (s === '') return [];
    const groups = s.split(':');
    return groups.every((g) => HEX_GROUP.test(g)) ? groups : undefined;
  };
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (head === undefined || tail === undefined) return undefined;
  const present = head.length + tail.length;
  if (halves.length === 1 ? present !== 8 : present > 7) return undefined;
  const words = [...head, ...new Array<string>(8 - present).fill('0'), ...tail].map((g) => parseInt(g, 16));
  const out = new Uint8Array(16);
  words.forEach((w, i) => {
    out[2 * i] = w >>> 8;
    out[2 * i + 1] = w & 0xff;
  });
  return out;
}

export function isIpv6Address(text: string): boolean {
  return parseIpv6Text(text) !== undefined;
}

/** RFC 5952 §4: lower-case hex, no leading zeros, the longest run (the first if tied) of two or more zero groups as "::". */
export function formatIpv6(bytes: Uint8Array, at = 0): Ipv6Address {
  const words: number[] = [];
  for (let i = 0; i < 8; i++) words.push((bytes[at + 2 * i]! << 8) | bytes[at + 2 * i + 1]!);
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hexOf = (ws: number[]): string => ws.map((w) => w.toString(16)).join(':');
  if (bestStart < 0) return hexOf(words);
  return `${hexOf(words.slice(0, bestStart))}::${hexOf(words.slice(bestStart + bestLength))}`;
}

/** The canonical text of any accepted spelling ("2001:DB8:0:0::1" → "2001:db8::1"). Throws on a non-address: for trusted input. */
export function canonicalIpv6(text: string): Ipv6Address {
  return formatIpv6(ipv6Bytes(text));
}

/** The 16 octets of an address; throws RangeError for text that is not one (scenario data is validated first). */
export function ipv6Bytes(a: Ipv6Address): Uint8Array {
  const b = parseIpv6Text(a);
  if (b === undefined) throw new RangeError(`not an IPv6 address: ${JSON.stringify(a)}`);
  return b;
}

export function readIpv6(buf: Uint8Array, at: number): Ipv6Address {
  return formatIpv6(buf, at);
}

export function writeIpv6(buf: Uint8Array, at: number, a: Ipv6Address): void {
  buf.set(ipv6Bytes(a), at);
}

/** The prefix of `a` with the host bits cleared, as canonical text. */
export function ipv6NetworkOf(a: Ipv6Address, prefixLength: number): Ipv6Address {
  const b = ipv6Bytes(a);
  for (let bit = prefixLength; bit < 128; bit++) b[bit >>> 3]! &= ~(0x80 >>> (bit & 7));
  return formatIpv6(b);
}

export function ipv6InPrefix(a: Ipv6Address, network: Ipv6Address, prefixLength: number): boolean {
  const x = ipv6Bytes(a);
  const n = ipv6Bytes(network);
  for (let bit = 0; bit < prefixLength; bit++) {
    const mask = 0x80 >>> (bit & 7);
    if ((x[bit >>> 3]! & mask) !== (n[bit >>> 3]! & mask)) return false;
  }
  return true;
}

/** ff00::/8 (RFC 4291 §2.7). */
export function isIpv6Multicast(a: Ipv6Address): boolean {
  return ipv6Bytes(a)[0] === 0xff;
}

/** fe80::/10 (RFC 4291 §2.5.6). */
export function isIpv6LinkLocal(a: Ipv6Address): boolean {
  const b = ipv6Bytes(a);
  return b[0] === 0xfe && (b[1]! & 0xc0) === 0x80;
}

/** The modified EUI-64 interface identifier of a 48-bit MAC (RFC 4291 App. A; RFC 2464 §4): flip the U/L bit, insert ff:fe. */
export function interfaceIdentifierOf(linkAddress: string): Uint8Array {
  const mac = linkAddress.split(':').map((h) => parseInt(h, 16));
  if (mac.length !== 6 || mac.some((v) => !(v >= 0 && v <= 255))) throw new RangeError(`not a 48-bit link-layer address: ${JSON.stringify(linkAddress)}`);
  return Uint8Array.from([mac[0]! ^ 0x02, mac[1]!, mac[2]!, 0xff, 0xfe, mac[3]!, mac[4]!, mac[5]!]);
}

/** Stateless address autoconfiguration (RFC 4862 §5.5.3): a /64 prefix followed by the interface identifier. */
export function autoconfiguredAddress(prefix: Ipv6Address, linkAddress: string): Ipv6Address {
  const b = ipv6Bytes(prefix);
  b.set(interfaceIdentifierOf(linkAddress), 8);
  return formatIpv6(b);
}

/** The link-local address fe80::/64 + interface identifier (RFC 4862 §5.3). */
export function linkLocalAddressOf(linkAddress: string): Ipv6Address {
  return autoconfiguredAddress('fe80::', linkAddress);
}

/** Solicited-node multicast ff02::1:ffXX:XXXX (RFC 4291 §2.7.1): where a Neighbor Solicitation for `a` goes. */
export function solicitedNodeAddress(a: Ipv6Address): Ipv6Address {
  const b = ipv6Bytes(a);
  const out = ipv6Bytes('ff02::1:ff00:0');
  out[13] = b[13]!;
  out[14] = b[14]!;
  out[15] = b[15]!;
  return formatIpv6(out);
}

/** Ethernet destination of an IPv6 multicast: 33:33 followed by the low 32 bits (RFC 2464 §7). */
export function multicastLinkAddressOf(a: Ipv6Address): string {
  const b = ipv6Bytes(a);
  return ['33', '33', ...Array.from(b.subarray(12), (v) => v.toString(16).padStart(2, '0'))].join(':');
}

/** Sum of the IPv6 pseudo-header (RFC 8200 §8.1) to pass as `initial` to the Internet checksum: addresses, upper-layer length, next header. */
export function ipv6PseudoHeaderSum(source: Ipv6Address, destination: Ipv6Address, upperLayerLength: number, nextHeader: number): number {
  let sum = 0;
  for (const a of [ipv6Bytes(source), ipv6Bytes(destination)]) for (let i = 0; i < 16; i += 2) sum += (a[i]! << 8) | a[i + 1]!;
  sum += (upperLayerLength >>> 16) + (upperLayerLength & 0xffff) + nextHeader;
  return sum;
}
