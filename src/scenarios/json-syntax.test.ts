import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError, lineAndColumn } from './json-syntax';

describe('findJsonSyntaxError', () => {
  it('accepts whatever JSON.stringify writes', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 4 }), (v, indent) => {
      expect(findJsonSyntaxError(JSON.stringify(v, null, indent))).toBeUndefined();
    }));
  });

  it('agrees with JSON.parse on arbitrary text', () => {
    const texts = fc.oneof(fc.string(), fc.json().map((t) => t.slice(0, Math.max(0, t.length - 1))), fc.json().chain((t) => fc.nat(t.length).map((k) => t.slice(0, k) + ',' + t.slice(k))));
    fc.assert(fc.property(texts, (text) => {
      let valid = true;
      try { JSON.parse(text); } catch { valid = false; }
      expect(findJsonSyntaxError(text) === undefined).toBe(valid);
    }), { numRuns: 500 });
  });

  it('points at the offending character', () => {
    expect(findJsonSyntaxError('{"a": 1,\n "b": tru }')).toEqual({ line: 2, column: 10, offset: 18, reason: 'expected true, found " "' });
    expect(findJsonSyntaxError('[1] 2')).toMatchObject({ line: 1, column: 5, reason: 'unexpected "2" after the end of the JSON value' });
    expect(findJsonSyntaxError('"a\\x"')).toMatchObject({ column: 4, reason: '"x" cannot follow a backslash in a string' });
  });

  it('counts lines and columns from 1', () => {
    expect(lineAndColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
