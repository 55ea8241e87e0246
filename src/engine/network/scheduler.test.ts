import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_SOURCE, Scheduler, emptySchedulerState, type ScheduledEvent } from './scheduler';

type Log = string[];

function recording(isLive?: (e: ScheduledEvent<string>) => boolean): { scheduler: Scheduler<string>; log: Log } {
  const log: Log = [];
  const scheduler: Scheduler<string> = new Scheduler(emptySchedulerState<string>(), (e) => log.push(`${scheduler.now} ${e.payload}`), isLive);
  return { scheduler, log };
}

describe('scheduler', () => {
  it('orders by time, then source index (environment first), then the source’s sequence — whatever the insertion order', () => {
    const events: [number, number, number, string][] = [
      [10, 2, 0, 'node 2 #0 @10'],
      [10, 0, 1, 'node 0 #1 @10'],
      [5, 3, 0, 'node 3 #0 @5'],
      [10, ENVIRONMENT_SOURCE, 0, 'world #0 @10'],
      [10, 0, 0, 'node 0 #0 @10'],
    ];
    fc.assert(fc.property(fc.shuffledSubarray(events, { minLength: events.length }), (shuffled) => {
      const { scheduler, log } = recording();
      for (const [t, s, q, p] of shuffled) scheduler.schedule(t, s, q, p);
      scheduler.runUntilIdle();
      expect(log).toEqual(['5 node 3 #0 @5', '10 world #0 @10', '10 node 0 #0 @10', '10 node 0 #1 @10', '10 node 2 #0 @10']);
    }));
  });

  it('runUntil(t) processes events at or before t, then stands at t', () => {
    const { scheduler, log } = recording();
    scheduler.schedule(100, 0, 0, 'a');
    scheduler.schedule(200, 0, 1, 'b');
    scheduler.schedule(201, 0, 2, 'c');
    expect(scheduler.runUntil(200)).toBe(2);
    expect(log).toEqual(['100 a', '200 b']);
    expect(scheduler.now).toBe(200);
    expect(scheduler.nextEventTime()).toBe(201);
    expect(scheduler.runUntil(150)).toBe(0); // the clock never goes back
    expect(scheduler.now).toBe(200);
  });

  it('step() advances to the next event only; idle when nothing is left', () => {
    const { scheduler, log } = recording();
    expect(scheduler.isIdle()).toBe(true);
    expect(scheduler.step()).toBeUndefined();
    scheduler.schedule(7, 1, 0, 'x');
    scheduler.schedule(9, 1, 1, 'y');
    expect(scheduler.step()?.payload).toBe('x');
    expect(scheduler.now).toBe(7);
    expect(scheduler.isIdle()).toBe(false);
    scheduler.step();
    expect(log).toEqual(['7 x', '9 y']);
    expect(scheduler.isIdle()).toBe(true);
  });

  it('skips events the owner declares dead (lazy cancellation) — also when asking for the next event time', () => {
    const cancelled = new Set(['stale']);
    const { scheduler, log } = recording((e) => !cancelled.has(e.payload));
    scheduler.schedule(5, 0, 0, 'stale');
    scheduler.schedule(8, 0, 1, 'live');
    expect(scheduler.nextEventTime()).toBe(8);
    scheduler.runUntilIdle();
    expect(log).toEqual(['8 live']);
  });

  it('rebuilds the queue without dead events once they outnumber the live ones, keeping the order', () => {
    const dead = new Set<string>();
    const { scheduler, log } = recording((e) => !dead.has(e.payload));
    for (let i = 0; i < 10; i++) scheduler.schedule(1000 - i, i % 3, i, `live${i}`);
    for (let i = 0; i < 100; i++) {
      scheduler.schedule(500 + i, 0, 100 + i, `dead${i}`);
      dead.add(`dead${i}`);
      scheduler.noteStale();
    }
    expect(scheduler.state.pending.length).toBeLessThan(80);
    scheduler.runUntilIdle();
    expect(log).toEqual(Array.from({ length: 10 }, (_, k) => `${991 + k} live${9 - k}`));
  });

  it('events scheduled while dispatching run in order, including at the current instant', () => {
    const log: Log = [];
    const scheduler: Scheduler<string> = new Scheduler(emptySchedulerState<string>(), (e) => {
      log.push(`${scheduler.now} ${e.payload}`);
      if (e.payload === 'first') {
        scheduler.schedule(10, 0, 5, 'same instant');
        scheduler.schedule(30, 0, 6, 'later');
      }
    });
    scheduler.schedule(10, 0, 0, 'first');
    scheduler.schedule(20, 0, 1, 'second');
    scheduler.runUntilIdle();
    expect(log).toEqual(['10 first', '10 same instant', '20 second', '30 later']);
  });

  it('refuses the past and non-integer times', () => {
    const { scheduler } = recording();
    scheduler.schedule(50, 0, 0, 'a');
    scheduler.runUntilIdle();
    expect(() => scheduler.schedule(49, 0, 1, 'b')).toThrow(/virtual time is already 50 µs/);
    expect(() => scheduler.schedule(60.5, 0, 1, 'b')).toThrow(/non-negative integer/);
    expect(() => scheduler.runUntil(-1)).toThrow(RangeError);
  });

  it('runUntilIdle stops a run that never settles', () => {
    const scheduler: Scheduler<string> = new Scheduler(emptySchedulerState<string>(), () => scheduler.schedule(scheduler.now + 1, 0, scheduler.now, 'again'));
    scheduler.schedule(0, 0, 0, 'start');
    expect(() => scheduler.runUntilIdle(100)).toThrow(/still not idle after 100 events/);
  });

  it('keeps all its state in plain data: a cloned state continues identically', () => {
    const { scheduler } = recording();
    for (let i = 0; i < 20; i++) scheduler.schedule((i * 37) % 11, i % 3, i, `e${i}`);
    scheduler.runUntil(4);
    const log: Log = [];
    const copy: Scheduler<string> = new Scheduler(structuredClone(scheduler.state), (e) => log.push(`${copy.now} ${e.payload}`));
    const rest: Log = [];
    const original = new Scheduler(scheduler.state, (e) => rest.push(`${e.time} ${e.payload}`));
    copy.runUntilIdle();
    original.runUntilIdle();
    expect(log).toEqual(rest);
  });
});
