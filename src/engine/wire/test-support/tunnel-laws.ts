// Laws for the tunnel helpers (ip-in-ip.ts, minimal-encapsulation.ts, gre.ts),
// which are functions over whole datagrams rather than Codecs: a decapsulator
// handed a cut, random or mutated datagram returns a typed refusal and never
// throws; whatever it accepts is a valid IPv4 datagram.

import fc from 'fast-check';
import { expect } from 'vitest';
import { parseIpv4 } from '../ipv4';
import type { Decapsulated, TunnelErrorKind, TunnelResult } from '../tunnel';

const KINDS: readonly TunnelErrorKind[] = ['malformed', 'bad-checksum', 'ttl-expired', 'routing-loop', 'fragment', 'too-big', 'wrong-protocol', 'unsupported'];

function expectWellFormed(r: TunnelResult<Decapsulated>): void {
  if (r.ok) {
    expect(parseIpv4(r.value.inner).ok).toBe(true);
  } else {
    expect(KINDS).toContain(r.error.kind);
    expect(r.error.layer.length).toBeGreaterThan(0);
    expect(r.error.field.length).toBeGreaterThan(0);
    expect(r.error.reason.length).toBeGreaterThan(0);
  }
}

/** Every strict prefix of a valid tunnelled datagram is refused with a typed error (the outer Total Length no longer fits). */
export function checkEveryTruncationRefused(decapsulate: (d: Uint8Array) => TunnelResult<Decapsulated>, valid: Uint8Array): void {
  for (let n = 0; n < valid.length; n++) {
    const r = decapsulate(valid.slice(0, n));
    expect(r.ok, `truncation to ${n} octets was accepted`).toBe(false);
    expectWellFormed(r);
  }
  expect(decapsulate(valid).ok).toBe(true);
}

/** Random bytes and mutations of valid datagrams never make the decapsulator throw. */
export function checkDecapsulatorFuzz(decapsulate: (d: Uint8Array) => TunnelResult<Decapsulated>, samples: readonly Uint8Array[], numRuns = 1000): void {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => expectWellFormed(decapsulate(b))), { numRuns });
  const mutated = fc
    .tuple(fc.constantFrom(...samples), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }))
    .map(([base, muts]) => {
      const b = base.slice();
      for (const [pos, val] of muts) b[pos % b.length] = val;
      return b;
    });
  fc.assert(fc.property(mutated, (b) => expectWellFormed(decapsulate(b))), { numRuns });
}
