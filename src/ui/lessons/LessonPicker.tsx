import { memo, useMemo } from 'react';
import { BUILTIN_LESSONS } from '../../lessons';
import { useLab } from '../store/lab-store';
import { storedStep } from './lesson-progress';
import { lessonById, openLessonByChoice } from './open-lesson';
import { useModalDialog } from './use-modal-dialog';
import './lessons.css';

// The lessons, in teaching order, from the header: each with what it teaches,
// the sections of the paper it covers, and how far the learner got.

const selectOpen = (s: { lessonPickerOpen: boolean }) => s.lessonPickerOpen;
const close = (): void => useLab.getState().setLessonPickerOpen(false);

export function LessonPickerButton() {
  return <button type="button" onClick={() => useLab.getState().setLessonPickerOpen(true)}>Lessons</button>;
}

const LessonEntry = memo(function LessonEntry({ id }: { readonly id: string }) {
  // The saved progress, read once per entry: the picker is drawn afresh each time it opens.
  const stored = useMemo(() => storedStep(lessonById(id)!), [id]);
  const { title, summary, sections, steps } = lessonById(id)!.lesson;
  const progress = stored === null ? 'Not started' : stored.passedAll ? 'Completed' : `At step ${stored.step + 1} of ${steps.length}`;
  return (
    <li className="lesson-entry">
      <h3>{title}</h3>
      <p>{summary}</p>
      <p className="lesson-entry-meta">Perkins &amp; Johnson {sections.join(', ')} · {steps.length} steps · {progress}</p>
      <button type="button" className="lesson-primary" aria-label={`${stored === null ? 'Start' : 'Continue'} ${title}`} onClick={() => { close(); void openLessonByChoice(id); }}>
        {stored === null ? 'Start' : 'Continue'}
      </button>
    </li>
  );
});

export function LessonPickerDialog() {
  const open = useLab(selectOpen);
  const ref = useModalDialog(open, close);
  return (
    <dialog ref={ref} className="lesson-dialog" aria-labelledby="lesson-picker-title">
      {open ? (
        <>
          <h2 id="lesson-picker-title">Lessons</h2>
          <p>Each lesson is a few short steps on the live network: predict what will happen, do it, and see the packets that show it.</p>
          <ol className="lesson-entries">
            {BUILTIN_LESSONS.map((l) => <LessonEntry key={l.id} id={l.id} />)}
          </ol>
          <button type="button" onClick={close}>Close</button>
        </>
      ) : null}
    </dialog>
  );
}
