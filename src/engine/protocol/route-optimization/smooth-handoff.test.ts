import { describe, expect, it } from 'vitest';
import { decapsulateIpInIp } from '../../wire/ip-in-ip';
import { parseIpv4 } from '../../wire/ipv4';
import { emitMipExtension, mipExtensionLength } from '../../wire/mip/extensions/mip-extension';
import { parseMipMessage } from '../../wire/mip/mip-message';
import { registrationRequest } from '../../wire/mip/registration-request';
import { peekBinding } from '../tables/binding-cache';
import { emptyBindingCache } from '../tables/binding-cache';
import { EMPTY_PENDING_BINDING_UPDATES } from '../tables/pending-binding-updates';
import { emptyRateLimiter } from '../tables/rate-limiter';
import { EMPTY_VISITOR_LIST, recordPendingRequest, visitorFor } from '../tables/visitor-list';
import { receiveTunnelledDatagram } from './foreign-agent-ro';
import { armSmoothHandoffRetransmission, receiveSmoothHandoffAcknowledge, smoothHandoffTimer } from './mobile-node-handoff';
import { receiveSmoothHandoffBindingUpdate, type PreviousForeignAgentState } from './previous-foreign-agent';
import {
  EMPTY_PENDING_ACK_DELIVERIES, bindingUpdateFromNotification, buildPreviousFaNotification, deliverToPendingMobileNode, type SmoothHandoffPlan,
} from './smooth-handoff';
import { CN, FA1, FA2, HA, MN, MN_FA1_KEY, MN_FA1_SPI, REQUEST_ID, S, arrival, dataDatagram, msa, visitorsWithMobileNode } from './test-support/ro-world';
import { DEFAULT_RO_CONFIG, toDatagram } from './types';

const bytes = (hex: string) => Uint8Array.from(hex.trim().split(/\s+/), (h) => parseInt(h, 16));

// route-optimization.md §23 "Smooth handoff" (recomputed independently by script).
const PFAN_VECTOR = bytes('60 1e 00 14 c0 a8 02 01 c0 a8 03 01 00 00 10 00 05 4a 45 df 72 f2 c4 0b c6 73 8e 22 eb 4e bb 57');
const BU_VECTOR = bytes('12 c0 00 14 0a 01 00 0a c0 a8 03 01 d5 c1 e2 a0 12 34 56 78 23 14 00 00 10 00 05 4a 45 df 72 f2 c4 0b c6 73 8e 22 eb 4e bb 57');

const plan = (fields: Partial<SmoothHandoffPlan> = {}): SmoothHandoffPlan => ({
  homeAddress: MN, previousForeignAgent: FA1, newCareOfAddress: FA2, requestIdentification: REQUEST_ID, key: msa(MN, MN_FA1_KEY, MN_FA1_SPI), cacheLifetimeSeconds: 20, ...fields,
});

const faState = (): PreviousForeignAgentState => ({ visitors: visitorsWithMobileNode(), cache: emptyBindingCache() });
const fa1 = { address: FA1, config: DEFAULT_RO_CONFIG };

function newFaBindingUpdate(p = plan()) {
  const n = buildPreviousFaNotification(p);
  const request = registrationRequest({ lifetime: 300, homeAddress: MN, homeAgent: HA, careOfAddress: FA2, identification: REQUEST_ID, extensions: [n.extension] });
  return { notification: n, built: bindingUpdateFromNotification(request, FA2)! };
}

