// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useOfflineStatus } from './offline-status';
import { UpdatePrompt } from './UpdatePrompt';

afterEach(() => {
  cleanup();
  useOfflineStatus.setState({ updateWaiting: false, applyUpdate: null, dismissed: false });
});

describe('the update prompt', () => {
  it('says nothing while no new version waits', () => {
    render(<UpdatePrompt />);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('offers a reload when a new version waits, and reloads into it on request', () => {
    const applyUpdate = vi.fn();
    useOfflineStatus.setState({ updateWaiting: true, applyUpdate });
    render(<UpdatePrompt />);
    expect(screen.getByRole('status').textContent).toContain('A new version of the lab is available');
    fireEvent.click(screen.getByRole('button', { name: 'Reload now' }));
    expect(applyUpdate).toHaveBeenCalledTimes(1);
  });

  it('goes away on "Later" without reloading', () => {
    const applyUpdate = vi.fn();
    useOfflineStatus.setState({ updateWaiting: true, applyUpdate });
    render(<UpdatePrompt />);
    fireEvent.click(screen.getByRole('button', { name: 'Later' }));
    expect(screen.queryByRole('status')).toBeNull();
    expect(applyUpdate).not.toHaveBeenCalled();
  });
});
