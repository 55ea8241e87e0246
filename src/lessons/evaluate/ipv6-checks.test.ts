import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runHeadless } from '../../cli/commands/run';
import type { TraceEvent, TraceKind } from '../../engine/node/contract';
import {
  CN6, COA6, HA6, HOME6, MOBILITY_MESSAGES, UNCHECKED_AH, mobilityPacket, tunnel6,
} from '../../engine/wire/ipv6/test-support/route-optimization-packets';
import { toLoadedScenario, type LoadedScenario } from '../../scenarios/to-topology';
import { parseScenarioText } from '../../scenarios/validate';
import type { Check } from '../format/schema';
import { checkContext, type CheckStatus } from './check-run';
import { createCheckRun } from './evaluator';
import { TraceReader, type Observation } from './observations';

// The lesson checks on IPv6 (Perkins & Johnson §10): first on a trace built
// by hand from the IPv6 codecs, then on headless runs of the IPv6 built-ins.

function loadIpv6(name: string): LoadedScenario {
  const parsed = parseScenarioText(readFileSync(join(__dirname, '../../scenarios/builtin', `${name}.json`), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return toLoadedScenario(parsed.scenario);
}

function observe(scenario: LoadedScenario, trace: readonly TraceEvent[], end: number): Observation[] {
  const reader = new TraceReader(scenario);
  return [...reader.read(trace), ...reader.settle(end)];
}

/** A check as a lesson file may write it: `after` defaults to "step". */
type CheckInput = Check extends infer C ? (C extends Check ? Omit<C, 'after'> : never) : never;

function judge(scenario: LoadedScenario, observations: readonly Observation[], check: CheckInput, end: number): CheckStatus {
  const run = createCheckRun({ after: 'step', ...check } as Check, 0, checkContext(scenario));
  for (const o of observations) run.observe(o);
  return run.status(end);
}

let n = 0;
const ev = (node: string, kind: TraceKind, time: number, causedBy: string | undefined, bytes?: Uint8Array, reason?: string): TraceEvent =>
  ({ id: `${node}:${++n}`, time, node, kind, summary: kind, ref: '', ...(causedBy === undefined ? {} : { causedBy }), ...(bytes === undefined ? {} : { bytes }), ...(reason === undefined ? {} : { reason }) });

describe('IPv6 messages as lesson observations (hand-built trace)', () => {
  const scenario = loadIpv6('ipv6-route-optimization');
  const bu = mobilityPacket(MOBILITY_MESSAGES['binding-update'], { source: COA6, destination: CN6, homeAddressOption: HOME6, authentication: UNCHECKED_AH });
  const hot = mobilityPacket(MOBILITY_MESSAGES['home-test'], { source: CN6, destination: HOME6 });
  const hotTunnelled = tunnel6(hot, HA6, COA6);
  const sent = ev('MN', 'sent', 1000, undefined, bu);
  const fwd = ev('R', 'forwarded', 2000, sent.id, bu);
  const rx = ev('CN', 'received', 3000, fwd.id, bu);
  const drop = ev('CN', 'dropped', 3000, rx.id, bu, 'the AH Integrity Check Value does not verify');
  const hotSent = ev('CN', 'sent', 4000, undefined, hot);
  const haRx = ev('HA', 'received', 5000, hotSent.id, hot);
  const haFwd = ev('HA', 'forwarded', 5000, haRx.id, hotTunnelled);
  const rRx = ev('R', 'received', 6000, haFwd.id, hotTunnelled);
  const rFwd = ev('R', 'forwarded', 6000, rRx.id, hotTunnelled);
  const mnRx = ev('MN', 'received', 7000, rFwd.id, hotTunnelled);
  const trace = [sent, fwd, rx, drop, hotSent, haRx, haFwd, rRx, rFwd, mnRx];
  const seen = observe(scenario, trace, 10_000);

  it('a Binding Update from the care-of address is from the mobile node, refused by the drop its reception caused', () => {
    const m = seen.filter((o) => o.kind === 'message' && o.message === 'binding-update');
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ from: 'MN', to: 'CN', outcome: 'refused', reason: 'the AH Integrity Check Value does not verify', refusal: { eventId: drop.id } });
    expect(seen.filter((o) => o.kind === 'message-sent').map((o) => o.kind === 'message-sent' && [o.message, o.from, o.destination])).toEqual([['binding-update', 'MN', CN6], ['home-test', 'CN', HOME6]]);
  });

  it('a tunnelled Home Test is received where the tunnel ends, not by the routers on the way', () => {
    const m = seen.filter((o) => o.kind === 'message' && o.message === 'home-test');
    expect(m.map((o) => o.kind === 'message' && [o.from, o.to, o.outcome])).toEqual([['CN', 'HA', 'accepted'], ['CN', 'MN', 'accepted']]);
  });

  it('the checks name them: binding-update refused with its reason, home-test received, message-count to a node by its IPv6 address', () => {
    const refused: CheckInput = { kind: 'message', text: 'refused', message: 'binding-update', from: 'MN', to: 'CN', outcome: 'refused', reasonIncludes: 'integrity check value' };
    expect(judge(scenario, seen, refused, 10_000)).toMatchObject({ state: 'passed', at: 3000, evidence: { eventId: drop.id }, detail: 'CN refused the Binding Update from MN: the AH Integrity Check Value does not verify' });
    const accepted: CheckInput = { ...refused, outcome: 'accepted', reasonIncludes: undefined } as Check;
    expect(judge(scenario, seen, accepted, 10_000).state).toBe('pending');
    const hotCheck: CheckInput = { kind: 'message', text: 'HoT', message: 'home-test', from: 'CN', to: 'MN', outcome: 'received' };
    expect(judge(scenario, seen, hotCheck, 10_000)).toMatchObject({ state: 'passed', detail: 'MN received the Home Test from CN' });
    const count: CheckInput = { kind: 'message-count', text: 'BUs to CN', message: 'binding-update', to: 'CN', atLeast: 1 };
    expect(judge(scenario, seen, count, 10_000)).toMatchObject({ state: 'passed', measured: 1 });
    const coti: CheckInput = { kind: 'message', text: 'CoTI', message: 'care-of-test-init', from: 'MN', to: 'CN', outcome: 'received' };
    expect(judge(scenario, seen, coti, 10_000).detail).toBe('waiting for CN to receive a Care-of Test Init from MN');
  });
});

