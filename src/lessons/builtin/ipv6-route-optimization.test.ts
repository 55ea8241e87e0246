import { beforeAll, describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/node/contract';
import type { LoadedLesson } from '../format/validate';
import { solvedRunTrace } from '../test-support/fixtures';
import { loadBuiltinLesson } from './index';

// The IPv6 lesson (Perkins & Johnson §10) says who sends the Binding Updates,
// how many a move costs and how many octets each scheme adds to a datagram.
// Every one of those is recounted here from the bytes of the lesson's own
// solved run, read by hand from the wire layouts (RFC 8200 §3, §4; RFC 4302
// §2; RFC 6275 §6.1) rather than through the lab's decoders, and the octet
// counts are read out of the narrative, so the text cannot drift from the run.

const MOBILITY = 135;
const MH_BINDING_UPDATE = 5;
const MH_BINDING_ACK = 6;

/** Walks the extension headers by hand; the upper-layer Next Header, its offset, and each extension header's type and length. */
function walk(bytes: Uint8Array): { upper: number; offset: number; headers: { type: number; length: number }[] } {
  expect(bytes[0]! >> 4).toBe(6);
  let next = bytes[6]!;
  let at = 40;
  const headers: { type: number; length: number }[] = [];
  // Hop-by-Hop 0, Routing 43, Destination Options 60: (Hdr Ext Len + 1) × 8 (RFC 8200 §4.3–§4.6); AH 51: (Payload Len + 2) × 4 (RFC 4302 §2.2).
  while (next === 0 || next === 43 || next === 60 || next === 51) {
    const length = next === 51 ? (bytes[at + 1]! + 2) * 4 : (bytes[at + 1]! + 1) * 8;
    headers.push({ type: next, length });
    next = bytes[at]!;
    at += length;
  }
  return { upper: next, offset: at, headers };
}

const text = (bytes: Uint8Array, from: number): string => Array.from(bytes.subarray(from, from + 16), (b) => b.toString(16).padStart(2, '0')).join('');
const hex = (address: string): string => {
  const [head, tail = ''] = address.split('::');
  const groups = (s: string) => (s === '' ? [] : s.split(':').map((g) => g.padStart(4, '0')));
  const h = groups(head!);
  const t = groups(tail);
  return [...h, ...Array(8 - h.length - t.length).fill('0000'), ...t].join('');
};

/** The Mobility Header type an event's packet carries (RFC 6275 §6.1.1: MH Type is its third octet), or null. */
function mhType(e: TraceEvent): number | null {
  if (e.bytes === undefined || e.bytes[0]! >> 4 !== 6) return null;
  const w = walk(e.bytes);
  return w.upper === MOBILITY ? e.bytes[w.offset + 2]! : null;
}

describe('ipv6-route-optimization: what the lesson says, recounted from the bytes of its run', () => {
  let loaded: LoadedLesson;
  let trace: readonly TraceEvent[];
  let moveAt: number;
  beforeAll(async () => {
    loaded = loadBuiltinLesson('ipv6-route-optimization');
    const run = await solvedRunTrace(loaded);
    expect(run.solved.allPassed).toBe(true);
    trace = run.trace;
    expect(run.solved.commandLog.length).toBeGreaterThan(0);
    moveAt = run.solved.commandLog[0]!.at;
  }, 60_000);

  const narrativeOf = (title: string): string => loaded.lesson.steps.find((s) => s.title === title)!.narrative;
  const sent = (node: string) => trace.filter((e) => e.node === node && e.kind === 'sent' && e.bytes !== undefined);

  it('the mobile node sends its own Binding Updates to the correspondent; the home agent sends none', () => {
    const toCn = sent('MN').filter((e) => mhType(e) === MH_BINDING_UPDATE && text(e.bytes!, 24) === hex('2001:db8:100::5'));
    expect(toCn.length).toBeGreaterThanOrEqual(2);
    expect(trace.filter((e) => e.node === 'HA' && (e.kind === 'sent' || e.kind === 'forwarded') && mhType(e) === MH_BINDING_UPDATE && text(e.bytes!, 8) === hex('2001:db8:1::1'))).toEqual([]);
    // Under the association, AH (Next Header 51) and no Binding Authorization Data; MN2's carry no AH.
    expect(walk(toCn[0]!.bytes!).headers.map((h) => h.type)).toEqual([60, 51]);
  });

  it('a move costs 3 Binding Updates from the mobile node (home agent, correspondent, previous router) and 3 Binding Acknowledgements', () => {
    const inWindow = (e: TraceEvent) => e.time >= moveAt && e.time <= moveAt + 500_000;
    const updates = sent('MN').filter((e) => inWindow(e) && mhType(e) === MH_BINDING_UPDATE);
    expect(updates.map((e) => text(e.bytes!, 24)).sort()).toEqual([hex('2001:db8:1::1'), hex('2001:db8:2::1'), hex('2001:db8:100::5')].sort());
    const acks = trace.filter((e) => e.kind === 'sent' && inWindow(e) && mhType(e) === MH_BINDING_ACK).map((e) => e.node).sort();
    expect(acks).toEqual(['AR1', 'CN', 'HA']);
    const step = loaded.lesson.steps.find((s) => s.title === 'What a move costs')!;
    expect(step.prediction?.kind === 'number' && step.prediction.answer).toBe(updates.length);
    expect(step.checks.map((c) => c.text).join('\n')).toContain(`${acks.length} Binding Acknowledgements`);
  });

  it('the octets the narrative quotes: 40 for the home agent\'s tunnel, 24 for the type 2 Routing header and for the Home Address option', () => {
    const narrative = narrativeOf('The price of the direct route');
    const quoted = [...narrative.matchAll(/(\d+) octets/g)].map((m) => Number(m[1]));
    expect(quoted).toHaveLength(2);
    // The home agent's tunnel: the outer packet's Next Header is 41 and the inner packet follows its 40 octets (RFC 2473 §3).
    const tunnelled = trace.find((e) => e.node === 'HA' && e.kind === 'forwarded' && e.bytes !== undefined && e.bytes[6] === 41);
    expect(tunnelled).toBeDefined();
    const inner = tunnelled!.bytes!.subarray(40);
    expect(tunnelled!.bytes!.length - (40 + ((inner[4]! << 8) | inner[5]!))).toBe(40);
    expect(quoted[0]).toBe(40);
    // The correspondent's datagrams to the care-of address: a Routing header first (RFC 6275 §6.4).
    const direct = sent('CN').find((e) => walk(e.bytes!).headers[0]?.type === 43);
    expect(direct).toBeDefined();
    const routing = walk(direct!.bytes!).headers[0]!.length;
    expect(quoted[1]).toBe(routing);
    // The mobile node's datagrams from its care-of address: a Destination Options header with the Home Address option (RFC 6275 §6.3).
    const fromCareOf = sent('MN').find((e) => walk(e.bytes!).upper === 17 && walk(e.bytes!).headers[0]?.type === 60);
    expect(fromCareOf).toBeDefined();
    expect(walk(fromCareOf!.bytes!).headers[0]!.length).toBe(quoted[1]);
    expect(narrative).toContain(`the Routing header adds ${routing} octets, and so does the Destination Options header`);
  });
});
