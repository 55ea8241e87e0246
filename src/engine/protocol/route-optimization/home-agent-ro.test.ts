import { describe, expect, it } from 'vitest';
import { decapsulateIpInIp } from '../../wire/ip-in-ip';
import { parseIpv4 } from '../../wire/ipv4';
import { bindingRequest } from '../../wire/mip/binding-request';
import { bindingWarning } from '../../wire/mip/binding-warning';
import { emitMipMessage, mipMessageLength, parseMipMessage, type MipMessage } from '../../wire/mip/mip-message';
import { peekBinding } from '../tables/binding-cache';
import { correspondentsOf } from '../tables/acknowledged-correspondents';
import { EMPTY_MOBILITY_BINDINGS } from '../tables/mobility-bindings';
import { receiveBindingUpdate } from './correspondent';
import {
  afterRegistrationAccepted, afterTunnellingFor, receiveBindingAcknowledge, receiveBindingRequest, receiveBindingWarning, receiveSpecialTunnel,
} from './home-agent-ro';
import {
  CN, CN2, FA1, FA2, HA, HA_CN_KEY, HA_CN_SPI, MN, S, arrival, associations, cnContext, dataDatagram, emptyCorrespondentState,
  emptyHomeAgentState, haContext, msa, registered, seeded,
} from './test-support/ro-world';
import type { RoSend } from './types';
import { acknowledgeSend } from './binding-update-check';

function encode(m: MipMessage): Uint8Array {
  const out = new Uint8Array(mipMessageLength(m));
  emitMipMessage(m, out, 0);
  return out;
}

function buOf(send: RoSend) {
  const m = parseMipMessage(send.payload);
  if (!m.ok || m.value.kind !== 'binding-update') throw new Error('expected a Binding Update');
  return m.value;
}

const brFrom = (source: string, id = { high: 0xd5c1e2a1, low: 1 }) => ({ payload: encode(bindingRequest({ homeAddress: MN, identification: id })), source, destination: HA });
const bwFrom = (source: string, targets: string[], home = MN) => ({ payload: encode(bindingWarning({ homeAddress: home, targets })), source, destination: HA });

describe('home agent: field values (Perkins & Johnson §3.3; optim-08 §4.3)', () => {
  it('I = 1, M/G from the registration (OC-38), Lifetime = remaining registration lifetime', () => {
    const ctx = haContext({ bindings: registered(FA1, { minimalEncapsulation: true, greEncapsulation: true }, 300, 0) });
    const r = afterTunnellingFor(emptyHomeAgentState(), ctx, CN, MN, 100 * S + 400_000, seeded());
    expect(buOf(r.sends[0]!)).toMatchObject({
      flags: { acknowledge: false, minimalEncapsulation: true, greEncapsulation: true }, lifetime: 199, homeAddress: MN, careOfAddress: FA1,
    });
    expect(buOf(r.sends[0]!).identification).not.toBeNull();
  });

  it('an infinite registration gives Lifetime 0xFFFF', () => {
    const r = afterTunnellingFor(emptyHomeAgentState(), haContext({ bindings: registered(FA1, {}, 0xffff) }), CN, MN, 5 * S, seeded());
    expect(buOf(r.sends[0]!).lifetime).toBe(0xffff);
  });

  it('no MSA with the destination → no BU (OC-27)', () => {
    const r = afterTunnellingFor(emptyHomeAgentState(), haContext(), CN2, MN, 0, seeded());
    expect(r.sends).toEqual([]);
    expect(r.traces[0]!.ref).toContain('lab choice: only to a node that shares an MSA');
  });
});

describe('home agent: a correspondent without route optimization', () => {
  it('keeps getting rate-limited BUs at 1, 2, 4, 8 … s (OC-20)', () => {
    let state = emptyHomeAgentState();
    const sentAt: number[] = [];
    for (let t = 0; t <= 40 * S; t += S / 4) { // a datagram every 250 ms, each tunnelled by the HA
      const r = afterTunnellingFor(state, haContext(), CN, MN, t, seeded(t));
      state = r.state;
      for (const send of r.sends) {
        sentAt.push(t / S);
        const cn = receiveBindingUpdate(emptyCorrespondentState(), cnContext({ implementsRouteOptimization: false }), arrival(send), t, seeded());
        expect(cn.sends).toEqual([]); // ignored: no BA, no cache, so the HA keeps trying
      }
    }
    expect(sentAt).toEqual([0, 1, 3, 7, 15, 31]);
  });
});

