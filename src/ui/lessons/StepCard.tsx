import { memo, useCallback, useEffect, useRef, type Ref } from 'react';
import type { LessonStep, StepAction } from '../../lessons';
import { CitedText } from '../references/CitedText';
import { useLab } from '../store/lab-store';
import { StepActions } from './StepActions';
import { CheckList } from './CheckList';
import type { PredictionAnswer } from './lesson-progress';
import { selectAnswerPrediction, selectShowMe } from './lesson-selectors';
import { PredictionFeedback } from './PredictionFeedback';
import { PredictionForm } from './PredictionForm';
import { StepHint } from './StepHint';
import type { StepView } from './step-view';

// One step: what is going on (citing the paper), what to do, the prediction
// (asked first), then the live checks. The heading takes the focus when the
// learner moves to another step; the feedback takes it once they answer.

/** Scrolls the panel (only the panel: the page itself never scrolls) until `el` is in view, its top first. */
function revealInPanel(el: HTMLElement | null): void {
  const panel = el?.closest('.lesson-body');
  if (el === null || panel === null || panel === undefined) return;
  const box = el.getBoundingClientRect();
  const view = panel.getBoundingClientRect();
  const by = Math.min(box.bottom - view.bottom, box.top - view.top);
  if (by > 0) panel.scrollTop += by;
}

export const StepCard = memo(function StepCard({ index, step, actions, view, answer, current, headingRef }: {
  readonly index: number;
  readonly step: LessonStep;
  readonly actions: readonly StepAction[];
  readonly view: StepView;
  readonly answer: PredictionAnswer | null;
  /** The furthest step: the one the network is running for. */
  readonly current: boolean;
  readonly headingRef: Ref<HTMLHeadingElement>;
}) {
  const answerPrediction = useLab(selectAnswerPrediction);
  const showMe = useLab(selectShowMe);
  const feedback = useRef<HTMLDivElement>(null);
  const checks = useRef<HTMLDivElement>(null);
  const answered = useRef(answer !== null);
  const asking = step.prediction !== undefined && answer === null;

  useEffect(() => {
    if (answer !== null && !answered.current) feedback.current?.focus();
    answered.current = answer !== null;
  }, [answer]);

  // The step is decided: its checks come into view (the panel may have been scrolled to the narrative).
  useEffect(() => {
    if (current && view.state !== 'pending' && view.state !== 'not-started') revealInPanel(checks.current);
  }, [current, view.state]);

  const onAnswer = useCallback((a: PredictionAnswer) => answerPrediction(index, a), [answerPrediction, index]);
  const onShowMe = useCallback((check: number) => void showMe(index, check), [showMe, index]);

  return (
    <article className="lesson-step" aria-labelledby={`lesson-step-${index}`}>
      <h3 id={`lesson-step-${index}`} className="lesson-step-title" tabIndex={-1} ref={headingRef}>{step.title}</h3>
      <p className="lesson-narrative"><CitedText text={step.narrative} /></p>
      {step.prediction === undefined ? null : asking
        ? <PredictionForm prediction={step.prediction} onAnswer={onAnswer} />
        : <PredictionFeedback ref={feedback} step={step} answer={answer!} answering={view.checks[step.prediction.answeredBy]} />}
      <p className={`lesson-action${asking ? ' lesson-action-later' : ''}`}>
        <span className="lesson-action-tag">{asking ? 'Then:' : 'Your turn:'}</span> <CitedText text={step.action} />
      </p>
      {current ? <StepActions actions={actions} waiting={asking} /> : null}
      {current ? <StepHint action={step.action} /> : null}
      <div ref={checks}>
        <h4 className="lesson-checks-title">Checks</h4>
        <CheckList checks={step.checks} views={view.checks} onShowMe={onShowMe} />
      </div>
    </article>
  );
});
