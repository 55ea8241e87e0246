// The Integrity Check Value of the IPv6 Authentication Header, as the lab
// computes it: HMAC-MD5-96 (RFC 2403) over the packet as the receiver will see
// it after processing — those bytes come from wire/ipv6/ah-icv-input.ts (RFC
// 4302 §3.3.3.1.2; RFC 6275 §6.3, §6.4; docs/ipv6.md §1).

import { AH_ICV_LAYER, normalizeForIcvChecked } from '../wire/ipv6/ah-icv-input';
import { fail, ok, type WireResult } from '../wire/result';
import { constantTimeEqual, hmacMd5 } from './keyed-md5';

export { AH_ICV_LAYER, normalizeForIcv, normalizeForIcvChecked } from '../wire/ipv6/ah-icv-input';

/** HMAC-MD5-96: the first 96 bits of HMAC-MD5 (RFC 2403 §2). */
export const HMAC_MD5_96_LENGTH = 12;

/** HMAC-MD5 truncated to its first 96 bits (RFC 2403 §2). */
export function hmacMd5_96(key: Uint8Array, bytes: Uint8Array): Uint8Array {
  return hmacMd5(key, bytes).slice(0, HMAC_MD5_96_LENGTH);
}

export function computeAhIcv(key: Uint8Array, packet: Uint8Array, ahOffset: number): WireResult<Uint8Array> {
  const normalized = normalizeForIcvChecked(packet, ahOffset);
  return normalized.ok ? ok(hmacMd5_96(key, normalized.value)) : normalized;
}

export interface AhIcvCheck {
  readonly valid: boolean;
  /** The ICV the packet carries. */
  readonly received: Uint8Array;
  /** The ICV the key gives. */
  readonly computed: Uint8Array;
}

/** Checks the ICV of the AH at `ahOffset` (constant-time comparison); a located error when the packet cannot be walked. */
export function verifyAhIcv(key: Uint8Array, packet: Uint8Array, ahOffset: number): WireResult<AhIcvCheck> {
  const computed = computeAhIcv(key, packet, ahOffset);
  if (!computed.ok) return computed;
  const ahLength = (packet[ahOffset + 1]! + 2) * 4;
  const received = packet.slice(ahOffset + 12, ahOffset + ahLength);
  if (received.length !== HMAC_MD5_96_LENGTH) {
    return fail(AH_ICV_LAYER, 'Integrity Check Value', ahOffset + 12, `${received.length} octets; HMAC-MD5-96 gives ${HMAC_MD5_96_LENGTH} (RFC 2403 §2)`);
  }
  return ok({ valid: constantTimeEqual(received, computed.value), received, computed: computed.value });
}
