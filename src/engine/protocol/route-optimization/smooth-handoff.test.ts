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
import { checkAcknowledgeAuthentication } from './binding-acknowledge-check';
import { acknowledgeSend } from './binding-update-check';
import { keyedMd5 } from '../../crypto/keyed-md5';
import { concatBytes } from '../../wire/bytes';

const bytes = (hex: string) => Uint8Array.from(hex.trim().split(/\s+/), (h) => parseInt(h, 16));

// docs/protocol-notes.md §Test vectors "Smooth handoff" (recomputed independently by script).
const PFAN_VECTOR = bytes('60 1e 00 14 c0 a8 02 01 c0 a8 03 01 00 00 10 00 05 4a 45 df 72 f2 c4 0b c6 73 8e 22 eb 4e bb 57');
const BU_VECTOR = bytes('12 c0 00 14 0a 01 00 0a c0 a8 03 01 d5 c1 e2 a0 12 34 56 78 23 14 00 00 10 00 05 4a 45 df 72 f2 c4 0b c6 73 8e 22 eb 4e bb 57');
// The paper's rule (Perkins & Johnson §3.3): no Identification. Assembled by hand from the layout: Type 18, flags 0x80
// (A = 1, I = 0), Cache Lifetime 20, home address, new care-of address, then at octet 12 the type-35 extension
// (Length 20, SPI 0x1000) whose authenticator is keyed-MD5 over octets 0–13 (RFC 2002 §3.5.1).
const BU_PAPER_HEAD = bytes('12 80 00 14 0a 01 00 0a c0 a8 03 01 23 14 00 00 10 00');
const BU_PAPER = concatBytes(BU_PAPER_HEAD, keyedMd5(MN_FA1_KEY, BU_PAPER_HEAD.subarray(0, 14)));
const OPTIM08 = { identification: 'optim-08' } as const;

const plan = (fields: Partial<SmoothHandoffPlan> = {}): SmoothHandoffPlan => ({
  homeAddress: MN, previousForeignAgent: FA1, newCareOfAddress: FA2, requestIdentification: REQUEST_ID, key: msa(MN, MN_FA1_KEY, MN_FA1_SPI), cacheLifetimeSeconds: 20, ...fields,
});

const faState = (): PreviousForeignAgentState => ({ visitors: visitorsWithMobileNode(), cache: emptyBindingCache() });
const fa1 = { address: FA1, config: DEFAULT_RO_CONFIG };

function newFaBindingUpdate(p = plan()) {
  const n = buildPreviousFaNotification(p);
  const request = registrationRequest({ lifetime: 300, homeAddress: MN, homeAgent: HA, careOfAddress: FA2, identification: p.requestIdentification, extensions: [n.extension] });
  return { notification: n, built: bindingUpdateFromNotification(request, FA2, p.identification)! };
}

/** Is the BA authenticated with the MN–FA1 key (Perkins & Johnson §3.5; OC-36)? */
function authenticatedWithMnFa1Key(payload: Uint8Array): boolean {
  const ba = parseMipMessage(payload);
  if (!ba.ok || ba.value.kind !== 'binding-acknowledge') return false;
  return checkAcknowledgeAuthentication(payload, ba.value, msa(FA1, MN_FA1_KEY, MN_FA1_SPI), FA1, 'ro98').ok;
}

