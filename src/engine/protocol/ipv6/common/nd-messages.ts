// The Neighbor Discovery packets the lab's IPv6 routers send (RFC 4861 §4;
// RFC 6275 §7), assembled from the shared codecs: an ND message
// (wire/ipv6/neighbor-discovery.ts) in an IPv6 packet (wire/ipv6/ipv6-packet.ts)
// with Hop Limit 255 (RFC 4861 §6.1, §7.1: proof it was not forwarded) and
// the router's link-local address as source (§4.2: an RA's source must be
// link-local; the same address serves its NS and NA).

import type { InterfaceConfig } from '../../../node/contract';
import { buildIpv6Packet } from '../../../wire/ipv6/ipv6-packet';
import { linkLocalAddressOf, type Ipv6Address } from '../../../wire/ipv6/ipv6-address';
import { NextHeader } from '../../../wire/ipv6/ipv6-header';
import { ND_HOP_LIMIT, emitNdMessage, ndMessageLength, type NdMessage } from '../../../wire/ipv6/neighbor-discovery';
import type { NdOption } from '../../../wire/ipv6/nd-options';
import type { AdvertiserV6Config } from './router-advertiser';

/** Cur Hop Limit advertised to hosts (the lab's default Hop Limit, as OC-08's TTL 64). */
const ADVERTISED_HOP_LIMIT = 64;

/** An ND message in an IPv6 packet with the checksum over its pseudo-header; Hop Limit 255 unless a test says otherwise. */
export function neighborDiscoveryPacket(source: Ipv6Address, destination: Ipv6Address, m: NdMessage, hopLimit = ND_HOP_LIMIT): Uint8Array {
  return buildIpv6Packet({
    source, destination, hopLimit,
    upper: {
      nextHeader: NextHeader.ICMPV6,
      bytes: (pseudo) => {
        const out = new Uint8Array(ndMessageLength(m));
        emitNdMessage(m, out, 0, pseudo);
        return out;
      },
    },
  });
}

/**
 * RFC 4861 §4.2, §6.2.3; RFC 6275 §7.1–§7.4: SLLA, Prefix Information with
 * L, A and R (the router's own global address in the prefix field, so a
 * mobile node learns where to send a smooth-handoff Binding Update),
 * Advertisement Interval, and on a home agent the H flag with Home Agent
 * Information.
 */
export function routerAdvertisementPacket(iface: InterfaceConfig, c: AdvertiserV6Config): Uint8Array {
  const own = iface.ipv6!;
  const options: NdOption[] = [
    { kind: 'source-link-layer-address', linkAddress: iface.linkAddress },
    { kind: 'prefix-information', prefixLength: own.prefixLength, onLink: true, autonomous: true, routerAddress: true, reserved1: 0, validLifetime: c.prefixLifetimeS, preferredLifetime: c.prefixLifetimeS, reserved2: 0, prefix: own.address },
    { kind: 'advertisement-interval', reserved: 0, intervalMs: Math.round(c.intervalS * 1000) },
  ];
  if (c.homeAgent !== undefined) options.push({ kind: 'home-agent-information', reserved: 0, preference: c.homeAgent.preference, lifetimeS: c.homeAgent.lifetimeS });
  return neighborDiscoveryPacket(linkLocalAddressOf(iface.linkAddress), 'ff02::1', {
    kind: 'router-advertisement', code: 0, curHopLimit: ADVERTISED_HOP_LIMIT, managed: false, other: false, homeAgent: c.homeAgent !== undefined,
    reservedFlags: 0, routerLifetime: c.routerLifetimeS, reachableTimeMs: 0, retransTimerMs: 0, options,
  });
}

/** RFC 4861 §7.2.2: to the target's solicited-node address, with our link-layer address. */
export function neighborSolicitationPacket(iface: InterfaceConfig, target: Ipv6Address, destination: Ipv6Address): Uint8Array {
  return neighborDiscoveryPacket(linkLocalAddressOf(iface.linkAddress), destination, {
    kind: 'neighbor-solicitation', code: 0, reserved: 0, target, options: [{ kind: 'source-link-layer-address', linkAddress: iface.linkAddress }],
  });
}

/** RFC 4861 §7.2.4: R (a router), S when solicited, O, and the Target Link-Layer Address. */
export function neighborAdvertisementPacket(iface: InterfaceConfig, target: Ipv6Address, destination: Ipv6Address, solicited: boolean): Uint8Array {
  return neighborDiscoveryPacket(linkLocalAddressOf(iface.linkAddress), destination, {
    kind: 'neighbor-advertisement', code: 0, router: true, solicited, override: true, reserved: 0, target,
    options: [{ kind: 'target-link-layer-address', linkAddress: iface.linkAddress }],
  });
}
