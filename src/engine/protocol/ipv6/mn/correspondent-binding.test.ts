// Binding Updates from the IPv6 mobile node to a correspondent under AH
// (Perkins & Johnson §10; mipv6-07 §4.4, §10.9–§11; RFC 6275 §11.7.2–§11.7.4,
// §11.3.5), driven with hand-built packets.

import { describe, expect, it } from 'vitest';
import { verifyAhIcv } from '../../../crypto/ah-icv';
import { icmpv6Error } from '../../../wire/ipv6/icmpv6-builders';
import { NextHeader } from '../../../wire/ipv6/ipv6-header';
import { buildIpv6Packet } from '../../../wire/ipv6/ipv6-packet';
import type { BindingAcknowledgementMessage } from '../../../wire/ipv6/mobility-messages';
import type { MobileNodeV6State } from './mobile-node-v6-state';
import {
  AR1, AR1_MAC, CN, CN_KEY, COA1, HA, HA_KEY, HOME, awayInCell1, frameIn, mobilityOf, mobilityPacketTo, parsed, raFromAr1, raFromAr2, step, traces, transmits, tunnelled, udpFromCn,
} from './test-support/mn6-fixture';

const registered = (change = {}): MobileNodeV6State => step(awayInCell1(change).state, frameIn(mobilityPacketTo({
  source: HA, destination: COA1, routingHeader2: HOME, message: { kind: 'binding-acknowledgement', status: 0, keyManagement: false, sequence: 1, lifetimeUnits: 75, options: [] }, ah: { spi: 1000, sequence: 1, key: HA_KEY },
}), AR1_MAC), 1.03).state;
const viaHomeAgent = () => frameIn(tunnelled(udpFromCn()), AR1_MAC);
const ba = (sequence: number, status = 0): BindingAcknowledgementMessage => ({ kind: 'binding-acknowledgement', status, keyManagement: false, sequence, lifetimeUnits: 10, options: [] });
const fromCn = (m: Parameters<typeof mobilityPacketTo>[0]['message']) => frameIn(mobilityPacketTo({ source: CN, destination: COA1, routingHeader2: HOME, message: m }), AR1_MAC);
const sentTo = (outputs: Parameters<typeof transmits>[0], destination: string) => transmits(outputs).map((t) => parsed(t.frame.payload)).filter((p) => p.header.destination === destination);

