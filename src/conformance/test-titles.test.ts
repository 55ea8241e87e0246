// The static reader of test titles the conformance matrix relies on.

import { describe, expect, it } from 'vitest';
import { readTestTitles } from './test-titles';

const paths = (source: string) => readTestTitles(source).map((t) => `${t.kind}:${t.path.join(' › ')}`);

describe('readTestTitles', () => {
  it('gives each test the titles of its enclosing describes, outermost first', () => {
    const source = [
      "describe('outer', () => {",
      "  it('one', () => { expect(f(1)).toBe(2); });",
      '  describe("inner (with parens)", () => {',
      "    test('two', () => {});",
      '  });',
      "  it('three', () => {});",
      '});',
      "it('top level', () => {});",
    ].join('\n');
    expect(paths(source)).toEqual([
      'describe:outer', 'test:outer › one', 'describe:outer › inner (with parens)', 'test:outer › inner (with parens) › two', 'test:outer › three', 'test:top level',
    ]);
  });

  it('is not fooled by parentheses, quotes and keywords inside strings, comments, templates and regular expressions', () => {
    const source = [
      "describe('a', () => {",
      "  const s = ')\"it(\\'nope\\')';",
      '  // it(\'commented out\') )))',
      '  /* describe("block comment", () => { */',
      '  const t = `)${")"}(`;',
      "  const r = /\\)it\\('x'\\)[)]/g;",
      "  it('still inside a', () => { const q = 4 / 2 / 1; expect(q).toBe(2); });",
      '});',
      "it('after', () => {});",
    ].join('\n');
    expect(paths(source)).toEqual(['describe:a', 'test:a › still inside a', 'test:after']);
  });

  it('reads escapes in titles and follows modifier chains', () => {
    const source = [
      "describe.skipIf(!hasTool)('tools \\u2014 \\'quoted\\'', () => {",
      "  it.skip('skipped', () => {});",
      "  it.concurrent(\"double \\\"quoted\\\"\", () => {});",
      '});',
      "describe.skip('off', () => { it('inside an off block', () => {}); });",
    ].join('\n');
    const titles = readTestTitles(source);
    expect(titles.map((t) => t.path.join(' › '))).toEqual([
      "tools — 'quoted'", "tools — 'quoted' › skipped", 'tools — \'quoted\' › double "quoted"', 'off', 'off › inside an off block',
    ]);
    expect(titles.map((t) => t.skipped)).toEqual([false, true, false, true, true]);
  });

  it('marks titles built at run time as templated: ${…} and each tables', () => {
    const source = [
      'describe(`group ${name}`, () => {',
      "  it('plain', () => {});",
      '  it(`built ${n} times`, () => {});',
      "  it.each([1, 2])('row %i', (n) => {});",
      '});',
    ].join('\n');
    const titles = readTestTitles(source);
    expect(titles.map((t) => [t.path.join(' › '), t.templated, t.pathTemplated])).toEqual([
      ['group ${…}', true, true],
      ['group ${…} › plain', false, true],
      ['group ${…} › built ${…} times', true, true],
      ['group ${…} › row %i', true, true],
    ]);
  });

  it('ignores methods and identifiers that merely end in it or test', () => {
    const source = "const ok = /x/.test('it(\\'no\\')'); submit('x'); unit('y'); obj.it('z'); it('real', () => {});";
    expect(paths(source)).toEqual(['test:real']);
  });

  it('reports the line of each call', () => {
    expect(readTestTitles("\n\nit('third line', () => {});").map((t) => t.line)).toEqual([3]);
  });
});
