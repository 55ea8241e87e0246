// `npm run bench`, the built page's weight: what index.html makes the browser load
// before the lab can start — its module scripts, the chunks they import statically
// (followed to the end), modulepreload links and style sheets — each gzipped at level 9
// (node:zlib; a static host that compresses sends about this), what inside those
// scripts weighs most (by package or source folder, from the bundler's module list),
// then the whole dist/ and whether it carries source maps. Printed, never asserted.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface WeighedFile {
  readonly path: string;
  readonly octets: number;
  readonly gzipped: number;
}

/** `src`/`href` of the entry's module scripts, modulepreloads and style sheets, relative to dist/. */
export function upFrontReferences(indexHtml: string): { scripts: string[]; styles: string[] } {
  const scripts: string[] = [];
  const styles: string[] = [];
  for (const tag of indexHtml.match(/<(?:script|link)\b[^>]*>/g) ?? []) {
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
    if (tag.startsWith('<script') && attr('type') === 'module' && attr('src') !== undefined) scripts.push(attr('src')!);
    if (tag.startsWith('<link') && attr('rel') === 'modulepreload' && attr('href') !== undefined) scripts.push(attr('href')!);
    if (tag.startsWith('<link') && attr('rel') === 'stylesheet' && attr('href') !== undefined) styles.push(attr('href')!);
  }
  return { scripts, styles };
}

/**
 * Relative specifiers a minified ES module imports statically: `import … from "./x.js"`,
 * `import "./x.js"`, `export … from "./x.js"` — not `import("./x.js")`, which loads later.
 */
export function staticImports(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g)) found.add(m[1]!);
  return [...found];
}

function weigh(dist: string, path: string): WeighedFile {
  const bytes = readFileSync(join(dist, path));
  return { path, octets: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
}

/** The up-front files of a built lab: scripts (entry and its static import graph) and styles. */
export function upFrontFiles(dist: string): { scripts: WeighedFile[]; styles: WeighedFile[] } {
  const refs = upFrontReferences(readFileSync(join(dist, 'index.html'), 'utf8'));
  const seen = new Set<string>();
  const queue = refs.scripts.map((s) => normalize(s.replace(/^\.?\//, '')));
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    for (const spec of staticImports(readFileSync(join(dist, path), 'utf8'))) queue.push(normalize(join(dirname(path), spec)));
  }
  return {
    scripts: [...seen].map((p) => weigh(dist, p)),
    styles: refs.styles.map((s) => weigh(dist, normalize(s.replace(/^\.?\//, '')))),
  };
}

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

const kb = (octets: number) => `${(octets / 1024).toFixed(1)} KB`;

/** A chunk as Vite's build() reports it (Rollup/Rolldown output): each module's code as rendered into it. */
export interface BuiltChunk {
  readonly fileName: string;
  readonly modules: Readonly<Record<string, { readonly code: string | null }>>;
}

/** Where a module comes from: its npm package, or its folder two levels under src/. */
export function moduleGroup(id: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id);
  if (pkg !== null) return pkg[1]!;
  const src = /\/src\/([^/]+(?:\/[^/.]+(?=\/))?)/.exec(id);
  return src !== null ? `src/${src[1]}` : 'bundler runtime';
}

/** The heaviest groups of modules in `files`, each group's code gzipped on its own (so the parts do not add up to the total exactly). */
export function heaviestGroups(chunks: readonly BuiltChunk[], files: readonly string[], count = 6): { group: string; gzipped: number }[] {
  const code = new Map<string, string[]>();
  for (const chunk of chunks.filter((c) => files.includes(c.fileName))) {
    for (const [id, m] of Object.entries(chunk.modules)) {
      if (m.code === null || m.code === '') continue;
      const group = moduleGroup(id);
      code.set(group, [...(code.get(group) ?? []), m.code]);
    }
  }
  return [...code].map(([group, parts]) => ({ group, gzipped: gzipSync(parts.join('\n'), { level: 9 }).length }))
    .sort((a, b) => b.gzipped - a.gzipped).slice(0, count);
}

export function pageWeightBench(dist: string, chunks: readonly BuiltChunk[] = []): void {
  console.log('\nInitial page weight (built with vite build; what index.html loads before the lab starts; gzip level 9, node:zlib)\n');
  const { scripts, styles } = upFrontFiles(dist);
  const sum = (files: readonly WeighedFile[], key: 'octets' | 'gzipped') => files.reduce((a, f) => a + f[key], 0);
  console.log(`initial JavaScript, gzipped     ${kb(sum(scripts, 'gzipped'))}  (${kb(sum(scripts, 'octets'))} minified, ${scripts.length} file${scripts.length === 1 ? '' : 's'}: entry + static imports + modulepreloads)`);
  console.log(`initial CSS, gzipped            ${kb(sum(styles, 'gzipped'))}  (${kb(sum(styles, 'octets'))}, ${styles.length} file${styles.length === 1 ? '' : 's'})`);
  console.log(`initial JavaScript + CSS, gzip  ${kb(sum(scripts, 'gzipped') + sum(styles, 'gzipped'))}`);
  const parts = [...scripts, ...styles].sort((a, b) => b.gzipped - a.gzipped).slice(0, 5);
  console.log(`largest files                   ${parts.map((f) => `${f.path} ${kb(f.gzipped)}`).join(', ')}`);
  const groups = heaviestGroups(chunks, scripts.map((f) => f.path));
  // The bundler reports each module's code before minification: these run about a third above
  // their share of the minified files (react-dom: 98 KB here, 63 KB minified and gzipped).
  if (groups.length > 0) console.log(`heaviest in it (unminified, gzipped alone)  ${groups.map((g) => `${g.group} ${kb(g.gzipped)}`).join(', ')}`);
  const files = allFiles(dist);
  const octets = files.reduce((a, f) => a + statSync(f).size, 0);
  const maps = files.filter((f) => f.endsWith('.map'));
  const gzippedAll = files.reduce((a, f) => a + gzipSync(readFileSync(f), { level: 9 }).length, 0);
  console.log(`whole dist/                     ${kb(octets)} in ${files.length} files (${kb(gzippedAll)} gzipped, file by file)`);
  console.log(`source maps                     ${maps.length === 0 ? 'none (the build writes them only with SOURCEMAP=1)' : `${maps.length} present: ${maps.slice(0, 3).map((m) => relative(dist, m)).join(', ')}${maps.length > 3 ? ', …' : ''}`}`);
}
