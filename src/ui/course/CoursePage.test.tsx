// @vitest-environment happy-dom
// The course page: the map in the paper's order with every registered lesson
// reachable by link, the learner's progress from this browser, the filter by
// part of the paper, and a lecture built into a link that decodes back.

import { fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { BUILTIN_LESSONS } from '../../lessons';
import { failOnConsoleErrors } from '../test-support/component-test';
import { freshProgress, writeProgress } from '../lessons/lesson-progress';
import { lessonById } from '../lessons/lesson-catalog';
import { builtinCatalog } from './course-catalog';
import { CoursePage } from './CoursePage';
import { decodePlaylist } from './playlist-link';

failOnConsoleErrors();
beforeEach(() => localStorage.clear());

const rowHeadings = (): string[] => screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent ?? '').filter((t) => t.startsWith('§'));

describe('the course page', () => {
  it('maps every registered lesson onto the paper, §2 to §10, each with a link that opens it', () => {
    render(<CoursePage />);
    expect(rowHeadings().map((t) => t.split(' ')[0])).toEqual(['§2', '§3', '§4', '§5', '§6–§8', '§9', '§10']);
    expect(screen.queryByText(/^Not yet in the lab/)).toBeNull();
    expect(screen.getByRole('link', { name: 'Route optimization in IPv6' }).getAttribute('href')).toBe('?lesson=ipv6-route-optimization');
    expect(BUILTIN_LESSONS.length).toBeGreaterThanOrEqual(4);
    for (const { id } of BUILTIN_LESSONS) {
      const title = lessonById(id)!.lesson.title;
      const links = screen.getAllByRole('link', { name: title });
      expect(links.map((a) => a.getAttribute('href'))).toContain(`?lesson=${id}`);
    }
  });

  it('shows each lesson\'s sections, step count and progress from this browser', () => {
    const loaded = lessonById('smooth-handoff')!;
    writeProgress('smooth-handoff', { ...freshProgress(loaded, 1), step: 1, reached: 1, starts: [0, 2_000_000] });
    render(<CoursePage />);
    const card = (id: string) => document.querySelector(`[data-lesson-id="${id}"]`) as HTMLElement;
    expect(card('smooth-handoff').textContent).toContain(`Perkins & Johnson ${loaded.lesson.sections.join(', ')} · ${loaded.lesson.steps.length} steps · Step 2 of ${loaded.lesson.steps.length}`);
    expect(card('triangle-routing').textContent).toContain('Not started');
  });

  it('filters by part of the paper with radio chips, and back to all', () => {
    render(<CoursePage />);
    const filter = screen.getByRole('group', { name: 'Show the part of the paper' });
    fireEvent.click(within(filter).getByRole('radio', { name: /^§4/ }));
    expect(rowHeadings().map((t) => t.split(' ')[0])).toEqual(['§4']);
    expect(screen.getByRole('link', { name: 'Smooth handoff' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Triangle routing' })).toBeNull();
    fireEvent.click(within(filter).getByRole('radio', { name: /^All/ }));
    expect(rowHeadings()).toHaveLength(7);
  });

  it('builds a lecture: lessons in order, a step range, a free play, one link', () => {
    render(<CoursePage />);
    fireEvent.click(screen.getByRole('button', { name: 'Add to the lecture: Smooth handoff' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add to the lecture: Triangle routing' }));
    fireEvent.click(screen.getByRole('button', { name: 'Move item 2 up' }));
    fireEvent.change(screen.getByRole('combobox', { name: 'Item 1: last step' }), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add a free-play stretch' }));
    const title = screen.getByRole('textbox', { name: 'Item 3: title' });
    fireEvent.change(title, { target: { value: '' } });
    expect(screen.getByText('Item 3: give the free play a title.')).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Lecture link' })).toBeNull();
    fireEvent.change(title, { target: { value: 'Your turn' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Item 3: note for the class' }), { target: { value: 'Move MN into FA2\'s cell (Perkins & Johnson §4)' } });
    const url = new URL((screen.getByRole('textbox', { name: 'Lecture link' }) as HTMLInputElement).value);
    expect(decodePlaylist(url.searchParams.get('playlist')!, builtinCatalog)).toEqual({
      playlist: {
        presentation: true,
        items: [
          { kind: 'lesson', lesson: 'triangle-routing', to: 3 },
          { kind: 'lesson', lesson: 'smooth-handoff' },
          { kind: 'free-play', scenario: 'explore', title: 'Your turn', note: 'Move MN into FA2\'s cell (Perkins & Johnson §4)' },
        ],
      },
      problems: [],
    });
  });
});