describe('IPv6 built-ins, run headless, judged by lesson checks', () => {
  it('route optimization: triangle first, then straight to the care-of address; the Binding Update accepted and acknowledged', () => {
    const scenario = loadIpv6('ipv6-route-optimization');
    const run = runHeadless(scenario, { retain: 'all', until: 6_000_000 });
    const seen = observe(scenario, run.trace, 6_000_000);
    const status = (c: CheckInput) => judge(scenario, seen, c, 6_000_000);
    expect(status({ kind: 'route', text: 'triangle', flow: 'cn-to-mn', via: ['HA'], atLeastHops: 5 })).toMatchObject({ state: 'passed', measured: 5 });
    expect(status({ kind: 'route', text: 'direct', flow: 'cn-to-mn', notVia: ['HA'], atMostHops: 3 })).toMatchObject({ state: 'passed', measured: 3 });
    expect(status({ kind: 'message', text: 'BU', message: 'binding-update', from: 'MN', to: 'CN', outcome: 'accepted' }).state).toBe('passed');
    expect(status({ kind: 'message', text: 'BA', message: 'binding-acknowledgement', from: 'CN', to: 'MN', outcome: 'accepted' }).state).toBe('passed');
    expect(status({ kind: 'message', text: 'home BU', message: 'binding-update', from: 'MN', to: 'HA', outcome: 'accepted' }).state).toBe('passed');
    expect(status({ kind: 'message', text: 'RA', message: 'router-advertisement', from: 'AR1', to: 'MN', outcome: 'received' }).state).toBe('passed');
    expect(status({ kind: 'flow-loss', text: 'no loss', flow: 'cn-to-mn', atMost: 0, withinS: 3 })).toMatchObject({ state: 'passed', measured: 0 });
    expect(status({ kind: 'latency', text: 'fast', flow: 'cn-to-mn', atMostMs: 10, notVia: ['HA'] }).state).toBe('passed');
    // The tables: the correspondent's binding cache and the home agent's bindings, the care-of address on AR1's link.
    expect(status({ kind: 'table', text: 'CN binding', node: 'CN', table: 'binding-cache', mobileNode: 'MN', careOf: 'AR1', state: 'holds' }).state).toBe('passed');
    expect(status({ kind: 'table', text: 'HA binding', node: 'HA', table: 'mobility-bindings', mobileNode: 'MN', careOf: 'AR1', state: 'holds' }).state).toBe('passed');
    expect(status({ kind: 'table', text: 'not at AR2', node: 'CN', table: 'binding-cache', mobileNode: 'MN', careOf: 'AR2', state: 'holds' }).state).toBe('pending');
    // The metrics count the same flow: sent every 500 ms from 2 s, all delivered but the one sent at 6 s, still on its way.
    expect(run.metrics.flows[0]).toMatchObject({ flow: 'cn-to-mn', sent: 9, delivered: 8, lost: 1, inFlight: 1, viaHomeAgent: 1, tunnelled: 1 });
    expect(run.metrics.flows[0]!.encapsulation).toMatchObject({ 'IPv6 in IPv6': { transmissions: 3, octets: 120 } });
    expect(run.metrics.flows[0]!.encapsulation['type 2 Routing header']!.octets).toBe(24 * run.metrics.flows[0]!.encapsulation['type 2 Routing header']!.transmissions);
  });

  it('return routability: the tests sent and received, the Binding Update authorized by them accepted', () => {
    const scenario = loadIpv6('ipv6-return-routability');
    const run = runHeadless(scenario, { retain: 'all', until: 4_000_000 });
    const seen = observe(scenario, run.trace, 4_000_000);
    const status = (c: CheckInput) => judge(scenario, seen, c, 4_000_000);
    expect(status({ kind: 'message-count', text: 'HoTI', message: 'home-test-init', from: 'MN', to: 'CN', atLeast: 1 }).state).toBe('passed');
    expect(status({ kind: 'message', text: 'HoTI at CN', message: 'home-test-init', from: 'MN', to: 'CN', outcome: 'accepted' }).state).toBe('passed');
    expect(status({ kind: 'message', text: 'HoT at MN', message: 'home-test', from: 'CN', to: 'MN', outcome: 'accepted' }).state).toBe('passed');
    expect(status({ kind: 'message', text: 'CoT at MN', message: 'care-of-test', from: 'CN', to: 'MN', outcome: 'accepted' }).state).toBe('passed');
    expect(status({ kind: 'message-extensions', text: 'BAD', message: 'binding-update', from: 'MN', to: 'CN', include: [4, 5] }).state).toBe('passed');
  });

  it('forged Binding Updates: each refused by the correspondent, with its reason', () => {
    const scenario = loadIpv6('ipv6-forged-binding-update');
    const run = runHeadless(scenario, { retain: 'all', until: 15_000_000 });
    const seen = observe(scenario, run.trace, 15_000_000);
    const refused = seen.filter((o) => o.kind === 'message' && o.message === 'binding-update' && o.to === 'CN' && o.outcome === 'refused');
    expect(refused.length).toBeGreaterThanOrEqual(3);
    expect(refused.every((o) => o.kind === 'message' && o.from === 'Mallory')).toBe(true);
    expect(judge(scenario, seen, { kind: 'message', text: 'replay', message: 'binding-update', from: 'Mallory', to: 'CN', outcome: 'refused', reasonIncludes: 'already received' }, 15_000_000).state).toBe('passed');
  });
});
