import { useLab } from '../store/lab-store';
import { lazyView } from '../app/lazy-view';
import { useModalDialog } from './use-modal-dialog';
import './lessons.css';

// The lessons, in teaching order, from the header: each with what it teaches,
// the sections of the paper it covers, and how far the learner got.

const selectOpen = (s: { lessonPickerOpen: boolean }) => s.lessonPickerOpen;
const close = (): void => useLab.getState().setLessonPickerOpen(false);

// The list carries every built-in lesson: fetched when the picker first opens (lesson-catalog.ts).
const LessonList = lazyView('lesson list', () => import('./LessonList').then((m) => m.LessonList));

export function LessonPickerButton() {
  return <button type="button" onClick={() => useLab.getState().setLessonPickerOpen(true)}>Lessons</button>;
}

export function LessonPickerDialog() {
  const open = useLab(selectOpen);
  const ref = useModalDialog(open, close);
  return (
    <dialog ref={ref} className="lesson-dialog" aria-labelledby="lesson-picker-title">
      {open ? (
        <>
          <h2 id="lesson-picker-title">Lessons</h2>
          <p>Each lesson is a few short steps on the live network: predict what will happen, do it, and see the packets that show it.</p>
          <LessonList onOpen={close} />
          <button type="button" onClick={close}>Close</button>
        </>
      ) : null}
    </dialog>
  );
}
