import { memo, useEffect, useState } from 'react';
import { CitedTextSoon as CitedText } from '../references/CitedTextSoon';
import { shortcutAllowed } from '../controls/use-playback-shortcuts';
import { selectLesson } from '../lessons/lesson-selectors';
import { useLab } from '../store/lab-store';
import { classQuestion, revealedAnswer, type ClassQuestionView } from './class-question';
import './course.css';

// The presenter view (presentation mode only): the step's prediction, big, as a
// question to the class — numbered choices for a show of hands — with the
// answer hidden until the presenter presses Reveal (or R). Revealed, the right
// choice is marked, its explanation shown, and the network plays the answer
// out. It lies over the packet views, which have nothing new while the network
// waits, and never over the network. Hide gives the packet views back.

function reveal(q: ClassQuestionView): void {
  const answer = revealedAnswer(q.data);
  if (answer !== null) useLab.getState().answerPrediction(q.step, answer);
}

const Choices = memo(function Choices({ q }: { readonly q: ClassQuestionView }) {
  const p = q.data.prediction!;
  if (p.kind === 'number') {
    return (
      <p className="class-number">
        {q.answer === null ? `Answer with a number${p.unit === undefined ? '' : ` (${p.unit})`}.` : <>The answer: <strong>{p.answer}{p.unit === undefined ? '' : ` ${p.unit}`}</strong></>}
      </p>
    );
  }
  return (
    <ol className="class-choices">
      {p.choices.map((c, i) => {
        const right = q.answer !== null && i === p.answer;
        const state = q.answer === null ? '' : right ? ' class-choice-right' : ' class-choice-other';
        return (
          <li key={i} className={`class-choice${state}`}>
            <span className="class-choice-number" aria-hidden="true">{i + 1}</span>
            <span><CitedText text={c.text} />{right ? <strong className="class-choice-mark"> — the answer</strong> : null}</span>
          </li>
        );
      })}
    </ol>
  );
});

function explanationOf(q: ClassQuestionView): string {
  const p = q.data.prediction!;
  return p.kind === 'choice' ? p.choices[p.answer]!.explanation : p.explanation;
}

export function ClassQuestion() {
  const presentation = useLab((s) => s.presentation);
  const lesson = useLab(selectLesson);
  const q = presentation ? classQuestion(lesson) : null;
  const key = q === null || lesson === null ? null : `${lesson.id}:${q.step}`;
  const [hidden, setHidden] = useState<string | null>(null);
  const answering = q === null || lesson === null ? undefined : lesson.views[q.step]?.checks[q.data.prediction!.answeredBy];
  const open = q !== null && q.answer === null;

  useEffect(() => {
    if (!open) return;
    const onKeyDown = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.repeat || e.altKey || e.ctrlKey || e.metaKey || (e.key !== 'r' && e.key !== 'R')) return;
      if (!shortcutAllowed(e.target, e.key)) return;
      e.preventDefault();
      const now = classQuestion(useLab.getState().lesson);
      if (now !== null && now.answer === null) reveal(now);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [open]);

  if (q === null || hidden === key) return null;
  const numberShown = q.answer !== null && q.data.prediction!.kind === 'number';
  return (
    <section className={`class-question${q.answer === null && q.data.prediction!.kind === 'choice' ? ' class-question--choices' : ''}`} aria-labelledby="class-question-title">
      <div className="class-head">
        <h2 id="class-question-title" className="class-question-tag">{q.answer === null ? 'Question to the class' : 'The answer'}</h2>
        {/* In the heading's row, so it is on screen however long the choices run. */}
        {q.answer === null ? (
          <button type="button" className="class-reveal" aria-keyshortcuts="R" onClick={() => reveal(q)}>Reveal the answer (R)</button>
        ) : (
          <button type="button" onClick={() => setHidden(key)}>Hide — back to the packets</button>
        )}
      </div>
      {/* Revealed, the answer and why take the room the question had: the class has just read it. */}
      {q.answer === null ? <p className="class-question-text"><CitedText text={q.data.prediction!.question} /></p> : null}
      {/* Revealed: a number's answer, then why; for choices, why comes first and the choices stay
          below it, the right one marked, for the show of hands. */}
      {numberShown ? <Choices q={q} /> : null}
      {q.answer === null ? null : (
        <div className="class-explanation">
          <p><CitedText text={explanationOf(q)} /></p>
          <p className="class-seen" role="status">{answering?.state === 'passed' ? `Seen on the network: ${answering.detail}.` : 'The network plays it out now.'}</p>
        </div>
      )}
      {numberShown ? null : <Choices q={q} />}
    </section>
  );
}
