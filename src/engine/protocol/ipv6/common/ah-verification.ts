// Inbound AH processing at the IPv6 home agent and access routers (RFC 4302
// §3.4; OC-52): find the security association by SPI, refuse a replayed
// Sequence Number before computing anything (§3.4.3), verify the ICV over the
// packet as normalised for AH (§3.4.4; docs/ipv6.md §1), and only then move
// the anti-replay window; outbound: the next Sequence Number per SPI and the
// ICV function the packet builder calls (§3.3.2–§3.3.3).

import { hmacMd5_96, normalizeForIcv } from '../../../crypto/ah-icv';
import type { ParsedAuthentication } from '../../../wire/ipv6/ipv6-packet';
import { entryAt, withEntry } from '../../tables/table-change';
import { EMPTY_AH_REPLAY_WINDOW, acceptAhSequence, checkAhSequence } from './ah-replay-window';
import type { AhAssociation, AhState } from './binding-agent-state';

export const AH_REF = 'RFC 4302 §3.4';

export type AhVerdict =
  | { readonly kind: 'verified'; readonly association: AhAssociation; readonly ah: AhState }
  /** The packet carries no AH at all. */
  | { readonly kind: 'absent' }
  /** No association has this SPI (RFC 4302 §3.4.2). */
  | { readonly kind: 'unknown-spi'; readonly spi: number }
  /** Replay or a wrong ICV: discard (RFC 4302 §3.4.3, §3.4.4). */
  | { readonly kind: 'refused'; readonly association: AhAssociation; readonly reason: string; readonly ref: string };

function sameOctets(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

export function verifyAh(associations: readonly AhAssociation[], ah: AhState, packet: Uint8Array, auth: ParsedAuthentication | undefined): AhVerdict {
  if (auth === undefined) return { kind: 'absent' };
  const association = associations.find((a) => a.spi === auth.spi);
  if (association === undefined) return { kind: 'unknown-spi', spi: auth.spi };
  const window = entryAt(ah.inbound, String(auth.spi)) ?? EMPTY_AH_REPLAY_WINDOW;
  const seq = checkAhSequence(window, auth.sequence);
  if (!seq.ok) return { kind: 'refused', association, reason: seq.reason, ref: 'RFC 4302 §3.4.3' };
  const expected = hmacMd5_96(association.key, normalizeForIcv(packet, auth.offset));
  if (!sameOctets(expected, auth.icv)) {
    return { kind: 'refused', association, reason: `the AH Integrity Check Value does not verify under the security association with ${association.peer} (SPI ${auth.spi}): the packet was altered or made without the key`, ref: 'RFC 4302 §3.4.4; RFC 2403' };
  }
  return { kind: 'verified', association, ah: { ...ah, inbound: withEntry(ah.inbound, String(auth.spi), acceptAhSequence(window, auth.sequence)) } };
}

/** The AH a node adds to a packet it sends under `association`, and the state with the Sequence Number used up. */
export function outboundAh(ah: AhState, association: AhAssociation): { authentication: { spi: number; sequence: number; icv: (normalized: Uint8Array) => Uint8Array }; ah: AhState } {
  const sequence = entryAt(ah.outbound, String(association.spi)) ?? 1;
  return {
    authentication: { spi: association.spi, sequence, icv: (normalized) => hmacMd5_96(association.key, normalized) },
    ah: { ...ah, outbound: withEntry(ah.outbound, String(association.spi), sequence + 1) },
  };
}