describe('home agent: privacy (P; Perkins & Johnson §3.6; OC-26 revised)', () => {
  const ctx = haContext({ bindings: registered(FA1, { privateBinding: true }) });

  it('every Binding Update about a private binding is a delete: unsolicited, answering a request or a warning', () => {
    const random = seeded();
    const a = afterTunnellingFor(emptyHomeAgentState(), ctx, CN, MN, 0, random);
    const b = receiveBindingRequest(a.state, ctx, brFrom(CN), S, random);
    const c = receiveBindingWarning(b.state, ctx, bwFrom(FA2, [CN]), 3 * S, random);
    const sends = [...a.sends, ...b.sends, ...c.sends];
    expect(sends).toHaveLength(3);
    for (const send of sends) {
      expect(buOf(send)).toMatchObject({ lifetime: 0, careOfAddress: MN });
      const cn = receiveBindingUpdate(emptyCorrespondentState(), cnContext(), arrival(send), 3 * S, random);
      expect(peekBinding(cn.state.cache, MN, 3 * S)).toBeNull();
    }
    expect(a.traces[0]!.summary).toContain('delete Binding Update');
  });

  it('the delete updates are rate-limited like every other (OC-20)', () => {
    let state = emptyHomeAgentState();
    const sentAt: number[] = [];
    for (let t = 0; t <= 10 * S; t += S / 4) {
      const r = afterTunnellingFor(state, ctx, CN, MN, t, seeded(t));
      state = r.state;
      if (r.sends.length > 0) sentAt.push(t / S);
    }
    expect(sentAt).toEqual([0, 1, 3, 7]);
  });

  it('a special tunnel sends a delete to the stale nodes and still re-tunnels the datagram', () => {
    const r = receiveSpecialTunnel(emptyHomeAgentState(), haContext({ ...ctx, associations: associations(msa(CN, HA_CN_KEY, HA_CN_SPI), msa(FA2, HA_CN_KEY, 0x200)) }), {
      outerSource: FA2, innerSource: CN, homeAddress: MN, inner: dataDatagram(), ipIdentification: 1,
    }, 0, seeded());
    expect(r.sends.map((s) => [s.destination, buOf(s).lifetime, buOf(s).careOfAddress])).toEqual([[FA2, 0, MN], [CN, 0, MN]]);
    expect(r.forwards).toHaveLength(1);
  });
});

describe('home agent: Binding Requests and Warnings', () => {
  it('ignores a BR about a node it does not serve', () => {
    const r = receiveBindingRequest(emptyHomeAgentState(), haContext(), { ...brFrom(CN), payload: encode(bindingRequest({ homeAddress: '10.1.0.99', identification: { high: 1, low: 1 } })) }, 0, seeded());
    expect(r.sends).toEqual([]);
  });

  it('answers a BW with a BU to each target it shares an MSA with, skipping itself; ignores unknown MNs and empty lists', () => {
    const ctx = haContext();
    const r = receiveBindingWarning(emptyHomeAgentState(), ctx, bwFrom(FA1, [CN, CN2, HA]), 0, seeded());
    expect(r.sends.map((s) => s.destination)).toEqual([CN]);
    expect(receiveBindingWarning(emptyHomeAgentState(), ctx, bwFrom(FA1, [CN], '10.1.0.99'), 0, seeded()).sends).toEqual([]);
    expect(receiveBindingWarning(emptyHomeAgentState(), ctx, bwFrom(FA1, []), 0, seeded()).traces.at(-1)!.ref).toBe('lab choice, optim-08 §4.1');
  });

  it('after a deregistration, BW-extension targets get a delete BU (trigger d)', () => {
    const r = afterRegistrationAccepted(emptyHomeAgentState(), haContext({ bindings: EMPTY_MOBILITY_BINDINGS }), MN, [CN], 0, seeded());
    expect(buOf(r.sends[0]!)).toMatchObject({ lifetime: 0, careOfAddress: MN });
  });
});

