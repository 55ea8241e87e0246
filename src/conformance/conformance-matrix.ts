// Reading and checking docs/conformance.md, the conformance matrix: one row
// per requirement of the paper and of the base protocol, each naming the test
// that proves it. The checks here make the matrix fail loudly when it rots: a
// row naming a file that is gone or a test that was renamed, a duplicate id, a
// row without a section. See the matrix's own introduction for the format.

import { readTestTitles, type TestTitle } from './test-titles';

export type RowStatus = 'tested' | 'pending' | 'not yet';
export const ROW_STATUSES: readonly RowStatus[] = ['tested', 'pending', 'not yet'];

export interface MatrixRow {
  readonly id: string;
  readonly section: string;
  readonly requirement: string;
  readonly status: string;
  /** The Test cell as written. */
  readonly test: string;
  /** 1-based line in the matrix file. */
  readonly line: number;
}

export interface TestReference {
  readonly file: string;
  readonly title: string;
}

const HEADER = ['Id', 'Section', 'Requirement', 'Status', 'Test'];
/** Column separator of the test cell: `path` › title. */
export const TITLE_SEPARATOR = ' › ';

/** Splits a Markdown table line into its cells; `\|` stands for a literal bar. */
export function tableCells(line: string): string[] | null {
  const t = line.trim();
  if (!t.startsWith('|') || !t.endsWith('|') || t.length < 2) return null;
  const cells: string[] = [];
  let cur = '';
  for (let i = 1; i < t.length - 1; i++) {
    const c = t[i]!;
    if (c === '\\' && t[i + 1] === '|') {
      cur += '|';
      i++;
    } else if (c === '|') {
      cells.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  cells.push(cur.trim());
  return cells;
}

/** Every row of every table in `markdown` whose header is Id | Section | Requirement | Status | Test. */
export function readMatrix(markdown: string): { rows: MatrixRow[]; problems: string[] } {
  const lines = markdown.split(/\r?\n/);
  const rows: MatrixRow[] = [];
  const problems: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const header = tableCells(lines[i]!);
    if (header === null || header.join('|') !== HEADER.join('|')) continue;
    i += 2; // the header and the |---| line
    for (; i < lines.length; i++) {
      const cells = tableCells(lines[i]!);
      if (cells === null) break;
      if (cells.length !== HEADER.length) {
        problems.push(`line ${i + 1}: ${cells.length} cells, expected ${HEADER.length}`);
        continue;
      }
      const [id, section, requirement, status, test] = cells as [string, string, string, string, string];
      rows.push({ id, section, requirement, status, test, line: i + 1 });
    }
  }
  return { rows, problems };
}

/** The file and title a `tested` row names: `` `path` › title ``. */
export function testReference(cell: string): TestReference | null {
  const m = /^`([^`]+)`\s+›\s+(.+)$/.exec(cell);
  return m === null ? null : { file: m[1]!.trim(), title: m[2]!.trim() };
}

/** Problems of the rows' own shape: ids, sections, statuses, empty cells. */
export function rowProblems(rows: readonly MatrixRow[]): string[] {
  const out: string[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const where = `line ${r.line} (${r.id || 'no id'})`;
    if (!/^(R|B|L)-[0-9A-Za-z.-]+$/.test(r.id)) out.push(`${where}: the id "${r.id}" is not R-…, B-… or L-…`);
    const first = seen.get(r.id);
    if (first !== undefined) out.push(`${where}: the id ${r.id} is already used on line ${first}`);
    else seen.set(r.id, r.line);
    if (r.section === '' || r.section === '—') out.push(`${where}: no section`);
    if (r.requirement === '') out.push(`${where}: no requirement`);
    if (!(ROW_STATUSES as readonly string[]).includes(r.status)) out.push(`${where}: status "${r.status}" is not one of ${ROW_STATUSES.join(', ')}`);
    if (r.status === 'tested' && testReference(r.test) === null) out.push(`${where}: a tested row needs \`path\` › title in its Test cell, got "${r.test}"`);
    if (r.status !== 'tested' && r.test !== '—') out.push(`${where}: a ${r.status} row has "—" in its Test cell, got "${r.test}"`);
  }
  return out;
}

/** How to read a test file: its text, or null when there is no such file. */
export type ReadSource = (file: string) => string | null;

/**
 * Problems with the tests the `tested` rows name: a file that does not exist,
 * a title no test in it has (compared with the test's own title and with its
 * full describe › it path), or one that only a templated title could match.
 */
export function referenceProblems(rows: readonly MatrixRow[], read: ReadSource): string[] {
  const out: string[] = [];
  const titlesOf = new Map<string, TestTitle[] | null>();
  for (const r of rows) {
    if (r.status !== 'tested') continue;
    const ref = testReference(r.test);
    if (ref === null) continue; // reported by rowProblems
    const where = `line ${r.line} (${r.id})`;
    // Unit tests, or Playwright specs under e2e/ for what only a real browser shows (a reload, a link).
    if (!/\.test\.tsx?$/.test(ref.file) && !/^e2e\/[^/]+\.spec\.ts$/.test(ref.file)) {
      out.push(`${where}: ${ref.file} is not a test file (*.test.ts, *.test.tsx or e2e/*.spec.ts)`);
      continue;
    }
    if (!titlesOf.has(ref.file)) {
      const source = read(ref.file);
      titlesOf.set(ref.file, source === null ? null : readTestTitles(source).filter((t) => t.kind === 'test'));
    }
    const tests = titlesOf.get(ref.file)!;
    if (tests === null) {
      out.push(`${where}: no file ${ref.file}`);
      continue;
    }
    const runs = tests.filter((t) => !t.skipped);
    if (tests.some((t) => t.skipped && t.path[t.path.length - 1] === ref.title) && !runs.some((t) => t.path[t.path.length - 1] === ref.title)) {
      out.push(`${where}: "${ref.title}" in ${ref.file} is skipped (.skip or .todo): a test that never runs proves nothing`);
      continue;
    }
    const byPath = runs.filter((t) => t.path.join(TITLE_SEPARATOR) === ref.title);
    const byOwnTitle = runs.filter((t) => t.path[t.path.length - 1] === ref.title);
    if (byPath.some((t) => !t.pathTemplated) || byOwnTitle.some((t) => !t.templated)) continue;
    const matches = [...byPath, ...byOwnTitle];
    out.push(matches.length > 0
      ? `${where}: "${ref.title}" in ${ref.file} is built from a template or an each table; name a test with a plain title`
      : `${where}: ${ref.file} has no test titled "${ref.title}" (renamed? update the row)`);
  }
  return out;
}
