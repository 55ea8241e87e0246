// What must never appear in text a learner reads (docs/lessons.md): file names,
// the project's internal choice ids (OC-nn, Dnn), interface names (eth0,
// wlan0) and canvas coordinates. Shared by the tests that scan the UI's own
// strings and the trace a real run produces.

export interface Leak {
  readonly kind: 'file' | 'choice id' | 'interface' | 'coordinates';
  readonly text: string;
}

const PATTERNS: readonly [Leak['kind'], RegExp][] = [
  ['file', /\b[\w-]+\.(?:md|tsx?|jsx?|json)\b/],
  ['choice id', /\bOC-\d+\b|\bD\d{1,2}\b/],
  ['interface', /\b(?:eth|wlan)\d+\b/],
  ['coordinates', /\bat \(\s*-?\d+(?:\.\d+)?\s*,\s*-?\d+(?:\.\d+)?\s*\)|\bat \(\$\{/],
];

export function leaksIn(text: string): Leak[] {
  const out: Leak[] = [];
  for (const [kind, pattern] of PATTERNS) {
    const m = pattern.exec(text);
    if (m !== null) out.push({ kind, text: m[0] });
  }
  return out;
}

/** Source text without comments (line and block), so only code and its strings remain. */
export function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/**
 * The strings of a TypeScript/TSX source a learner could read: quoted and
 * template literals, and JSX text — not import specifiers, comments or
 * CSS class names (a heuristic, good enough to catch a leak being added).
 */
export function learnerStrings(source: string): string[] {
  const code = withoutComments(source).split('\n').filter((l) => !/^\s*(?:import|export \* from|export \{[^}]*\} from)\b/.test(l)).join('\n');
  const out: string[] = [];
  for (const m of code.matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  for (const m of code.matchAll(/>([^<>{}\n]*[A-Za-z][^<>{}\n]*)</g)) out.push(m[1]!);
  return out;
}
