// Measures what a student in the back row reads (presentation-readability.spec.ts):
// the rendered size of every visible piece of text, and the boxes of the
// network's nodes. Text inside the network's viewport is drawn scaled by the
// canvas zoom, so its size on screen is its font size times that zoom.

import type { Page } from '@playwright/test';

export interface TextSize {
  readonly where: string;
  readonly text: string;
  /** Pixels on screen. */
  readonly px: number;
  /** Drawn inside the zoomed network (a label) rather than in a panel. */
  readonly label: boolean;
}

export interface Box { readonly x: number; readonly y: number; readonly width: number; readonly height: number }

/** Every visible element under `roots` holding text of its own, with its size on screen. */
export function textSizes(page: Page, roots: readonly string[]): Promise<TextSize[]> {
  return page.evaluate((selectors) => {
    const out: { where: string; text: string; px: number; label: boolean }[] = [];
    const viewport = document.querySelector('.react-flow__viewport');
    const zoom = viewport === null ? 1 : new DOMMatrix(getComputedStyle(viewport).transform).a;
    const seen = new Set<Element>();
    for (const selector of selectors) {
      for (const root of document.querySelectorAll(selector)) {
        for (const el of [root, ...root.querySelectorAll('*')]) {
          if (seen.has(el)) continue;
          seen.add(el);
          const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim();
          if (own === '') continue;
          if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
          const rect = el.getBoundingClientRect();
          if (rect.width === 0 || rect.height === 0) continue;
          const label = viewport !== null && viewport.contains(el);
          out.push({ where: selector, text: own.slice(0, 40), px: parseFloat(getComputedStyle(el).fontSize) * (label ? zoom : 1), label });
        }
      }
    }
    return out;
  }, [...roots]);
}

export function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
