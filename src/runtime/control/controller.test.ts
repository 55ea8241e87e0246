// The control layer over a fake backend, on a fake frame clock: nothing here
// waits on wall time. Golden numbers are worked out by hand in the comments.

import { describe, expect, it } from 'vitest';
import type { Micros } from '../../engine/node/time';
import { SLOWEST_SPEED, type LabCommand, type RuntimeBatch } from '../types';
import { RuntimeController, type ControllerOptions } from './controller';
import { FakeBackend } from './testing/fake-backend';
import { FakeFrameClock, settle } from './testing/fake-frame-clock';

const MS = 1000;
const stop = (flow: string): LabCommand => ({ type: 'stop-flow', node: 'n', flow });

async function setup(eventTimes: readonly Micros[] = [], options: Partial<ControllerOptions> = {}) {
  const clock = new FakeFrameClock();
  const backend = new FakeBackend(eventTimes, clock);
  const controller = new RuntimeController(Promise.resolve(backend), { duration: 10_000 * MS, clock, ...options });
  const batches: RuntimeBatch[] = [];
  controller.subscribe((b) => batches.push(b));
  await controller.ready;
  backend.advances.splice(0); // time 0's own advance: the tests count the ones after it
  return { clock, backend, controller, batches, last: () => batches[batches.length - 1]! };
}

describe('pacing', () => {
  it('speed 1: ten frames of 16 ms advance 160 ms of virtual time', async () => {
    const { clock, backend, controller, last } = await setup();
    controller.start();
    await clock.runFrames(10, 16);
    expect(backend.now()).toBe(160 * MS);
    expect(last()).toMatchObject({ now: 160 * MS, status: 'playing' });
  });

  it('slow motion: one second on screen is one millisecond of the run', async () => {
    const { clock, backend, controller } = await setup();
    controller.setSpeed(SLOWEST_SPEED);
    controller.start();
    await clock.runFrames(50, 20);
    expect(backend.now()).toBe(1 * MS);
  });

  it('unpaced: chunks until the frame budget is spent, then yields to the page', async () => {
    const { clock, backend, controller } = await setup([], { unpacedBudgetMs: 30 });
    backend.msPerAdvance = 10; // each chunk costs 10 ms: three fit in 30 ms
    controller.setSpeed('unpaced');
    controller.start();
    await clock.frame();
    expect(backend.advances).toEqual([100 * MS, 200 * MS, 300 * MS]);
    await clock.frame();
    expect(backend.advances).toHaveLength(6);
    expect(clock.requested).toBe(1); // still playing: the next frame is asked for
  });

  it('pause stops the clock; start goes on from there', async () => {
    const { clock, backend, controller, last } = await setup();
    controller.start();
    await clock.runFrames(5, 16);
    controller.pause();
    await settle();
    await clock.runFrames(5, 16);
    expect(backend.now()).toBe(80 * MS);
    expect(last().status).toBe('paused');
    controller.start();
    await clock.runFrames(2, 16);
    expect(backend.now()).toBe(112 * MS);
  });

  it('never runs two advances at once: a slow backend makes the next frame wait, and no wall time is lost', async () => {
    const { clock, backend, controller } = await setup();
    backend.holdAdvances = true;
    controller.start();
    await clock.runFrames(5, 16); // the first advance (to 16 ms) is still running
    expect(backend.advances).toEqual([16 * MS]);
    expect(backend.maxInFlight).toBe(1);
    backend.holdAdvances = false;
    backend.release();
    await settle();
    await clock.frame(16); // wall 96 ms; last advance started at 16 ms: 80 ms more
    expect(backend.advances).toEqual([16 * MS, 96 * MS]);
    expect(backend.maxInFlight).toBe(1);
  });
});

describe('step and finish', () => {
  it('step goes to the next event time exactly, then to the end', async () => {
    const { clock, backend, controller, last } = await setup([1234, 5000], { duration: 8000 });
    await controller.step();
    expect(backend.now()).toBe(1234);
    await clock.frame();
    expect(last()).toMatchObject({ now: 1234, status: 'paused' });
    expect(last().trace.map((e) => e.time)).toEqual([1234]);
    await controller.step();
    expect(backend.now()).toBe(5000);
    await controller.step(); // nothing pending: the end
    await clock.frame();
    expect(last()).toMatchObject({ now: 8000, status: 'finished' });
  });

  it('reaching the duration finishes the run; play does nothing afterwards', async () => {
    const { clock, backend, controller, last } = await setup([], { duration: 100 * MS });
    controller.start();
    await clock.runFrames(10, 16);
    expect(backend.now()).toBe(100 * MS);
    expect(last().status).toBe('finished');
    const advances = backend.advances.length;
    controller.start();
    await clock.runFrames(3, 16);
    expect(backend.advances).toHaveLength(advances);
  });
});

