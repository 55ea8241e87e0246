// The IPv6 home agent and access routers on the reference network
// (docs/ipv6.md §2, §3), run headlessly on virtual time:
// - with no mobile node: each router advertises its own link every second,
//   and a correspondent's datagrams for the absent home address reach the
//   home agent, which — with no binding — looks for the address on the home
//   link by Neighbor Discovery and, when nobody answers, discards the
//   datagram saying why and tells its source (RFC 4861 §7.2.2);
// - with the mobile node in AR1's cell: the home registration, AR1's Neighbor
//   Discovery for the care-of address, the home agent's interception and
//   tunnel; and an adversary's forged Binding Update to the home agent,
//   discarded because its AH does not verify.

import { beforeAll, describe, expect, it } from 'vitest';
import { runHeadless } from '../cli/commands/run';
import type { TraceEvent } from '../engine/node/contract';
import { seconds } from '../engine/node/time';
import ipv6RouteOptimization from './builtin/ipv6-route-optimization.json';
import { toLoadedScenario } from './to-topology';
import { parseScenario } from './validate';

const S = 1_000_000;
const HOME = '2001:db8:1::10';
const COA = '2001:db8:2::ff:fe00:500';

type Data = { nodes: Record<string, unknown>[]; securityAssociations: { between: string[] }[] };

function run(untilS: number, edit: (d: Data) => void = () => {}): readonly TraceEvent[] {
  const data = structuredClone(ipv6RouteOptimization) as unknown as Data;
  edit(data);
  const parsed = parseScenario(data);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return runHeadless(toLoadedScenario(parsed.scenario), { until: seconds(untilS), retain: 'all' }).trace;
}

function withoutMobileNode(): readonly TraceEvent[] {
  return run(8, (d) => {
    d.nodes = d.nodes.filter((n) => n.id !== 'MN');
    d.securityAssociations = d.securityAssociations.filter((sa) => !sa.between.includes('MN'));
  });
}

describe('IPv6 routers on the reference network, no mobile node (RFC 4861 §6.2, §7.2)', () => {
  let trace: readonly TraceEvent[] = [];
  beforeAll(() => {
    trace = withoutMobileNode();
  }, 60_000);

  const advertisements = (node: string) => trace.filter((e) => e.node === node && e.kind === 'sent' && e.summary.startsWith('Router Advertisement'));

  it('each router advertises its own prefix every second, the home agent with H', () => {
    for (const [node, prefix] of [['HA', '2001:db8:1::1/64'], ['AR1', '2001:db8:2::1/64'], ['AR2', '2001:db8:3::1/64']] as const) {
      const ras = advertisements(node);
      expect(ras.map((e) => e.time)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8].map((s) => s * S));
      for (const e of ras) expect(e.summary).toContain(prefix);
      expect(ras.every((e) => e.summary.includes('(H: home agent)'))).toBe(node === 'HA');
    }
  });

  it("the correspondent's datagram for the absent home address is resolved on the home link, and discarded with the reason when nobody answers", () => {
    const solicitations = trace.filter((e) => e.node === 'HA' && e.kind === 'sent' && e.summary === 'Neighbor Solicitation for 2001:db8:1::10 → ff02::1:ff00:10');
    expect(solicitations.length).toBeGreaterThanOrEqual(3);
    expect(solicitations[0]!.time).toBeGreaterThan(2 * S);
    const gaveUp = trace.find((e) => e.node === 'HA' && e.kind === 'decision' && e.summary.endsWith('address resolution failed'));
    expect(gaveUp?.reason).toMatch(/^2001:db8:1::10 did not answer 3 Neighbor Solicitations/);
    expect(gaveUp!.time - solicitations[0]!.time).toBe(3 * S); // three solicitations RetransTimer (1 s) apart, then give up (RFC 4861 §7.2.2, §10)
    // the datagram that waited is discarded and its source told: ICMPv6 Destination Unreachable, address unreachable (RFC 4443 §3.1)
    const discarded = trace.find((e) => e.node === 'HA' && e.kind === 'dropped' && e.time === gaveUp!.time);
    expect(discarded?.summary).toContain('2001:db8:100::5 → 2001:db8:1::10');
    const told = trace.find((e) => e.node === 'HA' && e.kind === 'sent' && e.time === gaveUp!.time);
    expect(told?.summary).toMatch(/^ICMPv6 Destination Unreachable \(address unreachable\) .* → 2001:db8:100::5 \(type 1 code 3\)$/);
  });
});

