import { describe, expect, it } from 'vitest';
import { formatRunLink, parseRunLink, withKnownScenario } from './run-link';

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

  it('an empty link is the empty string', () => {
    expect(formatRunLink({})).toBe('');
  });
});
