// The visible window of a scrolling element, for views that render only what
// is on screen (thousands of packets or arrows). Programmatic scrolls are told
// apart from the learner's, so "follow the newest" can stop when the learner
// scrolls away and resume when they scroll back to the end (Wireshark's
// auto-scroll).

import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';

export interface Viewport {
  readonly top: number;
  readonly left: number;
  readonly height: number;
  readonly width: number;
}

export interface ScrollViewport {
  readonly viewport: Viewport;
  /** Scrolls to `top` (and `left` if given) without counting as the learner's scroll. */
  scrollTo(top: number, left?: number): void;
  /** Attach to onScroll; calls `onUserScroll` only for scrolls the code did not make. */
  readonly onScroll: () => void;
  /** False while the element has no layout (e.g. inside a hidden tab panel), where scrolling does nothing. */
  readonly shown: boolean;
}

/** Sizes used before the element has a layout (first render; happy-dom in tests). */
const FALLBACK = { height: 240, width: 960 };

export function useScrollViewport(ref: RefObject<HTMLElement | null>, onUserScroll?: (el: HTMLElement) => void): ScrollViewport {
  const [viewport, setViewport] = useState<Viewport>({ top: 0, left: 0, ...FALLBACK });
  const expected = useRef<{ top: number; left: number } | null>(null);
  const [shown, setShown] = useState(false);

  useLayoutEffect(() => {
    const el = ref.current;
    if (el === null) return;
    const measure = () => {
      setShown(el.getClientRects().length > 0);
      const height = el.clientHeight || FALLBACK.height;
      const width = el.clientWidth || FALLBACK.width;
      setViewport((v) => (v.height === height && v.width === width ? v : { ...v, height, width }));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);

  const scrollTo = useCallback((top: number, left?: number) => {
    const el = ref.current;
    if (el === null) return;
    const t = Math.max(0, Math.round(top));
    const l = left === undefined ? el.scrollLeft : Math.max(0, Math.round(left));
    expected.current = { top: t, left: l };
    el.scrollTop = t;
    el.scrollLeft = l;
    // The browser clamps to the scrollable range: keep what it actually did.
    expected.current = { top: el.scrollTop, left: el.scrollLeft };
    setViewport((v) => ({ ...v, top: el.scrollTop, left: el.scrollLeft }));
  }, [ref]);

  const onScroll = useCallback(() => {
    const el = ref.current;
    if (el === null) return;
    const mine = expected.current !== null && Math.abs(el.scrollTop - expected.current.top) <= 2 && Math.abs(el.scrollLeft - expected.current.left) <= 2;
    expected.current = null;
    setViewport((v) => (v.top === el.scrollTop && v.left === el.scrollLeft ? v : { ...v, top: el.scrollTop, left: el.scrollLeft }));
    if (!mine) onUserScroll?.(el);
  }, [ref, onUserScroll]);

  return { viewport, scrollTo, onScroll, shown };
}
