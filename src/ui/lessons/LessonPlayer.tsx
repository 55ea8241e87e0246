import { useEffect, useRef } from 'react';
import { useLab } from '../store/lab-store';
import { selectLessonId } from './lesson-selectors';
import { lazyView } from '../app/lazy-view';
import { LessonPickerDialog } from './LessonPicker';
import { setLessonAddress } from './open-lesson';

// Where the lessons live in the page: the panel while a lesson is open, the
// picker dialog, the page address (`?lesson=<id>` while one is open, so a
// reload comes back to it) and a last save when the page goes away.

// The panel (steps, checks, the report with its headless replay) is fetched when a
// lesson opens, not with the page (app/lazy-view.tsx).
const LessonPanel = lazyView('lesson', () => import('./LessonPanel').then((m) => m.LessonPanel));

export function LessonPlayer() {
  const id = useLab(selectLessonId);
  const previous = useRef<string | null>(null);

  useEffect(() => {
    if (id !== null) setLessonAddress(id);
    else if (previous.current !== null) setLessonAddress(null); // closed, or another scenario opened
    previous.current = id;
  }, [id]);

  useEffect(() => {
    const save = (): void => useLab.getState().saveLessonProgress();
    window.addEventListener('pagehide', save);
    return () => window.removeEventListener('pagehide', save);
  }, []);

  return (
    <>
      {id === null ? null : <LessonPanel />}
      <LessonPickerDialog />
    </>
  );
}
