// Whether a learner's answer to a prediction is right, and the answer in
// words: the rule the lesson format gives (docs/lessons.md "Predictions") —
// a choice is right when it is the lesson's `answer`; a number when it is
// within ± `tolerance` of it.

import type { Prediction } from '../format/schema';
import type { AnswerClaim } from './schema';

export function isRightAnswer(prediction: Prediction, answer: AnswerClaim): boolean {
  if (prediction.kind === 'choice') return 'choice' in answer && answer.choice === prediction.answer;
  return 'value' in answer && Math.abs(answer.value - prediction.answer) <= prediction.tolerance;
}

/** Why `answer` cannot be an answer to `prediction` at all (a choice out of range, a number for a choice), or null. */
export function answerProblem(prediction: Prediction, answer: AnswerClaim): string | null {
  if (prediction.kind === 'choice') {
    if (!('choice' in answer)) return 'the prediction is a choice, but the report gives a number';
    if (answer.choice >= prediction.choices.length) return `there is no choice ${answer.choice + 1} (the prediction has ${prediction.choices.length} choices)`;
    return null;
  }
  return 'value' in answer ? null : 'the prediction asks for a number, but the report gives a choice';
}

/** "“The home agent”", or "7 hops". */
export function answerInWords(prediction: Prediction, answer: AnswerClaim): string {
  if ('choice' in answer) {
    const choice = prediction.kind === 'choice' ? prediction.choices[answer.choice]?.text : undefined;
    return choice === undefined ? `choice ${answer.choice + 1}` : `“${choice}”`;
  }
  return prediction.kind === 'number' && prediction.unit !== undefined ? `${answer.value} ${prediction.unit}` : `${answer.value}`;
}

/** The lesson's own answer, in words. */
export function rightAnswerInWords(prediction: Prediction): string {
  if (prediction.kind === 'choice') return answerInWords(prediction, { choice: prediction.answer });
  const tolerance = prediction.tolerance > 0 ? ` (± ${prediction.tolerance})` : '';
  return `${answerInWords(prediction, { value: prediction.answer })}${tolerance}`;
}
