// The IPv6 adversary's attacks, each delivered to a real correspondent and
// refused there with its reason (Perkins & Johnson §10; RFC 6275 §15; RFC 4302 §3.4).

import { describe, expect, it } from 'vitest';
import type { NodeConfig, NodeOutput } from '../../../node/contract';
import { EtherType } from '../../../node/link-address';
import { seconds } from '../../../node/time';
import { createRandom } from '../../../random';
import { peekIpv6Binding } from '../cn/binding-cache-v6';
import { CN, COA, HOME, TABLE, bindingUpdate, correspondent, driver, fromMobileNode, independentKbm, independentToken, traces } from '../cn/test-support/cn6-fixture';
import { adversaryV6Behaviour, initialAdversaryV6State, type AdversaryV6Attack, type AdversaryV6State } from './adversary-v6';

const MALLORY = '2001:db8:100::66';
const NODE: NodeConfig = { id: 'Mallory', interfaces: [{ name: 'eth0', address: '198.51.100.66', prefixLength: 24, linkAddress: '02:00:00:00:01:66', radio: false, ipv6: { address: MALLORY, prefixLength: 64 } }] };
const T = seconds(10);

function adversary(attacks: AdversaryV6Attack[] = []): AdversaryV6State {
  return { ...initialAdversaryV6State({ attacks }), table: { ...TABLE, neighbours6: [...TABLE.neighbours6!, { interface: 'eth0', address: CN, linkAddress: '02:00:00:00:01:05' }] } };
}

function step(s: AdversaryV6State, input: Parameters<typeof adversaryV6Behaviour.handle>[1], now: number) {
  return adversaryV6Behaviour.handle(s, input, { now, node: NODE, random: createRandom(3) });
}

function overhear(s: AdversaryV6State, packet: Uint8Array, now: number): AdversaryV6State {
  return step(s, { kind: 'frame', interface: 'eth0', frame: { source: '02:00:00:00:01:01', destination: '02:00:00:00:01:05', etherType: EtherType.IPV6, payload: packet } }, now).state;
}

/** The packet the adversary sends when its attack number `i` falls due. */
function attackPacket(s: AdversaryV6State, i: number, now: number): { packet: Uint8Array; outputs: readonly NodeOutput[] } {
  const r = step(s, { kind: 'timer', key: `adversary6:attack:${i}` }, now);
  const t = r.outputs.find((o) => o.kind === 'transmit');
  if (t?.kind !== 'transmit') throw new Error(`attack ${i} sent nothing: ${JSON.stringify(r.outputs.map((o) => o.kind === 'trace' && o.event.reason))}`);
  return { packet: t.frame.payload, outputs: r.outputs };
}

const genuine = fromMobileNode({ message: bindingUpdate({ sequence: 7 }), ah: { sequence: 1 } });

