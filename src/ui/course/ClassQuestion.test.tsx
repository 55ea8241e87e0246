// @vitest-environment happy-dom
// The presenter view: in presentation mode the prediction of the step the
// lesson waits on is a question to the class, its answer hidden until Reveal
// (button or R), which answers it with the right answer flagged as revealed —
// so the lesson goes on as after a learner's answer, and the panel never says
// the class was "Right."

import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadBuiltinLesson } from '../../lessons';
import { freshProgress } from '../lessons/lesson-progress';
import { PredictionFeedback } from '../lessons/PredictionFeedback';
import { useLab } from '../store/lab-store';
import { failOnConsoleErrors, resetLabStore } from '../test-support/component-test';
import { ClassQuestion } from './ClassQuestion';

failOnConsoleErrors();
beforeEach(() => {
  resetLabStore();
  localStorage.clear();
});

function openLesson(id: string): void {
  const loaded = loadBuiltinLesson(id);
  act(() => useLab.getState().beginLesson(loaded, freshProgress(loaded, 1)));
}

describe('the class question', () => {
  it('is not shown outside presentation mode', () => {
    openLesson('binding-cache');
    render(<ClassQuestion />);
    expect(screen.queryByRole('region', { name: 'Question to the class' })).toBeNull();
  });

  it('shows numbered choices with the answer hidden, and Reveal marks the right one', () => {
    openLesson('binding-cache');
    act(() => useLab.getState().setPresentation(true));
    render(<ClassQuestion />);
    const step = loadBuiltinLesson('binding-cache').lesson.steps[0]!;
    const p = step.prediction!;
    if (p.kind !== 'choice') throw new Error('the first step of binding-cache asks a choice');
    const region = screen.getByRole('region', { name: 'Question to the class' });
    expect(region.textContent).toContain(p.question.slice(0, 30));
    const items = within(region).getAllByRole('listitem');
    expect(items.map((li) => li.textContent?.[0])).toEqual(p.choices.map((_, i) => String(i + 1)));
    expect(region.textContent).not.toContain('— the answer');
    fireEvent.click(within(region).getByRole('button', { name: 'Reveal the answer (R)' }));
    expect(useLab.getState().lesson!.progress.answers[0]).toEqual({ choice: p.answer, revealed: true });
    const shown = screen.getByRole('region', { name: 'The answer' });
    expect(within(shown).getAllByRole('listitem')[p.answer]!.textContent).toContain('— the answer');
    expect(shown.textContent).toContain(p.choices[p.answer]!.explanation.slice(0, 30));
  });

  it('R reveals a number question; the panel then says it was revealed, not that anyone was right', () => {
    openLesson('triangle-routing');
    act(() => useLab.getState().setPresentation(true));
    render(<ClassQuestion />);
    const step = loadBuiltinLesson('triangle-routing').lesson.steps[0]!;
    const p = step.prediction!;
    if (p.kind !== 'number') throw new Error('the first step of triangle-routing asks a number');
    expect(screen.getByRole('region', { name: 'Question to the class' }).textContent).toContain('Answer with a number');
    fireEvent.keyDown(document.body, { key: 'r' });
    const answer = useLab.getState().lesson!.progress.answers[0]!;
    expect(answer).toEqual({ value: p.answer, revealed: true });
    expect(screen.getByRole('region', { name: 'The answer' }).textContent).toContain(`The answer: ${p.answer}`);
    render(<PredictionFeedback step={step} answer={answer} answering={undefined} />);
    expect(screen.getByText('Revealed to the class:')).toBeTruthy();
    expect(screen.queryByText('Right.')).toBeNull();
  });
});