describe('smooth handoff: the mobile node and the new FA (§11)', () => {
  it('the PFAN extension and the BU match the §23 vectors (OC-09, OC-10)', () => {
    const n = buildPreviousFaNotification(plan());
    const ext = new Uint8Array(mipExtensionLength(n.extension));
    emitMipExtension(n.extension, ext, 0);
    expect(ext).toEqual(PFAN_VECTOR);
    expect(n.bindingUpdate).toEqual(BU_VECTOR);
  });

  it('the new FA builds the byte-identical BU from the Request, IP source = new FA, to the previous FA', () => {
    const { built } = newFaBindingUpdate();
    expect(built.send.payload).toEqual(BU_VECTOR);
    expect(built.send).toMatchObject({ source: FA2, destination: FA1, sourcePort: 434, destinationPort: 434, ttl: 64 });
  });

  it('the default Cache Lifetime is 10 s (OC-22)', () => {
    expect(buildPreviousFaNotification(plan({ cacheLifetimeSeconds: undefined })).extension.cacheLifetime).toBe(10);
  });

  it('no PFAN, no BU', () => {
    expect(bindingUpdateFromNotification(registrationRequest({ lifetime: 300, homeAddress: MN, homeAgent: HA, careOfAddress: FA2, identification: REQUEST_ID }), FA2)).toBeNull();
  });
});

describe('smooth handoff: the previous FA (§18.6)', () => {
  it('verifies the BU, drops the visitor, forwards in-flight packets to the new CoA and warns the HA', () => {
    const { built } = newFaBindingUpdate();
    const r = receiveSmoothHandoffBindingUpdate(faState(), fa1, arrival(built.send), S);
    expect(visitorFor(r.state.visitors, MN, S)).toBeNull();
    expect(peekBinding(r.state.cache, MN, S)).toMatchObject({ careOfAddress: FA2, haAddress: HA, lifetimeSeconds: 20, origin: 'smooth-handoff' }); // OC-24

    expect(r.sends).toHaveLength(1);
    const ack = r.sends[0]!;
    expect(ack).toMatchObject({ source: FA1, destination: MN, tunnelTo: FA2 }); // OC-36
    const ba = parseMipMessage(ack.payload);
    expect(ba.ok && ba.value).toMatchObject({ kind: 'binding-acknowledge', status: 0, homeAddress: MN, identification: REQUEST_ID });
    const wire = toDatagram(ack, 5);
    const outer = parseIpv4(wire);
    expect(outer.ok && [outer.value.source, outer.value.destination, outer.value.protocol]).toEqual([FA1, FA2, 4]);

    // A datagram the HA had already tunnelled to FA1 arrives: re-tunnelled to FA2, and the HA is warned about its sender.
    const inFlight = receiveTunnelledDatagram({ cache: r.state.cache, warningLimiter: emptyRateLimiter('Binding Warning') }, { address: FA1, visitors: r.state.visitors }, { outerSource: CN, inner: dataDatagram(), ipIdentification: 6 }, 2 * S);
    expect(inFlight.action).toBe('retunnel');
    expect(inFlight.sends[0]).toMatchObject({ destination: HA });
  });

  it('re-verifies and re-acknowledges a retransmitted identical BU (from the MN itself) without further change (OC-23, OC-34)', () => {
    const { built } = newFaBindingUpdate();
    const first = receiveSmoothHandoffBindingUpdate(faState(), fa1, arrival(built.send), S);
    const again = receiveSmoothHandoffBindingUpdate(first.state, fa1, { payload: built.send.payload, source: MN, destination: FA1 }, 3 * S);
    expect(again.state).toEqual(first.state);
    expect(again.sends).toHaveLength(1);
    expect(again.sends[0]).toMatchObject({ destination: MN, tunnelTo: FA2 });
    // After Cache Lifetime the key is gone: the same bytes now fail authentication.
    const late = receiveSmoothHandoffBindingUpdate(first.state, fa1, arrival(built.send), 30 * S);
    const ba = parseMipMessage(late.sends[0]!.payload);
    expect(ba.ok && ba.value).toMatchObject({ status: 131 });
  });

  it('a BU that fails authentication keeps the visitor entry and answers 131', () => {
    const { built } = newFaBindingUpdate(plan({ key: msa(MN, new Uint8Array(16).fill(7), MN_FA1_SPI) }));
    const before = faState();
    const r = receiveSmoothHandoffBindingUpdate(before, fa1, arrival(built.send), S);
    expect(r.state).toBe(before);
    expect(visitorFor(r.state.visitors, MN, S)).not.toBeNull();
    const ba = parseMipMessage(r.sends[0]!.payload);
    expect(ba.ok && ba.value).toMatchObject({ status: 131 });
  });

  it('Cache Lifetime 0 only releases the visitor entry; the BA goes untunnelled', () => {
    const { built } = newFaBindingUpdate(plan({ cacheLifetimeSeconds: 0 }));
    const r = receiveSmoothHandoffBindingUpdate(faState(), fa1, arrival(built.send), S);
    expect(visitorFor(r.state.visitors, MN, S)).toBeNull();
    expect(peekBinding(r.state.cache, MN, S)).toBeNull();
    expect(r.sends[0]!.tunnelTo).toBeUndefined();
  });
});

