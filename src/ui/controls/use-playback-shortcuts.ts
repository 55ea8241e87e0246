import { useEffect, useRef } from 'react';

// Space plays or pauses, → steps (docs/architecture.md "UI") — but never while the learner
// types, picks from a list, drags a slider or moves between tabs: those keys
// belong to the focused control there. A focused button keeps Space for
// itself (Space presses it), so the shortcut does not fire twice.

const TEXT_ENTRY = 'input, textarea, select, [contenteditable=""], [contenteditable="true"]';
const OWNS_ARROWS = '[role="slider"], [role="tab"], [role="listbox"], [role="grid"], [role="tree"], [role="menu"], [role="radiogroup"], [role="spinbutton"], [role="combobox"], [role="textbox"]';
const OWNS_SPACE = 'button, a[href], summary, [role="button"], [role="checkbox"], [role="switch"], [role="option"]';

export function shortcutAllowed(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof Element)) return true;
  if (target.closest(TEXT_ENTRY) !== null || target.closest(OWNS_ARROWS) !== null) return false;
  return key !== ' ' || target.closest(OWNS_SPACE) === null;
}

export interface PlaybackShortcuts {
  readonly toggle: () => void;
  readonly step: () => void;
}

export function usePlaybackShortcuts(actions: PlaybackShortcuts): void {
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key !== ' ' && e.key !== 'ArrowRight') return;
      if (e.key === ' ' && e.repeat) return; // holding Space must not flicker play/pause
      if (!shortcutAllowed(e.target, e.key)) return;
      e.preventDefault();
      if (e.key === ' ') latest.current.toggle();
      else latest.current.step();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
