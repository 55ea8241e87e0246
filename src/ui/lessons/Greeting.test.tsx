// @vitest-environment happy-dom
// The way into the lessons: the first-visit greeting (start the first lesson,
// or explore freely — remembered either way) and the lesson picker in the
// header, which shows how far the learner got in each.

import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useLab } from '../store/lab-store';
import { failOnConsoleErrors, resetLabStore } from '../test-support/component-test';
import { Greeting } from './Greeting';
import { freshProgress, GREETED_KEY, isFirstVisit, writeProgress } from './lesson-progress';
import { LessonPickerButton, LessonPickerDialog } from './LessonPicker';
import { FIRST_LESSON, lessonById } from './lesson-catalog';
import { openFirstLessonByChoice, openLessonByChoice } from './open-lesson';
import { BUILTIN_LESSONS } from '../../lessons/builtin/index';

vi.mock('./open-lesson', async (original) => ({ ...(await original<typeof import('./open-lesson')>()), openLessonByChoice: vi.fn(async () => undefined), openFirstLessonByChoice: vi.fn(async () => undefined) }));

failOnConsoleErrors();
beforeEach(() => {
  resetLabStore();
  localStorage.clear();
  vi.mocked(openLessonByChoice).mockClear();
  vi.mocked(openFirstLessonByChoice).mockClear();
});

describe('the first-visit greeting', () => {
  it('is a first visit only while nothing is stored', () => {
    expect(isFirstVisit()).toBe(true);
    writeProgress('smooth-handoff', freshProgress(lessonById('smooth-handoff')!, 1));
    expect(isFirstVisit()).toBe(false);
  });

  it('says what the lab is and starts the first lesson, never to greet again', () => {
    render(<Greeting />);
    const dialog = screen.getByRole('dialog', { name: 'Welcome to the Route Optimization Lab' });
    expect(dialog.textContent).toContain('runs Mobile IP and its Route Optimization extension');
    const start = within(dialog).getByRole('button', { name: 'Start the first lesson' });
    expect(document.activeElement).toBe(start);
    fireEvent.click(start);
    expect(openFirstLessonByChoice).toHaveBeenCalledTimes(1);
    expect(FIRST_LESSON).toBe('triangle-routing'); // what it opens (open-lesson.ts)
    expect(localStorage.getItem(GREETED_KEY)).toBe('lesson');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(isFirstVisit()).toBe(false);
  });

  it('"Explore freely", or Escape, leaves the network to the learner and is remembered', () => {
    const first = render(<Greeting />);
    fireEvent.click(screen.getByRole('button', { name: 'Explore freely' }));
    expect(localStorage.getItem(GREETED_KEY)).toBe('explore');
    expect(screen.queryByRole('dialog')).toBeNull();
    first.unmount();

    localStorage.clear();
    render(<Greeting />);
    act(() => (screen.getByRole('dialog') as HTMLDialogElement).close()); // what Escape does to a modal dialog
    expect(localStorage.getItem(GREETED_KEY)).toBe('explore');
    expect(openLessonByChoice).not.toHaveBeenCalled();
    expect(openFirstLessonByChoice).not.toHaveBeenCalled();
  });
});

describe('the lesson picker', () => {
  it('lists every built-in lesson in teaching order with the learner\'s progress, and opens one', async () => {
    const loaded = lessonById('binding-cache')!;
    writeProgress('binding-cache', { ...freshProgress(loaded, 1), step: 1, reached: 1, starts: [0, 2_020_000] });
    render(<><LessonPickerButton /><LessonPickerDialog /></>);
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Lessons' }));
    const dialog = screen.getByRole('dialog', { name: 'Lessons' });
    // The list is fetched when the picker first opens (LessonPicker.tsx): it says so meanwhile.
    expect(within(dialog).getByRole('status').textContent).toBe('Loading the lesson list…');
    const entries = await within(dialog).findAllByRole('listitem');
    const titles = entries.map((e) => within(e).getByRole('heading').textContent);
    expect(titles).toEqual(BUILTIN_LESSONS.map((l) => lessonById(l.id)!.lesson.title));
    expect(titles[0]).toBe('Triangle routing');
    expect(entries[0]!.textContent).toContain('Perkins & Johnson §2 · 5 steps · Not started');
    expect(entries[titles.indexOf('Binding Updates and the binding cache')]!.textContent).toContain('At step 2 of 5');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Continue Binding Updates and the binding cache' }));
    expect(openLessonByChoice).toHaveBeenCalledWith('binding-cache');
    expect(useLab.getState().lessonPickerOpen).toBe(false);
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
