// Regression fixtures: every input the fuzzer saw fail is kept as a file,
// src/fuzz/fixtures/<target>/<hash>.bin|json, and regression-fixtures.test.ts replays
// each of them on every `npm test`. A failure that is known and not fixed
// yet (in a part someone else owns) is listed in fixtures/open.json with its
// diagnosis: its replay is then expected to fail, and the test says so when
// it starts passing, so the entry can go.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FailureRecord } from './core';

export const FIXTURES_DIR = fileURLToPath(new URL('./fixtures', import.meta.url));

export interface Fixture {
  readonly target: string;
  /** "<target>/<hash>.<ext>", the key in open.json. */
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface OpenEntry {
  /** Why it fails, and whose it is to fix. */
  readonly diagnosis: string;
  /** The failure's signature (core.ts): a fuzz run that meets it again does not count it as new. */
  readonly signature: string;
}

export function fixtureFileName(input: Uint8Array, extension: 'bin' | 'json'): string {
  return `${createHash('sha256').update(input).digest('hex').slice(0, 16)}.${extension}`;
}

/** Writes the failing input; returns its name, and whether the file is new. */
export function saveFixture(record: FailureRecord, extension: 'bin' | 'json', dir = FIXTURES_DIR): { name: string; isNew: boolean } {
  const file = fixtureFileName(record.input, extension);
  const folder = join(dir, record.target);
  mkdirSync(folder, { recursive: true });
  const path = join(folder, file);
  const isNew = !existsSync(path);
  if (isNew) writeFileSync(path, record.input);
  return { name: `${record.target}/${file}`, isNew };
}

export function listFixtures(dir = FIXTURES_DIR): Fixture[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(dir, d.name)).filter((f) => /\.(bin|json)$/.test(f)).sort().map((f) => ({ target: d.name, name: `${d.name}/${f}`, bytes: new Uint8Array(readFileSync(join(dir, d.name, f))) })));
}

export function openFailures(dir = FIXTURES_DIR): Readonly<Record<string, OpenEntry>> {
  const path = join(dir, 'open.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, OpenEntry>) : {};
}
