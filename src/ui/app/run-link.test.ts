import { describe, expect, it } from 'vitest';
import { formatRunLink, parseRunLink, withKnownLesson, withKnownScenario } from './run-link';

describe('run links', () => {
  it('round-trips scenario, seed, mode and a command log', () => {
    const link = { scenario: 'smooth-handoff', seed: 7, mode: 'in-page' as const, commands: [{ at: 1_500_000, command: { type: 'move' as const, node: 'MN', position: { x: 660, y: 450 } } }] };
    const text = formatRunLink(link);
    expect(text.startsWith('?scenario=smooth-handoff&seed=7&mode=in-page&commands=')).toBe(true);
    expect(parseRunLink(text)).toEqual({ link, problems: [] });
  });

  it('names each part it cannot read and keeps the rest', () => {
    const { link, problems } = parseRunLink('?scenario=triangle-routing&seed=-3&mode=fast&commands=%%%');
    expect(link).toEqual({ scenario: 'triangle-routing' });
    expect(problems).toEqual([
      'seed "-3" is not a whole number from 0 to 4294967295; the scenario\'s own seed is used',
      'mode "fast" is neither "workers" nor "in-page"; the lab chooses',
      'the command log in the link is damaged (not base64url JSON); the run starts without it',
    ]);
  });

  it('refuses a command log that is JSON but not entries', () => {
    const bad = btoa(JSON.stringify([{ when: 1 }])).replace(/=+$/, '');
    expect(parseRunLink(`?commands=${bad}`).problems).toEqual(['the command log in the link is not a list of { at, command } entries; the run starts without it']);
  });

  it('refuses entries whose command is null or whose time is not a time', () => {
    const encode = (v: unknown) => btoa(JSON.stringify(v)).replace(/=+$/, '');
    expect(parseRunLink(`?commands=${encode([{ at: 1, command: null }])}`).link.commands).toBeUndefined();
    expect(parseRunLink(`?commands=${encode([{ at: -5, command: { type: 'move' } }])}`).link.commands).toBeUndefined();
  });

  it('opens the fallback, fresh, when the link names a scenario the lab does not have', () => {
    const known = (id: string) => id === 'explore' || id === 'triangle-routing';
    const parsed = parseRunLink('?scenario=no-such-thing&seed=7&mode=in-page&commands=W10');
    expect(withKnownScenario(parsed, known, 'explore')).toEqual({
      link: { scenario: 'explore', mode: 'in-page' },
      problems: ['there is no built-in scenario "no-such-thing"; "explore" is opened instead, without the link\'s seed and commands'],
    });
    const good = parseRunLink('?scenario=triangle-routing&seed=7');
    expect(withKnownScenario(good, known, 'explore')).toBe(good);
  });

  it('names a lesson, which opens directly', () => {
    expect(parseRunLink('?lesson=smooth-handoff&mode=workers')).toEqual({ link: { lesson: 'smooth-handoff', mode: 'workers' }, problems: [] });
    expect(formatRunLink({ lesson: 'smooth-handoff' })).toBe('?lesson=smooth-handoff');
  });

  it('opens the first lesson, and says so, when the link names a lesson the lab does not have', () => {
    const known = (id: string) => id === 'triangle-routing' || id === 'smooth-handoff';
    expect(withKnownLesson(parseRunLink('?lesson=teleportation&mode=in-page'), known, 'triangle-routing')).toEqual({
      link: { lesson: 'triangle-routing', mode: 'in-page' },
      problems: ['there is no lesson "teleportation"; the first lesson, "triangle-routing", is opened instead'],
    });
    const good = parseRunLink('?lesson=smooth-handoff');
    expect(withKnownLesson(good, known, 'triangle-routing')).toBe(good);
  });

  it('a lesson runs its own scenario: a scenario, seed or commands beside it are named as unused', () => {
    const known = (id: string) => id === 'smooth-handoff';
    expect(withKnownLesson(parseRunLink('?lesson=smooth-handoff&scenario=explore&seed=3'), known, 'triangle-routing')).toEqual({
      link: { lesson: 'smooth-handoff' },
      problems: ['a lesson runs its own scenario, so the link\'s scenario, seed and commands are not used'],
    });
  });

  it('an empty link is the empty string', () => {
    expect(formatRunLink({})).toBe('');
  });
});
