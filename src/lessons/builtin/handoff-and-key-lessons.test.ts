// What the lessons handoff-in-detail and master-key tell the learner in
// their narratives — octets of the Previous Foreign Agent Notification, the
// order in which the acknowledgement and the Reply arrive, the resend
// timeouts, the derived keys' real values — checked against the real run and
// recomputed here, so a narrative cannot drift from what the lab does.

import { beforeAll, describe, expect, it } from 'vitest';
import { md5Of } from '../../engine/crypto/keyed-md5';
import type { TraceEvent } from '../../engine/node/contract';
import { mipMessageOf } from '../../engine/metrics/trace-events';
import type { KeyExchangeRecord } from '../../engine/protocol/keys/key-exchange-record';
import { parseIpv4 } from '../../engine/wire/ipv4';
import { runLesson } from '../headless/run-lesson';
import { replayInBatches } from '../test-support/fixtures';
import { loadBuiltinLesson } from './index';

const S = 1_000_000;
const FA1_CELL = '192.168.2.1';
const FA2_CELL = '192.168.3.1';
const MN_HOME = '10.1.0.10';

async function solvedTrace(id: string): Promise<{ trace: TraceEvent[]; narratives: string[]; stepStarts: number[] }> {
  const loaded = loadBuiltinLesson(id);
  const run = await runLesson(loaded, { mode: 'solve' });
  expect(run.allPassed).toBe(true);
  const batches = await replayInBatches(loaded, run.commandLog, run.endedAt, 5 * S);
  return { trace: batches.flatMap((b) => b.events), narratives: loaded.lesson.steps.map((s) => s.narrative), stepStarts: run.steps.map((s) => s.status.startedAt!) };
}

const octets = (address: string): number[] => address.split('.').map(Number);
const hex = (bytes: Uint8Array): string => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
/** Extension types whose Length is 16 bits, at offsets 1–2 (regkey-00 §4, §5; the lab's wire notes). */
const LONG_LENGTH = new Set([114, 115, 116, 120, 121, 122, 123, 124]);

/** The raw octets of the first extension of `type` in a Registration Request's UDP payload, walked by hand from octet 24. */
function rawExtension(payload: Uint8Array, type: number): Uint8Array | undefined {
  for (let at = 24; at < payload.length;) {
    const long = LONG_LENGTH.has(payload[at]!);
    const length = long ? (payload[at + 1]! << 8) | payload[at + 2]! : payload[at + 1]!;
    const end = at + (long ? 3 : 2) + length;
    if (payload[at] === type) return payload.subarray(at, end);
    at = end;
  }
  return undefined;
}

describe('handoff-in-detail tells the truth', () => {
  let trace: TraceEvent[];
  let narratives: string[];
  let stepStarts: number[];
  beforeAll(async () => ({ trace, narratives, stepStarts } = await solvedTrace('handoff-in-detail')), 60_000);

  const sent = (node: string, kind: string, destination?: string) => trace.filter((e) => {
    if (e.node !== node || e.kind !== 'sent') return false;
    const m = mipMessageOf(e);
    return m !== null && m.message.kind === kind && (destination === undefined || m.ip.destination === destination);
  });
  const received = (node: string, kind: string) => trace.filter((e) => e.node === node && e.kind === 'received' && mipMessageOf(e)?.message.kind === kind);

  it('step 2: the notification is type 96, Length 30, Cache Lifetime 10 s, FA1\'s address, the new care-of address, the SPI of the key shared with FA1, then 16 octets of authenticator (Perkins & Johnson §4.1)', () => {
    const request = sent('MN', 'registration-request', FA2_CELL)[0];
    expect(request).toBeDefined();
    const pfan = rawExtension(mipMessageOf(request!)!.payload, 96);
    expect(pfan).toBeDefined();
    const withFa1 = trace.find((e) => e.node === 'MN' && e.kind === 'key-established' && (e.after as KeyExchangeRecord).faAddress === FA1_CELL)!;
    const spi = (withFa1.after as KeyExchangeRecord).mobileNode.spi!;
    const spiOctets = [spi >>> 24, (spi >>> 16) & 0xff, (spi >>> 8) & 0xff, spi & 0xff];
    expect([...pfan!.subarray(0, 16)]).toEqual([96, 30, 0x00, 0x0a, ...octets(FA1_CELL), ...octets(FA2_CELL), ...spiOctets]);
    expect(pfan!.length).toBe(32);
    expect(narratives[1]).toContain('octet 0 is 96, octet 1 the Length (30), octets 2–3 the Cache Lifetime (10 s)');
  });

  it('step 2: FA1\'s Binding Acknowledgement reaches the mobile node before the Registration Reply does, as the narrative says', () => {
    // The step ends at the instant the Reply is accepted (its last check), so that instant is inside it.
    const after = (events: TraceEvent[]) => events.filter((e) => e.time > stepStarts[1]! && e.time <= stepStarts[2]!);
    const ack = after(received('MN', 'binding-acknowledge'))[0];
    const reply = after(received('MN', 'registration-reply'))[0];
    expect(ack).toBeDefined();
    expect(reply).toBeDefined();
    expect(mipMessageOf(ack!)!.ip.source).toBe(FA1_CELL);
    expect(ack!.time).toBeLessThan(reply!.time);
  });

  it('step 4: on the broken link the mobile node resends the same Binding Update after 1 s, then after 2 s more, until one is acknowledged (Perkins & Johnson §4.1)', () => {
    const resent = sent('MN', 'binding-update', FA1_CELL).filter((e) => e.time > stepStarts[3]! && e.time < stepStarts[4]!);
    expect(resent.length).toBeGreaterThanOrEqual(2);
    const built = sent('FA2', 'binding-update', FA1_CELL).filter((e) => e.time > stepStarts[3]!)[0]!;
    // The timer runs from the mobile node's Request, a millisecond before FA2 builds the update.
    expect(Math.abs(resent[0]!.time - built.time - 1 * S)).toBeLessThan(0.01 * S);
    expect(resent[1]!.time - resent[0]!.time).toBe(2 * S);
    const payloads = [built, ...resent].map((e) => hex(mipMessageOf(e)!.payload));
    expect(new Set(payloads).size).toBe(1); // the very same bytes
  });

  it('step 3: the datagram FA2 cannot forward leaves it in a special tunnel addressed to the home address itself (Perkins & Johnson §4.3)', () => {
    const special = trace.filter((e) => e.node === 'FA2' && e.kind === 'forwarded' && e.summary.startsWith('special tunnel') && e.time > stepStarts[2]! && e.time < stepStarts[3]!);
    expect(special.length).toBeGreaterThanOrEqual(1);
    const outer = parseIpv4(special[0]!.bytes!);
    expect(outer.ok && [outer.value.source, outer.value.destination]).toEqual([FA2_CELL, MN_HOME]);
  });
  it('step 5: FA2\'s forwarding pointer lives the 10 s Cache Lifetime; special tunnels start only once it has expired (Perkins & Johnson §4.1, §4.3)', () => {
    const inStep = (e: TraceEvent) => e.node === 'FA2' && e.time > stepStarts[4]! && e.time < stepStarts[5]!;
    const added = trace.find((e) => inStep(e) && e.kind === 'table-changed' && e.summary === `binding cache: added ${MN_HOME}`);
    const expired = trace.find((e) => inStep(e) && e.kind === 'table-changed' && e.summary === `binding cache: ${MN_HOME} expired`);
    expect(added).toBeDefined();
    expect(expired).toBeDefined();
    expect(expired!.time - added!.time).toBe(10 * S);
    const tunnelled = trace.filter((e) => inStep(e) && e.kind === 'forwarded' && (e.summary.startsWith('re-tunnelled') || e.summary.startsWith('special tunnel')));
    expect(tunnelled.length).toBeGreaterThan(2);
    for (const e of tunnelled) expect(e.summary.startsWith('special tunnel')).toBe(e.time >= expired!.time);
  });
});