describe('home agent: answers to Binding Requests are rate-limited too (Perkins & Johnson §3.3; OC-43 revised)', () => {
  it('a Binding Request every 100 ms for 10 s gets answers at 0, 1, 3 and 7 s only', () => {
    let state = emptyHomeAgentState();
    const ctx = haContext({ bindings: registered(FA1, {}, 300) });
    const answeredAt: number[] = [];
    for (let t = 0; t <= 10 * S; t += S / 10) {
      const r = receiveBindingRequest(state, ctx, brFrom(CN, { high: 0xd5c1e2a1, low: t + 1 }), t, seeded(t));
      state = r.state;
      if (r.sends.length > 0) answeredAt.push(t / S);
      else expect(r.traces.at(-1)!.reason).toMatch(/rate-limited/);
    }
    expect(answeredAt).toEqual([0, 1, 3, 7]);
  });

  it('the answer has its own bucket: an unsolicited update just before does not swallow it', () => {
    const ctx = haContext({ bindings: registered(FA1, {}, 300) });
    const a = afterTunnellingFor(emptyHomeAgentState(), ctx, CN, MN, 0, seeded());
    expect(a.sends).toHaveLength(1);
    const b = receiveBindingRequest(a.state, ctx, brFrom(CN), 10_000, seeded());
    expect(b.sends).toHaveLength(1);
  });
});

describe('home agent: nonce resynchronisation through a Binding Request (OC-44)', () => {
  it('a first-contact BU is refused with 133, the CN challenges, the answer is accepted, then unsolicited ones are', () => {
    const random = seeded();
    const ha = haContext({ associations: associations(msa(CN, HA_CN_KEY, HA_CN_SPI, 'nonce')) });
    const cnCtx = cnContext({ associations: associations(msa(HA, HA_CN_KEY, HA_CN_SPI, 'nonce')) });
    const first = afterTunnellingFor(emptyHomeAgentState(), ha, CN, MN, 0, random);
    const refused = receiveBindingUpdate(emptyCorrespondentState(), cnCtx, arrival(first.sends[0]!), 0, random);
    expect(peekBinding(refused.state.cache, MN, 0)).toBeNull();
    expect(refused.sends).toHaveLength(1); // the BR (A = 0, so no BA)
    const answer = receiveBindingRequest(first.state, ha, arrival(refused.sends[0]!), 10_000, random);
    const synced = receiveBindingUpdate(refused.state, cnCtx, arrival(answer.sends[0]!), 20_000, random);
    expect(peekBinding(synced.state.cache, MN, 20_000)).toMatchObject({ careOfAddress: FA1 });
    const later = afterTunnellingFor(answer.state, ha, CN, MN, 2 * S, random);
    const accepted = receiveBindingUpdate(synced.state, cnCtx, arrival(later.sends[0]!), 2 * S, random);
    expect(accepted.traces.some((t) => /nonce 0x[0-9a-f]+ as expected/.test(t.reason ?? ''))).toBe(true);
  });
});

