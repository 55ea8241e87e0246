// Mutations of scenario and lesson documents: fields deleted, duplicated,
// renamed or given another type; extreme numbers; huge and hostile strings;
// deep nesting; prototype-like keys ("__proto__", "constructor", …) as keys
// and as ids; array elements removed or repeated many times; and, on the
// text, a byte-order mark, truncation, stray characters. Each keeps its
// choices as fractions so it still applies after the shrinker drops others.

import type { Op } from '../core';
import type { Rng } from '../random';
import { at, clone, serialize, slots, type Json, type Slot } from './ast';

export type JsonOp = Op & ({ readonly stage: 'ast'; apply(root: Json): Json } | { readonly stage: 'text'; apply(text: string): string });

export const PROTO_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__', 'isPrototypeOf', 'toJSON', 'then'];
const NUMBERS = ['0', '-0', '-1', '1', '2', '0.5', '0.001', '1000', '3600', '86400', '1000000', '1e9', '1e-6', '1e-9', '1e-300', '5e-324', '1e300', '1e308', '1.7976931348623157e308', '1e999', '-1e999', '9007199254740993', '4294967295', '4294967296', '-2147483649', '123456789012345678901234567890', '65535', '65536', '256', '1E+2', '-0.0'];
const STRINGS = ['', ' ', '\u0000', '\u001b[31mred\u001b[0m', '\u001b]0;title\u0007', '\ufeff', '\ud800', 'a\nb', '\r', 'é', '👍', '\u202eevil', '0', '-1', 'NaN', 'Infinity', '1e999', 'null', 'true', '255.255.255.255', '0.0.0.0', '224.0.0.1', '10.1.0.300', '::1', 'x'.repeat(300), ...PROTO_KEYS];

/** Where an op applied, for its name: the path of its slot once it has run ("@" in the name). */
const place = (s: Slot): string => (s.path === '' ? '(top level)' : s.path);

/** Apply a tree change to the slot at fraction k among those `pick` accepts; "@" in `name` becomes its path. */
function onSlot(name: string, k: number, pick: (s: Slot) => boolean, change: (s: Slot) => void): JsonOp {
  let where = `#${k.toFixed(3)}`;
  return {
    get name() { return name.replace('@', where); },
    stage: 'ast',
    apply(root) {
      let r = root;
      const target = at(slots(root, (v) => { r = v; }).filter(pick), k);
      if (target !== undefined) {
        where = place(target);
        change(target);
      }
      return r;
    },
  };
}

const notRoot = (s: Slot): boolean => s.parent !== null;
const isNumber = (s: Slot): boolean => s.value.t === 'raw' && /^-?\d/.test(s.value.v);

export function deleteField(rng: Rng): JsonOp {
  const k = rng.fraction();
  return onSlot('delete field @', k, (s) => s.parent?.t === 'obj', (s) => {
    const p = s.parent as Extract<Json, { t: 'obj' }>;
    p.e = p.e.filter(([key, v]) => !(key === s.key && v === s.value));
  });
}

export function duplicateField(rng: Rng): JsonOp {
  const k = rng.fraction(), changed = rng.chance(0.6), to = retypeValue(rng);
  return onSlot(`duplicate field @${changed ? ' with another value' : ''}`, k, (s) => s.parent?.t === 'obj', (s) => {
    const p = s.parent as Extract<Json, { t: 'obj' }>;
    p.e.push([String(s.key), changed ? to(s.value) : clone(s.value)]);
  });
}

function retypeValue(rng: Rng): (v: Json) => Json {
  const kind = rng.int(10);
  return (v) => [
    { t: 'str', v: 'x' }, { t: 'str', v: '' }, { t: 'raw', v: '0' }, { t: 'raw', v: '-1' }, { t: 'raw', v: 'true' },
    { t: 'raw', v: 'null' }, { t: 'arr', a: [] }, { t: 'obj', e: [] }, { t: 'arr', a: [clone(v)] }, { t: 'obj', e: [['value', clone(v)]] },
  ][kind] as Json;
}

export function retype(rng: Rng): JsonOp {
  const k = rng.fraction(), to = retypeValue(rng);
  return onSlot('retype value @', k, notRoot, (s) => s.set(to(s.value)));
}

export function extremeNumber(rng: Rng): JsonOp {
  const k = rng.fraction(), v = rng.pick(NUMBERS);
  return onSlot(`number @ set to ${v}`, k, isNumber, (s) => s.set({ t: 'raw', v }));
}

