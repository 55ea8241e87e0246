// A JSON document the fuzzer can bend out of shape: objects are lists of
// entries (so a key can appear twice), numbers are raw tokens (so 1e999,
// -0 and 123456789012345678901234567890 survive), and deep nesting is one
// node written without recursion (so the fuzzer itself never overflows).

export type Json =
  | { t: 'obj'; e: [string, Json][] }
  | { t: 'arr'; a: Json[] }
  | { t: 'str'; v: string }
  /** A number, true, false or null, written as is. */
  | { t: 'raw'; v: string }
  /** `inner` inside `depth` arrays (open "[") or objects (open '{"a":'). */
  | { t: 'deep'; depth: number; open: 'array' | 'object'; inner: Json };

export function fromValue(v: unknown): Json {
  if (Array.isArray(v)) return { t: 'arr', a: v.map(fromValue) };
  if (v !== null && typeof v === 'object') return { t: 'obj', e: Object.entries(v).map(([k, x]) => [k, fromValue(x)]) };
  if (typeof v === 'string') return { t: 'str', v };
  return { t: 'raw', v: JSON.stringify(v) ?? 'null' };
}

export function clone(j: Json): Json {
  switch (j.t) {
    case 'obj': return { t: 'obj', e: j.e.map(([k, v]) => [k, clone(v)]) };
    case 'arr': return { t: 'arr', a: j.a.map(clone) };
    case 'deep': return { ...j, inner: clone(j.inner) };
    default: return { ...j };
  }
}

export function serialize(j: Json): string {
  const out: string[] = [];
  const write = (n: Json): void => {
    switch (n.t) {
      case 'str': out.push(JSON.stringify(n.v)); return;
      case 'raw': out.push(n.v); return;
      case 'arr':
        out.push('[');
        n.a.forEach((x, i) => { if (i > 0) out.push(','); write(x); });
        out.push(']');
        return;
      case 'obj':
        out.push('{');
        n.e.forEach(([k, x], i) => { if (i > 0) out.push(','); out.push(JSON.stringify(k), ':'); write(x); });
        out.push('}');
        return;
      case 'deep':
        out.push((n.open === 'array' ? '[' : '{"a":').repeat(n.depth));
        write(n.inner);
        out.push((n.open === 'array' ? ']' : '}').repeat(n.depth));
    }
  };
  write(j);
  return out.join('');
}

/** A place in the document: a value and how to replace it. */
export interface Slot {
  readonly value: Json;
  /** The key it is under, or its index. */
  readonly key: string | number;
  readonly parent: Json | null;
  /** As the validators write it: "links[0].delayMs" ("" for the root). */
  readonly path: string;
  set(v: Json): void;
}

/** Every value below the root, in document order (the root itself first, with parent null). */
export function slots(root: Json, setRoot: (v: Json) => void): Slot[] {
  const out: Slot[] = [{ value: root, key: '(root)', parent: null, path: '', set: setRoot }];
  const stack: { node: Json; path: string }[] = [{ node: root, path: '' }];
  while (stack.length > 0) {
    const { node: n, path } = stack.pop()!;
    if (n.t === 'obj') {
      n.e.forEach((entry, i) => {
        const p = path === '' ? entry[0] : `${path}.${entry[0]}`;
        out.push({ value: entry[1], key: entry[0], parent: n, path: p, set: (v) => { n.e[i] = [entry[0], v]; } });
        stack.push({ node: entry[1], path: p });
      });
    } else if (n.t === 'arr') {
      n.a.forEach((x, i) => {
        const p = `${path}[${i}]`;
        out.push({ value: x, key: i, parent: n, path: p, set: (v) => { n.a[i] = v; } });
        stack.push({ node: x, path: p });
      });
    } else if (n.t === 'deep') {
      out.push({ value: n.inner, key: 'a', parent: n, path: `${path}…`, set: (v) => { n.inner = v; } });
      stack.push({ node: n.inner, path: `${path}…` });
    }
  }
  return out;
}

/** The element at fraction k of a non-empty list. */
export function at<T>(items: readonly T[], k: number): T | undefined {
  return items.length === 0 ? undefined : items[Math.min(items.length - 1, Math.floor(k * items.length))];
}
