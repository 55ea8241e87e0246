// One-line descriptions of frames for `received` trace events. Reads the few
// header fields it needs in place rather than parsing (and copying) the whole
// datagram once per reception.

import type { Frame } from '../node/contract';
import { EtherType } from '../node/link-address';
import { readAddress } from '../wire/address';
import { hex } from '../wire/dissection';
import { protocolName } from '../wire/ipv4';

export function describeFrame(frame: Frame): string {
  const p = frame.payload;
  if (frame.etherType === EtherType.IPV4) {
    if (p.length < 20 || p[0]! >> 4 !== 4) return `malformed IPv4 datagram, ${p.length} octets`;
    return `${protocolName(p[9]!)} ${readAddress(p, 12)} → ${readAddress(p, 16)}, ${p.length} octets`;
  }
  if (frame.etherType === EtherType.ARP) return `ARP, ${p.length} octets`;
  return `EtherType ${hex(frame.etherType, 4)}, ${p.length} octets`;
}
