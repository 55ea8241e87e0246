// Recognising agent discovery messages in a received frame (RFC 2002 §2;
// RFC 2002 §2.1, §2.2, §2.4). Shared by every node that takes part in agent
// discovery: it answers "is this an Agent Advertisement or an Agent
// Solicitation addressed to me, and may I use it?" — and when the answer is
// "it is one, but I must discard it", it says why, so the trace can too.
//
// Anything that is not discovery (other protocols, damaged IP headers,
// datagrams for someone else) comes back as `other`: the embedding behaviour
// (router, host, mobility agent) handles it as it handles everything else.

import type { Frame, InterfaceName } from '../../node/contract';
import { EtherType, type LinkAddress } from '../../node/link-address';
import type { Ipv4Address } from '../../wire/address';
import { parseIcmp, IcmpType, type IcmpAdvertisement, type IcmpSolicitation } from '../../wire/icmp';
import { IpProtocol, type Ipv4Datagram } from '../../wire/ipv4';
import { describeWireError } from '../../wire/result';
import { receiveDatagram } from '../../network/forwarding';

/** Where a discovery message came from: what an agent needs to answer, a mobile node to register. */
export interface DiscoveryOrigin {
  readonly interface: InterfaceName;
  /** The link-layer source of the frame (RFC 2002 §2.1: the destination of a unicast reply). */
  readonly linkSource: LinkAddress;
  readonly datagram: Ipv4Datagram;
}

export type DiscoveryInput =
  | { readonly kind: 'advertisement'; readonly origin: DiscoveryOrigin; readonly advertisement: IcmpAdvertisement }
  | { readonly kind: 'solicitation'; readonly origin: DiscoveryOrigin; readonly solicitation: IcmpSolicitation }
  /** A discovery message that must be discarded; `reason` is for the learner. */
  | { readonly kind: 'discard'; readonly summary: string; readonly reason: string; readonly ref: string }
  | { readonly kind: 'other' };

const OTHER: DiscoveryInput = { kind: 'other' };

export function classifyDiscoveryFrame(frame: Frame, iface: InterfaceName, ownAddresses: readonly Ipv4Address[]): DiscoveryInput {
  if (frame.etherType !== EtherType.IPV4) return OTHER;
  const received = receiveDatagram(frame.payload, ownAddresses);
  if (received.kind !== 'local') return OTHER;
  const d = received.datagram;
  if (d.protocol !== IpProtocol.ICMP || d.payload.length < 1) return OTHER;
  const type = d.payload[0];
  if (type !== IcmpType.ROUTER_ADVERTISEMENT && type !== IcmpType.ROUTER_SOLICITATION) return OTHER;
  const what = type === IcmpType.ROUTER_ADVERTISEMENT ? 'Agent Advertisement' : 'Agent Solicitation';
  const discard = (reason: string, ref: string): DiscoveryInput => ({ kind: 'discard', summary: `${what} from ${d.source} discarded`, reason, ref });
  const parsed = parseIcmp(d.payload);
  if (!parsed.ok) return discard(`malformed: ${describeWireError(parsed.error)}`, 'RFC 1256 §3; RFC 2002 §2.1');
  const m = parsed.value;
  if (m.checksumValid !== true) return discard('bad ICMP checksum: the message was damaged on the way', 'RFC 1256 §3; RFC 2002 §2.1, §2.2, §2.4');
  const origin: DiscoveryOrigin = { interface: iface, linkSource: frame.source, datagram: d };
  if (m.kind === 'router-solicitation') {
    // RFC 1256 (from knowledge): a router discards a solicitation whose Code is not 0.
    if (m.code !== 0) return discard(`ICMP Code ${m.code}, not 0`, 'RFC 1256; RFC 2002 §2.2, §2.4');
    return { kind: 'solicitation', origin, solicitation: m };
  }
  if (m.kind === 'router-advertisement') {
    return discard('a Router Advertisement without a Mobility Agent Advertisement Extension is not an agent advertisement', 'RFC 2002 §2.4; RFC 1256 §3; RFC 2002 §2.1');
  }
  if (m.kind !== 'agent-advertisement') return OTHER;
  // RFC 2002 §1.9 (RFC 2002 §1.9): an unrecognised extension of type 0..127 makes the receiver discard the whole message.
  const fatal = m.extensions.find((e) => e.kind === 'unknown' && e.type < 128);
  if (fatal !== undefined && fatal.kind === 'unknown') return discard(`unrecognised extension type ${fatal.type} (0..127: the whole message is discarded)`, 'RFC 2002 §1.9');
  return { kind: 'advertisement', origin, advertisement: m };
}
