import { useEffect, useRef } from 'react';
import { CitedText } from '../references/CitedText';
import { useLab } from '../store/lab-store';
import { LessonComplete } from './LessonComplete';
import { LessonNav } from './LessonNav';
import { takeFocusOnOpen } from './open-lesson';
import { selectGatedStep, selectLesson, selectRunEnded } from './lesson-selectors';
import { StepCard } from './StepCard';
import { ReportMenu } from './report/ReportMenu';
import type { StepView } from './step-view';
import './lessons.css';

// The lesson player (docs/lessons.md "The player in the page"): progress, the step — narrative, action,
// prediction, live checks — and the way between steps. It reads the store
// and sends ordinary learner commands; the lessons slice does the rest.

function statusLine(view: StepView | undefined, gated: boolean, last: boolean, ended: boolean): string {
  if (gated) return ''; // the prediction says the network waits for it
  if (view?.state === 'passed') return last ? 'Step done — and with it the lesson.' : 'Step done. Look around, then go to the next step.';
  if (view?.state === 'failed') return 'A check failed: see what was seen instead, then press Restart to try again, or skip on.';
  if (ended) return 'The scenario has reached its end before this step was done: press Restart to run the lesson again.';
  return '';
}

export function LessonPanel() {
  const lesson = useLab(selectLesson);
  const gated = useLab(selectGatedStep);
  const ended = useLab(selectRunEnded);
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = useRef<number | null>(null);
  const step = lesson?.progress.step ?? 0;

  // A new step: the focus goes to its heading — and so it does when the learner has just opened
  // the lesson (picked it, started it from the greeting, restarted it), not when a link opened it.
  useEffect(() => {
    const opening = shown.current === null;
    if (opening ? takeFocusOnOpen() : shown.current !== step) heading.current?.focus();
    shown.current = step;
  }, [step]);

  if (lesson === null) return null;
  const { loaded, progress, views } = lesson;
  const steps = loaded.lesson.steps;
  const view = views[step]!;
  const allDone = views.every((v) => v.state === 'passed');
  return (
    <section className="lesson-panel" aria-labelledby="lesson-title">
      <header className="lesson-head">
        <div className="lesson-head-row">
          <h2 id="lesson-title" className="lesson-title">{loaded.lesson.title}</h2>
          <ReportMenu />
          <button type="button" className="lesson-close" onClick={() => useLab.getState().closeLesson()}>Close lesson</button>
        </div>
        <p className="lesson-progress">
          Step {step + 1} of {steps.length}
          <span className="lesson-dots" aria-hidden="true">
            {views.map((v, k) => <span key={k} className={`lesson-dot lesson-dot-${k > progress.reached ? 'ahead' : v.state}${k === step ? ' lesson-dot-here' : ''}`} />)}
          </span>
          <span className="lesson-sections"><CitedText text={`Perkins & Johnson ${loaded.lesson.sections.join(', ')}`} /></span>
        </p>
      </header>
      <div className="lesson-body">
        <StepCard
          key={step}
          index={step}
          step={steps[step]!}
          actions={loaded.actions[step] ?? []}
          view={view}
          answer={progress.answers[step] ?? null}
          current={step === progress.reached}
          headingRef={heading}
        />
        {allDone ? <LessonComplete id={lesson.id} onPick={() => useLab.getState().setLessonPickerOpen(true)} /> : null}
      </div>
      <p className="lesson-status" role="status">{step === progress.reached ? statusLine(view, gated === step, step === steps.length - 1, ended) : `You are looking back at an earlier step; the lesson is at step ${progress.reached + 1}.`}</p>
      <LessonNav id={lesson.id} step={step} reached={progress.reached} count={steps.length} done={view.state === 'passed'} />
    </section>
  );
}
