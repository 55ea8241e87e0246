import { describe, expect, it } from 'vitest';
import type { LabRuntime } from '../../../runtime/types';
import type { LabState } from '../../store/lab-store';
import { addressFor } from './address-writer';
import { readRunAddress } from './run-address';

const runtime = { seed: 7 } as LabRuntime;
const move = { at: 3_000_000, command: { type: 'move' as const, node: 'MN', position: { x: 780, y: 450 } } };
const state = (over: Partial<LabState> = {}): LabState =>
  ({ runtime, scenarioId: 'explore', status: 'paused', now: 8_000_000, speed: 0.25, commands: [move], lesson: null, ...over }) as LabState;
const BASE = 'https://example.edu/lab/';

describe('the address follows the run', () => {
  it('names the scenario, seed and chosen mode in the query, and the run in the fragment', () => {
    const url = addressFor(state(), `${BASE}?mode=workers&scenario=explore&commands=old`)!;
    expect(url.search).toBe('?scenario=explore&seed=7&mode=workers');
    const back = readRunAddress(url.search, url.hash);
    expect(back.problems).toEqual([]);
    expect(back.run).toEqual({ entries: [{ index: 1, ...move }], unreadable: [], at: 8_000_000, speed: 0.25 });
  });

  it('says the run was playing, so the link plays on', () => {
    const url = addressFor(state({ status: 'playing' }), BASE)!;
    expect(readRunAddress(url.search, url.hash).run?.playing).toBe(true);
  });

  it('keeps parameters it does not own', () => {
    expect(addressFor(state(), `${BASE}?scenario=explore&theme=dark`)!.search).toBe('?scenario=explore&seed=7&theme=dark');
  });

  it('leaves the address alone on a page route, and while a run loads', () => {
    expect(addressFor(state(), `${BASE}?scenario=explore#/decoder`)).toBeNull();
    expect(addressFor(state(), `${BASE}?scenario=explore#/`)!.hash).toMatch(/^#run=/); // back to the lab from another page
    expect(addressFor(state({ status: 'loading' }), BASE)).toBeNull();
    expect(addressFor(state({ runtime: null }), BASE)).toBeNull();
  });

  it('leaves a lesson or a playlist its address, taking its own fragment away', () => {
    expect(addressFor(state(), `${BASE}?lesson=triangle-routing`)).toBeNull();
    expect(addressFor(state(), `${BASE}?playlist=abc&item=2#run=xyz`)!.href).toBe(`${BASE}?playlist=abc&item=2`);
    expect(addressFor(state({ lesson: {} as LabState['lesson'] }), `${BASE}?scenario=explore#run=xyz`)!.href).toBe(`${BASE}?scenario=explore`);
  });

  it('names a learner\'s file by its name (the tab that opened it keeps it), and a lesson\'s own scenario not at all', () => {
    const file = addressFor(state({ scenarioId: 'file:mine.json' }), `${BASE}?scenario=explore&seed=7&mode=in-page#run=xyz`)!;
    expect(file.search).toBe('?file=mine.json&seed=7&mode=in-page');
    expect(readRunAddress(file.search, file.hash)).toMatchObject({ file: 'mine.json', link: { seed: 7, mode: 'in-page' }, run: { at: 8_000_000 } });
    expect(addressFor(state({ scenarioId: 'lesson:own' }), `${BASE}?scenario=explore&seed=7&mode=in-page#run=xyz`)!.href).toBe(`${BASE}?mode=in-page`);
  });
});
