// Story 4: registrations that are denied, and how the mobile node repairs
// what can be repaired (RFC 2002 §3.6.2, §3.6.3, §3.7.2, §3.8.2.1).

import { describe, expect, it } from 'vitest';
import { seconds } from '../../node/time';
import { hexToBytes } from '../../wire/test-support/laws';
import type { ForeignAgentState } from './fa/foreign-agent';
import type { HomeAgentState } from './ha/home-agent';
import type { MobileNodeState } from './mn/mobile-node';
import { EPOCH, FA1, HA, HOME, labSimulation, mnHaAssociation } from './test-support/lab';
import { mipMessages } from './test-support/trace-reading';

const codesFrom = (sim: ReturnType<typeof labSimulation>, node: string): number[] =>
  mipMessages(sim.trace).filter((s) => s.node === node && s.message.kind === 'registration-reply').map((s) => (s.message as { code: number }).code);

describe('registration denials', () => {
  it('a wrong MN–HA key: Code 131, no binding, and the MN cannot even verify the denial', () => {
    const wrong = hexToBytes('ffeeddccbbaa99887766554433221100');
    const sim = labSimulation({ mn: { homeAgentAssociation: mnHaAssociation(HA, wrong) } });
    sim.runUntil(seconds(3));
    expect(codesFrom(sim, 'HA')[0]).toBe(131);
    expect(sim.nodeState<HomeAgentState>('HA').bindings.bindings).toEqual({});
    const denial = sim.trace.find((e) => e.node === 'HA' && e.kind === 'decision' && e.summary.startsWith('denied'))!;
    expect(denial.reason).toContain('Mobile-Home Authentication (32)');
    expect(denial.reason).toContain('MISMATCH');
    // The FA drops only the pending entry; the MN discards a Reply it cannot authenticate (RFC 2002 §3.6.2).
    expect(sim.nodeState<ForeignAgentState>('FA1').visitors).toMatchObject({ pending: {}, current: {} });
    const mnDrop = sim.trace.find((e) => e.node === 'MN' && e.kind === 'dropped' && e.summary.includes('Code 131'))!;
    expect(mnDrop.ref).toContain('RFC 2002 §3.6.2');
    expect(sim.nodeState<MobileNodeState>('MN').registration).toBeNull();
  });

  it('a timestamp outside the HA’s window: Code 133, the MN resynchronises its clock and succeeds', () => {
    const sim = labSimulation({ mn: { epochUnixMs: EPOCH - 60_000 } }); // the MN's clock is a minute slow
    sim.runUntil(seconds(4));
    expect(codesFrom(sim, 'HA')).toEqual([133, 0]);
    const requests = mipMessages(sim.trace).filter((s) => s.node === 'MN');
    expect(requests[1]!.time - requests[0]!.time).toBeGreaterThanOrEqual(seconds(1)); // ≥ 1 s between Requests
    const mn = sim.nodeState<MobileNodeState>('MN');
    expect(mn.replay.clockOffsetMs).toBeGreaterThan(59_000);
    expect(mn.replay.clockOffsetMs).toBeLessThan(61_000);
    expect(sim.nodeState<HomeAgentState>('HA').bindings.bindings[HOME]![0]!.careOfAddress).toBe(FA1);
  });

  it('a Lifetime above the FA’s maximum: Code 69 from the FA, then success with the shorter Lifetime', () => {
    const sim = labSimulation({ fa1: { maximumLifetime: 120 } });
    sim.runUntil(seconds(4));
    expect(codesFrom(sim, 'FA1')).toEqual([69, 0]);
    expect(codesFrom(sim, 'HA')).toEqual([0]); // the first Request never reached the HA
    const lifetimes = mipMessages(sim.trace).filter((s) => s.node === 'MN').map((s) => (s.message as { lifetime: number }).lifetime);
    expect(lifetimes).toEqual([300, 120]);
    expect(sim.nodeState<HomeAgentState>('HA').bindings.bindings[HOME]![0]!.lifetimeSeconds).toBe(120);
    expect(sim.nodeState<ForeignAgentState>('FA1').visitors.current[HOME]!.grantedLifetimeSeconds).toBe(120);
  });

  it('an unreachable home agent: retransmissions after 1, 2, 4, 8, 16, 32, 32 … s, each with a new timestamp (OC-31)', () => {
    const sim = labSimulation({ mn: { homeAgent: '10.1.0.99' } }); // nobody answers at that address
    sim.runUntil(seconds(170));
    const requests = mipMessages(sim.trace).filter((s) => s.node === 'MN');
    const gaps = requests.slice(1).map((s, i) => (s.time - requests[i]!.time) / 1_000_000);
    expect(gaps).toEqual([1, 2, 4, 8, 16, 32, 32, 32, 32]);
    const ids = requests.map((s) => (s.message as { identification: { high: number; low: number } }).identification);
    for (let i = 1; i < ids.length; i++) expect(ids[i]!.high * 2 ** 32 + ids[i]!.low).toBeGreaterThan(ids[i - 1]!.high * 2 ** 32 + ids[i - 1]!.low);
  });

  it('gives up once the requested Lifetime has passed since the first transmission', () => {
    const sim = labSimulation({ mn: { homeAgent: '10.1.0.99', requestedLifetime: 20 } });
    sim.runUntil(seconds(60));
    const requests = mipMessages(sim.trace).filter((s) => s.node === 'MN');
    expect(requests.map((s) => (s.time - requests[0]!.time) / 1_000_000)).toEqual([0, 1, 3, 7, 15]);
    expect(sim.trace.some((e) => e.node === 'MN' && e.kind === 'decision' && e.summary.includes('abandoned'))).toBe(true);
  });
});
