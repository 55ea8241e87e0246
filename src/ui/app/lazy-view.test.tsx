// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { Component, type ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lazyView, ViewLoadError } from './lazy-view';

// The on-demand views: a loading line, then the view; a view whose code cannot
// arrive says so with a Reload button; a view that breaks once loaded is not
// mistaken for a loading failure but reaches the lab's own error boundary.

class Outer extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) { return { error }; }
  override render() { return this.state.error === null ? this.props.children : <p>outer caught: {this.state.error.message}</p>; }
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('lazyView', () => {
  it('says what is loading, then shows the view with its props', async () => {
    const Greeting = lazyView('greeting card', async () => ({ name }: { name: string }) => <p>Hello {name}</p>);
    render(<Greeting name="Ada" />);
    expect(screen.getByRole('status').textContent).toBe('Loading the greeting card…');
    expect((await screen.findByText('Hello Ada')).tagName).toBe('P');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('names the view that could not be fetched and offers a reload, without a stack trace', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const Broken = lazyView('ladder diagram', () => Promise.reject(new TypeError('Failed to fetch dynamically imported module')));
    render(<Broken />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The ladder diagram could not be loaded');
    expect(alert.textContent).not.toContain('at ');
    expect(screen.getByRole('button', { name: 'Reload the lab' })).toBeTruthy();
  });

  it('lets an error thrown by the loaded view reach the boundary above it', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const Thrower = lazyView('thrower', async () => () => { throw new Error('a bug in the view'); });
    render(<Outer><Thrower /></Outer>);
    expect((await screen.findByText(/outer caught/)).textContent).toBe('outer caught: a bug in the view');
    expect(screen.queryByRole('button', { name: 'Reload the lab' })).toBeNull();
  });

  it('wraps a loading failure with the view name and the cause', () => {
    const error = new ViewLoadError('statistics', new Error('net::ERR_INTERNET_DISCONNECTED'));
    expect(error.message).toBe('The statistics could not be loaded (net::ERR_INTERNET_DISCONNECTED).');
  });
});
