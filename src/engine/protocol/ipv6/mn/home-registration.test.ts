// Home registration of the IPv6 mobile node (RFC 6275 §11.7.1; RFC 6275
// §11.7.1, §11.7.3, §11.8), driven with hand-built Router Advertisements and
// Binding Acknowledgements.

import { describe, expect, it } from 'vitest';
import { verifyAhIcv } from '../../../crypto/ah-icv';
import type { NodeOutput } from '../../../node/contract';
import { ALL_ROUTERS } from '../../../wire/ipv6/ipv6-address';
import { NextHeader } from '../../../wire/ipv6/ipv6-header';
import type { BindingAcknowledgementMessage } from '../../../wire/ipv6/mobility-messages';
import { HOME_REFRESH_TIMER, HOME_RETRANSMIT_TIMER, refreshPoint } from './home-registration';
import type { MobileNodeV6State } from './mobile-node-v6-state';
import {
  AR1_MAC, COA1, HA, HA_KEY, HOME, awayInCell1, frameIn, mobilityOf, mobilityPacketTo, parsed, raFromHa, step, traces, transmits,
} from './test-support/mn6-fixture';

const S = 1_000_000;
const ba = (sequence: number, status = 0, lifetimeUnits = 75): BindingAcknowledgementMessage => ({ kind: 'binding-acknowledgement', status, keyManagement: false, sequence, lifetimeUnits, options: [] });
const fromHa = (m: BindingAcknowledgementMessage, destination = COA1, ah = true) => frameIn(mobilityPacketTo({
  source: HA, destination, ...(destination === COA1 ? { routingHeader2: HOME } : {}), message: m, ...(ah ? { ah: { spi: 1000, sequence: 1, key: HA_KEY } } : {}),
}), AR1_MAC);
const timerAt = (outputs: readonly NodeOutput[], key: string): number | undefined => outputs.flatMap((o) => (o.kind === 'set-timer' && o.key === key ? [o.at] : []))[0];

