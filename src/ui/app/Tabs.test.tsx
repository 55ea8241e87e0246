// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Tabs } from './Tabs';

afterEach(cleanup);

function renderTabs() {
  render(
    <Tabs
      label="Packet views"
      tabs={[
        { id: 'packets', label: 'Packets', content: <p>the list</p> },
        { id: 'ladder', label: 'Ladder diagram', content: <p>the ladder</p> },
        { id: 'keys', label: 'Key exchange', content: <p>the keys</p> },
      ]}
    />,
  );
}

describe('Tabs (WAI-ARIA tabs, automatic activation)', () => {
  it('shows the first panel, labelled by its tab; only the active tab is in the tab order', () => {
    renderTabs();
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => [t.textContent, t.getAttribute('aria-selected'), t.tabIndex])).toEqual([
      ['Packets', 'true', 0], ['Ladder diagram', 'false', -1], ['Key exchange', 'false', -1],
    ]);
    expect(screen.getByRole('tabpanel', { name: 'Packets' }).textContent).toBe('the list');
    expect(screen.queryByRole('tablist', { name: 'Packet views' })).not.toBeNull();
  });

  it('arrow keys move and activate, wrapping around; Home and End jump', () => {
    renderTabs();
    const [packets, ladder, keys] = screen.getAllByRole('tab');
    fireEvent.keyDown(packets!, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(ladder);
    expect(screen.getByRole('tabpanel', { name: 'Ladder diagram' }).textContent).toBe('the ladder');
    fireEvent.keyDown(ladder!, { key: 'End' });
    expect(document.activeElement).toBe(keys);
    fireEvent.keyDown(keys!, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(packets);
    fireEvent.keyDown(packets!, { key: 'ArrowLeft' });
    expect(keys!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(keys!, { key: 'Home' });
    expect(packets!.getAttribute('aria-selected')).toBe('true');
  });

  it('mounts a panel when its tab is first opened, then keeps it mounted, so it keeps its state when the learner comes back', () => {
    renderTabs();
    expect(screen.queryByText('the keys')).toBeNull();
    fireEvent.click(screen.getByRole('tab', { name: 'Key exchange' }));
    expect(screen.getByText('the list', { selector: 'p' }).closest('[role="tabpanel"]')!.hasAttribute('hidden')).toBe(true);
    expect(screen.getByRole('tabpanel', { name: 'Key exchange' }).textContent).toBe('the keys');
  });
});
