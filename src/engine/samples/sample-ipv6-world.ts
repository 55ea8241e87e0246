// The small IPv6 world the IPv6 sample packets live in (docs/ipv6.md §2): the
// built-ins' addressing — home 2001:db8:1::/64, cell1 2001:db8:2::/64, cell2
// 2001:db8:3::/64, the correspondent at 2001:db8:100::5 — with the mobile
// node moved from cell1 to cell2, its care-of addresses autoconfigured from
// its link-layer address (RFC 4862 §5.5.3). Keys come from the seed, so the
// same seed gives the same packets.

import { careOfKeygenToken, homeKeygenToken, kbm, KCN_LENGTH, NONCE_LENGTH } from '../crypto/return-routability';
import { createRandom } from '../random';
import { autoconfiguredAddress, linkLocalAddressOf, type Ipv6Address } from '../wire/ipv6/ipv6-address';

/** The mobile node's radio interface (the link address the built-ins give it). */
export const MN_LINK_ADDRESS = '02:00:00:00:05:00';
export const HA_LINK_ADDRESS = '02:00:00:00:00:01';
export const AR1_LINK_ADDRESS = '02:00:00:00:02:01';
export const AR2_LINK_ADDRESS = '02:00:00:00:03:01';

export const ADDR6 = {
  home: '2001:db8:1::10',
  ha: '2001:db8:1::1',
  /** The previous access router (cell1) and the current one (cell2), by their global addresses (RFC 6275 §7.2 R flag). */
  ar1: '2001:db8:2::1',
  ar2: '2001:db8:3::1',
  cn: '2001:db8:100::5',
  /** The care-of address on cell2, where the mobile node is now. */
  coa: autoconfiguredAddress('2001:db8:3::', MN_LINK_ADDRESS),
  /** The care-of address it had on cell1 (smooth handoff forwards from it, mipv6-07 §10.8). */
  previousCoa: autoconfiguredAddress('2001:db8:2::', MN_LINK_ADDRESS),
  mnLinkLocal: linkLocalAddressOf(MN_LINK_ADDRESS),
  haLinkLocal: linkLocalAddressOf(HA_LINK_ADDRESS),
  ar2LinkLocal: linkLocalAddressOf(AR2_LINK_ADDRESS),
} as const satisfies Record<string, Ipv6Address>;

export const LINKS6 = {
  home: 'IPv6 home link (MN ↔ HA)',
  cell2: 'IPv6 cell2 (MN ↔ AR2)',
  mnHa: 'IPv6 MN ↔ HA path',
  mnCn: 'IPv6 MN ↔ CN path',
  mnAr1: 'IPv6 MN ↔ AR1 path (previous router)',
  toCoa: 'IPv6 tunnels to the care-of address',
} as const;

export interface Ipv6Association {
  readonly spi: number;
  /** 16 octets, HMAC-MD5-96 (RFC 2403; OC-52). */
  readonly key: Uint8Array;
}

export interface Ipv6SampleWorld {
  /** Mobile node ↔ home agent, for home registrations (RFC 6275 §11.7.1). */
  readonly mnHa: Ipv6Association;
  /** Mobile node ↔ correspondent, the paper's model (Perkins & Johnson §10; mipv6-07 §4.4). */
  readonly mnCn: Ipv6Association;
  /** Mobile node ↔ previous access router, for the smooth-handoff Binding Update (OC-57). */
  readonly mnAr1: Ipv6Association;
  /** Return routability (RFC 6275 §5.2): the correspondent's secret, its nonces and the mobile node's cookies. */
  readonly rr: {
    readonly kcn: Uint8Array;
    readonly homeNonceIndex: number;
    readonly careOfNonceIndex: number;
    readonly homeNonce: Uint8Array;
    readonly careOfNonce: Uint8Array;
    readonly homeCookie: Uint8Array;
    readonly careOfCookie: Uint8Array;
    readonly homeToken: Uint8Array;
    readonly careOfToken: Uint8Array;
    readonly kbm: Uint8Array;
  };
}

export function createIpv6SampleWorld(seed: number): Ipv6SampleWorld {
  // A stream of its own: the IPv4 samples' world (sample-world.ts) draws from the same seed.
  const random = createRandom((seed ^ 0x6a09e667) >>> 0);
  const kcn = random.bytes(KCN_LENGTH); // OC-56: 20 octets from the seeded source
  const homeNonce = random.bytes(NONCE_LENGTH);
  const careOfNonce = random.bytes(NONCE_LENGTH);
  const homeToken = homeKeygenToken(kcn, ADDR6.home, homeNonce);
  const careOfToken = careOfKeygenToken(kcn, ADDR6.coa, careOfNonce);
  return {
    mnHa: { spi: 1000, key: random.bytes(16) },
    mnCn: { spi: 1001, key: random.bytes(16) },
    mnAr1: { spi: 1002, key: random.bytes(16) },
    rr: {
      kcn, homeNonceIndex: 3, careOfNonceIndex: 4, homeNonce, careOfNonce,
      homeCookie: random.bytes(8), careOfCookie: random.bytes(8),
      homeToken, careOfToken, kbm: kbm(homeToken, careOfToken),
    },
  };
}
