// A foreign agent that shares a security association with the mobile node's
// home agent accepts the home agent's Binding Updates like any binding-cache
// holder (Perkins & Johnson §3.3): after a move without smooth handoff the
// old foreign agent special-tunnels a stale correspondent's datagram home
// (spectun-00 §3), the home agent answers it with a Binding Update, and from
// then on the old foreign agent re-tunnels what still arrives — it no longer
// refuses the home agent's genuine update as if it were an attack.

import { describe, expect, it } from 'vitest';
import { milliseconds, seconds } from '../../../node/time';
import { CN, FA1, FA2, HA, HOME, IN_CELL2, haCnAssociation, mnHaAssociation } from '../test-support/lab';
import { mipMessages } from '../test-support/trace-reading';
import { roLab } from '../cn/test-support';
import type { ForeignAgentState } from './foreign-agent';

const FA_HA_KEY = Uint8Array.from({ length: 16 }, (_, i) => 0x40 + i);
const FA_HA_SPI = 0x300;

function story() {
  const sim = roLab({
    ha: { associations: [mnHaAssociation(HOME), haCnAssociation(CN), { spi: FA_HA_SPI, peer: FA1, algorithm: 'keyed-md5', key: FA_HA_KEY, replay: 'timestamp' }] },
    fa1: { associations: [{ spi: FA_HA_SPI, peer: HA, algorithm: 'keyed-md5', key: FA_HA_KEY, replay: 'timestamp' }] },
    flow: { start: seconds(2), interval: milliseconds(20), count: 400 },
  });
  sim.moveNode('MN', IN_CELL2, seconds(4)); // no smooth handoff: FA1 keeps nothing for the mobile node
  sim.runUntil(seconds(9));
  return sim;
}

describe('the old foreign agent and the home agent\'s Binding Update (Perkins & Johnson §3.3)', () => {
  const sim = story();
  const toFa1 = mipMessages(sim.trace).flatMap((m) => (m.node === 'HA' && m.message.kind === 'binding-update' && m.ip.destination === FA1 ? [{ ...m, message: m.message }] : []));

  it('the home agent sends the foreign agent that special-tunnelled a datagram a Binding Update', () => {
    expect(sim.trace.some((e) => e.node === 'FA1' && e.kind === 'forwarded' && /special tunnel/.test(e.summary))).toBe(true);
    expect(toFa1.length).toBeGreaterThanOrEqual(1);
    expect(toFa1[0]!.message).toMatchObject({ homeAddress: HOME, careOfAddress: FA2 });
  });

  it('the foreign agent verifies it with the association it shares with the home agent and caches the binding', () => {
    const fa1Events = sim.trace.filter((e) => e.node === 'FA1' && e.time >= toFa1[0]!.time);
    expect(fa1Events.some((e) => e.kind === 'decision' && e.summary === 'Binding Update authenticated' && (e.reason ?? '').includes(`SPI ${FA_HA_SPI}`))).toBe(true);
    expect(fa1Events.filter((e) => e.kind === 'dropped' && /Binding Update/.test(e.summary))).toEqual([]);
    const entry = sim.nodeState<ForeignAgentState>('FA1').bindingCache.entries[HOME];
    expect(entry).toMatchObject({ careOfAddress: FA2, haAddress: HA, origin: 'home-agent' });
  });

  it('and sends no Binding Acknowledge, since the update did not ask for one (A = 0, Perkins & Johnson §3.4)', () => {
    expect(toFa1[0]!.message.flags.acknowledge).toBe(false);
    expect(mipMessages(sim.trace).filter((m) => m.node === 'FA1' && m.message.kind === 'binding-acknowledge')).toEqual([]);
  });
});
