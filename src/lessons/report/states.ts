// The states a report can claim, the evaluator's own (evaluate/evaluator.ts,
// evaluate/check-run.ts), kept in one place for the report's schema.

import type { CheckState } from '../evaluate/check-run';
import type { StepState } from '../evaluate/evaluator';

export const CHECK_STATES = ['pending', 'passed', 'failed'] as const satisfies readonly CheckState[];
export const STEP_STATES = ['not-started', 'pending', 'passed', 'failed'] as const satisfies readonly StepState[];
