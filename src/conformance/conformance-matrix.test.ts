// docs/conformance.md names, for every requirement of the paper (Perkins &
// Johnson §2–§10) and of the base protocol it relies on, the test that proves
// it. This test keeps that true: every named file exists and contains a test
// with the named title (read statically, test-titles.ts), ids are unique,
// every row has a section, there are at least 70 rows — and no row may stay
// "pending" (an audit finding whose story test is not written yet).

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readMatrix, referenceProblems, rowProblems, type MatrixRow, type ReadSource } from './conformance-matrix';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MATRIX_FILE = 'docs/conformance.md';
const MIN_ROWS = 70;

const readRepoFile: ReadSource = (file) => {
  const path = ROOT + file;
  return !file.includes('..') && existsSync(path) ? readFileSync(path, 'utf8') : null;
};

const matrix = readMatrix(readFileSync(ROOT + MATRIX_FILE, 'utf8'));
const rows = matrix.rows;
const withStatus = (status: string): MatrixRow[] => rows.filter((r) => r.status === status);
const list = (rs: readonly MatrixRow[]): string => rs.map((r) => `  ${r.id} (${r.section}): ${r.requirement}`).join('\n');

describe(`the conformance matrix (${MATRIX_FILE})`, () => {
  it(`has at least ${MIN_ROWS} well-formed rows: unique ids, a section each, a known status`, () => {
    expect(matrix.problems).toEqual([]);
    expect(rows.length).toBeGreaterThanOrEqual(MIN_ROWS);
    expect(rowProblems(rows)).toEqual([]);
  });

  it('covers the paper from §2 to §10 and the base protocol', () => {
    const sections = new Set(rows.map((r) => /^R-(\d+)/.exec(r.id)?.[1]).filter((s) => s !== undefined));
    expect([...sections].sort((a, b) => Number(a) - Number(b))).toEqual(['2', '3', '4', '5', '6', '9', '10']);
    for (const base of ['B-2002-2-', 'B-2002-3-', 'B-2002-3.5-', 'B-2002-5.6-', 'B-2002-4-', 'B-2003-', 'B-2004-', 'B-1701-']) {
      expect(rows.filter((r) => r.id.startsWith(base)).length, base).toBeGreaterThan(0);
    }
    const ipv6 = rows.filter((r) => r.id.startsWith('R-10-'));
    expect(ipv6.length).toBeGreaterThan(0);
  });

  it('names, in every tested row, a test file that exists and a test in it with exactly that title', () => {
    const tested = withStatus('tested');
    expect(tested.length).toBeGreaterThanOrEqual(MIN_ROWS);
    expect(referenceProblems(tested, readRepoFile)).toEqual([]);
  });

  it('has no pending row: every finding of the 2026-12-06 audit has its story test', () => {
    const notYet = withStatus('not yet');
    const pending = withStatus('pending');
    console.info(`conformance matrix: ${rows.length} rows, ${withStatus('tested').length} tested, ${pending.length} pending, ${notYet.length} not yet`
      + (notYet.length > 0 ? `\nnot yet:\n${list(notYet)}` : '') + (pending.length > 0 ? `\npending:\n${list(pending)}` : ''));
    expect(pending.map((r) => r.id)).toEqual([]);
  });
});

describe('the matrix checker', () => {
  const row = (id: string, status: string, test: string, section = 'Perkins & Johnson §3.3'): MatrixRow => ({ id, section, requirement: 'r', status, test, line: 1 });
  const source = "describe('group', () => { it('the real title', () => {}); it.skip('a skipped one', () => {}); it(`made ${x}`, () => {}); });";
  const read: ReadSource = (file) => (file === 'src/a.test.ts' ? source : null);

  it('accepts a test named by its own title or by its describe › it path', () => {
    expect(referenceProblems([row('R-1', 'tested', '`src/a.test.ts` › the real title'), row('R-2', 'tested', '`src/a.test.ts` › group › the real title')], read)).toEqual([]);
  });

  it('fails when the named test was renamed, the file is gone, the title is templated, or the test is skipped', () => {
    const problems = referenceProblems([
      row('R-1', 'tested', '`src/a.test.ts` › the old title'),
      row('R-2', 'tested', '`src/gone.test.ts` › the real title'),
      row('R-3', 'tested', '`src/a.test.ts` › made ${…}'),
      row('R-4', 'tested', '`src/a.test.ts` › a skipped one'),
      row('R-5', 'tested', '`src/a.ts` › the real title'),
    ], read);
    expect(problems).toHaveLength(5);
    expect(problems[0]).toContain('has no test titled "the old title"');
    expect(problems[1]).toContain('no file src/gone.test.ts');
    expect(problems[2]).toContain('template');
    expect(problems[3]).toContain('skipped');
    expect(problems[4]).toContain('not a test file');
  });

  it('fails on duplicate ids, a missing section, an unknown status and a malformed test cell', () => {
    const problems = rowProblems([
      row('R-3.3-01', 'tested', '`src/a.test.ts` › the real title'),
      row('R-3.3-01', 'tested', '`src/a.test.ts` › the real title'),
      row('R-3.3-02', 'tested', '`src/a.test.ts` › the real title', ''),
      row('R-3.3-03', 'done', '—'),
      row('R-3.3-04', 'tested', 'src/a.test.ts the real title'),
      row('R-3.3-05', 'pending', '`src/a.test.ts` › the real title'),
    ]);
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/already used[\s\S]*no section[\s\S]*status "done"[\s\S]*needs `path` › title[\s\S]*pending row has "—"/);
  });

  it('reads only the matrix tables, and a \\| in a cell as a literal bar', () => {
    const md = [
      '| Column | Content |', '| --- | --- |', '| Id | not a row |', '',
      '| Id | Section | Requirement | Status | Test |', '| --- | --- | --- | --- | --- |',
      '| R-2-01 | Perkins & Johnson §2 | a \\| b | tested | `src/a.test.ts` › the real title |', '', 'text',
    ].join('\n');
    const read2 = readMatrix(md);
    expect(read2.problems).toEqual([]);
    expect(read2.rows).toHaveLength(1);
    expect(read2.rows[0]).toMatchObject({ id: 'R-2-01', requirement: 'a | b', line: 7 });
  });
});
