import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePlaylist, encodePlaylist, MAX_ITEMS, type Playlist, type PlaylistCatalog, type PlaylistItem } from './playlist-link';

const LESSONS: Record<string, number> = { 'triangle-routing': 5, 'binding-cache': 5, 'smooth-handoff': 4 };
const SCENARIOS = ['explore', 'triangle-routing', 'smooth-handoff'];
const catalog: PlaylistCatalog = {
  lessonSteps: (id) => LESSONS[id],
  hasScenario: (id) => SCENARIOS.includes(id),
};

/** base64url of UTF-8 JSON, written here by hand (not by the encoder under test). */
function link(json: string): string {
  return Buffer.from(json, 'utf8').toString('base64url');
}

const lessonItem: fc.Arbitrary<PlaylistItem> = fc.constantFrom(...Object.keys(LESSONS)).chain((lesson) => {
  const steps = LESSONS[lesson]!;
  return fc.tuple(fc.option(fc.integer({ min: 1, max: steps }), { nil: undefined }), fc.option(fc.integer({ min: 1, max: steps }), { nil: undefined }))
    .map(([a, b]): PlaylistItem => {
      const [from, to] = a !== undefined && b !== undefined && a > b ? [b, a] : [a, b];
      return { kind: 'lesson', lesson, ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
    })
    .filter((i) => i.kind !== 'lesson' || (i.from ?? 1) <= (i.to ?? steps));
});
const text = (max: number) => fc.string({ unit: 'grapheme', minLength: 1, maxLength: max });
const freeItem: fc.Arbitrary<PlaylistItem> = fc.record({ scenario: fc.constantFrom(...SCENARIOS), title: text(40), note: fc.option(text(80), { nil: undefined }) })
  .map(({ scenario, title, note }): PlaylistItem => ({ kind: 'free-play', scenario, title, ...(note === undefined ? {} : { note }) }));
const playlist: fc.Arbitrary<Playlist> = fc.record({
  title: fc.option(text(40), { nil: undefined }),
  presentation: fc.option(fc.constant(true as const), { nil: undefined }),
  items: fc.array(fc.oneof(lessonItem, freeItem), { minLength: 1, maxLength: 12 }),
}).map(({ title, presentation, items }) => ({ ...(title === undefined ? {} : { title }), ...(presentation === undefined ? {} : { presentation }), items }));

describe('playlist links', () => {
  it('round-trip: any playlist comes back as it went in, with no problem', () => {
    fc.assert(fc.property(playlist, (p) => {
      const back = decodePlaylist(encodePlaylist(p), catalog);
      expect(back.problems).toEqual([]);
      expect(back.playlist).toEqual(p);
    }), { numRuns: 300 });
  });

  it('every truncation of a link gives a clear problem, never a throw', () => {
    fc.assert(fc.property(playlist, (p) => {
      const full = encodePlaylist(p);
      expect(full.length).toBeGreaterThan(8);
      for (let n = 0; n < full.length; n++) {
        const cut = decodePlaylist(full.slice(0, n), catalog);
        expect(cut.playlist, `cut to ${n} of ${full.length}`).toBeNull();
        expect(cut.problems[0]).toMatch(/damaged \(cut short or mistyped\)|not one this lab can read/);
      }
    }), { numRuns: 40 });
  });

  it('reads a link assembled by hand', () => {
    const decoded = decodePlaylist(link('{"v":1,"t":"Week 3","p":1,"i":[{"l":"triangle-routing","f":2,"u":4},{"s":"explore","t":"Try it","n":"Move MN to FA2"}]}'), catalog);
    expect(decoded).toEqual({
      playlist: {
        title: 'Week 3',
        presentation: true,
        items: [
          { kind: 'lesson', lesson: 'triangle-routing', from: 2, to: 4 },
          { kind: 'free-play', scenario: 'explore', title: 'Try it', note: 'Move MN to FA2' },
        ],
      },
      problems: [],
    });
  });

  it('names each bad item and keeps the good ones', () => {
    const decoded = decodePlaylist(link('{"v":1,"i":[{"l":"no-such"},{"l":"smooth-handoff","f":3,"u":9},{"l":"binding-cache","f":4,"u":2},{"s":"nowhere","t":"Lost"},{"x":1},{"l":"smooth-handoff"}]}'), catalog);
    expect(decoded.playlist).toEqual({ items: [{ kind: 'lesson', lesson: 'smooth-handoff' }] });
    expect(decoded.problems).toEqual([
      'item 1: there is no lesson "no-such"',
      'item 2: the lesson "smooth-handoff" has 4 steps, not 9',
      'item 3: the steps of "binding-cache" run from 4 to 2, backwards',
      'item 4: there is no built-in scenario "nowhere" for the free play "Lost"',
      expect.stringMatching(/^item 5: is neither a lesson nor a free play — /),
    ]);
  });

  it('refuses a link with nothing playable, another version, or too many items', () => {
    expect(decodePlaylist(link('{"v":1,"i":[{"l":"no-such"}]}'), catalog)).toEqual({
      playlist: null, problems: ['item 1: there is no lesson "no-such"', 'no item of the playlist can be played'],
    });
    expect(decodePlaylist(link('{"v":2,"i":[{"l":"smooth-handoff"}]}'), catalog).problems[0]).toMatch(/^the playlist link is not one this lab can read: .*\(v\)$/);
    const many = `{"v":1,"i":[${Array.from({ length: MAX_ITEMS + 1 }, () => '{"l":"smooth-handoff"}').join(',')}]}`;
    expect(decodePlaylist(link(many), catalog).problems).toEqual([`the playlist has more than ${MAX_ITEMS} items`]);
    expect(decodePlaylist('not base64!', catalog).problems).toEqual(['the playlist link is damaged (cut short or mistyped): ask for the link again']);
    expect(decodePlaylist(link('[1,2]'), catalog).playlist).toBeNull();
  });
});