describe('Binding Updates to a correspondent (Perkins & Johnson §10; mipv6-07 §4.4)', () => {
  it('a datagram tunnelled by the home agent is delivered and makes the mobile node send the correspondent a Binding Update under AH', () => {
    const r = step(registered(), viaHomeAgent(), 2);
    expect(traces(r.outputs, 'delivered')[0]!.summary).toMatch(/delivered tunnelled by the home agent/);
    const [p] = sentTo(r.outputs, CN);
    expect(p).toBeDefined();
    expect(p!.header.source).toBe(COA1);
    expect(p!.homeAddressOption).toBe(HOME);
    expect(p!.authentication?.spi).toBe(1001);
    const bytes = transmits(r.outputs).find((t) => parsed(t.frame.payload).upperNextHeader === NextHeader.MOBILITY)!.frame.payload;
    const icv = verifyAhIcv(CN_KEY, bytes, p!.authentication!.offset);
    expect(icv.ok && icv.value.valid).toBe(true);
    expect(mobilityOf(p!)).toMatchObject({ kind: 'binding-update', sequence: 1, acknowledge: true, homeRegistration: false, lifetimeUnits: 10 });
    expect(r.state.bindingUpdateList[CN]).toMatchObject({ kind: 'correspondent', careOfAddress: COA1, lifetimeS: 40, acknowledgedAt: null });
  });

  it('at most one per second while the binding is unchanged; after five in a row one per 10 s (mipv6-07 §10.9–§11)', () => {
    let s = registered();
    const sentAt: number[] = [];
    for (const t of [2, 2.5, 3.1, 4.2, 5.3, 6.4, 7.5, 8.6, 16.5, 17.6]) {
      const r = step(s, viaHomeAgent(), t);
      s = r.state;
      if (sentTo(r.outputs, CN).length > 0) sentAt.push(t);
      else expect(traces(r.outputs, 'decision').at(-1)!.reason).toMatch(/rate-limited/);
    }
    expect(sentAt).toEqual([2, 3.1, 4.2, 5.3, 6.4, 16.5]);
  });

  it('a datagram with a type 2 Routing header is route optimized: delivered, no Binding Update', () => {
    const r = step(registered(), frameIn(udpFromCn(COA1), AR1_MAC), 2);
    expect(traces(r.outputs, 'delivered')[0]!.summary).toMatch(/with a type 2 Routing header \(route optimized\)/);
    expect(sentTo(r.outputs, CN)).toHaveLength(0);
  });

  it('a tunnel from a node that is neither its home agent nor a previous router it asked is refused', () => {
    const r = step(registered(), frameIn(tunnelled(udpFromCn(), '2001:db8:66::1'), AR1_MAC), 2);
    expect(traces(r.outputs, 'delivered')).toHaveLength(0);
    expect(traces(r.outputs, 'dropped')[0]!.reason).toMatch(/neither the home agent nor a previous router/);
  });

  it('says why not when there is no association with the correspondent, or route optimization is off', () => {
    const noSa = step(registered({ associations: [{ peer: 'HA', peerAddresses: [HA], spi: 1000, key: HA_KEY }] }), viaHomeAgent(), 2);
    expect(sentTo(noSa.outputs, CN)).toHaveLength(0);
    expect(traces(noSa.outputs, 'decision').at(-1)!.reason).toMatch(/shares no security association with 2001:db8:100::5/);
    const off = step(registered({ routeOptimization: false }), viaHomeAgent(), 2);
    expect(sentTo(off.outputs, CN)).toHaveLength(0);
    expect(traces(off.outputs, 'decision').at(-1)!.reason).toMatch(/route optimization is turned off/);
  });

  it('an acknowledgement completes the entry; status 135 is answered above the number the correspondent accepted', () => {
    const sent = step(registered(), viaHomeAgent(), 2).state;
    const acked = step(sent, fromCn(ba(1)), 2.02);
    expect(acked.state.bindingUpdateList[CN]).toMatchObject({ acknowledgedAt: 2.02e6, grantedLifetimeS: 40 });
    const window = step(sent, fromCn(ba(77, 135)), 2.02);
    expect(mobilityOf(sentTo(window.outputs, CN)[0]!)).toMatchObject({ kind: 'binding-update', sequence: 78 });
  });

  it('a refusal it cannot correct (129) stops Binding Updates to that correspondent', () => {
    const refused = step(step(registered(), viaHomeAgent(), 2).state, fromCn(ba(1, 129)), 2.02);
    expect(refused.state.bindingUpdateList[CN]!.sending).toBe(false);
    expect(traces(refused.outputs, 'decision').at(-1)!.reason).toMatch(/129 \(administratively prohibited\).*no more Binding Updates/);
    const later = step(refused.state, viaHomeAgent(), 5);
    expect(sentTo(later.outputs, CN)).toHaveLength(0);
  });

  it('answers a Binding Refresh Request with a Binding Update, even right after an unsolicited one', () => {
    const sent = step(registered(), viaHomeAgent(), 2).state;
    const r = step(sent, fromCn({ kind: 'binding-refresh-request', options: [] }), 2.3);
    expect(mobilityOf(sentTo(r.outputs, CN)[0]!)).toMatchObject({ kind: 'binding-update', sequence: 2 });
  });

  it('an ICMPv6 Parameter Problem pointing at the Mobility Header stops Binding Updates to that correspondent (RFC 6275 §11.3.5)', () => {
    const r0 = step(registered(), viaHomeAgent(), 2);
    const bu = transmits(r0.outputs).map((t) => t.frame.payload).find((b) => parsed(b).header.destination === CN)!;
    const nextHeaderAt = parsed(bu).headerChain.at(-1)!.offset; // the Destination Options header's Next Header names the MH
    const problem = buildIpv6Packet({
      source: CN, destination: COA1, hopLimit: 64,
      upper: { nextHeader: NextHeader.ICMPV6, bytes: (pseudo) => icmpv6Error({ kind: 'parameter-problem', code: 0, pointer: nextHeaderAt }, bu, pseudo) },
    });
    const r = step(r0.state, frameIn(problem, AR1_MAC), 2.02);
    expect(r.state.noMobilitySupport).toEqual([CN]);
    expect(r.state.bindingUpdateList[CN]!.sending).toBe(false);
    const later = step(r.state, viaHomeAgent(), 5);
    expect(sentTo(later.outputs, CN)).toHaveLength(0);
    expect(traces(later.outputs, 'decision').at(-1)!.reason).toMatch(/Parameter Problem/);
  });

  it('retransmits an unanswered Binding Update to the correspondent after 1 s, then 2 s (RFC 6275 §11.8)', () => {
    const sent = step(registered(), viaHomeAgent(), 2);
    const timer = sent.outputs.find((o) => o.kind === 'set-timer' && o.key.startsWith('mn6:cn-retransmit:')) as { key: string; at: number };
    expect(timer.at).toBe(3e6);
    const again = step(sent.state, { kind: 'timer', key: timer.key }, 3);
    expect(mobilityOf(sentTo(again.outputs, CN)[0]!)).toMatchObject({ kind: 'binding-update', sequence: 2 });
    const next = again.outputs.find((o) => o.kind === 'set-timer' && o.key === timer.key) as { at: number };
    expect(next.at).toBe(5e6);
    const acked = step(again.state, fromCn(ba(2)), 3.02).state;
    expect(transmits(step(acked, { kind: 'timer', key: timer.key }, 5).outputs)).toHaveLength(0);
  });

  it('asks the previous router to forward after a move, or says why it cannot (Perkins & Johnson §10; mipv6-07 §10.8)', () => {
    const moved = (state: MobileNodeV6State) => step(step(state, { kind: 'command', command: { type: 'attachment-changed', interface: 'wlan0', before: ['cell1'], after: ['cell2'] } }, 5).state,
      raFromAr2(), 5.001);
    const r = moved(registered());
    const [toAr1] = sentTo(r.outputs, AR1);
    expect(toAr1!.homeAddressOption).toBe(COA1);
    expect(toAr1!.authentication?.spi).toBe(1002);
    expect(mobilityOf(toAr1!)).toMatchObject({ kind: 'binding-update', homeRegistration: true, acknowledge: true, lifetimeUnits: 5 });
    const without = moved(registered({ associations: [{ peer: 'HA', peerAddresses: [HA], spi: 1000, key: HA_KEY }] }));
    expect(sentTo(without.outputs, AR1)).toHaveLength(0);
    expect(traces(without.outputs, 'decision').find((t) => t.summary === 'no smooth handoff')!.reason).toMatch(/no security association with its previous router 2001:db8:2::1/);
  });

  it('a binding whose lifetime ran out leaves the Binding Update List at the next Router Advertisement (RFC 6275 §11.1)', () => {
    const acked = step(step(registered(), viaHomeAgent(), 2).state, fromCn(ba(1)), 2.02).state;
    expect(step(acked, raFromAr1(), 41).state.bindingUpdateList[CN]).toBeDefined();
    const swept = step(acked, raFromAr1(), 42.03);
    expect(swept.state.bindingUpdateList[CN]).toBeUndefined();
    expect(traces(swept.outputs, 'table-changed').map((t) => t.summary)).toEqual([`Binding Update List: ${CN} expired`]);
  });
});
