// Nonces, and the optional FA security associations (RFC 2002 §3.5.2–§3.5.4, §5.6.2, §3.7).

import { describe, expect, it } from 'vitest';
import { verifyExtension } from '../../crypto/authenticator';
import { seconds } from '../../node/time';
import { extensionOffsets } from '../../wire/mip/extensions/extensions';
import { hexToBytes } from '../../wire/test-support/laws';
import type { HomeAgentState } from './ha/home-agent';
import type { MobileNodeState } from './mn/mobile-node';
import { FA1, HA, HOME, KEY, SPI, labSimulation, mnHaAssociation } from './test-support/lab';
import { mipMessages } from './test-support/trace-reading';

const FA_KEY = hexToBytes('0102030405060708090a0b0c0d0e0f10');
const faHa = (peer: string, key = FA_KEY) => ({ spi: 300, peer, algorithm: 'keyed-md5' as const, key, replay: 'timestamp' as const });

describe('nonce-style replay protection', () => {
  it('first contact is refused with 133 and a fresh nonce; the next Request echoes it and is accepted', () => {
    const sim = labSimulation({ mn: { homeAgentAssociation: mnHaAssociation(HA, KEY, 'nonce') }, ha: { associations: [mnHaAssociation(HOME, KEY, 'nonce')] } });
    sim.runUntil(seconds(4));
    const seen = mipMessages(sim.trace);
    const replies = seen.filter((s) => s.node === 'HA').map((s) => s.message as { code: number; identification: { high: number } });
    expect(replies.map((r) => r.code)).toEqual([133, 0]);
    const requests = seen.filter((s) => s.node === 'MN').map((s) => s.message as { identification: { high: number } });
    expect(requests[1]!.identification.high).toBe(replies[0]!.identification.high); // RFC 2002 §5.6.2
    expect(sim.nodeState<MobileNodeState>('MN').replay.homeAgentNonce).toBe(replies[1]!.identification.high);
  });

  it('an unanswered Request is resent byte for byte', () => {
    const sim = labSimulation({ mn: { homeAgent: '10.1.0.99', homeAgentAssociation: mnHaAssociation('10.1.0.99', KEY, 'nonce') } });
    sim.runUntil(seconds(4));
    const sent = mipMessages(sim.trace).filter((s) => s.node === 'MN');
    expect(sent).toHaveLength(3);
    expect(sent[1]!.payload).toEqual(sent[0]!.payload);
    expect(sent[2]!.payload).toEqual(sent[0]!.payload);
  });
});

describe('foreign agent security associations', () => {
  it('with an FA–HA MSA the relayed Request and the Reply carry a Foreign-Home extension that verifies', () => {
    const sim = labSimulation({ fa1: { associations: [faHa(HA)] }, ha: { associations: [mnHaAssociation(HOME), faHa('10.0.2.2')] } });
    sim.runUntil(seconds(3));
    const [request, relayed, reply, relayedReply] = mipMessages(sim.trace);
    expect(relayed!.payload.subarray(0, request!.payload.length)).toEqual(request!.payload); // unchanged through the Mobile-Home extension
    for (const s of [relayed!, reply!]) {
      const m = s.message as Extract<typeof s.message, { kind: 'registration-request' | 'registration-reply' }>;
      const i = m.extensions.findIndex((e) => e.kind === 'foreign-home-auth');
      expect(i).toBeGreaterThan(0);
      const v = verifyExtension(s.payload, extensionOffsets(s.message)[i]!, FA_KEY, 'ro98', 'keyed-md5');
      expect(v.ok && v.value.verified).toBe(true);
    }
    // The FA strips the Foreign-Home extension before relaying the Reply to the MN.
    expect(relayedReply!.payload.length).toBe(reply!.payload.length - 22);
    expect(sim.nodeState<HomeAgentState>('HA').bindings.bindings[HOME]![0]!.careOfAddress).toBe(FA1);
  });

  it('a wrong FA–HA key: the HA answers 132 and the FA, unable to verify that Reply, tells the MN 68', () => {
    const sim = labSimulation({ fa1: { associations: [faHa(HA)] }, ha: { associations: [mnHaAssociation(HOME), faHa('10.0.2.2', KEY)] } });
    sim.runUntil(seconds(3));
    const codes = mipMessages(sim.trace).filter((s) => s.message.kind === 'registration-reply').map((s) => [s.node, (s.message as { code: number }).code]);
    expect(codes.slice(0, 2)).toEqual([['HA', 132], ['FA1', 68]]);
    expect(sim.nodeState<HomeAgentState>('HA').bindings.bindings).toEqual({});
  });

  it('with an MN–FA MSA the FA requires Mobile-Foreign authentication: a bad one is denied with 67', () => {
    const mnFa = { spi: SPI + 1, peer: FA1, algorithm: 'keyed-md5' as const, key: FA_KEY, replay: 'timestamp' as const };
    const good = labSimulation({ mn: { foreignAgentAssociations: [mnFa] }, fa1: { associations: [{ ...mnFa, peer: HOME }] } });
    good.runUntil(seconds(3));
    expect(good.nodeState<MobileNodeState>('MN').registration).not.toBeNull();
    const bad = labSimulation({ mn: { foreignAgentAssociations: [mnFa] }, fa1: { associations: [{ ...mnFa, peer: HOME, key: KEY }] } });
    bad.runUntil(seconds(3));
    const fa = mipMessages(bad.trace).filter((s) => s.node === 'FA1');
    expect(fa.map((s) => (s.message as { code: number }).code)[0]).toBe(67);
    expect(mipMessages(bad.trace).some((s) => s.node === 'FA1' && s.message.kind === 'registration-request')).toBe(false);
  });
});