describe('home agent: acknowledged correspondents (trigger f, Perkins & Johnson §3.4; optim-08 §7.3)', () => {
  it('a CN that acknowledged gets a fresh BU with A = 1 on the next registration', () => {
    const random = seeded();
    const ctx = haContext({ maintainAcknowledgedList: true });
    const a = afterTunnellingFor(emptyHomeAgentState(), ctx, CN, MN, 0, random);
    expect(buOf(a.sends[0]!).flags.acknowledge).toBe(true);
    const cn = receiveBindingUpdate(emptyCorrespondentState(), cnContext(), arrival(a.sends[0]!), 0, random);
    const acked = receiveBindingAcknowledge(a.state, ctx, arrival(cn.sends[0]!), 10_000);
    expect(correspondentsOf(acked.state.acknowledged, MN)).toEqual([CN]);
    const moved = afterRegistrationAccepted(acked.state, { ...ctx, bindings: registered(FA2, {}, 300, 50 * S) }, MN, [], 50 * S, random);
    expect(moved.sends.map((s) => [s.destination, buOf(s).careOfAddress, buOf(s).flags.acknowledge])).toEqual([[CN, FA2, true]]);
  });

  it('the correspondent\'s acknowledgement is authenticated with their association, and one that is not is refused (Perkins & Johnson §3.5; OC-36)', () => {
    const random = seeded();
    const ctx = haContext({ maintainAcknowledgedList: true });
    const a = afterTunnellingFor(emptyHomeAgentState(), ctx, CN, MN, 0, random);
    const cn = receiveBindingUpdate(emptyCorrespondentState(), cnContext(), arrival(a.sends[0]!), 0, random);
    const genuine = parseMipMessage(cn.sends[0]!.payload);
    expect(genuine.ok && genuine.value.kind === 'binding-acknowledge' && genuine.value.extensions.map((x) => (x.kind === 'ro-auth' ? x.spi : null))).toEqual([HA_CN_SPI]);
    const forged = acknowledgeSend({ status: 0, homeAddress: MN, identification: buOf(a.sends[0]!).identification, from: CN, to: HA, ref: 'test' });
    const refused = receiveBindingAcknowledge(a.state, ctx, arrival(forged), 10_000);
    expect(refused.state).toBe(a.state);
    expect(refused.traces.at(-1)).toMatchObject({ kind: 'dropped', reason: expect.stringMatching(/^not authenticated/) });
  });
});

describe('home agent: the mobile node comes home (trigger g, Perkins & Johnson §3.3, §4.2; OC-45)', () => {
  it('every node it told the binding gets a delete Binding Update once the mobile node has deregistered; one told to delete it is off the list', () => {
    const random = seeded();
    const ctx = haContext();
    const told = afterTunnellingFor(emptyHomeAgentState(), ctx, CN, MN, 0, random);
    expect(told.sends).toHaveLength(1);
    const home = afterRegistrationAccepted(told.state, { ...ctx, bindings: EMPTY_MOBILITY_BINDINGS }, MN, [], 40 * S, random);
    expect(home.sends.map((s) => [s.destination, buOf(s).careOfAddress, buOf(s).lifetime])).toEqual([[CN, MN, 0]]);
    expect(afterRegistrationAccepted(home.state, { ...ctx, bindings: EMPTY_MOBILITY_BINDINGS }, MN, [], 80 * S, random).sends).toEqual([]);
    // Still away (a new registration): nobody is told to delete anything.
    expect(afterRegistrationAccepted(told.state, { ...ctx, bindings: registered(FA2, {}, 300, 40 * S) }, MN, [], 40 * S, random).sends).toEqual([]);
  });
});

describe('home agent: special tunnels (Perkins & Johnson §4.3; spectun-00 §3.1, trigger e)', () => {
  const ctx = haContext({ associations: associations(msa(CN, HA_CN_KEY, HA_CN_SPI), msa(FA2, HA_CN_KEY, 0x200)) });
  const input = (outerSource: string) => ({ outerSource, innerSource: CN, homeAddress: MN, inner: dataDatagram(), ipIdentification: 3 });

  it('delivers on the home link when the MN is at home (OC-45)', () => {
    expect(receiveSpecialTunnel(emptyHomeAgentState(), haContext({ bindings: EMPTY_MOBILITY_BINDINGS }), input(FA2), 0, seeded()).action).toBe('deliver-home');
  });

  it('discards one coming from the current care-of address', () => {
    const r = receiveSpecialTunnel(emptyHomeAgentState(), ctx, input(FA1), 0, seeded());
    expect(r.action).toBe('discard');
    expect(r.sends).toEqual([]);
  });

  it('otherwise re-tunnels from the HA (OC-30) and sends BUs to the outer and inner sources', () => {
    const r = receiveSpecialTunnel(emptyHomeAgentState(), ctx, input(FA2), 0, seeded());
    expect(r.action).toBe('retunnel');
    const outer = parseIpv4(r.forwards[0]!.bytes);
    expect(outer.ok && [outer.value.source, outer.value.destination]).toEqual([HA, FA1]);
    const inner = decapsulateIpInIp(r.forwards[0]!.bytes);
    expect(inner.ok && inner.value.innerDatagram.ttl).toBe(63);
    expect(r.sends.map((s) => s.destination)).toEqual([FA2, CN]);
  });
});
