// main.tsx fetches the run-opening code and the canvas before the first render only
// when the address shows the lab itself, not another page (which would never use them).
import { describe, expect, it } from 'vitest';
import { showsTheLab } from './App';

describe('showsTheLab', () => {
  it('is true for the lab, with or without a run in the address', () => {
    for (const hash of ['', '#/', '#run=eJwDAAAAAAE']) expect(showsTheLab(hash)).toBe(true);
  });
  it('is false for the other pages', () => {
    for (const hash of ['#/decoder', '#/references', '#/references/rfc2002-3.8', '#/course', '#/capture', '#/compare', '#/compare?scenario=explore']) expect(showsTheLab(hash)).toBe(false);
  });
});
