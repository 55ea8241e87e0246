import { memo, type Ref } from 'react';
import type { LessonStep } from '../../lessons';
import { CitedText } from '../references/CitedText';
import type { PredictionAnswer } from './lesson-progress';
import { isRight, type CheckView } from './step-view';

// After the learner answers: whether they were right, the explanation of the
// answer they gave (right or wrong), and — once the check that answers the
// question has passed on the live network — what the run showed.

function answerText(step: LessonStep, answer: PredictionAnswer): string {
  const p = step.prediction!;
  if (p.kind === 'choice') return 'choice' in answer ? p.choices[answer.choice]?.text ?? '' : '';
  return 'value' in answer ? `${answer.value}${p.unit === undefined ? '' : ` ${p.unit}`}` : '';
}

export const PredictionFeedback = memo(function PredictionFeedback({ step, answer, answering, ref }: {
  readonly step: LessonStep;
  readonly answer: PredictionAnswer;
  /** The check named by the prediction's answeredBy. */
  readonly answering: CheckView | undefined;
  readonly ref?: Ref<HTMLDivElement>;
}) {
  const p = step.prediction!;
  const right = isRight(step, answer);
  const explanation = p.kind === 'choice' ? ('choice' in answer ? p.choices[answer.choice]?.explanation : undefined) : p.explanation;
  const shown = answering?.state === 'passed';
  // Revealed to a class (presentation mode): nobody predicted it, so the panel does not say "Right."
  const revealed = answer.revealed === true;
  return (
    <div className={`lesson-feedback ${right ? 'lesson-feedback-right' : 'lesson-feedback-wrong'}`} tabIndex={-1} ref={ref}>
      <p className="lesson-feedback-head">
        {revealed ? <><strong>Revealed to the class:</strong> {answerText(step, answer)}</> : <><strong>{right ? 'Right.' : 'Not quite.'}</strong> You predicted: {answerText(step, answer)}</>}
      </p>
      {explanation === undefined ? null : <p><CitedText text={explanation} /></p>}
      {!right && p.kind === 'choice' && shown ? (
        <p>
          The run shows the answer: <strong><CitedText text={p.choices[p.answer]!.text} /></strong>. <CitedText text={p.choices[p.answer]!.explanation} />
        </p>
      ) : null}
      {shown ? <p className="lesson-feedback-seen">Seen on the network: {answering.detail}.</p> : null}
    </div>
  );
});