export function scaleNumber(rng: Rng): JsonOp {
  const k = rng.fraction(), e = rng.pick([-12, -9, -6, -3, 3, 6, 9, 12, 300]);
  return onSlot(`number @ × 1e${e}`, k, isNumber, (s) => s.set({ t: 'raw', v: String(Number((s.value as { v: string }).v) * 10 ** e) }));
}

export function hugeString(rng: Rng): JsonOp {
  const k = rng.fraction(), n = rng.pick([1_000, 10_000, 100_000, 1_000_000]), c = rng.pick(['x', 'é', '\u0000', ' ', '👍']);
  return onSlot(`string @ set to ${n} × ${JSON.stringify(c)}`, k, (s) => s.value.t === 'str', (s) => s.set({ t: 'str', v: c.repeat(n) }));
}

export function weirdString(rng: Rng): JsonOp {
  const k = rng.fraction(), v = rng.pick(STRINGS);
  return onSlot(`string @ set to ${JSON.stringify(v.slice(0, 20))}`, k, (s) => s.value.t === 'str', (s) => s.set({ t: 'str', v }));
}

/** A string used in two places or more (an id and its references) renamed everywhere. */
export function renameId(rng: Rng): JsonOp {
  const k = rng.fraction(), to = rng.chance(0.6) ? rng.pick(PROTO_KEYS) : rng.pick(STRINGS);
  let which = `#${k.toFixed(3)}`;
  return {
    get name() { return `id ${which} renamed ${JSON.stringify(to.slice(0, 20))} everywhere`; },
    stage: 'ast',
    apply(root) {
      const strings = slots(root, () => {}).filter((s) => s.value.t === 'str');
      const counts = new Map<string, number>();
      for (const s of strings) counts.set((s.value as { v: string }).v, (counts.get((s.value as { v: string }).v) ?? 0) + 1);
      const ids = [...counts].filter(([v, n]) => n >= 2 && v.length < 40 && !v.includes(' ')).map(([v]) => v);
      const id = at(ids, k);
      if (id !== undefined) which = JSON.stringify(id);
      if (id !== undefined) for (const s of strings) if ((s.value as { v: string }).v === id) s.set({ t: 'str', v: to });
      return root;
    },
  };
}

export function protoKey(rng: Rng): JsonOp {
  const k = rng.fraction(), key = rng.pick(PROTO_KEYS), rename = rng.chance(0.5), value = retypeValue(rng);
  return onSlot(`${rename ? 'rename field' : 'add field'} ${JSON.stringify(key)} in @`, k, (s) => (rename ? s.parent?.t === 'obj' : s.value.t === 'obj'), (s) => {
    if (rename) {
      const p = s.parent as Extract<Json, { t: 'obj' }>;
      p.e = p.e.map(([kk, v]) => (kk === s.key && v === s.value ? [key, v] : [kk, v]));
    } else (s.value as Extract<Json, { t: 'obj' }>).e.push([key, value(s.value)]);
  });
}

export function deepNest(rng: Rng): JsonOp {
  const k = rng.fraction(), depth = rng.pick([10, 100, 1_000, 10_000, 100_000]), open = rng.chance(0.5) ? 'array' as const : 'object' as const;
  return onSlot(`value @ nested in ${depth} ${open === 'array' ? 'arrays' : 'objects'}`, k, () => true, (s) => s.set({ t: 'deep', depth, open, inner: s.value }));
}

export function arrayElements(rng: Rng): JsonOp {
  const k = rng.fraction(), f = rng.fraction(), what = rng.pick(['remove', 'clear', 'repeat', 'repeat'] as const), times = rng.pick([1, 2, 3, 10, 100, 1000]);
  return onSlot(`${what} element of array @${what === 'repeat' ? ` ${times}×` : ''}`, k, (s) => s.value.t === 'arr', (s) => {
    const a = s.value as Extract<Json, { t: 'arr' }>;
    const i = Math.floor(f * a.a.length);
    if (what === 'clear') a.a = [];
    else if (what === 'remove') a.a.splice(i, 1);
    else if (a.a.length > 0) a.a.splice(i, 0, ...Array.from({ length: times }, () => clone(a.a[Math.min(i, a.a.length - 1)]!)));
  });
}

