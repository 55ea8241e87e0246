import { describe, expect, it } from 'vitest';
import { BUILTIN_LESSONS, loadBuiltinLesson } from '../../lessons';
import { compareSections, courseMap, filterCourse, PAPER_PARTS, progressState, progressText, type CourseLesson } from './course-map';

const lesson = (id: string, sections: string[], steps = 3): CourseLesson => ({ id, title: id, summary: '', sections, steps });

describe('the course map', () => {
  it('lists the parts of the paper in its order, every one taught in the lab (§10, IPv6, too)', () => {
    const rows = courseMap([]);
    expect(rows.map((r) => r.part.label)).toEqual(['§2', '§3', '§4', '§5', '§6–§8', '§9', '§10']);
    expect(rows.filter((r) => r.part.notYet !== undefined)).toEqual([]);
    expect(rows.every((r) => r.lessons.length === 0)).toBe(true);
  });

  it('puts each lesson under the part most of its sections cite (ties: the earliest), in registration order, and cross-lists the others', () => {
    const rows = courseMap([
      lesson('attacks', ['§5', '§3.3']),
      lesson('keys-dh', ['§8', '§9.1']),
      lesson('cache', ['§3', '§3.1']),
      lesson('triangle', ['§2']),
      lesson('keys-kdc', ['§6']),
      lesson('odd', ['§11']),
      lesson('keys-fa', ['§4.1', '§6', '§7', '§8']),
    ]);
    const ids = (label: string, key: 'lessons' | 'alsoCovered' = 'lessons') => rows.find((r) => r.part.label === label)![key].map((l) => l.id);
    expect(ids('§2')).toEqual(['triangle']);
    expect(ids('§3')).toEqual(['attacks', 'cache']);
    expect(ids('§5')).toEqual([]);
    expect(ids('§5', 'alsoCovered')).toEqual(['attacks']);
    expect(ids('§6–§8')).toEqual(['keys-dh', 'keys-kdc', 'keys-fa']);
    expect(ids('§4', 'alsoCovered')).toEqual(['keys-fa']);
    expect(ids('§9', 'alsoCovered')).toEqual(['keys-dh']);
    expect(rows.at(-1)!.part.label).toBe('Other');
    expect(ids('Other')).toEqual(['odd']);
  });

  it('orders sections numerically, not as text', () => {
    expect(['§3.10', '§10', '§3.2', '§3'].sort(compareSections)).toEqual(['§3', '§3.2', '§3.10', '§10']);
  });

  it('filters to one part, or shows them all', () => {
    const rows = courseMap([lesson('triangle', ['§2']), lesson('cache', ['§3'])]);
    expect(filterCourse(rows, 'all')).toHaveLength(PAPER_PARTS.length);
    expect(filterCourse(rows, '§3').map((r) => r.lessons.map((l) => l.id))).toEqual([['cache']]);
    expect(filterCourse(rows, '§10').map((r) => r.part.title)).toEqual(['Route optimization in IPv6']);
  });

  it('says how far the learner got: not started, step k of n, done', () => {
    expect(progressText(progressState(null, 5))).toBe('Not started');
    expect(progressText(progressState({ step: 0, passedAll: false }, 5))).toBe('Step 1 of 5');
    expect(progressText(progressState({ step: 3, passedAll: false }, 5))).toBe('Step 4 of 5');
    expect(progressText(progressState({ step: 4, passedAll: true }, 5))).toBe('Done');
  });

  it('places every registered lesson in one row', () => {
    const lessons = BUILTIN_LESSONS.map((b) => loadBuiltinLesson(b.id).lesson);
    expect(lessons.length).toBeGreaterThanOrEqual(4);
    const rows = courseMap(lessons.map((l) => ({ id: l.id, title: l.title, summary: l.summary, sections: l.sections, steps: l.steps.length })));
    expect(rows.flatMap((r) => r.lessons.map((l) => l.id)).sort()).toEqual(lessons.map((l) => l.id).sort());
    expect(rows.find((r) => r.part.label === '§2')!.lessons[0]!.id).toBe('triangle-routing');
    expect(rows.find((r) => r.part.label === '§10')!.lessons.map((l) => l.id)).toEqual(['ipv6-route-optimization']);
  });
});
