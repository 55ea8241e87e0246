// The 64-bit Identification of Registration Requests/Replies and Binding
// Requests/Updates/Acknowledges, in its timestamp style (RFC 2002 §5.6, §5.6.1; Perkins & Johnson §3.3; optim-08 §4.3, OC-28, OC-29).
// Nonce style: nonces.ts.
//
// A timestamp is an NTP time: high 32 bits = whole seconds since 1900-01-01
// 00:00:00 UTC, low 32 bits = fraction of a second in units of 2^-32 s. The
// engine has no wall clock, so "now" is an epoch (Unix ms, part of the
// scenario) plus the virtual time in integer microseconds.

import type { RandomSource } from '../random';
import {
  NTP_UNIX_OFFSET_SECONDS, identificationsEqual, ntpTimestampText, readIdentification, writeIdentification, type Identification,
} from '../wire/mip/identification';

// One Identification type for the whole engine: the wire layer owns it.
export { NTP_UNIX_OFFSET_SECONDS, identificationsEqual, readIdentification, writeIdentification, type Identification };

/** Timestamp acceptance window, either side of the receiver's clock (OC-29). */
export const TIMESTAMP_WINDOW_SECONDS = 5;

const TWO_32 = 0x1_0000_0000;
const TWO_64 = 1n << 64n;
const TWO_63 = 1n << 63n;

export function identificationToBigInt(id: Identification): bigint {
  return (BigInt(id.high >>> 0) << 32n) | BigInt(id.low >>> 0);
}

/** Taken modulo 2^64, so negative values and overflow wrap. */
export function identificationFromBigInt(v: bigint): Identification {
  const w = ((v % TWO_64) + TWO_64) % TWO_64;
  return { high: Number(w >> 32n), low: Number(w & 0xffffffffn) };
}

/** Replies are matched to Requests on the low 32 bits (RFC 2002 §5.6). */
export function sameLow32(a: Identification, b: Identification): boolean {
  return a.low === b.low;
}

/**
 * a − b as a signed 64-bit count of 2^-32 s, computed modulo 2^64 (serial
 * number arithmetic). Comparing this way rather than as plain unsigned
 * numbers keeps "newer than" and the window right across the NTP era
 * rollover of 2036-02-07, which a lab epoch may well straddle.
 */
export function ntpDifference(a: Identification, b: Identification): bigint {
  const d = (identificationToBigInt(a) - identificationToBigInt(b) + TWO_64) % TWO_64;
  return d >= TWO_63 ? d - TWO_64 : d;
}

export function isNewer(a: Identification, than: Identification): boolean {
  return ntpDifference(a, than) > 0n;
}

function splitTime(epochUnixMs: number, nowMicros: number): { unixSeconds: number; microsInSecond: number } {
  // Split before adding so an epoch in ms plus µs never leaves 2^53.
  const epochSeconds = Math.floor(epochUnixMs / 1000);
  const micros = (epochUnixMs - epochSeconds * 1000) * 1000 + nowMicros;
  const carry = Math.floor(micros / 1_000_000);
  return { unixSeconds: epochSeconds + carry, microsInSecond: micros - carry * 1_000_000 };
}

/** floor(µs × 2^32 / 10^6), exactly. */
function fractionOfMicros(micros: number): number {
  return Number((BigInt(micros) << 32n) / 1_000_000n);
}

/**
 * The receiver's clock as an NTP time, exactly (no random bits): what a
 * received timestamp is compared with. epochUnixMs and nowMicros must be
 * integers.
 */
export function ntpNow(epochUnixMs: number, nowMicros: number): Identification {
  const { unixSeconds, microsInSecond } = splitTime(epochUnixMs, nowMicros);
  return {
    high: (((unixSeconds + NTP_UNIX_OFFSET_SECONDS) % TWO_32) + TWO_32) % TWO_32, // wraps at the 2036 era boundary
    low: fractionOfMicros(microsInSecond),
  };
}

/**
 * A timestamp Identification for a message sent now (RFC 2002 §5.6.1). The spec's
 * conversion (seconds = floor(t/1000) + 2 208 988 800, fraction =
 * floor((t mod 1000)·2^32/1000)) applied at the virtual clock's real
 * resolution, 1 µs; the fraction bits finer than 1 µs "SHOULD be random"
 * (RFC 2002 §5.6.1): a random offset that keeps the value inside the same
 * microsecond, so it never sorts before an earlier clock reading.
 */
