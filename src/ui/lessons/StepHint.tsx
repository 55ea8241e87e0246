import { memo } from 'react';
import { CitedText } from '../references/CitedText';
import { useLab } from '../store/lab-store';
import { selectOverdue } from './lesson-selectors';

// A nudge when a step's checks have not passed in the virtual time they
// usually need (the step's expectWithinS): the learner may not have acted yet.

export const StepHint = memo(function StepHint({ action }: { readonly action: string }) {
  const overdue = useLab(selectOverdue);
  if (!overdue) return null;
  return (
    <p className="lesson-hint">
      This usually happens sooner. Have you done what the step asks? <CitedText text={action} /> Or press Restart to begin the lesson again.
    </p>
  );
});
