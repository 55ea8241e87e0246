// Lessons: the format (format/), the checks evaluator (evaluate/), the
// built-in lessons (builtin/) and a headless run (headless/). What the page's
// lesson player and the command line use; docs/lessons.md describes it all.

export { LESSON_FORMAT, type Check, type Lesson, type LessonStep, type Prediction } from './format/schema';
export { parseLesson, parseLessonText, type LoadedLesson, type LessonResult, type StepAction } from './format/validate';
export { LessonEvaluator, type StepState, type StepStatus } from './evaluate/evaluator';
export type { CheckState, CheckStatus } from './evaluate/check-run';
export { LOSS_GRACE, type EventRef } from './evaluate/observations';
export { BUILTIN_LESSONS, builtinLesson, loadBuiltinLesson } from './builtin/index';
export { runLesson, type LessonMode, type LessonRun, type StepReport } from './headless/run-lesson';