export function ntpTimestamp(epochUnixMs: number, nowMicros: number, random: RandomSource): Identification {
  const { unixSeconds, microsInSecond } = splitTime(epochUnixMs, nowMicros);
  const start = fractionOfMicros(microsInSecond);
  const nextTick = fractionOfMicros(microsInSecond + 1); // 2^32 for the last µs of a second
  return {
    high: (((unixSeconds + NTP_UNIX_OFFSET_SECONDS) % TWO_32) + TWO_32) % TWO_32,
    low: start + random.below(nextTick - start),
  };
}

/**
 * The next timestamp of one security context (an MN's Requests to its HA, an
 * HA's Binding Updates to one correspondent, OC-28): "strictly greater than
 * the previous one" (RFC 2002 §5.6.1), even if the clock has not moved or was
 * set back after a resynchronisation. The caller stores the result as
 * `previous` for the next call.
 */
export function nextTimestamp(previous: Identification | null, epochUnixMs: number, nowMicros: number, random: RandomSource): Identification {
  const candidate = ntpTimestamp(epochUnixMs, nowMicros, random);
  if (previous === null || isNewer(candidate, previous)) return candidate;
  return identificationFromBigInt(identificationToBigInt(previous) + 1n);
}

export type TimestampCheck =
  | { readonly accepted: true; readonly skewSeconds: number }
  | { readonly accepted: false; readonly reason: 'outside-window' | 'not-newer'; readonly skewSeconds: number; readonly explanation: string };

/**
 * Receiver's replay check for a timestamp (RFC 2002 §5.6.1; BUs:
 * optim-08 §4.3): the timestamp must lie within ±window
 * of the receiver's clock (OC-29) AND be newer than every timestamp accepted
 * before in this context (`lastAccepted`, the largest so far). skewSeconds =
 * received − receiver's clock.
 */
export function checkTimestamp(
  received: Identification,
  receiverNow: Identification,
  lastAccepted: Identification | null,
  windowSeconds = TIMESTAMP_WINDOW_SECONDS,
): TimestampCheck {
  const diff = ntpDifference(received, receiverNow);
  const skewSeconds = Number(diff) / TWO_32;
  const limit = BigInt(Math.round(windowSeconds * TWO_32));
  if (diff > limit || diff < -limit) {
    const side = diff > 0n ? 'ahead of' : 'behind';
    return {
      accepted: false,
      reason: 'outside-window',
      skewSeconds,
      explanation: `timestamp is ${Math.abs(skewSeconds).toFixed(3)} s ${side} this node's clock; the window is ±${windowSeconds} s (lab choice, RFC 2002 §5.6.1)`,
    };
  }
  if (lastAccepted !== null && !isNewer(received, lastAccepted)) {
    return {
      accepted: false,
      reason: 'not-newer',
      skewSeconds,
      explanation: `timestamp ${ntpToUtcString(received)} is not newer than the last accepted ${ntpToUtcString(lastAccepted)} (replay?)`,
    };
  }
  return { accepted: true, skewSeconds };
}

/**
 * Identification of a Reply rejecting a timestamp (Code 133): low 32 bits
 * copied from the Request, high 32 bits = the home agent's own seconds, so
 * the mobile node can resynchronise (RFC 2002 §5.6.1).
 */
export function timestampMismatchIdentification(request: Identification, receiverNow: Identification): Identification {
  return { high: receiverNow.high, low: request.low };
}

/**
 * What the mobile node adds to its clock after a Code 133 Reply (after
 * checking the low 32 bits match, RFC 2002 §5.6.1): the HA's seconds minus the
 * seconds it had sent, in ms, to be added to its epoch. Signed 32-bit
 * difference, so it also works across the era rollover.
 */
export function clockOffsetMsFromMismatch(reply: Identification, request: Identification): number {
  return ((reply.high - request.high) | 0) * 1000;
}

/**
 * "2013-08-23 13:31:12.071111 UTC" for a timestamp Identification, with the
 * RFC 4330 §3 era rule (a seconds value with the top bit clear is after the
 * 2036 rollover), so the lab reads 1968–2104 correctly. The arithmetic lives
 * in the wire layer (ntpTimestampText), which also serves the dissections.
 */
export function ntpToUtcString(id: Identification): string {
  return ntpTimestampText(id, 'RFC 4330');
}