/** A value replaced by a copy of another one from elsewhere: plausible structure in the wrong place. */
export function transplant(rng: Rng): JsonOp {
  const k = rng.fraction(), from = rng.fraction();
  let what = `#${k.toFixed(3)} replaced by a copy of #${from.toFixed(3)}`;
  return {
    get name() { return `value ${what}`; },
    stage: 'ast',
    apply(root) {
      let r = root;
      const all = slots(root, (v) => { r = v; }).filter(notRoot);
      const source = at(all, from), target = at(all, k);
      if (source === undefined || target === undefined) return r;
      what = `${place(target)} replaced by a copy of ${place(source)}`;
      target.set(clone(source.value));
      return r;
    },
  };
}

export function textOp(rng: Rng): JsonOp {
  const what = rng.pick(['bom', 'truncate', 'insert', 'append', 'twice', 'crlf'] as const), f = rng.fraction(), c = rng.pick(['{', '}', '[', ']', ',', '"', ':', '\\', '\u0000', 'x', ' ', '\ud800', '1e']);
  const apply = (t: string): string => {
    const i = Math.floor(f * t.length);
    switch (what) {
      case 'bom': return `\ufeff${t}`;
      case 'truncate': return t.slice(0, i);
      case 'insert': return t.slice(0, i) + c + t.slice(i);
      case 'append': return t + c;
      case 'twice': return t + t;
      case 'crlf': return t.replace(/,/g, ',\r\n  ');
    }
  };
  return { name: `text: ${what}${what === 'insert' || what === 'append' ? ` ${JSON.stringify(c)}` : ''}${what === 'truncate' || what === 'insert' ? ` at ${(f * 100).toFixed(1)} %` : ''}`, stage: 'text', apply };
}

/** Validates a document's text: its problems, none if it is valid. */
export type Probe = (text: string) => readonly string[];

const BOUND = /(≤|≥|<|>|at most|at least|from|between)\s*(-?\d[\d_,]*(?:\.\d+)?(?:e[+-]?\d+)?)/i;

/**
 * A number set just at the limit the validator states for it: set far out of
 * range, validated, and then set to the bound the message names ("must be ≤
 * 86400"). Values at their limits, which the validator lets through, are
 * where work and memory grow most.
 */
export function boundaryNumber(rng: Rng, probe: Probe): JsonOp {
  const k = rng.fraction(), far = rng.pick(['1e300', '-1e300', '1e-300', '0']), nudge = rng.pick([0, 0, 1e-9, -1e-9]);
  let what = `#${k.toFixed(3)} set to its limit (probed with ${far})`;
  return {
    get name() { return `number ${what}`; },
    stage: 'ast',
    apply(root) {
      let r = root;
      const target = at(slots(root, (v) => { r = v; }).filter(isNumber), k);
      if (target === undefined) return r;
      const before = (target.value as { v: string }).v;
      target.set({ t: 'raw', v: far });
      const problem = probe(serialize(r)).find((e) => e.startsWith(`${target.path}: `));
      const m = problem === undefined ? null : BOUND.exec(problem.slice(target.path.length));
      const bound = m === null ? NaN : Number(m[2]!.replace(/[_,]/g, ''));
      const v = Number.isFinite(bound) ? String(bound + bound * nudge) : before;
      what = `${place(target)} set to ${Number.isFinite(bound) ? `its limit, ${v}` : `${v} (no limit found)`}`;
      target.set({ t: 'raw', v });
      return r;
    },
  };
}

const AST_OPS = [deleteField, deleteField, duplicateField, retype, retype, extremeNumber, extremeNumber, scaleNumber, hugeString, weirdString, renameId, renameId, protoKey, protoKey, deepNest, arrayElements, arrayElements, transplant];

/** One to a few operations (one, half of the time); now and then one on the text. */
export function jsonOps(rng: Rng, probe: Probe): JsonOp[] {
  const n = rng.chance(0.5) ? 1 : rng.small(4) + 1;
  const ops = Array.from({ length: n }, () => (rng.chance(0.15) ? boundaryNumber(rng, probe) : rng.pick(AST_OPS)(rng)));
  if (rng.chance(0.12)) ops.push(textOp(rng));
  return ops;
}

export function buildDocument(base: Json, ops: readonly JsonOp[]): string {
  let root = clone(base);
  for (const op of ops) if (op.stage === 'ast') root = op.apply(root);
  let text = serialize(root);
  for (const op of ops) if (op.stage === 'text') text = op.apply(text);
  return text;
}

