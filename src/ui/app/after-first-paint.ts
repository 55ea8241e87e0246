import { useEffect, useState, startTransition } from 'react';

/**
 * Runs `then` once the browser has painted what is drawn now (the next frame, then a task), or
 * after 200 ms where no frame comes (a tab opened in the background).
 */
export function afterFirstPaint(then: () => void): void {
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    then();
  };
  requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, 200);
}

/**
 * False in the first commit, true once it has painted: what the first frame can do without
 * is rendered in the next one, as a transition (React hands the main thread back between its slices).
 */
export function usePaintedOnce(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let live = true;
    afterFirstPaint(() => {
      if (live) startTransition(() => setPainted(true));
    });
    return () => {
      live = false;
    };
  }, []);
  return painted;
}
