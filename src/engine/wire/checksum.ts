// The Internet checksum (RFC 791 §3.1), used by IPv4, ICMP, UDP, the
// minimal forwarding header and GRE.

/** One's-complement sum of 16-bit big-endian words, folded, not yet inverted. */
export function onesComplementSum(bytes: Uint8Array, start = 0, end = bytes.length, initial = 0): number {
  let sum = initial;
  let i = start;
  for (; i + 1 < end; i += 2) sum += (bytes[i]! << 8) | bytes[i + 1]!;
  if (i < end) sum += bytes[i]! << 8; // odd length: pad with one zero octet for the computation only
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

/** The checksum to store: set the field to 0, compute, store big-endian. */
export function internetChecksum(bytes: Uint8Array, start = 0, end = bytes.length, initial = 0): number {
  return ~onesComplementSum(bytes, start, end, initial) & 0xffff;
}

/** Verification: computed over the received bytes *including* the checksum field, the result is 0. */
export function checksumIsValid(bytes: Uint8Array, start = 0, end = bytes.length, initial = 0): boolean {
  return internetChecksum(bytes, start, end, initial) === 0;
}

/** Sum of the UDP/TCP pseudo-header (RFC 768), to pass as `initial`. */
export function pseudoHeaderSum(src: number, dst: number, protocol: number, length: number): number {
  return (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + protocol + length;
}
