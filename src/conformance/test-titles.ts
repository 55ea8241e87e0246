// Static reader of Vitest test titles: finds every `describe(…)`, `it(…)` and
// `test(…)` call in a test file's source text and returns each test's title
// path (the titles of its enclosing `describe` blocks, then its own), without
// running or importing the file. The conformance matrix (docs/conformance.md)
// names tests this way, and src/conformance/conformance-matrix.test.ts checks
// every name against these paths so the matrix cannot rot.
//
// What it understands: string titles in '…', "…" or `…` (a template title with
// `${…}` is returned with `templated: true`, and the matrix may not name it,
// since its real title depends on values computed at run time); modifier
// chains such as `it.skip(…)`, `describe.skipIf(cond)(…)`, `it.each(rows)(…)`
// (an `each` title holds printf placeholders, so it counts as templated too);
// comments, strings, template literals and regular-expression literals are
// skipped while matching parentheses, so nesting is found from the source.

export interface TestTitle {
  /** Titles from the outermost `describe` down to this call's own title. */
  readonly path: readonly string[];
  /** `describe` or a test (`it` / `test`). */
  readonly kind: 'describe' | 'test';
  /** True when this call's own title cannot be known statically (`${…}` or an `each` table). */
  readonly templated: boolean;
  /** True when this title or an enclosing `describe` title is templated. */
  readonly pathTemplated: boolean;
  /** `.skip` or `.todo` on this call or an enclosing `describe`: the test never runs. */
  readonly skipped: boolean;
  /** 1-based line of the call. */
  readonly line: number;
}

interface Call {
  readonly kind: 'describe' | 'test';
  readonly title: string;
  readonly templated: boolean;
  readonly skipped: boolean;
  /** Offset of the `(` that opens the argument list, and of its matching `)`. */
  readonly open: number;
  readonly close: number;
  readonly line: number;
}

const KEYWORD = /\b(describe|it|test)\b/g;
const IDENT = /[A-Za-z_$][\w$]*/y;
/** Tokens after which a `/` starts a regular expression rather than a division. */
const REGEX_AFTER = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^', '']);
const REGEX_AFTER_WORDS = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'yield', 'await']);

/** Every test and describe title path in `source` (the text of one test file). */
export function readTestTitles(source: string): TestTitle[] {
  const calls = findCalls(source);
  const describes = calls.filter((c) => c.kind === 'describe');
  return calls.map((call) => {
    const outer = describes.filter((d) => d !== call && d.open < call.open && call.close <= d.close);
    outer.sort((a, b) => a.open - b.open);
    return {
      path: [...outer.map((d) => d.title), call.title],
      kind: call.kind,
      templated: call.templated,
      pathTemplated: call.templated || outer.some((d) => d.templated),
      skipped: call.skipped || outer.some((d) => d.skipped),
      line: call.line,
    };
  });
}

function findCalls(source: string): Call[] {
  const skip = skippedRanges(source);
  const calls: Call[] = [];
  KEYWORD.lastIndex = 0;
  for (let m = KEYWORD.exec(source); m; m = KEYWORD.exec(source)) {
    const start = m.index;
    if (insideSkipped(skip, start)) continue;
    const before = source[start - 1];
    if (before === '.' || (before !== undefined && /[\w$]/.test(before))) continue;
    let i = start + m[0].length;
    let fromEach = false;
    let skipped = false;
    // Modifier chain: .skip / .only / .each(rows) / .skipIf(cond) / .concurrent …
    for (;;) {
      i = skipSpace(source, i);
      if (source[i] !== '.') break;
      IDENT.lastIndex = skipSpace(source, i + 1);
      const ident = IDENT.exec(source);
      if (!ident) break;
      i = IDENT.lastIndex;
      const afterIdent = skipSpace(source, i);
      if (ident[0] === 'each') fromEach = true;
      if (ident[0] === 'skip' || ident[0] === 'todo') skipped = true;
      if (source[afterIdent] === '(' && (ident[0] === 'each' || ident[0].endsWith('If') || ident[0] === 'for')) {
        const close = matchParen(source, afterIdent);
        if (close < 0) break;
        i = close + 1;
      }
    }
    i = skipSpace(source, i);
    if (source[i] !== '(') continue;
    const open = i;
    const literalAt = skipSpace(source, open + 1);
    const literal = readStringLiteral(source, literalAt);
    if (!literal) continue;
    const close = matchParen(source, open);
    if (close < 0) continue;
    calls.push({
      kind: m[1] === 'describe' ? 'describe' : 'test',
      title: literal.value,
      templated: literal.templated || fromEach,
      skipped,
      open,
      close,
      line: lineOf(source, start),
    });
  }
  return calls;
}