describe('smooth handoff: the mobile node retransmits (§20 step 3; OC-21)', () => {
  it('resends the byte-identical BU at 1, 3, 7, 15 … s until the old registration ends', () => {
    const { notification } = newFaBindingUpdate();
    let pending = armSmoothHandoffRetransmission(EMPTY_PENDING_BINDING_UPDATES, plan(), notification, 40 * S, 0).state;
    const sentAt: number[] = [];
    for (let t = 0; t <= 60 * S; t += S / 2) {
      const r = smoothHandoffTimer(pending, t);
      pending = r.state;
      for (const s of r.sends) {
        sentAt.push(t / S);
        expect(s).toMatchObject({ source: MN, destination: FA1 });
        expect(s.payload).toEqual(BU_VECTOR);
      }
    }
    expect(sentAt).toEqual([1, 3, 7, 15, 31]);
    expect(Object.keys(pending.entries)).toEqual([]);
  });

  it('a matching Binding Acknowledge stops the retransmissions', () => {
    const { notification, built } = newFaBindingUpdate();
    const pending = armSmoothHandoffRetransmission(EMPTY_PENDING_BINDING_UPDATES, plan(), notification, 40 * S, 0).state;
    const fa = receiveSmoothHandoffBindingUpdate(faState(), fa1, arrival(built.send), 0);
    const acked = receiveSmoothHandoffAcknowledge(pending, arrival(fa.sends[0]!), 100_000);
    expect(Object.keys(acked.state.entries)).toEqual([]);
    expect(smoothHandoffTimer(acked.state, 2 * S).sends).toEqual([]);
  });
});

describe('smooth handoff: the new FA delivers exactly one BA to a pending MN (OC-37)', () => {
  it('lets the first tunnelled BA through, then no more, and nothing else', () => {
    const { built } = newFaBindingUpdate();
    const ack = receiveSmoothHandoffBindingUpdate(faState(), fa1, arrival(built.send), 0).sends[0]!;
    const inner = toDatagram({ ...ack, tunnelTo: undefined }, 1);
    const visitors = recordPendingRequest(EMPTY_VISITOR_LIST, {
      homeAddress: MN, linkAddress: '02:00:00:00:00:0a', requestDestination: FA2, udpSourcePort: 434, homeAgent: HA, careOfAddress: FA2, identification: REQUEST_ID, requestedLifetimeSeconds: 300,
    }, null, 0).table;
    const first = deliverToPendingMobileNode(EMPTY_PENDING_ACK_DELIVERIES, visitors, MN, inner, S);
    expect(first.deliver).toBe(true);
    expect(deliverToPendingMobileNode(first.state, visitors, MN, inner, S).deliver).toBe(false);
    expect(deliverToPendingMobileNode(EMPTY_PENDING_ACK_DELIVERIES, visitors, MN, dataDatagram(), S).deliver).toBe(false);
    const decapsulated = decapsulateIpInIp(toDatagram(ack, 1));
    expect(decapsulated.ok && decapsulated.value.inner).toEqual(inner);
  });
});