describe('home registration (RFC 6275 §11.7.1)', () => {
  it('on a new prefix it sends the home agent a Binding Update with A and H, from the care-of address with a Home Address option, under AH', () => {
    const s = awayInCell1();
    const sent = transmits(s.outputs);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.frame.destination).toBe(AR1_MAC); // the default router is the advertisement's sender
    const bytes = sent[0]!.frame.payload;
    const p = parsed(bytes);
    expect(p.header.source).toBe(COA1);
    expect(p.header.destination).toBe(HA);
    expect(p.homeAddressOption).toBe(HOME);
    expect(p.upperNextHeader).toBe(NextHeader.MOBILITY);
    expect(p.authentication?.spi).toBe(1000);
    expect(p.authentication?.sequence).toBe(1);
    const icv = verifyAhIcv(HA_KEY, bytes, p.authentication!.offset);
    expect(icv.ok && icv.value.valid).toBe(true);
    expect(mobilityOf(p)).toMatchObject({ kind: 'binding-update', sequence: 1, acknowledge: true, homeRegistration: true, lifetimeUnits: 75 });
    expect(s.state.home).toMatchObject({ phase: 'registering', careOfAddress: COA1, sequence: 1 });
    expect(timerAt(s.outputs, HOME_RETRANSMIT_TIMER)).toBe(2.5 * S); // first registration: 1.5 s (RFC 6275 §12)
  });

  it('retransmits an unanswered Binding Update with a new Sequence Number, the wait doubling up to 32 s (RFC 6275 §11.8)', () => {
    let s: MobileNodeV6State = awayInCell1().state;
    let now = 2.5;
    const waits: number[] = [];
    const sequences: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = step(s, { kind: 'timer', key: HOME_RETRANSMIT_TIMER }, now);
      s = r.state;
      sequences.push(mobilityOf(parsed(transmits(r.outputs)[0]!.frame.payload)).kind === 'binding-update' ? s.home.sequence : -1);
      const next = timerAt(r.outputs, HOME_RETRANSMIT_TIMER)! / S;
      waits.push(Math.round((next - now) * 1000) / 1000);
      now = next;
    }
    expect(waits).toEqual([3, 6, 12, 24, 32, 32]);
    expect(sequences).toEqual([2, 3, 4, 5, 6, 7]);
    expect(s.home.retransmissions).toBe(6);
  });

  it('a positive acknowledgement registers it and schedules the refresh at max(10 s, 20 %) before the end', () => {
    const r = step(awayInCell1().state, fromHa(ba(1)), 1.03);
    expect(r.state.home).toMatchObject({ phase: 'registered', grantedLifetimeS: 300, acknowledgedAt: 1.03 * S, expiresAt: 301.03 * S });
    expect(r.outputs).toContainEqual({ kind: 'cancel-timer', key: HOME_RETRANSMIT_TIMER });
    expect(timerAt(r.outputs, HOME_REFRESH_TIMER)).toBe(1.03 * S + 240 * S);
    expect(refreshPoint(0, 40)).toBe(30 * S);
    expect(refreshPoint(0, 20)).toBe(10 * S);
    expect(refreshPoint(0, 8)).toBe(0);
    const refreshed = step(r.state, { kind: 'timer', key: HOME_REFRESH_TIMER }, 241.03);
    expect(mobilityOf(parsed(transmits(refreshed.outputs)[0]!.frame.payload))).toMatchObject({ kind: 'binding-update', sequence: 2, homeRegistration: true });
  });

  it('discards an acknowledgement without AH, or one that answers an older Binding Update', () => {
    const s = awayInCell1().state;
    const noAh = step(s, fromHa(ba(1), COA1, false), 1.03);
    expect(noAh.state.home.phase).toBe('registering');
    expect(traces(noAh.outputs, 'dropped')[0]!.reason).toMatch(/carries no AH/);
    const old = step(s, fromHa(ba(7)), 1.03);
    expect(old.state.home.phase).toBe('registering');
    expect(traces(old.outputs, 'dropped')[0]!.reason).toMatch(/answers Binding Update #7, but the newest sent to 2001:db8:1::1 is #1/);
  });

  it('status 135: sends again above the Sequence Number the home agent last accepted (RFC 6275 §11.7.3)', () => {
    const r = step(awayInCell1().state, fromHa(ba(41, 135)), 1.03);
    const bu = mobilityOf(parsed(transmits(r.outputs)[0]!.frame.payload));
    expect(bu).toMatchObject({ kind: 'binding-update', sequence: 42 });
    expect(r.state.home.phase).toBe('registering');
  });

  it('another refusal stops the registration and says why', () => {
    const r = step(awayInCell1().state, fromHa(ba(1, 132)), 1.03);
    expect(transmits(r.outputs)).toHaveLength(0);
    expect(r.state.home.phase).toBe('none');
    expect(r.state.home.lastRefusal).toBe('the home agent refused Binding Update #1: status 132 (not home subnet)');
    expect(r.state.bindingUpdateList[HA]!.sending).toBe(false);
  });

  it('back on the home link it deletes the binding: Lifetime 0, from the home address, no Home Address option', () => {
    const registered = step(awayInCell1().state, fromHa(ba(1)), 1.03).state;
    const home = step(step(registered, { kind: 'command', command: { type: 'attachment-changed', interface: 'wlan0', before: ['cell1'], after: ['home'] } }, 5).state, raFromHa(), 5.001);
    expect(home.state.atHome).toBe(true);
    const p = parsed(transmits(home.outputs)[0]!.frame.payload);
    expect(p.header.source).toBe(HOME);
    expect(p.homeAddressOption).toBeUndefined();
    expect(mobilityOf(p)).toMatchObject({ kind: 'binding-update', sequence: 2, lifetimeUnits: 0, homeRegistration: true });
    const done = step(home.state, fromHa(ba(2, 0, 0), HOME), 5.01);
    expect(done.state.home.phase).toBe('none');
    expect(done.state.bindingUpdateList[HA]).toBeUndefined();
  });

  it('solicits routers when the link layer reports a new attachment (RFC 4861 §6.3.7)', () => {
    const r = step(awayInCell1().state, { kind: 'command', command: { type: 'attachment-changed', interface: 'wlan0', before: ['cell1'], after: ['cell2'] } }, 3);
    const p = parsed(transmits(r.outputs)[0]!.frame.payload);
    expect(p.header.destination).toBe(ALL_ROUTERS);
    expect(p.header.hopLimit).toBe(255);
    expect(r.state.movementHint).not.toBe(false);
  });
});
