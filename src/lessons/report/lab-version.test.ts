import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { LAB_VERSION } from './lab-version';

// A report names the lab that made it: the version must be package.json's.
it('LAB_VERSION is package.json\'s version', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  expect(LAB_VERSION).toBe(pkg.version);
});
