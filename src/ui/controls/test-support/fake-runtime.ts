// A LabRuntime whose every method is a spy, for component tests: the panels
// under test get real data from a headless run (test-support/lab-fixture.ts),
// and the tests check that the controls call the runtime as the contract
// (runtime/types.ts) says. No workers, no pacing.

import { vi, type Mock } from 'vitest';
import { PAGE_TRACE_RETENTION, type LabCommand, type LabRuntime, type RuntimeBatch, type Speed, type TraceStretch } from '../../../runtime/types';
import type { LoadedScenario } from '../../../scenarios/to-topology';
import { useLab } from '../../store/lab-store';

export interface FakeRuntime extends LabRuntime {
  readonly start: Mock<() => void>;
  readonly pause: Mock<() => void>;
  readonly step: Mock<() => Promise<void>>;
  readonly seek: Mock<(t: number) => Promise<void>>;
  readonly setSpeed: Mock<(speed: Speed) => void>;
  readonly send: Mock<(command: LabCommand) => void>;
  readonly recall: Mock<(t: number) => Promise<TraceStretch>>;
  readonly destroy: Mock<() => void>;
}

export function fakeRuntime(scenario: LoadedScenario): FakeRuntime {
  return {
    scenario,
    seed: scenario.seed,
    mode: { kind: 'in-page' },
    ready: Promise.resolve(),
    start: vi.fn(),
    pause: vi.fn(),
    step: vi.fn(() => Promise.resolve()),
    seek: vi.fn(() => Promise.resolve()),
    setSpeed: vi.fn(),
    send: vi.fn(),
    // The contract: a subscriber gets the full current picture first — a loaded run, paused at time 0.
    subscribe: vi.fn((listener: (b: RuntimeBatch) => void) => {
      listener({ now: 0, status: 'paused', speed: 1, trace: [] });
      return () => undefined;
    }),
    traceRetention: PAGE_TRACE_RETENTION,
    recall: vi.fn((t: number): Promise<TraceStretch> => Promise.resolve({ events: [], to: t - 1, before: { events: 0, packets: 0 } })),
    destroy: vi.fn(),
  };
}

/** Puts the fake in the store without resetting what a fixture loaded there. */
export function installFakeRuntime(scenario: LoadedScenario): FakeRuntime {
  const runtime = fakeRuntime(scenario);
  useLab.setState({ runtime });
  return runtime;
}
