// Smooth handoff in IPv6 (Perkins & Johnson §10; mipv6-07 §10.8; RFC 6275
// §11.5.4; OC-57), on the built-in "Smooth handoff in IPv6" run headlessly:
// after the move to AR2's cell at 13.5 s, the mobile node's Binding Update
// with H reaches AR1, its previous router, which from then on tunnels what
// the distant correspondent still sends to the previous care-of address to the
// new one. Without an association between them there is no smooth handoff,
// and with smooth handoff switched off AR1 answers 131; either way those
// datagrams are delivered into the cell the mobile node has left.

import { beforeAll, describe, expect, it } from 'vitest';
import { runHeadless } from '../cli/commands/run';
import type { TraceEvent } from '../engine/node/contract';
import { seconds } from '../engine/node/time';
import smoothHandoff from './builtin/ipv6-smooth-handoff.json';
import { toLoadedScenario } from './to-topology';
import { parseScenario } from './validate';

const S = 1_000_000;
const OLD_COA = '2001:db8:2::ff:fe00:500';
const NEW_COA = '2001:db8:3::ff:fe00:500';

type Edit = (data: { nodes: { id: string; settings?: Record<string, unknown> }[]; securityAssociations: { between: string[] }[] }) => void;

function run(edit: Edit = () => {}): readonly TraceEvent[] {
  const data = structuredClone(smoothHandoff) as unknown as Parameters<Edit>[0];
  edit(data);
  const parsed = parseScenario(data);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return runHeadless(toLoadedScenario(parsed.scenario), { until: seconds(14), retain: 'all' }).trace;
}

const tunnelledByAr1 = (trace: readonly TraceEvent[]) => trace.filter((e) => e.node === 'AR1' && e.kind === 'forwarded' && e.summary.includes(`intercepted and tunnelled 2001:db8:2::1 → ${NEW_COA}`));
const lostInOldCell = (trace: readonly TraceEvent[]) => trace.filter((e) => e.node === 'AR1' && e.kind === 'lost' && e.time > 13.5 * S);

describe('the previous access router as home agent for the previous care-of address (Perkins & Johnson §10; mipv6-07 §10.8)', () => {
  let trace: readonly TraceEvent[] = [];
  beforeAll(() => {
    trace = run();
  }, 60_000);

  it('AR1 accepts the authenticated Binding Update with H for the previous care-of address and acknowledges it', () => {
    const accepted = trace.find((e) => e.node === 'AR1' && e.kind === 'decision' && e.summary.startsWith(`Binding Update from ${NEW_COA}`));
    expect(accepted?.summary).toContain(`for ${OLD_COA}`);
    expect(accepted?.reason).toBe(`previous care-of address ${OLD_COA} bound to care-of address ${NEW_COA} for 20 s`);
    expect(accepted!.time).toBeGreaterThan(13.5 * S);
    const ack = trace.find((e) => e.node === 'AR1' && e.kind === 'sent' && e.summary.startsWith('Binding Acknowledgement 0'));
    expect(ack?.summary).toContain(`→ ${NEW_COA} (type 2 Routing header: ${OLD_COA}), AH`);
  });

  it('AR1 tunnels what still arrives for the previous care-of address to the new one, and the mobile node receives it', () => {
    const tunnelled = tunnelledByAr1(trace);
    expect(tunnelled.length).toBeGreaterThanOrEqual(3);
    const first = tunnelled[0]!.time;
    const last = tunnelled[tunnelled.length - 1]!.time;
    // each reaches the new cell through AR2 as IPv6 in IPv6 from AR1, and is delivered there
    const throughAr2 = trace.filter((e) => e.node === 'AR2' && e.kind === 'forwarded' && e.summary.startsWith(`IPv6 IPv6 2001:db8:2::1 → ${NEW_COA}`));
    expect(throughAr2.length).toBe(tunnelled.length);
    const delivered = trace.filter((e) => e.node === 'MN' && e.kind === 'delivered' && e.summary.includes('cn-to-mn') && e.time > first && e.time <= last + 10_000);
    expect(delivered.length).toBeGreaterThanOrEqual(tunnelled.length);
  });

  it('only what reached AR1 before its Binding Update is lost in the old cell', () => {
    const accepted = trace.find((e) => e.node === 'AR1' && e.kind === 'decision' && e.summary.startsWith(`Binding Update from ${NEW_COA}`))!;
    const lost = lostInOldCell(trace);
    for (const e of lost) expect(e.time).toBeLessThan(accepted.time);
    expect(lost.length).toBeLessThanOrEqual(1);
  });
});

describe('when AR1 will not act for the previous care-of address', () => {
  it('without a security association between them there is no smooth handoff: nothing is tunnelled and the datagrams in flight are lost (OC-57)', () => {
    const trace = run((d) => {
      d.securityAssociations = d.securityAssociations.filter((sa) => !(sa.between.includes('MN') && sa.between.includes('AR1')));
    });
    // the mobile node cannot authenticate a request to AR1, so it sends none (AR1 would refuse it with 129: see the access router's unit tests)
    expect(trace.some((e) => e.node === 'AR1' && e.kind === 'decision' && e.summary.startsWith('Binding Update'))).toBe(false);
    expect(tunnelledByAr1(trace)).toEqual([]);
    expect(lostInOldCell(trace).length).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('with smooth handoff switched off it answers 131 (home registration not supported)', () => {
    const trace = run((d) => {
      d.nodes.find((n) => n.id === 'AR1')!.settings = { smoothHandoff: false };
    });
    const refusal = trace.find((e) => e.node === 'AR1' && e.kind === 'decision' && e.summary.endsWith('refused'));
    expect(refusal?.reason).toMatch(/^131 \(home registration not supported\): /);
    expect(tunnelledByAr1(trace)).toEqual([]);
    expect(lostInOldCell(trace).length).toBeGreaterThanOrEqual(2);
  }, 60_000);
});
