import { memo, useMemo } from 'react';
import type { StepAction } from '../../lessons';
import { linkTitles } from '../controls/link-names';
import { useLab } from '../store/lab-store';
import { selectCanAct, selectLessonSend } from './lesson-selectors';
import { attackButtons, howTo } from './step-actions';

// How to do what the step asks: where in the lab it is done, and for an
// attack — which no other control makes — a button that sends it.

export const StepActions = memo(function StepActions({ actions, waiting }: { readonly actions: readonly StepAction[]; readonly waiting: boolean }) {
  const buttons = useMemo(() => attackButtons(actions), [actions]);
  const topology = useLab((s) => s.scenario?.topology);
  const hints = useMemo(() => {
    const titles = topology === undefined ? undefined : linkTitles(topology);
    return howTo(actions, titles === undefined ? undefined : (id) => titles.get(id));
  }, [actions, topology]);
  const send = useLab(selectLessonSend);
  const canAct = useLab(selectCanAct);
  return (
    <>
      {hints.map((h) => <p key={h} className="lesson-how">How: {h}</p>)}
      {buttons.length === 0 ? null : (
        <div className="lesson-attacks" role="group" aria-label="Attacks">
          {buttons.map((b) => (
            <button key={b.label} type="button" disabled={waiting || !canAct} onClick={() => send(b.command)}>{b.label}</button>
          ))}
          {waiting ? <span className="lesson-wait">Answer the prediction first.</span> : null}
        </div>
      )}
    </>
  );
});
