// What a Router Advertisement tells the IPv6 mobile node (RFC 4861 §6.3.4,
// §6.3.7; RFC 4862 §5.5.3; RFC 6275 §11.5.1; docs/ipv6.md §3,
// OC-58): a pure decision, no packets.
//
// - An advertisement with the home prefix: the mobile node is home.
// - One from the router it uses, or with the prefix it already has: nothing
//   changed (the router is still reachable).
// - A new prefix: it moved — but only when it has reason to believe it left
//   the current router: no router yet, the link layer reported an attachment
//   change, or the current router has been silent longer than the interval
//   it announced (its Advertisement Interval option). Otherwise a second
//   router heard where two cells overlap would make it flap between them.
// The care-of address is the new prefix + modified EUI-64 of its interface
// (RFC 4862 §5.5.3); Duplicate Address Detection is omitted (OC-53).

import type { Micros } from '../../../node/time';
import { autoconfiguredAddress, ipv6NetworkOf, type Ipv6Address } from '../../../wire/ipv6/ipv6-address';
import type { RouterAdvertisement } from '../../../wire/ipv6/neighbor-discovery';
import { findAllNdOptions, findNdOption } from '../../../wire/ipv6/nd-options';
import type { Attachment, Ipv6Prefix } from './mobile-node-v6-state';

/** Interface identifiers are 64 bits: stateless autoconfiguration needs a /64 (RFC 4862 §5.5.3 (d); RFC 4291 §2.5.1). */
const AUTOCONF_PREFIX_LENGTH = 64;
/** When an advertisement announces no interval: RFC 4861 §6.2.1 MaxRtrAdvInterval default 600 s would hide every move, so the lab assumes 3 s. */
export const DEFAULT_ADVERTISEMENT_INTERVAL_MS = 3000;
/** A router is presumed gone after this many announced intervals without an advertisement (RFC 6275 §11.5.1 leaves the number to the node). */
const SILENT_INTERVALS = 2;

export const MOVEMENT_REF = 'RFC 4861 §6.3.7; RFC 6275 §11.5.1';

export interface HeardAdvertisement {
  /** The RA's source: the router's link-local address. */
  readonly source: Ipv6Address;
  /** The router's link-layer address, from its Source Link-Layer Address option. */
  readonly linkAddress: string | undefined;
  readonly ra: RouterAdvertisement;
}

export interface MovementContext {
  readonly homeAddress: Ipv6Address;
  readonly homePrefix: Ipv6Prefix;
  /** The mobile node's own link-layer address (for the interface identifier). */
  readonly ownLinkAddress: string;
  readonly attachment: Attachment | null;
  readonly movementHint: boolean;
  /** The one cell the radio is attached to, or null when it hears several or none. */
  readonly cell: string | null;
  readonly now: Micros;
}

export type MovementDecision =
  | { readonly kind: 'ignore'; readonly reason: string }
  | { readonly kind: 'same-router'; readonly attachment: Attachment }
  | { readonly kind: 'stay'; readonly reason: string }
  | { readonly kind: 'moved'; readonly attachment: Attachment; readonly reason: string }
  | { readonly kind: 'home'; readonly attachment: Attachment; readonly reason: string };

/** The autoconfiguration prefix of an advertisement and, with the R flag, the router's global address (RFC 6275 §7.2). */
export function advertisedPrefix(ra: RouterAdvertisement): { readonly prefix: Ipv6Prefix; readonly routerGlobal: Ipv6Address | null } | undefined {
  const usable = findAllNdOptions(ra.options, 'prefix-information').find((p) => p.autonomous && p.prefixLength === AUTOCONF_PREFIX_LENGTH && p.validLifetime > 0);
  if (usable === undefined) return undefined;
  return {
    prefix: { network: ipv6NetworkOf(usable.prefix, usable.prefixLength), prefixLength: usable.prefixLength },
    routerGlobal: usable.routerAddress ? usable.prefix : null,
  };
}

function samePrefix(a: Ipv6Prefix, b: Ipv6Prefix): boolean {
  return a.prefixLength === b.prefixLength && a.network === b.network;
}

export function decideMovement(c: MovementContext, heard: HeardAdvertisement): MovementDecision {
  const { ra } = heard;
  if (ra.routerLifetime === 0) return { kind: 'ignore', reason: 'Router Lifetime 0: the sender is not a default router (RFC 4861 §6.3.4)' };
  if (heard.linkAddress === undefined) return { kind: 'ignore', reason: 'no Source Link-Layer Address option: the mobile node could not reach this router without Neighbor Discovery, which it does not do for routers (RFC 4861 §6.3.4)' };
  const advertised = advertisedPrefix(ra);
  if (advertised === undefined) return { kind: 'ignore', reason: 'no Prefix Information option with A set and a 64-bit prefix: nothing to autoconfigure from (RFC 4862 §5.5.3)' };
  const intervalMs = findNdOption(ra.options, 'advertisement-interval')?.intervalMs ?? DEFAULT_ADVERTISEMENT_INTERVAL_MS;
  const home = samePrefix(advertised.prefix, c.homePrefix);
  const current = c.attachment;
  const unchanged = current !== null && (current.router === heard.source || samePrefix(current.prefix, advertised.prefix));
  const attachment: Attachment = {
    router: heard.source, routerLinkAddress: heard.linkAddress, routerGlobal: advertised.routerGlobal, prefix: advertised.prefix,
    // At home the mobile node uses its home address (RFC 6275 §11.5.4); away, prefix + modified EUI-64 (RFC 4862 §5.5.3).
    careOfAddress: unchanged ? current.careOfAddress : home ? c.homeAddress : autoconfiguredAddress(advertised.prefix.network, c.ownLinkAddress),
    homeAgentFlag: ra.homeAgent, since: unchanged ? current.since : c.now, lastHeardAt: c.now, intervalMs,
    cell: unchanged ? current.cell ?? c.cell : c.cell,
  };
  if (unchanged) return { kind: 'same-router', attachment };
  const lost = current === null ? 'it has no router yet'
    : c.movementHint ? 'the link layer reported a new attachment'
      : c.now - current.lastHeardAt > SILENT_INTERVALS * current.intervalMs * 1000 ? `its router ${current.router} has been silent for more than ${SILENT_INTERVALS} × ${current.intervalMs} ms`
        : undefined;
  if (lost === undefined) return { kind: 'stay', reason: `an advertisement for ${advertised.prefix.network}/${advertised.prefix.prefixLength} from ${heard.source}, but its router ${current!.router} is still heard: it stays (${MOVEMENT_REF})` };
  const prefixText = `${advertised.prefix.network}/${advertised.prefix.prefixLength}`;
  if (home) {
    return { kind: 'home', attachment, reason: `the advertised prefix ${prefixText} is its home prefix, and ${lost}: it is home` };
  }
  return { kind: 'moved', attachment, reason: `the advertised prefix ${prefixText} differs from ${current === null ? 'none' : `${current.prefix.network}/${current.prefix.prefixLength}`}, and ${lost}: it moved` };
}
