import { memo, useMemo } from 'react';
import { storedStep } from './stored-progress';
import { BUILTIN_LESSONS, lessonById } from './lesson-catalog';
import { openLessonByChoice } from './open-lesson';

// The picker's list of lessons, in teaching order: each with what it teaches, the
// sections of the paper it covers, and how far the learner got. `onOpen` closes
// the picker as a lesson is chosen.

const LessonEntry = memo(function LessonEntry({ id, onOpen }: { readonly id: string; readonly onOpen: () => void }) {
  // The saved progress, read once per entry: the picker is drawn afresh each time it opens.
  const stored = useMemo(() => storedStep(lessonById(id)!), [id]);
  const { title, summary, sections, steps } = lessonById(id)!.lesson;
  const progress = stored === null ? 'Not started' : stored.passedAll ? 'Completed' : `At step ${stored.step + 1} of ${steps.length}`;
  return (
    <li className="lesson-entry">
      <h3>{title}</h3>
      <p>{summary}</p>
      <p className="lesson-entry-meta">Perkins &amp; Johnson {sections.join(', ')} · {steps.length} steps · {progress}</p>
      <button type="button" className="lesson-primary" aria-label={`${stored === null ? 'Start' : 'Continue'} ${title}`} onClick={() => { onOpen(); void openLessonByChoice(id); }}>
        {stored === null ? 'Start' : 'Continue'}
      </button>
    </li>
  );
});

export function LessonList({ onOpen }: { readonly onOpen: () => void }) {
  return (
    <ol className="lesson-entries">
      {BUILTIN_LESSONS.map((l) => <LessonEntry key={l.id} id={l.id} onOpen={onOpen} />)}
    </ol>
  );
}