describe('IPv6 home agent and access router with the mobile node in AR1\'s cell (RFC 6275 §10; RFC 4861 §7.2)', () => {
  let trace: readonly TraceEvent[] = [];
  beforeAll(() => {
    trace = run(4, (d) => {
      // an adversary on the correspondent's LAN forges a home registration at 3 s with a key it made up (RFC 6275 §15)
      d.nodes.push({ id: 'Eve', role: 'adversary-v6', interfaces: [{ name: 'eth0', address: '198.51.100.66', prefixLength: 24, link: 'cn-lan', ipv6: '2001:db8:100::66/64', promiscuous: true }],
        settings: { actions: [{ atS: 3, to: 'HA', kind: 'forge-binding-update', homeAddress: HOME, careOfAddress: '2001:db8:100::66', spi: 1000 }] } });
    });
  }, 60_000);
  const at = (node: string, kind: TraceEvent['kind'], start: string) => trace.filter((e) => e.node === node && e.kind === kind && e.summary.startsWith(start));

  it('the home agent binds the home address after the authenticated Binding Update and acknowledges with a type 2 Routing header and AH', () => {
    const [added] = at('HA', 'table-changed', `bindings: ${HOME} added`);
    expect(added?.reason).toBe(`tunnel what arrives for ${HOME} to ${COA} for 300 s`);
    const [ack] = at('HA', 'sent', 'Binding Acknowledgement 0');
    expect(ack?.summary).toBe(`Binding Acknowledgement 0 (Binding Update accepted), seq 1, lifetime 300 s → ${COA} (type 2 Routing header: ${HOME}), AH`);
    expect(ack!.time).toBe(added!.time);
  });

  it('AR1 finds the care-of address by Neighbor Solicitation, holding the acknowledgement until the Neighbor Advertisement', () => {
    const [ns] = at('AR1', 'sent', `Neighbor Solicitation for ${COA}`);
    const [learned] = at('AR1', 'table-changed', `neighbour cache: ${COA} updated`);
    expect(ns).toBeDefined();
    expect(learned?.reason).toBe('Neighbor Advertisement answered the solicitation: 02:00:00:00:05:00');
    const released = trace.find((e) => e.node === 'AR1' && e.kind === 'forwarded' && e.time === learned!.time);
    expect(released?.summary).toContain(`→ ${COA}`);
    expect(ns!.time).toBeLessThan(learned!.time);
  });

  it("the home agent intercepts the correspondent's first datagram for the home address and tunnels it to the care-of address", () => {
    const [tunnelled] = at('HA', 'forwarded', `UDP 2001:db8:100::5 → ${HOME} intercepted and tunnelled 2001:db8:1::1 → ${COA} (IPv6 in IPv6)`);
    expect(tunnelled!.time).toBeGreaterThan(2 * S);
    expect(tunnelled!.ref).toContain('RFC 2473');
  });

  it("drops the adversary's forged home registration because its AH does not verify, keeping the binding", () => {
    const forged = trace.find((e) => e.node === 'HA' && e.kind === 'dropped' && e.summary.startsWith('Binding Update from 2001:db8:100::66'));
    expect(forged?.reason).toMatch(/Integrity Check Value does not verify under the security association with MN \(SPI 1000\)/);
    expect(at('HA', 'table-changed', `bindings: ${HOME} updated`)).toEqual([]);
  });
});
