// The 64-bit Identification of Registration Requests/Replies and of Binding
// Requests/Updates/Acknowledges (RFC 2002 §5.6; Perkins & Johnson §3.3; optim-08 §4.3). It is two independent 32-bit halves rather than one 64-bit number
// because the replay styles treat them separately: with nonces the high half
// is the responder's nonce and the low half the requester's (RFC 2002 §5.6.2), and
// the low half is what a Reply always copies (RFC 2002 §5.6). With timestamps the
// whole is an NTP timestamp (RFC 2002 §5.6.1), which the dissection renders as a
// date-time next to the raw hex.

import { getU32, putU32 } from '../cursor';
import { field, group, hex, type FieldNode } from '../dissection';

export interface Identification {
  /** Octets 0–3: NTP seconds (timestamp style) or the responder's nonce (nonce style). */
  readonly high: number;
  /** Octets 4–7: NTP fraction, or the requester's nonce; always copied into the answer (RFC 2002 §5.6). */
  readonly low: number;
}

export const IDENTIFICATION_LENGTH = 8;

export const ZERO_IDENTIFICATION: Identification = { high: 0, low: 0 };

/** Seconds from the NTP epoch (1900-01-01 00:00 UTC) to the Unix epoch (RFC 2002 §5.6.1). */
export const NTP_UNIX_OFFSET_SECONDS = 2_208_988_800;

export function readIdentification(bytes: Uint8Array, at: number): Identification {
  return { high: getU32(bytes, at), low: getU32(bytes, at + 4) };
}

export function writeIdentification(buf: Uint8Array, at: number, id: Identification): void {
  putU32(buf, at, id.high);
  putU32(buf, at + 4, id.low);
}

/** "d5c1e2a0 12345678", the way the spec's test vectors write it. */
export function identificationHex(id: Identification): string {
  return `${(id.high >>> 0).toString(16).padStart(8, '0')} ${(id.low >>> 0).toString(16).padStart(8, '0')}`;
}

export function identificationsEqual(a: Identification, b: Identification): boolean {
  return a.high === b.high && a.low === b.low;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const TWO_32 = 0x1_0000_0000;

/**
 * Calendar date of a day count from 1970-01-01 (proleptic Gregorian, UTC),
 * by H. Hinnant's civil_from_days; the engine may not use `Date` (docs/architecture.md:
 * no wall clock), and this needs none.
 */
function civilFromDays(daysSinceUnixEpoch: number): { year: number; month: number; day: number } {
  const z = daysSinceUnixEpoch + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * Which NTP era the 32-bit seconds are read in: 'era-0' is 1900–2036 as RFC 2002 §5.6.1 states (what a dissection shows, since the bytes alone cannot say);
 * 'RFC 4330' is the RFC 4330 §3 rule, where a seconds value with the top bit
 * clear is taken to be after the 2036-02-07 rollover (era 1), so 1968–2104
 * read correctly (what the timestamp replay check uses for its messages).
 */
export type NtpEraRule = 'era-0' | 'RFC 4330';

/**
 * The Identification read as an NTP timestamp (RFC 2002 §5.6.1: high = whole seconds
 * since 1900-01-01 UTC, low = fraction in units of 2⁻³² s), e.g.
 * "2013-08-23 13:31:12.071111 UTC", by arithmetic alone (the engine has no
 * Date). Meaningless for nonce-style values, which are not times.
 */
export function ntpTimestampText(id: Identification, eraRule: NtpEraRule = 'era-0'): string {
  const inEra1 = eraRule === 'RFC 4330' && id.high >>> 31 === 0;
  const unixSeconds = (id.high >>> 0) + (inEra1 ? TWO_32 : 0) - NTP_UNIX_OFFSET_SECONDS;
  const days = Math.floor(unixSeconds / 86_400);
  const secondOfDay = unixSeconds - days * 86_400;
  const { year, month, day } = civilFromDays(days);
  const micros = Math.floor(((id.low >>> 0) * 1_000_000) / TWO_32); // exact: < 2^53, divided by a power of two
  const hh = Math.floor(secondOfDay / 3600);
  const mm = Math.floor((secondOfDay % 3600) / 60);
  const ss = secondOfDay % 60;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)} ${pad(hh)}:${pad(mm)}:${pad(ss)}.${pad(micros, 6)} UTC`;
}

/**
 * The Identification field as a dissection group: both halves in hex and
 * decimal, and the NTP reading. Which reading applies depends on the replay
 * style of the security association, which the bytes do not say, so both are shown.
 */
export function identificationNode(bytes: Uint8Array, at: number, ref: string, note?: string): FieldNode {
  const id = readIdentification(bytes, at);
  return group('Identification', at, IDENTIFICATION_LENGTH, `${identificationHex(id)}${note === undefined ? '' : ` (${note})`}`, [
    field('High-order 32 bits', at, 4, `${hex(id.high, 8)} (${id.high})`, { ref: 'RFC 2002 §5.6.1: NTP seconds; §5.6.2: responder nonce' }),
    field('Low-order 32 bits', at + 4, 4, `${hex(id.low, 8)} (${id.low})`, { ref: 'RFC 2002 §5.6: copied unchanged into the answer; §5.6.2: requester nonce' }),
    field('As NTP timestamp', at, IDENTIFICATION_LENGTH, `${ntpTimestampText(id)} (seconds since 1900-01-01; meaningful with timestamp replay protection)`, { ref: 'RFC 2002 §5.6.1' }),
  ], { ref });
}