describe('smooth handoff: the mobile node and the new FA (Perkins & Johnson §4.1; optim-08 §5.1)', () => {
  it('by the paper\'s rule the BU has no Identification: I = 0 and the authentication extension at octet 12 (Perkins & Johnson §3.3; OC-06, OC-09)', () => {
    const { notification, built } = newFaBindingUpdate();
    expect(notification.bindingUpdate).toEqual(BU_PAPER);
    expect(built.send.payload).toEqual(BU_PAPER); // the new FA builds exactly what the MN authenticated
    expect(notification.extension.authenticator).toEqual(BU_PAPER.subarray(18));
  });

  it('by the optim-08 rule the PFAN extension and the BU match the test vectors (docs/protocol-notes.md §Test vectors) (OC-09, OC-10)', () => {
    const n = buildPreviousFaNotification(plan(OPTIM08));
    const ext = new Uint8Array(mipExtensionLength(n.extension));
    emitMipExtension(n.extension, ext, 0);
    expect(ext).toEqual(PFAN_VECTOR);
    expect(n.bindingUpdate).toEqual(BU_VECTOR);
  });

  it('the new FA builds the byte-identical BU from the Request, IP source = new FA, to the previous FA', () => {
    const { built } = newFaBindingUpdate(plan(OPTIM08));
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

describe('smooth handoff: the previous FA (Perkins & Johnson §4.1; optim-08 §8.1)', () => {
  it('verifies the BU, drops the visitor, forwards in-flight packets to the new CoA and warns the HA', () => {
    const { built } = newFaBindingUpdate();
    const r = receiveSmoothHandoffBindingUpdate(faState(), fa1, arrival(built.send), S);
    expect(visitorFor(r.state.visitors, MN, S)).toBeNull();
    expect(peekBinding(r.state.cache, MN, S)).toMatchObject({ careOfAddress: FA2, haAddress: HA, lifetimeSeconds: 20, origin: 'smooth-handoff' }); // OC-24

    expect(r.sends).toHaveLength(1);
    const ack = r.sends[0]!;
    expect(ack).toMatchObject({ source: FA1, destination: MN, tunnelTo: FA2 }); // OC-36
    const ba = parseMipMessage(ack.payload);
    expect(ba.ok && ba.value).toMatchObject({ kind: 'binding-acknowledge', status: 0, homeAddress: MN, identification: { high: 0, low: 0 } }); // OC-06: the BU had none
    expect(authenticatedWithMnFa1Key(ack.payload)).toBe(true); // Perkins & Johnson §3.5; OC-36
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
    // After Cache Lifetime the key is gone: the same bytes cannot be verified any more — said plainly, not as a failed authentication (OC-21).
    const late = receiveSmoothHandoffBindingUpdate(first.state, fa1, arrival(built.send), 30 * S);
    expect(late.sends).toEqual([]);
    expect(late.state).toBe(first.state);
    expect(late.traces.at(-1)).toMatchObject({ kind: 'dropped', reason: expect.stringMatching(/holds no key .* Cache Lifetime/) });
    expect(late.traces.some((t) => /authentication exception|failed authentication/.test(`${t.summary} ${t.reason ?? ''}`))).toBe(false);
  });

  it('answers a BU that asked for no acknowledgement with none (Perkins & Johnson §3.4)', () => {
    const { built } = newFaBindingUpdate();
    const noAck = built.send.payload.slice();
    noAck[1] = 0x00; // A = 0 (the authenticator no longer matches: refused, and still not answered)
    const r = receiveSmoothHandoffBindingUpdate(faState(), fa1, { ...arrival(built.send), payload: noAck }, S);
    expect(r.sends).toEqual([]);
    expect(r.traces.at(-1)).toMatchObject({ kind: 'dropped' });
  });

  it('by the optim-08 rule a BU carries the Request\'s Identification; an old one sent again is refused as a replay (Status 133)', () => {
    const newer = { high: REQUEST_ID.high + 5, low: 1 }; // the Request to the new FA comes after the one that registered here
    const fresh = newFaBindingUpdate(plan({ ...OPTIM08, requestIdentification: newer }));
    const accepted = receiveSmoothHandoffBindingUpdate(faState(), fa1, arrival(fresh.built.send), S);
    expect(visitorFor(accepted.state.visitors, MN, S)).toBeNull();
    const stale = newFaBindingUpdate(plan(OPTIM08)); // the Identification of the registration it would release, or older
    const refused = receiveSmoothHandoffBindingUpdate(faState(), fa1, arrival(stale.built.send), S);
    expect(visitorFor(refused.state.visitors, MN, S)).not.toBeNull();
    expect(refused.traces.at(-1)).toMatchObject({ kind: 'dropped', reason: expect.stringMatching(/^Status 133/) });
    expect(refused.sends).toHaveLength(1);
    const ba = parseMipMessage(refused.sends[0]!.payload);
    expect(ba.ok && ba.value).toMatchObject({ status: 133 });
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

describe('smooth handoff: the mobile node retransmits (Perkins & Johnson §4.1; optim-08 §3.2; OC-21)', () => {
  it('resends the byte-identical BU at 1, 3, 7, 15 … s until Cache Lifetime (20 s) and key retention (20 s) have passed', () => {
    const { notification } = newFaBindingUpdate(plan(OPTIM08));
    let pending = armSmoothHandoffRetransmission(EMPTY_PENDING_BINDING_UPDATES, plan(OPTIM08), notification, 300 * S, 0).state;
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

  it('a matching, authenticated Binding Acknowledge stops the retransmissions', () => {
    const { notification, built } = newFaBindingUpdate();
    const pending = armSmoothHandoffRetransmission(EMPTY_PENDING_BINDING_UPDATES, plan(), notification, 40 * S, 0).state;
    const fa = receiveSmoothHandoffBindingUpdate(faState(), fa1, arrival(built.send), 0);
    const acked = receiveSmoothHandoffAcknowledge(pending, arrival(fa.sends[0]!), 100_000);
    expect(Object.keys(acked.state.entries)).toEqual([]);
    expect(smoothHandoffTimer(acked.state, 2 * S).sends).toEqual([]);
  });

  it('an unauthenticated one is refused and the retransmissions go on (Perkins & Johnson §3.5; OC-36)', () => {
    const { notification } = newFaBindingUpdate();
    const pending = armSmoothHandoffRetransmission(EMPTY_PENDING_BINDING_UPDATES, plan(), notification, 40 * S, 0).state;
    const forged = acknowledgeSend({ status: 0, homeAddress: MN, identification: null, from: FA1, to: MN, ref: 'test' });
    const r = receiveSmoothHandoffAcknowledge(pending, arrival(forged), 100_000);
    expect(r.state).toBe(pending);
    expect(r.traces.at(-1)).toMatchObject({ kind: 'dropped', reason: expect.stringMatching(/^not authenticated/) });
    expect(smoothHandoffTimer(r.state, S).sends).toHaveLength(1);
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
