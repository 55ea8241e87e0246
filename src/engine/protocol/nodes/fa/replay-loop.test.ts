// A smooth-handoff Binding Update replayed at the previous foreign agent
// (Perkins & Johnson §3.3, §4.1). The mobile node shares long-lived
// associations with both foreign agents (registration-key method 1). It moves
// FA1 → FA2 → FA1; someone on the path kept the first Binding Update (care-of
// address FA2, sent to FA1) and replays it while the mobile node is back at
// FA1. The paper's smooth-handoff update carries no Identification, so FA1
// cannot tell it from a fresh one and accepts it: it releases the visitor and
// forwards to FA2 — which still forwards to FA1 from the move back. A node
// must never send a datagram back into the tunnel it came from (RFC 2003
// §3.2): FA2 cuts the loop and says why. With the optim-08 rule the update
// carries the Registration Request's Identification and the replay is refused.

import { describe, expect, it } from 'vitest';
import type { SecurityAssociation } from '../../../crypto/security-association';
import type { TraceEvent } from '../../../node/contract';
import { milliseconds, seconds } from '../../../node/time';
import { IN_CELL1, IN_CELL2, FA1, FA2, HOME, echoFlow, labSimulation, type LabOptions } from '../test-support/lab';
import { datagramOf, innermost, isFlowData, mipMessages } from '../test-support/trace-reading';
import type { ForeignAgentState } from './foreign-agent';

const KEY_FA1 = new Uint8Array(16).fill(0x11);
const KEY_FA2 = new Uint8Array(16).fill(0x22);
const msa = (peer: string, key: Uint8Array, spi: number): SecurityAssociation => ({ spi, peer, algorithm: 'keyed-md5', key, replay: 'timestamp' });
const REPLAY_AT = seconds(12);

function lab(identification: 'paper' | 'optim-08'): LabOptions {
  const fa = { smoothHandoff: { enabled: true, identification }, routeOptimization: { enabled: true } } as const;
  return {
    cnFlows: [echoFlow(seconds(2), milliseconds(100), 200)],
    mn: { foreignAgentAssociations: [msa(FA1, KEY_FA1, 2001), msa(FA2, KEY_FA2, 2002)], ...(identification === 'optim-08' ? { handoffIdentificationAgents: [FA1, FA2] } : {}) },
    fa1: { ...fa, associations: [msa(HOME, KEY_FA1, 2001)] },
    fa2: { ...fa, associations: [msa(HOME, KEY_FA2, 2002)] },
  };
}

/** FA1 → FA2 at 5 s, back at 9 s; at 12 s the first Binding Update FA1 received is sent to it again, from FA2's address. */
function replayed(identification: 'paper' | 'optim-08') {
  const sim = labSimulation(lab(identification));
  sim.moveNode('MN', IN_CELL2, seconds(5));
  sim.moveNode('MN', IN_CELL1, seconds(9));
  sim.runUntil(REPLAY_AT - 1);
  const original = mipMessages(sim.trace).find((m) => m.message.kind === 'binding-update' && m.ip.destination === FA1 && m.node === 'FA2')!;
  sim.command('CN', { type: 'send-udp', destination: FA1, source: FA2, sourcePort: 434, destinationPort: 434, payload: original.payload }, REPLAY_AT);
  sim.runUntil(seconds(25));
  return { sim, original };
}

/** How often each correspondent datagram was re-tunnelled by a foreign agent. */
function retunnellings(trace: readonly TraceEvent[]): Map<number, number> {
  const count = new Map<number, number>();
  for (const e of trace) {
    if ((e.node !== 'FA1' && e.node !== 'FA2') || e.kind !== 'forwarded' || !e.summary.startsWith('re-tunnelled')) continue;
    const d = datagramOf(e);
    if (d === null || !isFlowData(d)) continue;
    const key = innermost(d).identification;
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  return count;
}

describe('a smooth-handoff Binding Update replayed at the previous foreign agent', () => {
  it('is accepted under the paper\'s rules (no Identification, a long-lived key): FA1 releases the visitor it still serves', () => {
    const { sim } = replayed('paper');
    const accepted = sim.trace.filter((e) => e.node === 'FA1' && e.time >= REPLAY_AT && e.summary === 'smooth-handoff Binding Update authenticated');
    expect(accepted).toHaveLength(1);
    expect(sim.trace.some((e) => e.node === 'FA1' && e.time >= REPLAY_AT && e.kind === 'table-changed' && e.summary === `visitor list: removed ${HOME}`)).toBe(true);
  });

  it('but the two foreign agents never re-tunnel a datagram back and forth: FA2 cuts the loop and says why (RFC 2003 §3.2)', () => {
    const { sim } = replayed('paper');
    const counts = retunnellings(sim.trace);
    expect(counts.size).toBeGreaterThan(0);
    expect(Math.max(...counts.values())).toBe(1);
    const cut = sim.trace.filter((e) => e.node === 'FA2' && e.kind === 'dropped' && e.ref.includes('RFC 2003 §3.2'));
    expect(cut.length).toBeGreaterThan(0);
    expect(cut[0]!.reason).toMatch(new RegExp(`came through a tunnel from ${FA1.replace(/\./g, '\\.')}`));
    const frames = sim.trace.filter((e) => (e.node === 'FA1' || e.node === 'FA2') && e.kind === 'forwarded' && e.time >= REPLAY_AT);
    expect(frames.length).toBeLessThan(400);
  });

  it('is refused with the optim-08 rule: the update carries an old Identification (Status 133), and FA1 keeps its visitor', () => {
    const { sim, original } = replayed('optim-08');
    expect(original.message.kind === 'binding-update' && original.message.identification).not.toBeNull();
    const refusal = sim.trace.filter((e) => e.node === 'FA1' && e.time >= REPLAY_AT && e.kind === 'dropped' && e.summary.startsWith('Binding Update'));
    expect(refusal).toHaveLength(1);
    expect(refusal[0]!.reason).toMatch(/Status 133/);
    expect(sim.nodeState<ForeignAgentState>('FA1').visitors.current[HOME]).toBeDefined();
    expect(retunnellings(sim.trace.filter((e) => e.time >= REPLAY_AT)).size).toBe(0);
  });
});
