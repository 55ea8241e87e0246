// @vitest-environment happy-dom
// Before the first run has opened, the node tables say it is being opened; once
// opening failed, they say nothing is open (the lab reports why elsewhere).

import { act, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useLab } from '../store/lab-store';
import { failOnConsoleErrors, resetLabStore } from '../test-support/component-test';
import { NodePicker } from './NodePicker';

failOnConsoleErrors();
beforeEach(() => resetLabStore());

describe('NodePicker with no run open', () => {
  it('says the scenario is opening while the first run loads, and that none is open once loading failed', () => {
    expect(useLab.getState().scenario).toBeNull();
    expect(useLab.getState().status).toBe('loading');
    render(<NodePicker />);
    expect(screen.getByText('Opening the scenario…')).toBeTruthy();
    act(() => useLab.getState().setLoadError('The scenario file is not JSON.'));
    expect(screen.getByText('No scenario is open.')).toBeTruthy();
    expect(screen.queryByText('Opening the scenario…')).toBeNull();
  });
});
