// The checkers behind the invariant properties, on hand-built traces: each
// must find the violation it exists for, and stay quiet on the legal case next
// to it — otherwise a passing property would mean nothing.

import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/node/contract';
import type { Simulation } from '../../engine/network/simulation';
import { udpDatagram } from '../../engine/wire/datagram';
import { encapsulateIpInIp } from '../../engine/wire/ip-in-ip';
import { emitMipMessage, mipMessageLength, type MipMessage } from '../../engine/wire/mip/mip-message';
import { bindingRequest } from '../../engine/wire/mip/binding-request';
import { bindingUpdate } from '../../engine/wire/mip/binding-update';
import { bindingWarning } from '../../engine/wire/mip/binding-warning';
import { registrationRequest } from '../../engine/wire/mip/registration-request';
import {
  adversaryChangeViolations, bindingRequestViolations, cacheLifetimeViolations, expiredEntriesHeld,
  rateLimitViolations, requiredGapSeconds, tunnelBoundViolations, type RunFacts,
} from './test-support/invariants';

const S = 1_000_000;
const HOME = '10.1.0.10';
const HA = '10.1.0.1';
const CN = '198.51.100.5';
const FA1 = '192.168.2.1';
const FA2 = '192.168.3.1';
const EVIL = '198.51.100.66';

let seq = 0;
function ev(e: Omit<TraceEvent, 'id' | 'ref'> & Partial<Pick<TraceEvent, 'id'>>): TraceEvent {
  return { ref: 'test', id: e.id ?? `${e.node}:${seq++}`, ...e };
}

function facts(trace: TraceEvent[], rateLimit: 'exponential' | 'mipv6-07' = 'exponential'): RunFacts {
  return {
    trace,
    roles: new Map([['HA', 'home-agent'], ['FA1', 'foreign-agent'], ['FA2', 'foreign-agent'], ['CN', 'correspondent'], ['MN', 'mobile-node'], ['Eve', 'adversary'], ['R', 'router']]),
    addresses: new Map([['HA', new Set([HA])], ['FA1', new Set([FA1])], ['FA2', new Set([FA2])], ['CN', new Set([CN])], ['MN', new Set([HOME])], ['Eve', new Set([EVIL])], ['R', new Set(['10.0.0.1'])]]),
    rateLimit: new Map([['HA', rateLimit]]),
  };
}

const flowDatagram = udpDatagram({ source: CN, destination: HOME, identification: 7 }, 5000, 7, Uint8Array.of(1, 2, 3, 4));

