// Story 1: the mobile node starts in FA1's cell and registers through it.

import { describe, expect, it } from 'vitest';
import { verifyExtension } from '../../crypto/authenticator';
import { seconds } from '../../node/time';
import { extensionOffsets } from '../../wire/mip/extensions/extensions';
import type { MipMessage } from '../../wire/mip/mip-message';
import type { ForeignAgentState } from './fa/foreign-agent';
import type { HomeAgentState } from './ha/home-agent';
import type { MobileNodeState } from './mn/mobile-node';
import { FA1, HA, HOME, KEY, labSimulation } from './test-support/lab';
import { mipMessages, type SeenMip } from './test-support/trace-reading';

function mobileHomeVerifies(seen: SeenMip): boolean {
  const m = seen.message as Extract<MipMessage, { kind: 'registration-request' | 'registration-reply' }>;
  const i = m.extensions.findIndex((e) => e.kind === 'mobile-home-auth');
  const v = verifyExtension(seen.payload, extensionOffsets(m)[i]!, KEY, 'ro98', 'keyed-md5');
  return v.ok && v.value.verified;
}

describe('registering through a foreign agent', () => {
  it('Request MN→FA1, relayed FA1→HA, Reply HA→FA1, relayed FA1→MN, every authenticator verifying', () => {
    const sim = labSimulation();
    sim.runUntil(seconds(3));
    const seen = mipMessages(sim.trace).slice(0, 4);
    expect(seen.map((s) => [s.node, s.message.kind, s.ip.source, s.ip.destination, s.sourcePort, s.destinationPort, s.ip.ttl])).toEqual([
      ['MN', 'registration-request', HOME, FA1, 49152, 434, 1], // OC-08: TTL 1 on the local link
      ['FA1', 'registration-request', '10.0.2.2', HA, 434, 434, 64], // IP source = FA's outgoing interface
      ['HA', 'registration-reply', HA, '10.0.2.2', 434, 434, 64],
      ['FA1', 'registration-reply', FA1, HOME, 434, 49152, 64],
    ]);
    const [request, relayed, reply, relayedReply] = seen as [SeenMip, SeenMip, SeenMip, SeenMip];
    expect(request.message).toMatchObject({ lifetime: 300, homeAddress: HOME, homeAgent: HA, careOfAddress: FA1 });
    // RFC 2002 §3.7.2.2: the FA relays the Request byte for byte (no MSA with the HA: nothing appended).
    expect(relayed.payload).toEqual(request.payload);
    expect(reply.message).toMatchObject({ code: 0, lifetime: 300, homeAddress: HOME, homeAgent: HA });
    expect(relayedReply.payload).toEqual(reply.payload);
    expect(seen.every(mobileHomeVerifies)).toBe(true);

    const ha = sim.nodeState<HomeAgentState>('HA');
    const binding = ha.bindings.bindings[HOME]![0]!;
    expect(binding).toMatchObject({ careOfAddress: FA1, lifetimeSeconds: 300, registeringFa: '10.0.2.2', expiresAt: reply.time + seconds(300) });
    const fa = sim.nodeState<ForeignAgentState>('FA1');
    expect(fa.visitors.pending).toEqual({});
    expect(fa.visitors.current[HOME]).toMatchObject({ state: 'registered', grantedLifetimeSeconds: 300, careOfAddress: FA1, homeAgent: HA, expiresAt: relayedReply.time + seconds(300) });
    const mn = sim.nodeState<MobileNodeState>('MN');
    // RFC 2002 §3.6.2: the MN counts the lifetime from when it sent the Request, so it expires before the HA.
    expect(mn.registration).toMatchObject({ grantedLifetime: 300, expiresAt: request.time + seconds(300) });
    expect(mn.registration!.expiresAt).toBeLessThan(binding.expiresAt!);
  });

  it('traces every table change with before and after', () => {
    const sim = labSimulation();
    sim.runUntil(seconds(3));
    const changes = sim.trace.filter((e) => e.kind === 'table-changed' && (e.summary.startsWith('mobility bindings') || e.summary.startsWith('visitor list')));
    expect(changes.map((e) => [e.node, e.summary])).toEqual([
      ['FA1', `visitor list: pending ${HOME} added`],
      ['HA', `mobility bindings: ${HOME}@${FA1} added`],
      ['FA1', `visitor list: pending ${HOME} removed`],
      ['FA1', `visitor list: ${HOME} added`],
    ]);
    expect(changes[1]!.after).toMatchObject({ careOfAddress: FA1 });
    expect(changes.every((e) => e.ref.length > 0)).toBe(true);
  });
});
