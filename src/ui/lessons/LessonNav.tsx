import { memo, useEffect, useRef, useState } from 'react';
import { useLab } from '../store/lab-store';
import { restartLesson } from './open-lesson';

// Back and Next between steps (Next past the furthest one starts the next
// step), and Restart: the lesson's scenario reloaded, its progress cleared —
// asked twice, since it throws the learner's answers away. The focus stays
// on the question while it is asked, and comes back if it is cancelled.

export const LessonNav = memo(function LessonNav({ id, step, reached, count, done }: {
  readonly id: string;
  readonly step: number;
  readonly reached: number;
  readonly count: number;
  /** The step shown has passed. */
  readonly done: boolean;
}) {
  const [confirming, setConfirming] = useState(false);
  const asked = useRef(false);
  const cancel = useRef<HTMLButtonElement>(null);
  const restart = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) cancel.current?.focus();
    else if (asked.current) restart.current?.focus();
    asked.current = confirming;
  }, [confirming]);

  const last = step === count - 1;
  return (
    <nav className="lesson-nav" aria-label="Lesson steps">
      <button type="button" disabled={step === 0} onClick={() => useLab.getState().lessonBack()}>Back</button>
      {last ? null : (
        <button type="button" className={done || step < reached ? 'lesson-primary' : undefined} onClick={() => useLab.getState().lessonNext()}>
          {done || step < reached ? 'Next step' : 'Skip this step'}
        </button>
      )}
      {confirming ? (
        <span className="lesson-confirm" role="group" aria-label="Restart the lesson?">
          <span>Start again from step 1? Your answers are cleared.</span>
          <button type="button" onClick={() => { setConfirming(false); void restartLesson(id); }}>Restart</button>
          <button type="button" ref={cancel} onClick={() => setConfirming(false)}>Cancel</button>
        </span>
      ) : (
        <button type="button" ref={restart} className="lesson-restart" aria-label="Restart lesson" onClick={() => setConfirming(true)}>Restart</button>
      )}
    </nav>
  );
});