function skipSpace(s: string, i: number): number {
  while (i < s.length && /\s/.test(s[i]!)) i++;
  return i;
}

function lineOf(s: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (s.charCodeAt(i) === 10) line++;
  return line;
}

/** Reads a '…', "…" or `…` literal at `i`; undefined if none starts there. */
function readStringLiteral(s: string, i: number): { value: string; templated: boolean } | undefined {
  const quote = s[i];
  if (quote !== "'" && quote !== '"' && quote !== '`') return undefined;
  let value = '';
  let templated = false;
  for (let j = i + 1; j < s.length; j++) {
    const c = s[j]!;
    if (c === '\\') {
      const next = s[j + 1] ?? '';
      const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0' };
      if (next === 'u' && s[j + 2] === '{') {
        const end = s.indexOf('}', j);
        value += String.fromCodePoint(parseInt(s.slice(j + 3, end), 16));
        j = end;
      } else if (next === 'u') {
        value += String.fromCharCode(parseInt(s.slice(j + 2, j + 6), 16));
        j += 5;
      } else if (next === 'x') {
        value += String.fromCharCode(parseInt(s.slice(j + 2, j + 4), 16));
        j += 3;
      } else {
        value += escapes[next] ?? next;
        j++;
      }
      continue;
    }
    if (c === quote) return { value, templated };
    if (quote === '`' && c === '$' && s[j + 1] === '{') {
      templated = true;
      const end = matchBrace(s, j + 1);
      if (end < 0) return undefined;
      value += '${…}';
      j = end;
      continue;
    }
    value += c;
  }
  return undefined;
}

/** Offset of the `)` matching the `(` at `open`, or −1. */
function matchParen(s: string, open: number): number {
  return matchPair(s, open, '(', ')');
}

function matchBrace(s: string, open: number): number {
  return matchPair(s, open, '{', '}');
}

function matchPair(s: string, open: number, left: string, right: string): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const skipTo = skipToken(s, i);
    if (skipTo > i) {
      i = skipTo - 1;
      continue;
    }
    const c = s[i];
    if (c === left) depth++;
    else if (c === right) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/**
 * If a comment, string, template literal or regular expression starts at `i`,
 * the offset just past it; otherwise `i`.
 */
function skipToken(s: string, i: number): number {
  const c = s[i];
  const next = s[i + 1];
  if (c === '/' && next === '/') {
    const end = s.indexOf('\n', i);
    return end < 0 ? s.length : end;
  }
  if (c === '/' && next === '*') {
    const end = s.indexOf('*/', i + 2);
    return end < 0 ? s.length : end + 2;
  }
  if (c === "'" || c === '"') {
    for (let j = i + 1; j < s.length; j++) {
      if (s[j] === '\\') j++;
      else if (s[j] === c || s[j] === '\n') return j + 1;
    }
    return s.length;
  }
  if (c === '`') {
    for (let j = i + 1; j < s.length; j++) {
      if (s[j] === '\\') j++;
      else if (s[j] === '`') return j + 1;
      else if (s[j] === '$' && s[j + 1] === '{') {
        const end = matchBrace(s, j + 1);
        if (end < 0) return s.length;
        j = end;
      }
    }
    return s.length;
  }
  if (c === '/' && startsRegex(s, i)) {
    let inClass = false;
    for (let j = i + 1; j < s.length; j++) {
      const d = s[j];
      if (d === '\\') j++;
      else if (d === '[') inClass = true;
      else if (d === ']') inClass = false;
      else if (d === '/' && !inClass) {
        let k = j + 1;
        while (k < s.length && /[a-z]/i.test(s[k]!)) k++;
        return k;
      } else if (d === '\n') return i + 1;
    }
    return s.length;
  }
  return i;
}

function startsRegex(s: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && /\s/.test(s[j]!)) j--;
  if (j < 0) return true;
  const prev = s[j]!;
  if (REGEX_AFTER.has(prev)) return true;
  if (/[\w$]/.test(prev)) {
    let k = j;
    while (k >= 0 && /[\w$]/.test(s[k]!)) k--;
    return REGEX_AFTER_WORDS.has(s.slice(k + 1, j + 1));
  }
  return false;
}

/** Ranges of comments, strings and template literals at top level of the scan (keywords there are not calls). */
function skippedRanges(s: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (let i = 0; i < s.length; i++) {
    const end = skipToken(s, i);
    if (end > i) {
      ranges.push([i, end]);
      i = end - 1;
    }
  }
  return ranges;
}

function insideSkipped(ranges: ReadonlyArray<[number, number]>, offset: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = ranges[mid]!;
    if (offset < a) hi = mid - 1;
    else if (offset >= b) lo = mid + 1;
    else return true;
  }
  return false;
}
