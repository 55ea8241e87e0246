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

/** A value as the author wrote it, kept short. */
export function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
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

/** One line per issue, in the order zod found them. */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const path = issue.path as PathSegment[];
  const where = formatPath(path);
  const value = valueAt(input, path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      if (value === undefined) return `${where}: is required (${expected})`;
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
      return `${where}: ${bound(issue, true)} (got ${show(value)})`;
    case 'too_big':
      return `${where}: ${bound(issue, false)} (got ${show(value)})`;
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
