import { memo } from 'react';
import { BUILTIN_LESSONS, lessonById } from './lesson-catalog';
import { openLessonByChoice } from './open-lesson';
import { ReportActions } from './report/ReportActions';

// The end of a lesson: what comes next in teaching order.

export const LessonComplete = memo(function LessonComplete({ id, onPick }: { readonly id: string; readonly onPick: () => void }) {
  const at = BUILTIN_LESSONS.findIndex((l) => l.id === id);
  const next = at < 0 ? undefined : BUILTIN_LESSONS[at + 1];
  const title = next === undefined ? undefined : lessonById(next.id)?.lesson.title;
  return (
    <section className="lesson-complete" aria-label="Lesson complete">
      <p><strong>Lesson complete.</strong> Every check of every step has passed.</p>
      {next === undefined || title === undefined ? (
        <p>That was the last lesson for now: explore the network freely, or pick a lesson again.</p>
      ) : (
        <button type="button" className="lesson-primary" onClick={() => void openLessonByChoice(next.id)}>Next lesson: {title}</button>
      )}
      <button type="button" onClick={onPick}>All lessons</button>
      <p>Hand in your work: <ReportActions /></p>
    </section>
  );
});
