// The retransmission timer of everything the mobile node sends a correspondent
// and expects an answer to — a Binding Update with A set, the Home and Care-of
// Test Inits (RFC 6275 §11.8): one timer per correspondent, the wait starting
// at INITIAL_BINDACK_TIMEOUT (1 s) and doubling up to MAX_BINDACK_TIMEOUT
// (32 s, RFC 6275 §12).

import type { Ipv6Address } from '../../../wire/ipv6/ipv6-address';

const RETRANSMIT_PREFIX = 'mn6:cn-retransmit:';
export const correspondentRetransmitTimer = (cn: Ipv6Address): string => `${RETRANSMIT_PREFIX}${cn}`;
export const isCorrespondentRetransmitTimer = (key: string): boolean => key.startsWith(RETRANSMIT_PREFIX);
export const correspondentOfTimer = (key: string): Ipv6Address => key.slice(RETRANSMIT_PREFIX.length);

/** The wait after the n-th unanswered send (n = 0 for the first). */
export function correspondentRetransmitWaitUs(retransmissions: number): number {
  return Math.min(1_000_000 * 2 ** Math.min(retransmissions, 5), 32_000_000);
}
