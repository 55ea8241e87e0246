// Turns zod's issues into lines a scenario author can act on:
//
//   nodes[3].interfaces[0].address: "10.1.0.300" is not an IPv4 address …
//
// Each line is "<path>: <what is wrong>", with the offending value quoted from
// the file itself (zod's own messages do not show it).

import type { z } from 'zod';

export type PathSegment = string | number;

/** `nodes[3].interfaces[0].address`; the whole file is `(scenario)`. */
export function formatPath(path: readonly PathSegment[]): string {
  if (path.length === 0) return '(scenario)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let v = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

const SHOWN = 60;

/** What is left to write: a value, or literal text (a bracket, a comma, a field name). */
type Pending = { readonly value: unknown } | { readonly text: string };

/**
 * JSON of `v`, stopping once about `budget` characters are written: a value
 * nested a million deep or megabytes long costs no more to show than a short
 * one, and never overflows the stack as JSON.stringify would.
 */
function shortJson(v: unknown, budget: number): string {
  let out = '';
  const stack: Pending[] = [{ value: v }];
  while (stack.length > 0 && out.length <= budget) {
    const next = stack.pop()!;
    if ('text' in next) { out += next.text; continue; }
    const x = next.value;
    if (Array.isArray(x)) {
      out += '[';
      stack.push({ text: ']' });
      for (let i = Math.min(x.length, budget) - 1; i >= 0; i--) stack.push({ value: x[i] }, ...(i > 0 ? [{ text: ',' }] : []));
    } else if (typeof x === 'object' && x !== null) {
      out += '{';
      stack.push({ text: '}' });
      const keys = Object.keys(x).slice(0, budget);
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ value: (x as Record<string, unknown>)[keys[i]!] }, { text: `${i > 0 ? ',' : ''}${JSON.stringify(keys[i])}:` });
    } else if (typeof x === 'number' && !Number.isFinite(x)) out += String(x);
    else if (typeof x === 'string') out += JSON.stringify(x.length > budget ? x.slice(0, budget + 1) : x);
    else out += JSON.stringify(x) ?? String(x);
  }
  return out;
}

/** A value as the author wrote it, kept short (and Infinity as Infinity, not JSON's null). */
export function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const text = shortJson(v, SHOWN);
  return text.length > SHOWN ? `${text.slice(0, SHOWN - 3)}…` : text;
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  switch (typeof v) {
    case 'object': return 'an object';
    case 'string': return `the text ${show(v)}`;
    case 'number': return `the number ${show(v)}`;
    case 'boolean': return `${v}`;
    default: return typeof v;
  }
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  tuple: 'a list',
};

function bound(issue: { origin?: unknown; minimum?: unknown; maximum?: unknown; inclusive?: boolean }, small: boolean): string {
  const limit = Number(small ? issue.minimum : issue.maximum);
  switch (issue.origin) {
    case 'string':
      return small ? (limit <= 1 ? 'must not be empty' : `must have at least ${limit} characters`) : `must have at most ${limit} characters`;
    case 'array':
      return small ? `must have at least ${limit} ${limit === 1 ? 'entry' : 'entries'}` : `must have at most ${limit} entries`;
    default: {
      const op = small ? (issue.inclusive === false ? '>' : '≥') : issue.inclusive === false ? '<' : '≤';
      return `must be ${op} ${limit}`;
    }
  }
}

/** What a bound was measured on: a list's or a text's length (not its contents), else the value. */
function size(v: unknown): string {
  if (Array.isArray(v)) return `${v.length} ${v.length === 1 ? 'entry' : 'entries'}`;
  if (typeof v === 'string' && v.length > SHOWN) return `${v.length} characters`;
  return show(v);
}

/** One line per issue, in the order zod found them. */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const path = issue.path as PathSegment[];
  const where = formatPath(path);
  const value = valueAt(input, path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      if (value === undefined) return `${where}: is required (${expected})`;
      // JSON has no Infinity: it comes from a literal too large for a number, such as 1e999.
      if (typeof value === 'number' && !Number.isFinite(value)) return `${where}: ${show(value)} is not a finite number (a literal as large as 1e999 overflows)`;
      return `${where}: expected ${expected}, got ${kindOf(value)}`;
    }
    case 'invalid_value': {
      const allowed = issue.values.map((v) => show(v));
      if (allowed.length === 1) return `${where}: must be ${allowed[0]} (got ${show(value)})`;
      return `${where}: ${show(value)} is not one of ${allowed.join(', ')}`;
    }
    case 'invalid_union': {
      const note = issue as { discriminator?: string; options?: unknown[] };
      if (note.discriminator !== undefined) {
        const allowed = (note.options ?? []).map((o) => show(o)).join(', ');
        return `${where}: ${show(value)} is not a known ${note.discriminator}; expected one of ${allowed}`;
      }
      // Report the branch that came closest; on a tie, every closest branch's first problem.
      const branches = (issue.errors ?? []).filter((b) => b.length > 0);
      if (branches.length === 0) return `${where}: matches none of the allowed shapes (see FORMAT.md)`;
      const fewest = Math.min(...branches.map((b) => b.length));
      const closest = branches.filter((b) => b.length === fewest);
      const lift = (i: z.core.$ZodIssue): z.core.$ZodIssue => ({ ...i, path: [...path, ...(i.path as PathSegment[])] }) as z.core.$ZodIssue;
      if (closest.length === 1) return closest[0]!.map((i) => describeIssue(lift(i), input)).join('\n');
      const options = closest.map((b) => describeIssue(lift(b[0]!), input).replace(/^[^:]*: /, `${formatPath((b[0]!.path as PathSegment[]))}: `));
      return `${where}: matches none of the allowed shapes; either ${options.join(', or ')}`;
    }
    case 'too_small':
      return `${where}: ${bound(issue, true)} (got ${size(value)})`;
    case 'too_big':
      return `${where}: ${bound(issue, false)} (got ${size(value)})`;
    case 'unrecognized_keys':
      return issue.keys.map((k) => `${formatPath([...path, k])}: unknown field (check the spelling against FORMAT.md)`).join('\n');
    case 'invalid_format':
    case 'custom':
      return `${where}: ${show(value)} ${issue.message}`;
    default:
      return `${where}: ${issue.message}`;
  }
}

export function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown): string[] {
  return issues.flatMap((i) => describeIssue(i, input).split('\n'));
}