describe('commands', () => {
  it('a command sent during an advance is applied right after it, at the time it reached', async () => {
    const { clock, backend, controller, last } = await setup();
    backend.holdAdvances = true;
    controller.start();
    await clock.frame(16); // advancing to 16 ms
    controller.send(stop('f'));
    await settle();
    expect(backend.applied).toEqual([]);
    backend.holdAdvances = false;
    backend.release();
    await settle();
    expect(backend.applied).toEqual([{ command: stop('f'), at: 16 * MS }]);
    await clock.frame();
    expect(last().commands).toEqual([{ at: 16 * MS, command: stop('f') }]);
  });

  it('a refused command is reported, not applied and not logged', async () => {
    const { clock, backend, controller, last } = await setup([], { validate: (c) => (c.type === 'move' ? 'moves are off today' : null) });
    controller.send({ type: 'move', node: 'n', position: { x: 1, y: 2 } });
    controller.send(stop('refuse-me')); // the backend throws
    await settle();
    await clock.frame();
    await clock.frame();
    expect(backend.applied).toEqual([]);
    const rejections = [last().rejected];
    expect(rejections[0]?.reason).toMatch(/refuses this command/);
    expect(last().commands ?? []).toEqual([]);
  });
});

describe('batching', () => {
  it('at most one batch per frame, merging what happened in between', async () => {
    const { clock, controller, batches } = await setup([500, 1500]);
    expect(batches).toHaveLength(1); // time 0, published when ready
    controller.send(stop('a'));
    controller.send(stop('b'));
    await controller.step();
    await settle();
    expect(batches).toHaveLength(1);
    await clock.frame();
    expect(batches).toHaveLength(2);
    const merged = batches[1]!;
    // Both commands at 0 (an event each), then the step to 500.
    expect(merged.trace.map((e) => e.time)).toEqual([0, 0, 500]);
    expect(merged.commands?.map((c) => c.at)).toEqual([0, 0]);
    expect(merged.now).toBe(500);
    await clock.frame();
    expect(batches).toHaveLength(2); // nothing new, nothing sent
  });

  it("a late subscriber's first batch is the whole picture", async () => {
    const { clock, controller, batches } = await setup([500, 1500, 2500]);
    controller.send(stop('a'));
    await controller.step();
    await controller.step();
    await clock.frame();
    await clock.frame();
    const late: RuntimeBatch[] = [];
    controller.subscribe((b) => late.push(b));
    await clock.frame();
    expect(late).toHaveLength(1);
    const everything = batches.flatMap((b) => b.trace);
    expect(late[0]!.trace).toEqual(everything);
    expect(late[0]!.trace.map((e) => e.time)).toEqual([0, 500, 1500]);
    expect(late[0]!.nodes?.n).toBeDefined();
    expect(late[0]!.commands).toEqual([{ at: 0, command: stop('a') }]);
    expect(late[0]!.truncatedTo).toBeUndefined();
  });
});

describe('seek', () => {
  it('backwards truncates to the target and forwards again delivers the same events', async () => {
    const { clock, controller, batches, last } = await setup([1000, 2000, 3000, 4000], { snapshotInterval: 1500 });
    await controller.seek(3500);
    await clock.frame();
    await controller.seek(1700);
    await clock.frame();
    expect(last()).toMatchObject({ now: 1700, status: 'paused', truncatedTo: 1700, trace: [] });
    await controller.seek(4500);
    await clock.frame();
    const mirror: number[] = [];
    for (const b of batches) {
      if (b.truncatedTo !== undefined) mirror.splice(0, mirror.length, ...mirror.filter((t) => t <= b.truncatedTo!));
      mirror.push(...b.trace.map((e) => e.time));
    }
    expect(mirror).toEqual([1000, 2000, 3000, 4000]);
  });
});

describe('failure', () => {
  it('a backend that reports a failed node stops the run cleanly and says so', async () => {
    const { clock, backend, controller, last } = await setup();
    controller.start();
    await clock.runFrames(3, 16);
    backend.fail({ node: 'HA', reason: 'the worker of node "HA" stopped' });
    await clock.frame();
    expect(last()).toMatchObject({ status: 'failed', failure: { node: 'HA', reason: 'the worker of node "HA" stopped' } });
    const advances = backend.advances.length;
    await clock.runFrames(3, 16);
    expect(backend.advances).toHaveLength(advances);
    await controller.step(); // resolves, does nothing
    await controller.seek(0);
    controller.send(stop('x'));
    controller.destroy();
    controller.destroy();
    expect(backend.destroyed).toBe(true);
  });

  it('a rejected advance becomes the failure', async () => {
    const { clock, backend, controller, last } = await setup([100]);
    backend.failNextAdvance = new Error('node "R" threw: boom');
    await controller.step();
    await clock.frame();
    expect(last()).toMatchObject({ status: 'failed', failure: { reason: 'node "R" threw: boom' } });
  });

  it('an operation waiting on a backend that died stops waiting', async () => {
    const { backend, controller } = await setup([100]);
    backend.holdAdvances = true; // never released: a dead worker
    const step = controller.step();
    await settle();
    backend.fail({ reason: 'gone' });
    await expect(step).resolves.toBeUndefined();
  });

  it('a backend that cannot start rejects `ready` and publishes the failure', async () => {
    const clock = new FakeFrameClock();
    const controller = new RuntimeController(Promise.reject(new Error('no workers today')), { duration: 1000, clock });
    const batches: RuntimeBatch[] = [];
    controller.subscribe((b) => batches.push(b));
    await expect(controller.ready).rejects.toThrow('no workers today');
    expect(batches[0]).toMatchObject({ status: 'failed', failure: { reason: 'the network could not start: no workers today' } });
  });
});
