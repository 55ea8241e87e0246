// Golden ICMPv6 / Neighbor Discovery messages assembled by hand from the
// diagrams of RFC 4861 §4.1–§4.6, RFC 6275 §7.1–§7.4 and RFC 4443 §3–§4, and a
// tiny independent checksum (RFC 4443 §2.3 over the RFC 8200 §8.1
// pseudo-header) that sums 16-bit words by hand. Addresses are spelled as
// octets here too, so nothing in a golden comes from the code under test.
// Each checksum literal below was computed with a separate script and is
// re-checked by `handChecksum` in the tests.

import { hexToBytes } from '../../test-support/laws';

/** fe80::ff:fe00:102 — link-local of the router interface 02:00:00:00:01:02 (RFC 4291 App. A). */
export const ROUTER_LL = { text: 'fe80::ff:fe00:102', hex: 'fe80 0000 0000 0000 0000 00ff fe00 0102' };
/** fe80::ff:fe00:201 — link-local of the mobile node interface 02:00:00:00:02:01. */
export const MN_LL = { text: 'fe80::ff:fe00:201', hex: 'fe80 0000 0000 0000 0000 00ff fe00 0201' };
export const ALL_NODES_A = { text: 'ff02::1', hex: 'ff02 0000 0000 0000 0000 0000 0000 0001' };
export const ALL_ROUTERS_A = { text: 'ff02::2', hex: 'ff02 0000 0000 0000 0000 0000 0000 0002' };
/** The mobile node's care-of address on cell 1 and its solicited-node group (RFC 4291 §2.7.1). */
export const COA = { text: '2001:db8:2::10', hex: '2001 0db8 0002 0000 0000 0000 0000 0010' };
export const COA_SOLICITED = { text: 'ff02::1:ff00:10', hex: 'ff02 0000 0000 0000 0000 0001 ff00 0010' };
export const ROUTER_P2P = { text: '2001:db8:0:1::1', hex: '2001 0db8 0000 0001 0000 0000 0000 0001' };
export const CN = { text: '2001:db8:100::5', hex: '2001 0db8 0100 0000 0000 0000 0000 0005' };
export const MN_HOME = { text: '2001:db8:1::10', hex: '2001 0db8 0001 0000 0000 0000 0000 0010' };

/** RFC 4861 §4.1: RS from the mobile node to all-routers, with SLLA 02:00:00:00:02:01. */
export const RS_GOLDEN = hexToBytes(`
  85 00 77 2c  00 00 00 00
  01 01 02 00 00 00 02 01`);

/**
 * RFC 4861 §4.2 + RFC 6275 §7.1–§7.4: a home agent's RA from its link-local
 * address to all-nodes. Cur Hop Limit 64, H, Router Lifetime 1800 s, no
 * Reachable Time / Retrans Timer; SLLA 02:00:00:00:01:02; Prefix Information
 * /64 with L, A, R, valid 2592000 s, preferred 604800 s, prefix field = the
 * home agent's address 2001:db8:1::1; Advertisement Interval 1000 ms; Home
 * Agent Information preference 10, lifetime 1800 s.
 */
export const RA_GOLDEN = hexToBytes(`
  86 00 dd 7e  40 20 07 08  00 00 00 00  00 00 00 00
  01 01 02 00 00 00 01 02
  03 04 40 e0  00 27 8d 00  00 09 3a 80  00 00 00 00
  20 01 0d b8 00 01 00 00 00 00 00 00 00 00 00 01
  07 01 00 00  00 00 03 e8
  08 01 00 00  00 0a 07 08`);

/** RFC 4861 §4.3: the router asks for 2001:db8:2::10 at its solicited-node group, with SLLA. */
export const NS_GOLDEN = hexToBytes(`
  87 00 4a 3f  00 00 00 00
  ${COA.hex}
  01 01 02 00 00 00 01 02`);

/** RFC 4861 §4.4: the mobile node answers (S, O) with TLLA 02:00:00:00:02:01. */
export const NA_GOLDEN = hexToBytes(`
  88 00 b7 89  60 00 00 00
  ${COA.hex}
  02 01 02 00 00 00 02 01`);

/** An invoking packet: IPv6 header (payload 16, UDP, Hop Limit 1) CN → MN home address, then 8 octets of UDP header. */
export const INVOKING = hexToBytes(`
  60 00 00 00  00 10 11 01
  ${CN.hex}
  ${MN_HOME.hex}
  04 d2 16 2e 00 10 00 00`);

/** RFC 4443 §3.1–§3.4 error headers from the router 2001:db8:0:1::1 to the CN; INVOKING follows each. */
export const TIME_EXCEEDED_HEAD = hexToBytes('03 00 b7 6a 00 00 00 00');
export const DEST_UNREACHABLE_HEAD = hexToBytes('01 03 b9 67 00 00 00 00'); // code 3: address unreachable
export const PACKET_TOO_BIG_HEAD = hexToBytes('02 00 b3 6a 00 00 05 00'); // MTU 1280
export const PARAMETER_PROBLEM_HEAD = hexToBytes('04 01 b6 63 00 00 00 06'); // code 1, pointer 6 (Next Header)

/** RFC 4443 §4.1: Echo Request CN → MN home address, id 0x1234, seq 1, data "ping". */
export const ECHO_GOLDEN = hexToBytes('80 00 32 2b 12 34 00 01 70 69 6e 67');

/**
 * The ICMPv6 checksum by hand: one's-complement sum of the 16-bit words of
 * source, destination, the 32-bit upper-layer length, three zero octets and
 * Next Header 58, then the message with its checksum field taken as zero.
 */
export function handChecksum(sourceHex: string, destinationHex: string, message: Uint8Array): number {
  const words: number[] = [];
  for (const h of [sourceHex, destinationHex]) {
    const b = hexToBytes(h);
    for (let i = 0; i < 16; i += 2) words.push(b[i]! * 256 + b[i + 1]!);
  }
  words.push(Math.floor(message.length / 65536), message.length % 65536, 0, 58);
  for (let i = 0; i < message.length; i += 2) {
    if (i === 2) continue; // the checksum field counts as zero
    words.push(message[i]! * 256 + (message[i + 1] ?? 0));
  }
  let sum = words.reduce((a, w) => a + w, 0);
  while (sum > 0xffff) sum = (sum % 65536) + Math.floor(sum / 65536);
  return 0xffff - sum;
}

/** The checksum field as stored. */
export function storedChecksum(message: Uint8Array): number {
  return message[2]! * 256 + message[3]!;
}