describe('IPv6 adversary', () => {
  it('keeps the Binding Updates to correspondents it overhears, not home registrations', () => {
    let s = overhear(adversary(), genuine, T);
    s = overhear(s, fromMobileNode({ message: bindingUpdate({ homeRegistration: true }), ah: { sequence: 2 } }), T + 1);
    expect(s.overheardCount).toBe(1);
    expect(s.overheard[0]).toMatchObject({ homeAddress: HOME, source: COA, destination: CN, sequence: 7, ah: { spi: 256, sequence: 1 }, nonceIndices: null });
  });

  it('says why it cannot replay or tamper before it has overheard anything', () => {
    const r = step(adversary([{ kind: 'replay-binding-update', at: T, destination: CN }]), { kind: 'timer', key: 'adversary6:attack:0' }, T);
    expect(traces(r.outputs, 'decision')[0]!.reason).toMatch(/no Binding Update to a correspondent has been overheard yet/);
    expect(r.state.abandoned).toBe(1);
  });

  it('a replay is refused by the correspondent: the AH Sequence Number was already seen', () => {
    const cn = driver(correspondent());
    cn.receive(genuine, T);
    const s = overhear(adversary([{ kind: 'replay-binding-update', at: T + seconds(5), destination: CN }]), genuine, T);
    const { packet } = attackPacket(s, 0, T + seconds(5));
    expect(packet).toEqual(genuine.subarray(0, packet.length));
    expect(traces(cn.receive(packet, T + seconds(5)), 'dropped')[0]!.reason).toMatch(/AH Sequence Number 1 was already received/);
  });

  it('a tampered care-of address is refused: the ICV covers it', () => {
    const cn = driver(correspondent());
    const s = overhear(adversary([{ kind: 'tamper-binding-update', at: T, destination: CN, careOfAddress: MALLORY }]), genuine, T);
    const { packet, outputs } = attackPacket(s, 0, T);
    expect(traces(outputs, 'decision')[0]!.reason).toMatch(/care-of address 2001:db8:2::10 changed to 2001:db8:100::66, its AH Sequence Number moved on to 2 .* its ICV left as it was/);
    expect(traces(cn.receive(packet, T), 'dropped')[0]!.reason).toMatch(/AH Integrity Check Value does not verify/);
    expect(peekIpv6Binding(cn.state.cache, HOME, T)).toBeNull();
  });

  it('a forgery under the right SPI with a made-up key is refused: the ICV does not verify', () => {
    const cn = driver(correspondent());
    cn.receive(genuine, T);
    const s = overhear(adversary([{ kind: 'forge-binding-update', at: T, destination: CN, homeAddress: HOME, careOfAddress: MALLORY, lifetimeS: 40, authorization: { kind: 'ah', spi: 256 } }]), genuine, T);
    const { packet } = attackPacket(s, 0, T + 1);
    const out = cn.receive(packet, T + 1);
    expect(traces(out, 'dropped')[0]!.reason).toMatch(/AH Integrity Check Value does not verify/);
    expect(peekIpv6Binding(cn.state.cache, HOME, T + 1)!.careOfAddress).toBe(COA);
  });

  it('a forgery with authorization data from a guessed Kbm is refused, and a replayed return-routability Binding Update too', () => {
    const cn = driver(correspondent({ associations: [] }));
    const hot = cn.receive(fromMobileNode({ message: { kind: 'home-test-init', cookie: new Uint8Array(8), options: [] }, source: HOME, homeAddressOption: null }), T);
    const cot = cn.receive(fromMobileNode({ message: { kind: 'care-of-test-init', cookie: new Uint8Array(8), options: [] }, source: COA, homeAddressOption: null }), T);
    expect(hot.length * cot.length).toBeGreaterThan(0);
    const kcn = cn.state.nonces.kcn!;
    const nonce = cn.state.nonces.nonces[0]!.nonce;
    const kbm = independentKbm(independentToken(kcn, HOME, nonce, 0), independentToken(kcn, COA, nonce, 1));
    const rrBu = fromMobileNode({ message: bindingUpdate({ sequence: 3, options: [{ kind: 'nonce-indices', homeNonceIndex: 0, careOfNonceIndex: 0 }, { kind: 'binding-authorization-data', authenticator: new Uint8Array(12) }] }), kbm });
    cn.receive(rrBu, T + 1);
    expect(peekIpv6Binding(cn.state.cache, HOME, T + 1)).not.toBeNull();
    const s = overhear(adversary([
      { kind: 'forge-binding-update', at: T, destination: CN, homeAddress: HOME, careOfAddress: MALLORY, lifetimeS: 40, authorization: { kind: 'return-routability' } },
      { kind: 'replay-binding-update', at: T, destination: CN },
    ]), rrBu, T + 1);
    const forged = cn.receive(attackPacket(s, 0, T + 2).packet, T + 2);
    expect(traces(forged, 'dropped')[0]!.reason).toMatch(/Binding Authorization Data does not verify/);
    const replayed = cn.receive(attackPacket(s, 1, T + 3).packet, T + 3);
    expect(traces(replayed, 'dropped')[0]!.reason).toMatch(/Sequence Number 3 is not newer than 3/);
    expect(peekIpv6Binding(cn.state.cache, HOME, T + 3)!.careOfAddress).toBe(COA);
  });

  it('schedules its attacks at start and refuses the learner\'s commands', () => {
    const s = adversary([{ kind: 'replay-binding-update', at: T, destination: CN }]);
    expect(step(s, { kind: 'command', command: { type: 'start' } }, 0).outputs).toEqual([{ kind: 'set-timer', key: 'adversary6:attack:0', at: T, ref: 'scripted attack: replay-binding-update' }]);
    expect(traces(step(s, { kind: 'command', command: { type: 'inject', attack: {} } }, 0).outputs, 'decision')[0]!.reason).toMatch(/only the attacks its scenario scripts/);
  });
});
