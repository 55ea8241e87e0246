// The Binding Request near expiry, told as a story on the lab network
// (Perkins & Johnson §3.2, §3.3; optim-08 §4.2, §4.3; choice OC-43 in
// docs/choices.md). A correspondent whose entry is inside its refresh window
// asks the home agent once — not once per datagram — and an answer that
// cannot extend the entry (the registration itself is about to end) is the
// last word: the entry is left to expire, and the next datagram through the
// home agent brings a fresh Binding Update.

import { describe, expect, it } from 'vitest';
import { milliseconds, seconds } from '../../../node/time';
import { mipMessages } from '../test-support/trace-reading';
import { CN, HOME, bindingUpdatesFromHa, roLab } from './test-support';

describe('a busy correspondent near the end of its binding (Perkins & Johnson §3.2)', () => {
  // 20 datagrams a second for 30 s; the mobile node asks for 20 s registrations and renews them itself.
  const sim = roLab({ mn: { requestedLifetime: 20 }, flow: { start: seconds(2), interval: milliseconds(50), count: 600 } });
  sim.runUntil(seconds(32));
  const requests = mipMessages(sim.trace).filter((m) => m.node === 'CN' && m.message.kind === 'binding-request');
  const updatesToCn = bindingUpdatesFromHa(sim.trace).filter((b) => b.ip.destination === CN);

  it('sends one Binding Request per refresh window, not one per datagram', () => {
    expect(requests.length).toBeGreaterThanOrEqual(1);
    // 30 s of 20 s registrations: at most one window per registration the correspondent learned.
    expect(requests.length).toBeLessThanOrEqual(3);
    const gaps = requests.slice(1).map((r, i) => r.time - requests[i]!.time);
    expect(gaps.length).toBeGreaterThanOrEqual(1); // 30 s of 20 s registrations: at least two windows, so a gap to check
    expect(gaps.every((g) => g >= seconds(5))).toBe(true);
  });

  it('the home agent answers each at most once, and never sends more Binding Updates than the backoff allows', () => {
    expect(updatesToCn.length).toBeGreaterThanOrEqual(1);
    expect(updatesToCn.length).toBeLessThanOrEqual(requests.length + 4);
  });

  it('an answer that cannot outlive the refresh window is the last word: the correspondent says so and lets the entry expire', () => {
    const lastWord = sim.trace.filter((e) => e.node === 'CN' && e.kind === 'decision' && /asks no more/.test(e.summary));
    expect(lastWord.length).toBeGreaterThanOrEqual(1);
    expect(lastWord[0]!.ref).toContain('Perkins & Johnson §3.2');
    expect(sim.trace.some((e) => e.node === 'CN' && e.kind === 'table-changed' && e.summary === `binding cache: expired ${HOME}`)).toBe(true);
  });
});
