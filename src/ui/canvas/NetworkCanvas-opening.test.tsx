// @vitest-environment happy-dom
// Before the first run has opened, the canvas says the scenario is being opened;
// once opening failed, that no network is loaded (the lab reports why above it).

import { act, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useLab } from '../store/lab-store';
import { failOnConsoleErrors, resetLabStore } from '../test-support/component-test';
import { NetworkCanvas } from './NetworkCanvas';

failOnConsoleErrors();
beforeEach(() => resetLabStore());

describe('NetworkCanvas with no run open', () => {
  it('says the scenario is opening while the first run loads, and that no network is loaded once loading failed', () => {
    expect(useLab.getState().scenario).toBeNull();
    render(<NetworkCanvas />);
    expect(screen.getByRole('status').textContent).toBe('Opening the scenario…');
    act(() => useLab.getState().setLoadError('The scenario file is not JSON.'));
    expect(screen.getByRole('status').textContent).toBe('No network loaded yet.');
  });
});
