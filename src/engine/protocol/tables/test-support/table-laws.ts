// Shared laws for the protocol tables (table-change.ts "theory of
// operation"): state is plain data that survives structuredClone and JSON,
// and operations never mutate the table they are given.

import fc from 'fast-check';
import { expect } from 'vitest';
import { tableFromJson, tableToJson } from '../plain-data';

/**
 * Freezes every object and array reachable from `value`. Typed arrays cannot
 * be frozen (their elements are not properties); the snapshot comparison in
 * expectUnchangedBy covers them.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value) && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Only plain objects, arrays, Uint8Arrays and primitives: no classes, Maps, Sets, functions or bigints. */
export function expectPlainData(value: unknown, path = 'table'): void {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return;
  if (value instanceof Uint8Array) return;
  expect(typeof value, `${path} is ${typeof value}`).toBe('object');
  const proto = Object.getPrototypeOf(value) as unknown;
  expect(proto === Object.prototype || proto === Array.prototype || proto === null, `${path} is not a plain object or array`).toBe(true);
  for (const [k, v] of Object.entries(value as object)) {
    expect(v, `${path}.${k} is undefined (JSON would drop it)`).not.toBeUndefined();
    expectPlainData(v, `${path}.${k}`);
  }
}

/** The table survives structuredClone and the tables' JSON text unchanged. */
export function expectSurvivesCloneAndJson(table: unknown): void {
  expectPlainData(table);
  expect(structuredClone(table)).toEqual(table);
  expect(tableFromJson(tableToJson(table))).toEqual(table);
}

/** For tables that hold no bytes: plain JSON.stringify/parse is enough. */
export function expectSurvivesPlainJson(table: unknown): void {
  expect(JSON.parse(JSON.stringify(table))).toEqual(table);
}

/** Runs `operation` on a deep-frozen input and checks the input is still what it was. */
export function expectUnchangedBy<T, R>(input: T, operation: (frozen: T) => R): R {
  const snapshot = structuredClone(input);
  const result = operation(deepFreeze(input));
  expect(input).toEqual(snapshot);
  return result;
}

/** A few addresses, so random operations collide on the same keys often. */
export const anyAddress = fc.constantFrom('10.1.0.10', '10.1.0.11', '10.1.0.12', '10.2.0.20', '192.168.2.1', '192.168.3.1');

/** Strictly non-decreasing virtual times in µs from a list of gaps. */
export function timesFrom(gaps: readonly number[]): number[] {
  let t = 0;
  return gaps.map((g) => (t += g));
}

export const SECOND = 1_000_000;
