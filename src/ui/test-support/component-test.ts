// What every component test of the lab sets up: a store as a fresh page has
// it, and no console error allowed — React reports broken keys, bad nesting
// and state updates on unmounted components there, and the lab promises a
// console without errors (docs/architecture.md "UI").

import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, expect, vi, type MockInstance } from 'vitest';
import { useLab } from '../store/lab-store';
import { TraceLog } from '../store/trace-log';

/** Call at the top of a test file: unmounts after each test and fails it if anything logged a console error. */
export function failOnConsoleErrors(): void {
  let errors: MockInstance<typeof console.error>;
  beforeEach(() => {
    errors = vi.spyOn(console, 'error');
  });
  afterEach(() => {
    cleanup();
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });
}

/** The store as a freshly opened page has it (a new, empty trace log). */
export function resetLabStore(): void {
  useLab.setState({ ...useLab.getInitialState(), trace: new TraceLog() }, true);
}
