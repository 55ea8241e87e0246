// @vitest-environment happy-dom
// A radio cell's label: an IPv4 one as it is; a dual-stack one (docs/ipv6.md
// §2) with each prefix on a line of its own, and its line count for the
// presentation-mode tiers (presentation.css).

import { render } from '@testing-library/react';
import type { ComponentProps } from 'react';
import { describe, expect, it } from 'vitest';
import { CellNode } from './CellNode';

/** Only `data` is read; the rest of xyflow's node props do not matter here. */
const cell = (label: string) => ({ data: { cell: { id: 'cell1', label, centre: { x: 0, y: 0 }, radius: 100 }, labelTier: 0 } }) as unknown as ComponentProps<typeof CellNode>;

describe('a radio cell\'s label', () => {
  it('IPv4 only: one text, no stacking', () => {
    const { container } = render(<CellNode {...cell('FA1 cell 192.168.2.0/24')} />);
    expect(container.querySelector('.canvas-cell-label')!.textContent).toBe('FA1 cell 192.168.2.0/24');
    expect(container.querySelectorAll('.canvas-cell-label-line')).toHaveLength(0);
    expect(container.querySelector('.canvas-cell--stacked')).toBeNull();
  });

  it('dual-stack: the IPv4 and the IPv6 prefix on lines of their own, the separator gone', () => {
    const { container } = render(<CellNode {...cell('AR1 cell 192.168.2.0/24 · 2001:db8:2::/64')} />);
    const lines = [...container.querySelectorAll('.canvas-cell-label-line')].map((l) => l.textContent);
    expect(lines).toEqual(['AR1 cell 192.168.2.0/24', '2001:db8:2::/64']);
    const root = container.querySelector<HTMLElement>('.canvas-cell--stacked')!;
    expect(root.style.getPropertyValue('--cell-label-lines')).toBe('3');
  });
});