function tunnel(from: string, to: string, inner = flowDatagram): Uint8Array {
  const r = encapsulateIpInIp(inner, { source: from, destination: to, identification: 1, decrementInnerTtl: from !== CN });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

function mip(source: string, destination: string, m: MipMessage): Uint8Array {
  const payload = new Uint8Array(mipMessageLength(m));
  emitMipMessage(m, payload, 0);
  return udpDatagram({ source, destination, identification: 0 }, 434, 434, payload);
}

const bu = (careOf: string, lifetime = 60) => bindingUpdate({ homeAddress: HOME, careOfAddress: careOf, lifetime, identification: { high: 1, low: 2 } });
const cacheEntry = (careOfAddress: string, expiresAt: number | null, lifetimeSeconds = 60) => ({ homeAddress: HOME, careOfAddress, expiresAt, lifetimeSeconds });

describe('tunnel bound (a)', () => {
  const bounce = (n: number): TraceEvent[] => Array.from({ length: n }, (_, i) => {
    const node = i === 0 ? 'CN' : i % 2 === 1 ? 'FA1' : 'FA2';
    const own = node === 'CN' ? CN : node === 'FA1' ? FA1 : FA2;
    return ev({ time: i * 1000, node, kind: i === 0 ? 'sent' : 'forwarded', summary: 'x', bytes: tunnel(own, own === FA1 ? FA2 : FA1) });
  });

  it('counts every tunnel entry of the same inner datagram, whatever its TTL, and flags a fifth', () => {
    expect(tunnelBoundViolations(facts(bounce(4)), 4)).toEqual([]);
    const v = tunnelBoundViolations(facts(bounce(5)), 4);
    expect(v).toHaveLength(1);
    expect(v[0]).toContain('tunnelled 5 times');
  });

  it('does not count a router passing a tunnel on, nor a different datagram', () => {
    const passOn = Array.from({ length: 6 }, (_, i) => ev({ time: i, node: 'R', kind: 'forwarded', summary: 'x', bytes: tunnel(CN, FA1) }));
    const others = Array.from({ length: 6 }, (_, i) => ev({ time: i, node: 'CN', kind: 'sent', summary: 'x', bytes: tunnel(CN, FA1, udpDatagram({ source: CN, destination: HOME, identification: 100 + i }, 5000, 7, Uint8Array.of(i))) }));
    expect(tunnelBoundViolations(facts([...passOn, ...others]), 4)).toEqual([]);
  });
});

describe('changes made by an adversary (b)', () => {
  it('follows the message back over links and routers to its maker', () => {
    const sent = ev({ time: 0, node: 'Eve', kind: 'sent', summary: 'forged', bytes: flowDatagram });
    const atRouter = ev({ time: 1, node: 'R', kind: 'received', summary: 'x', causedBy: sent.id });
    const forwarded = ev({ time: 1, node: 'R', kind: 'forwarded', summary: 'x', causedBy: atRouter.id });
    const atHa = ev({ time: 2, node: 'HA', kind: 'received', summary: 'x', causedBy: forwarded.id });
    const change = ev({ time: 2, node: 'HA', kind: 'table-changed', summary: 'mobility bindings: 10.1.0.10@198.51.100.66 added', causedBy: atHa.id, after: cacheEntry(EVIL, 100) });
    expect(adversaryChangeViolations(facts([sent, atRouter, forwarded, atHa, change]))).toHaveLength(1);
  });

  /** A Registration Request made by `maker`, relayed by FA1 to the home agent, and the binding change it causes there. */
  function relayedRegistration(maker: 'MN' | 'Eve'): TraceEvent[] {
    const rrq = registrationRequest({ lifetime: 60, homeAddress: HOME, homeAgent: HA, careOfAddress: FA1, identification: { high: 1, low: 2 } });
    const sent = ev({ time: 0, node: maker, kind: 'sent', summary: 'rrq', bytes: mip(maker === 'MN' ? HOME : EVIL, FA1, rrq) });
    const atFa = ev({ time: 1, node: 'FA1', kind: 'received', summary: 'x', causedBy: sent.id, bytes: sent.bytes! });
    const relay = ev({ time: 1, node: 'FA1', kind: 'sent', summary: 'relay', causedBy: atFa.id, bytes: mip(FA1, HA, rrq) });
    const atHa = ev({ time: 2, node: 'HA', kind: 'received', summary: 'x', causedBy: relay.id, bytes: relay.bytes! });
    const change = ev({ time: 2, node: 'HA', kind: 'table-changed', summary: 'mobility bindings: added', causedBy: atHa.id, after: cacheEntry(FA1, 100) });
    return [sent, atFa, relay, atHa, change];
  }

  it('accepts a registration the mobile node sent, relayed by a foreign agent, and a change caused by a timer', () => {
    const trace = relayedRegistration('MN');
    const timer = ev({ time: 3, node: 'HA', kind: 'timer', summary: 'expiry', causedBy: trace[4]!.id });
    const expiry = ev({ time: 3, node: 'HA', kind: 'table-changed', summary: 'mobility bindings: expired', causedBy: timer.id, before: cacheEntry(FA1, 3) });
    expect(adversaryChangeViolations(facts([...trace, timer, expiry]))).toEqual([]);
  });

  it("sees through the foreign agent that relayed an adversary's registration", () => {
    expect(adversaryChangeViolations(facts(relayedRegistration('Eve')))).toHaveLength(1);
  });
});

describe('cache lifetimes (c)', () => {
  const registered = ev({ time: 0, node: 'HA', kind: 'table-changed', summary: 'mobility bindings: added', after: cacheEntry(FA1, 100 * S, 100) });

  it('flags a tunnel sent with an entry past its expiry, and none before it', () => {
    const cached = ev({ time: 1 * S, node: 'CN', kind: 'table-changed', summary: 'binding cache: added', after: cacheEntry(FA1, 11 * S, 10) });
    const early = ev({ time: 10 * S, node: 'CN', kind: 'sent', summary: 'x', bytes: tunnel(CN, FA1) });
    const late = ev({ time: 11 * S, node: 'CN', kind: 'sent', summary: 'x', bytes: tunnel(CN, FA1) });
    expect(cacheLifetimeViolations(facts([registered, cached, early]))).toEqual([]);
    const v = cacheLifetimeViolations(facts([registered, cached, early, late]));
    expect(v).toHaveLength(1);
    expect(v[0]).toContain('expired');
  });

  it('flags a correspondent entry that outlives the registration, or that no home agent registered', () => {
    const tooLong = ev({ time: 1 * S, node: 'CN', kind: 'table-changed', summary: 'binding cache: added', after: cacheEntry(FA1, 200 * S, 199) });
    const unknown = ev({ time: 1 * S, node: 'CN', kind: 'table-changed', summary: 'binding cache: added', after: cacheEntry(FA2, 20 * S, 19) });
    const v = cacheLifetimeViolations(facts([registered, tooLong, unknown]));
    expect(v).toHaveLength(2);
    expect(v.join('\n')).toMatch(/after the registration ends[\s\S]*no home agent ever registered/);
  });

  it('finds an expired entry still held in node state, wherever the node keeps its cache', () => {
    const state = { ro: { cache: { capacity: 64, entries: { [HOME]: cacheEntry(FA1, 5 * S) } } } };
    const at = (now: number) => ({ now, nodeState: () => state }) as unknown as Simulation;
    expect(expiredEntriesHeld(at(4 * S), ['CN'])).toEqual([]);
    expect(expiredEntriesHeld(at(5 * S), ['CN'])).toHaveLength(1);
  });
});

describe('rate limits (d)', () => {
  const send = (t: number, m: MipMessage, node = 'HA', from = HA, to = CN, causedBy?: string): TraceEvent =>
    ev({ time: t, node, kind: 'sent', summary: 'x', bytes: mip(from, to, m), ...(causedBy === undefined ? {} : { causedBy }) });

  it('restates OC-20 and the mipv6-07 preset', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((k) => requiredGapSeconds('exponential', k))).toEqual([1, 2, 4, 8, 16, 32, 32, 32]);
    expect([1, 4, 5, 9].map((k) => requiredGapSeconds('mipv6-07', k))).toEqual([1, 1, 10, 10]);
  });

  it('accepts gaps of 1, 2, 4 s and a new care-of address at once; flags a second update 1.5 s after the second', () => {
    expect(rateLimitViolations(facts([send(0, bu(FA1)), send(1 * S, bu(FA1)), send(3 * S, bu(FA1)), send(7 * S, bu(FA1)), send(7.1 * S, bu(FA2))]))).toEqual([]);
    const v = rateLimitViolations(facts([send(0, bu(FA1)), send(1 * S, bu(FA1)), send(2.5 * S, bu(FA1))]));
    expect(v).toHaveLength(1);
    expect(v[0]).toContain('requires 2 s');
  });

  it('keeps answers to Binding Requests in their own bucket, limited the same way', () => {
    const request = ev({ time: 0.5 * S, node: 'HA', kind: 'received', summary: 'x', bytes: mip(CN, HA, bindingRequest({ homeAddress: HOME, identification: { high: 1, low: 2 } })) });
    const answer = (t: number) => send(t, bu(FA1), 'HA', HA, CN, request.id);
    expect(rateLimitViolations(facts([send(0, bu(FA1)), request, answer(0.5 * S)]))).toEqual([]);
    expect(rateLimitViolations(facts([request, answer(0.5 * S), answer(0.9 * S)]))).toHaveLength(1);
  });

  it('limits Binding Warnings per target', () => {
    const bw = (t: number, target: string) => send(t, bindingWarning({ homeAddress: HOME, targets: [target] }), 'FA1', FA1, HA);
    expect(rateLimitViolations(facts([bw(0, CN), bw(0.1 * S, '198.51.100.7')]))).toEqual([]);
    expect(rateLimitViolations(facts([bw(0, CN), bw(0.1 * S, CN)]))).toHaveLength(1);
  });

  it('allows one Binding Request per refresh window, and another once an update opened a new window', () => {
    const br = (t: number) => send(t, bindingRequest({ homeAddress: HOME, identification: { high: 0, low: t } }), 'CN', CN, HA);
    const refreshed = (t: number, expiresAt: number) => ev({ time: t, node: 'CN', kind: 'table-changed', summary: 'binding cache: updated', after: cacheEntry(FA1, expiresAt, 30) });
    expect(bindingRequestViolations(facts([br(20 * S), refreshed(20.1 * S, 50 * S), br(40 * S)]))).toEqual([]);
    // an answer that cannot move the refresh point past the request: the next one is a storm
    const v = bindingRequestViolations(facts([br(20 * S), refreshed(20.1 * S, 29 * S), br(21 * S)]));
    expect(v).toHaveLength(1);
    expect(v[0]).toContain('same refresh window');
    // a new entry after the old one expired has a window of its own
    const expired = ev({ time: 30 * S, node: 'CN', kind: 'table-changed', summary: 'binding cache: expired', before: cacheEntry(FA1, 30 * S, 30) });
    expect(bindingRequestViolations(facts([br(20 * S), expired, refreshed(31 * S, 36 * S), br(31.5 * S)]))).toEqual([]);
    // nor one that moves it past the request but not past the answer: the entry never left its window
    expect(bindingRequestViolations(facts([br(20 * S), refreshed(20.1 * S, 30.05 * S), br(20.6 * S)]))).toHaveLength(1);
  });
});
