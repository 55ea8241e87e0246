import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLessonText } from '../lessons/format/validate';
import { runLesson } from '../lessons/headless/run-lesson';
import { jsonSchemas } from './json-schemas';
import { MiniValidator } from './mini-validator';

// The lesson docs/lessons.md explains field by field is a real one: the lab
// accepts it, its JSON Schema does too ("$schema" and all), its reference
// actions solve it and, without them, the step that asks the learner to act
// is not done.

const doc = readFileSync(new URL('../../docs/lessons.md', import.meta.url), 'utf8');
const text = /## Writing a lesson, field by field[\s\S]*?```json\n([\s\S]*?)```/.exec(doc)?.[1];

describe('the lesson written field by field in docs/lessons.md', () => {
  it('is valid, for the lab and for its JSON Schema', () => {
    expect(text).toBeDefined();
    const parsed = parseLessonText(text!);
    expect(parsed.ok ? parsed.loaded.lesson.id : parsed.errors).toBe('shorter-path');
    const validator = new MiniValidator(Object.fromEntries(jsonSchemas().map((s) => [s.file, s.schema])));
    expect(validator.validate('lesson.schema.json', JSON.parse(text!))).toEqual([]);
  });

  it('is solved by its reference actions, and not without them', async () => {
    const parsed = parseLessonText(text!);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const solved = await runLesson(parsed.loaded, { mode: 'solve' });
    expect(solved.steps.map((s) => s.status.state)).toEqual(['passed', 'passed', 'passed']);
    const idle = await runLesson(parsed.loaded, { mode: 'idle' });
    expect(idle.steps.map((s) => s.status.state)).toEqual(['passed', 'passed', 'pending']);
  }, 60_000);
});
