// The page's trace log is bounded (trace-log.ts): on a long run it holds a
// window, whatever the virtual time; packets keep their numbers in the whole
// run; a window re-derived by the runtime after a seek backwards, or an
// earlier stretch asked for, joins it exactly; a selected packet is kept.

import { describe, expect, it } from 'vitest';
import { isPacketEvent } from '../../engine/metrics/trace-events';
import type { TraceEvent } from '../../engine/node/contract';
import { loadBuiltin } from '../../scenarios/builtin';
import { buildSimulation } from '../../scenarios/load';
import { PROTOCOL_REGISTRY } from '../../scenarios/registry';
import { TraceLog } from './trace-log';

const S = 1_000_000;
const RETENTION = { span: 20 * S, maxEvents: 2000 };

/** explore, run a second at a time for `minutes`, into `log`; returns every event, as the runtime's stream would give them. */
function streamExplore(log: TraceLog, minutes: number, sample?: (minute: number) => void): TraceEvent[] {
  const loaded = loadBuiltin('explore');
  const sim = buildSimulation(loaded, PROTOCOL_REGISTRY, loaded.seed);
  const all: TraceEvent[] = [];
  for (let s = 1; s <= minutes * 60; s++) {
    sim.runUntil(s * S);
    const batch = sim.takeTrace();
    for (const e of batch) all.push(e);
    log.append(batch);
    if (s % 60 === 0) sample?.(s / 60);
  }
  return all;
}

describe('the page\'s trace log', () => {
  it('holds a window that does not grow with virtual time; packets keep their numbers in the whole run', () => {
    const log = new TraceLog(RETENTION);
    const sizes: number[] = [];
    const all = streamExplore(log, 30, (minute) => {
      if (minute < 10) return;
      sizes.push(log.events.length + log.byId.size + log.packets.length + log.packetById.size + log.outcomes.size);
      expect(log.events.length).toBeLessThanOrEqual(RETENTION.maxEvents);
      expect(log.events[0]!.time).toBeGreaterThanOrEqual(log.events[log.events.length - 1]!.time - RETENTION.span);
    });
    expect(all.length).toBeGreaterThan(30_000);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(Math.min(...sizes) * 1.5);
    // Held: exactly the run's events from the first one held, numbered as in the whole run.
    const i = log.before.events;
    expect(log.events).toEqual(all.slice(i));
    const packetsBefore = all.slice(0, i).filter(isPacketEvent).length;
    expect(log.before.packets).toBe(packetsBefore);
    expect(log.packets.map((p) => p.number)).toEqual(log.packets.map((_, k) => packetsBefore + k + 1));
  }, 60_000);

  it('takes the window at a seek\'s time, and earlier stretches, numbering on; keeps a selected packet', () => {
    const log = new TraceLog(RETENTION);
    const all = streamExplore(log, 2);
    const numberOf = (e: TraceEvent): number => all.slice(0, all.indexOf(e) + 1).filter(isPacketEvent).length;
    const stretch = (from: number, to: number) => {
      const events = all.filter((e) => e.time >= from && e.time <= to);
      const k = all.indexOf(events[0]!);
      return { events, to, before: { events: k, packets: all.slice(0, k).filter(isPacketEvent).length } };
    };
    // A seek back to 50 s: the runtime sends the window there.
    log.truncateAfter(50 * S);
    log.replace(stretch(31 * S, 50 * S));
    expect(log.events).toEqual(stretch(31 * S, 50 * S).events);
    for (const p of log.packets) expect(p.number).toBe(numberOf(p.event));
    // The learner asks for earlier packets: the stretch before 31 s joins the front.
    log.prepend(stretch(12 * S, 31 * S - 1));
    expect(log.events).toEqual(stretch(12 * S, 50 * S).events);
    for (const p of log.packets) expect(p.number).toBe(numberOf(p.event));
    // One that does not end where the log begins is refused.
    log.prepend(stretch(5 * S, 10 * S));
    expect(log.from).toBe(stretch(12 * S, 50 * S).events[0]!.time);

    // A selected packet stays while the run goes on (up to four windows), then goes.
    const selected = log.packets[0]!;
    log.keepFrom(selected.time);
    log.append(all.filter((e) => e.time > 50 * S && e.time <= 70 * S));
    expect(log.packetById.get(selected.id)).toBe(selected);
    expect(log.events[0]!.time).toBe(12 * S);
    log.append(all.filter((e) => e.time > 70 * S));
    expect(log.events.length).toBeLessThanOrEqual(4 * RETENTION.maxEvents);
    expect(log.events).toEqual(all.slice(log.before.events));
  });
});
