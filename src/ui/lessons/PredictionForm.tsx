import { memo, useId, useRef, useState, type FormEvent } from 'react';
import type { Prediction } from '../../lessons';
import { CitedText } from '../references/CitedText';
import type { PredictionAnswer } from './lesson-progress';

// The prediction, asked before the learner acts (PhET's predict-and-observe):
// a radio group for a choice, a labelled number field for a number. The
// network waits, paused, until the learner answers.

export const PredictionForm = memo(function PredictionForm({ prediction, onAnswer }: {
  readonly prediction: Prediction;
  readonly onAnswer: (answer: PredictionAnswer) => void;
}) {
  const id = useId();
  const [choice, setChoice] = useState<number | null>(null);
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  // On a laptop screen the long narrative can push the button below the
  // panel's fold: once the learner has an answer, bring it into view.
  const submitButton = useRef<HTMLButtonElement>(null);
  const showSubmit = (): void => submitButton.current?.scrollIntoView?.({ block: 'nearest' });

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (prediction.kind === 'choice') {
      if (choice === null) return setProblem('Choose one answer first.');
      return onAnswer({ choice });
    }
    const n = Number(value.replace(',', '.'));
    if (value.trim() === '' || !Number.isFinite(n)) return setProblem('Type a number first.');
    onAnswer({ value: n });
  };

  return (
    <form className="lesson-prediction" onSubmit={submit} noValidate>
      {prediction.kind === 'choice' ? (
        <fieldset role="radiogroup" aria-labelledby={`${id}-q`} aria-describedby={`${id}-wait`}>
          <legend id={`${id}-q`}><span className="lesson-predict-tag">Predict first:</span> <CitedText text={prediction.question} /></legend>
          {prediction.choices.map((c, i) => (
            <label key={i} className="lesson-choice">
              <input type="radio" name={`${id}-choice`} value={i} checked={choice === i} onChange={() => { setChoice(i); setProblem(null); showSubmit(); }} />{' '}
              <CitedText text={c.text} />
            </label>
          ))}
        </fieldset>
      ) : (
        <div className="lesson-number">
          <label htmlFor={`${id}-n`}><span className="lesson-predict-tag">Predict first:</span> <CitedText text={prediction.question} /></label>
          <span className="lesson-number-field">
            <input id={`${id}-n`} type="number" step="any" inputMode="decimal" aria-describedby={`${id}-wait`} value={value} onChange={(e) => { setValue(e.target.value); setProblem(null); showSubmit(); }} />
            {prediction.unit === undefined ? null : <span>{prediction.unit}</span>}
          </span>
        </div>
      )}
      <p id={`${id}-wait`} className="lesson-wait">The network waits, paused, until you answer.</p>
      {problem === null ? null : <p className="lesson-problem" role="alert">{problem}</p>}
      <button ref={submitButton} type="submit" className="lesson-primary">Check my prediction</button>
    </form>
  );
});
