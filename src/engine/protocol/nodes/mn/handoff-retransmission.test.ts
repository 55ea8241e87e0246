// How long the mobile node keeps resending its smooth-handoff Binding Update
// (Perkins & Johnson §4.1, §4.3; OC-21, revised): it asked its previous
// foreign agent for a 10 s binding, and that agent keeps the key for another
// Cache Lifetime (OC-23) — after that nothing there is worth correcting, so
// the mobile node stops, whatever its old registration's lifetime (300 s).
// A genuine retransmission arriving once the key is gone is told apart from
// an attack: the previous FA says plainly that it no longer holds the key.

import { describe, expect, it } from 'vitest';
import type { NodeBehaviour, TraceEvent } from '../../../node/contract';
import { seconds } from '../../../node/time';
import { IpProtocol, parseIpv4 } from '../../../wire/ipv4';
import type { BindingAcknowledge } from '../../../wire/mip/binding-acknowledge';
import { parseMipMessage } from '../../../wire/mip/mip-message';
import { parseUdp } from '../../../wire/udp';
import { FA1, HOME, IN_CELL2, labSimulation, type LabOptions } from '../test-support/lab';
import { datagramOf, innermost, mipMessages } from '../test-support/trace-reading';
import type { MobileNodeState } from './mobile-node';

const MOVE_AT = seconds(5);
const WITH_S = { smoothHandoff: { enabled: true } } as const;
const SMOOTH: LabOptions = { fa1: { ...WITH_S, routeOptimization: { enabled: true } }, fa2: WITH_S };

/** The mobile node never hears a Binding Acknowledge (each is lost on the cell). */
function deafToAcknowledges(b: NodeBehaviour<unknown>): NodeBehaviour<unknown> {
  return {
    ...b,
    handle(state, input, ctx) {
      if (input.kind === 'frame') {
        const d = parseIpv4(input.frame.payload);
        if (d.ok && d.value.protocol === IpProtocol.UDP && d.value.payload[8] === 19) return { state, outputs: [] };
      }
      return b.handle(state, input, ctx);
    },
  };
}

/** The Binding Acknowledges `node` sent, looking inside the tunnel they travel in. */
function acknowledgesSentBy(trace: readonly TraceEvent[], node: string): BindingAcknowledge[] {
  return trace.flatMap((e) => {
    const d = e.node === node && e.kind === 'sent' ? datagramOf(e) : null;
    if (d === null) return [];
    const i = innermost(d);
    const u = i.protocol === IpProtocol.UDP ? parseUdp(i.payload, 0, i.payload.length, i) : null;
    const m = u !== null && u.ok ? parseMipMessage(u.value.payload) : null;
    return m !== null && m.ok && m.value.kind === 'binding-acknowledge' ? [m.value] : [];
  });
}

function withoutAcknowledges() {
  const sim = labSimulation({ ...SMOOTH, wrap: { MN: deafToAcknowledges } });
  sim.moveNode('MN', IN_CELL2, MOVE_AT);
  sim.runUntil(seconds(60));
  return sim;
}

describe('the smooth-handoff retransmissions end with the binding they ask for (OC-21)', () => {
  it('stop once the Cache Lifetime (10 s) plus the previous FA\'s key retention (10 s) has passed, not at the end of the 300 s registration', () => {
    const sim = withoutAcknowledges();
    const toFa1 = mipMessages(sim.trace).filter((m) => m.message.kind === 'binding-update' && m.ip.destination === FA1);
    const first = toFa1[0]!;
    const resent = toFa1.filter((m) => m.node === 'MN').map((m) => Math.round((m.time - first.time) / 1e6));
    expect(resent).toEqual([1, 3, 7, 15]); // OC-21: 1, 2, 4, 8 s timeouts; the next (at 31 s) would be past 20 s
    const gaveUp = sim.trace.filter((e) => e.node === 'MN' && e.kind === 'table-changed' && e.summary === `pending Binding Updates: expired ${FA1}`);
    expect(gaveUp).toHaveLength(1);
    expect(gaveUp[0]!.reason).toMatch(/Cache Lifetime/);
    expect(sim.nodeState<MobileNodeState>('MN').pendingBindingUpdates.entries).toEqual({});
  });

  it('a genuine late retransmission is never reported as an attack: the previous FA says it no longer holds the key', () => {
    const sim = withoutAcknowledges();
    const fa1 = sim.trace.filter((e) => e.node === 'FA1');
    expect(fa1.filter((e) => /failed authentication|authentication exception/.test(`${e.summary} ${e.reason ?? ''}`))).toEqual([]);
    const statuses = acknowledgesSentBy(sim.trace, 'FA1').map((ba) => ba.status);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 0)).toBe(true);
    const late = fa1.filter((e) => e.kind === 'dropped' && e.summary.includes(HOME) && /no longer holds|holds no key/.test(e.reason ?? ''));
    expect(late).toHaveLength(1); // the retransmission at +15 s: the key was destroyed at +10 s (OC-23)
    expect(late[0]!.reason).toMatch(/Cache Lifetime/);
  });
});
