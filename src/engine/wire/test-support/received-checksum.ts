// For messages whose end comes from the container *and* that carry a checksum
// over the whole message (ICMP, GRE with C): a truncation can parse as a
// genuinely shorter message whose checksum no longer verifies, and re-emitting
// it computes a fresh checksum — so checkEveryTruncation's "re-emit gives
// exactly the truncated bytes" would differ in the two checksum octets only.
// This adapter re-emits the checksum that was received, so the law can compare
// every other byte exactly; the test asserts separately that such truncations
// are flagged `checksumValid: false`.

import type { Codec } from '../codec';
import { getU16, putU16 } from '../cursor';

export interface WithReceivedChecksum<R> {
  readonly repr: R;
  /** The checksum field as received; undefined when the message has none. */
  readonly received?: number;
}

/** `checksumAt`: offset of the 16-bit checksum field inside the message; `present`: whether this repr has one. */
export function keepingReceivedChecksum<R>(codec: Codec<R>, checksumAt: number, present: (r: R) => boolean = () => true): Codec<WithReceivedChecksum<R>> {
  return {
    layer: codec.layer,
    parse(bytes, offset = 0, end = bytes.length) {
      const r = codec.parse(bytes, offset, end);
      if (!r.ok) return r;
      return { ok: true, value: present(r.value) ? { repr: r.value, received: getU16(bytes, offset + checksumAt) } : { repr: r.value } };
    },
    length: (w) => codec.length(w.repr),
    emit(w, buf, offset = 0) {
      const n = codec.emit(w.repr, buf, offset);
      if (w.received !== undefined) putU16(buf, offset + checksumAt, w.received);
      return n;
    },
    dissect: (bytes, offset, end) => codec.dissect(bytes, offset, end),
  };
}
