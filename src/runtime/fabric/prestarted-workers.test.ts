// Workers started ahead of their run (prestarted-workers.ts): the browser spawner
// takes them by node name, a worker nobody took is stopped, and an error a worker
// raised before it was taken still reaches the run as that node's failure.
// Node has no Web Worker: a stand-in records what the page would do with one.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBrowserSpawner } from './browser-spawner';
import { discardPrestartedWorkers, prestartWorkers } from './prestarted-workers';

class StandInWorker extends EventTarget {
  static made: StandInWorker[] = [];
  readonly posted: unknown[] = [];
  terminated = false;
  constructor(readonly url: URL, readonly options: WorkerOptions) {
    super();
    StandInWorker.made.push(this);
  }
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  fail(message: string): void {
    const event = new Event('error', { cancelable: true });
    Object.defineProperty(event, 'message', { value: message });
    this.dispatchEvent(event);
  }
}

beforeEach(() => {
  StandInWorker.made = [];
  vi.stubGlobal('Worker', StandInWorker);
  vi.useFakeTimers();
});

afterEach(() => {
  discardPrestartedWorkers();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('prestarted node workers', () => {
  it('are taken by the spawner for their node, and new ones start for the others', () => {
    prestartWorkers(['HA', 'MN']);
    expect(StandInWorker.made.map((w) => w.options.name)).toEqual(['node HA', 'node MN']);
    const spawn = createBrowserSpawner();
    const hosts = ['MN', 'HA', 'CN'].map((node) => spawn(node));
    expect(StandInWorker.made.map((w) => w.options.name)).toEqual(['node HA', 'node MN', 'node CN']);
    expect(StandInWorker.made.map((w) => (w.posted[0] as { type: string }).type)).toEqual(['connect', 'connect', 'connect']);
    discardPrestartedWorkers();
    expect(StandInWorker.made.some((w) => w.terminated)).toBe(false);
    for (const h of hosts) h.terminate();
    expect(StandInWorker.made.every((w) => w.terminated)).toBe(true);
  });

  it('that no run takes are stopped when told, or after a while', () => {
    prestartWorkers(['A', 'B']);
    const [a, b] = StandInWorker.made;
    createBrowserSpawner()('A');
    discardPrestartedWorkers();
    expect([a!.terminated, b!.terminated]).toEqual([false, true]);

    prestartWorkers(['C']);
    const c = StandInWorker.made[2]!;
    vi.advanceTimersByTime(19_999);
    expect(c.terminated).toBe(false);
    vi.advanceTimersByTime(1);
    expect(c.terminated).toBe(true);
    createBrowserSpawner()('C');
    expect(StandInWorker.made).toHaveLength(4); // C's was gone: a new one started
  });

  it('report an error raised before they were taken as the failure of their node', async () => {
    prestartWorkers(['FA1']);
    StandInWorker.made[0]!.fail('the script could not be loaded');
    const host = createBrowserSpawner()('FA1');
    const reasons: string[] = [];
    host.onError((reason) => reasons.push(reason));
    await Promise.resolve();
    expect(reasons).toEqual(['the worker of node "FA1" failed: the script could not be loaded']);
    StandInWorker.made[0]!.fail('it crashed');
    expect(reasons).toHaveLength(2);
    expect(reasons[1]).toBe('the worker of node "FA1" failed: it crashed');
  });
});
