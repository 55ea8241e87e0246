// The page-weight figure is only as true as its reading of what index.html loads up
// front: these pin that reading on hand-written HTML and minified module text, and on a
// small dist/ written here whose up-front graph is known.

import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { heaviestGroups, moduleGroup, staticImports, upFrontFiles, upFrontReferences, type BuiltChunk } from './page-weight';

describe('upFrontReferences', () => {
  it('takes module scripts, modulepreloads and style sheets, and leaves icons, manifests and classic scripts', () => {
    const html = `<head>
      <link rel="icon" href="./favicon.svg" type="image/svg+xml" />
      <script type="module" crossorigin src="./assets/index-A1.js"></script>
      <link rel="modulepreload" crossorigin href="./assets/vendor-B2.js">
      <link rel="stylesheet" crossorigin href="./assets/index-C3.css">
      <link rel="manifest" href="./manifest.webmanifest">
      <script src="./legacy.js"></script></head>`;
    expect(upFrontReferences(html)).toEqual({ scripts: ['./assets/index-A1.js', './assets/vendor-B2.js'], styles: ['./assets/index-C3.css'] });
  });
});

describe('staticImports', () => {
  it('finds import-from, bare import and export-from, not dynamic import()', () => {
    const code = 'import{a as b}from"./x-1.js";import"./y.js";export{c}from"../z.js";const q=import("./later.js");';
    expect(staticImports(code)).toEqual(['./x-1.js', './y.js', '../z.js']);
  });

  it('ignores package specifiers and the word import inside identifiers', () => {
    expect(staticImports('import React from"react";const reimport="./no.js";')).toEqual([]);
  });
});

describe('moduleGroup', () => {
  it('names npm packages, scoped ones included, and folders under src/', () => {
    expect(moduleGroup('/w/node_modules/react-dom/cjs/react-dom.production.js')).toBe('react-dom');
    expect(moduleGroup('/w/node_modules/@xyflow/react/dist/esm/index.js')).toBe('@xyflow/react');
    expect(moduleGroup('/w/src/engine/wire/ipv4.ts')).toBe('src/engine/wire');
    expect(moduleGroup('/w/src/main.tsx')).toBe('src/main.tsx');
    expect(moduleGroup('\0rolldown/runtime.js')).toBe('bundler runtime');
  });
});

describe('upFrontFiles on a built directory', () => {
  let dist = '';
  afterEach(() => rmSync(dist, { recursive: true, force: true }));

  it('follows static imports to the end, once each, and leaves dynamically imported chunks out', () => {
    dist = mkdtempSync(join(tmpdir(), 'page-weight-test-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<script type="module" src="./assets/entry.js"></script><link rel="stylesheet" href="./assets/style.css">');
    writeFileSync(join(dist, 'assets/entry.js'), 'import{a}from"./shared.js";import"./vendor.js";const l=()=>import("./lazy.js");');
    writeFileSync(join(dist, 'assets/vendor.js'), 'import{a}from"./shared.js";export const v=1;');
    writeFileSync(join(dist, 'assets/shared.js'), 'export const a="x".repeat(100);');
    writeFileSync(join(dist, 'assets/lazy.js'), 'export const never=1;');
    writeFileSync(join(dist, 'assets/style.css'), 'body{margin:0}');
    const { scripts, styles } = upFrontFiles(dist);
    expect(scripts.map((f) => f.path).sort()).toEqual(['assets/entry.js', 'assets/shared.js', 'assets/vendor.js']);
    expect(styles.map((f) => [f.path, f.octets])).toEqual([['assets/style.css', 14]]);
    for (const f of scripts) expect(f.gzipped).toBeGreaterThan(0);
  });
});

describe('heaviestGroups', () => {
  it('weighs only the up-front chunks, heaviest first', () => {
    const chunks: BuiltChunk[] = [
      { fileName: 'assets/entry.js', modules: { '/w/node_modules/big/i.js': { code: 'x'.repeat(5000) + Math.PI.toString().repeat(200) }, '/w/src/ui/a.ts': { code: 'let a=1' }, '/w/src/ui/b.ts': { code: null } } },
      { fileName: 'assets/lazy.js', modules: { '/w/node_modules/lazy/i.js': { code: 'y'.repeat(90000) } } },
    ];
    const groups = heaviestGroups(chunks, ['assets/entry.js']);
    expect(groups.map((g) => g.group)).toEqual(['big', 'src/ui']);
    expect(groups[0]!.gzipped).toBeGreaterThan(groups[1]!.gzipped);
  });
});