describe('master-key shows the real derived keys', () => {
  const MASTER = new Uint8Array([0x6d, 0x61, 0x73, 0x74, 0x65, 0x72, 0x2d, 0x6b, 0x65, 0x79, 0x2d, 0x31, 0x32, 0x33, 0x34, 0x35]);
  const derive = (address: string) => {
    const a = new Uint8Array(octets(address));
    return hex(md5Of(a, MASTER, a)); // OC-35: the address as 4 raw octets on both sides of the master key
  };
  const loaded = loadBuiltinLesson('master-key');
  const spaced = (h: string) => h.match(/.{8}/g)!.join(' ');

  it('the master key the narrative spells out is the scenario\'s, and it is "master-key-12345"', () => {
    const scenario = loaded.lesson.scenario as unknown as { nodes: { id: string; settings?: { masterKey?: string } }[] };
    expect(scenario.nodes.find((n) => n.id === 'HA')!.settings!.masterKey).toBe(hex(MASTER));
    expect(new TextDecoder().decode(MASTER)).toBe('master-key-12345');
    expect(loaded.lesson.steps[1]!.narrative).toContain('6d 61 73 74 65 72 2d 6b 65 79 2d 31 32 33 34 35');
  });

  it('CN\'s key is MD5(c6 33 64 05 ‖ master ‖ c6 33 64 05) as the narrative prints it, and CN holds exactly that under SPI 256', () => {
    const key = derive('198.51.100.5');
    expect(key).toBe('db24a35c1b618f85e5eab6877402e345');
    expect(loaded.lesson.steps[1]!.narrative).toContain(spaced(key));
    const cn = loaded.scenario.nodes.find((n) => n.id === 'CN')!;
    expect(cn.securityAssociations.length).toBeGreaterThan(0);
    for (const sa of cn.securityAssociations) expect([sa.spi, hex(sa.key)]).toEqual([256, key]);
  });

  it('FA2\'s key is derived from its cell address, 192.168.3.1, as the narrative prints it; FA1 and CN2 hold no key with the home agent', () => {
    const key = derive(FA2_CELL);
    expect(key).toBe('01ee7ad36d88754e03d472f796fb6135');
    expect(loaded.lesson.steps[3]!.narrative).toContain(spaced(key));
    const fa2 = loaded.scenario.nodes.find((n) => n.id === 'FA2')!;
    expect(fa2.securityAssociations.map((sa) => [sa.spi, hex(sa.key)])).toContainEqual([256, key]);
    for (const id of ['FA1', 'CN2']) expect(loaded.scenario.nodes.find((n) => n.id === id)!.securityAssociations).toEqual([]);
  });
});
