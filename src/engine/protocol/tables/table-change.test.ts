import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tableFromJson, tableToJson } from './plain-data';
import {
  INFINITE_LIFETIME, entryAt, expiryOf, formatLifetime, formatSeconds, hasExpired, remainingLifetimeSeconds, sortedKeys, withEntry, withoutEntry,
} from './table-change';
import { SECOND } from './test-support/table-laws';

describe('lifetimes in virtual time', () => {
  it('a lifetime of n seconds granted at t ends at t + n s; 0xFFFF never ends', () => {
    expect(expiryOf(300, 2 * SECOND)).toBe(302 * SECOND);
    expect(expiryOf(INFINITE_LIFETIME, 2 * SECOND)).toBeNull();
    expect(hasExpired(302 * SECOND, 302 * SECOND - 1)).toBe(false);
    expect(hasExpired(302 * SECOND, 302 * SECOND)).toBe(true);
    expect(hasExpired(null, Number.MAX_SAFE_INTEGER)).toBe(false);
  });

  it('announces the remaining lifetime rounded down, never as infinite unless it is', () => {
    expect(remainingLifetimeSeconds(300 * SECOND, 100 * SECOND + 1)).toBe(199);
    expect(remainingLifetimeSeconds(300 * SECOND, 301 * SECOND)).toBe(0);
    expect(remainingLifetimeSeconds(null, 0)).toBe(0xffff);
    expect(remainingLifetimeSeconds(70_000 * SECOND, 0)).toBe(0xfffe);
  });

  it('formats times and lifetimes for learners', () => {
    expect(formatSeconds(4 * SECOND)).toBe('4.000 s');
    expect(formatSeconds(1_250_000)).toBe('1.250 s');
    expect(formatSeconds(1_000_250)).toBe('1.000250 s');
    expect(formatSeconds(-500_000)).toBe('-0.500 s');
    expect(formatLifetime(300)).toBe('300 s');
    expect(formatLifetime(0xffff)).toBe('infinite (0xFFFF)');
  });
});

describe('keyed records', () => {
  it('copy on write, and a key like "constructor" or "__proto__" is just a key', () => {
    const a = Object.freeze({ x: 1 });
    const b = withEntry(a, 'y', 2);
    expect(a).toEqual({ x: 1 });
    expect(b).toEqual({ x: 1, y: 2 });
    expect(withoutEntry(b, 'x')).toEqual({ y: 2 });
    expect(entryAt(a, 'constructor')).toBeUndefined();
    expect(entryAt(a, 'toString')).toBeUndefined();
    expect(sortedKeys({ b: 1, a: 2, '10.1.0.9': 3, '10.1.0.10': 4 })).toEqual(['10.1.0.10', '10.1.0.9', 'a', 'b']);
  });
});

describe('JSON text of tables (plain-data.ts)', () => {
  it('writes bytes as {"$bytes": hex} and reads them back as Uint8Array', () => {
    const table = { entries: { a: { key: new Uint8Array([0, 1, 0xfe, 0xff]), n: 1, s: 'x', nothing: null } } };
    const text = tableToJson(table);
    expect(text).toBe('{"entries":{"a":{"key":{"$bytes":"0001feff"},"n":1,"s":"x","nothing":null}}}');
    const back = tableFromJson<typeof table>(text);
    expect(back.entries.a.key).toBeInstanceOf(Uint8Array);
    expect(back).toEqual(table);
  });

  it('leaves look-alike objects that are not byte tags alone', () => {
    expect(tableFromJson('{"a":{"$bytes":"zz"},"b":{"$bytes":"00","c":1}}')).toEqual({ a: { $bytes: 'zz' }, b: { $bytes: '00', c: 1 } });
  });

  it('round-trips any nesting of plain values and bytes', () => {
    const plain = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.integer(), fc.string(), fc.boolean(), fc.constant(null), fc.uint8Array({ maxLength: 8 }),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }).filter((k) => k !== '__proto__'), tie('value'), { maxKeys: 3 }),
      ),
    })).value;
    fc.assert(fc.property(plain, (v) => {
      expect(tableFromJson(tableToJson(v))).toEqual(v);
    }));
  });
});
