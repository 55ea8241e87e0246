// What a node's Web Worker loads: every worker compiles all of it, so it must not
// reach the scenario validator and zod (whose schemas are built when it loads, and
// whose JIT probe needs eval), nor the in-process simulation. Walked from
// node-worker.ts over the imports the bundler keeps: every `import` and
// `export … from` except `import type` / `export type` (an import of types
// only by inline `type` markers still loads its module, so it counts).

import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');
const STATEMENT = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?'([^']+)'/g;

function moduleFile(path: string): string {
  const found = [path, `${path}.ts`, `${path}.tsx`, `${path}/index.ts`].find((p) => /\.(ts|tsx|json)$/.test(p) && existsSync(p));
  if (found === undefined) throw new Error(`cannot find the module ${path}`);
  return found;
}

function kept(file: string): { local: string[]; packages: string[] } {
  const text = readFileSync(file, 'utf8');
  const local: string[] = [];
  const packages: string[] = [];
  for (const m of text.matchAll(STATEMENT)) {
    if (m[2] !== undefined) continue;
    const spec = m[3]!;
    if (!spec.startsWith('.')) packages.push(spec);
    else local.push(moduleFile(resolve(dirname(file), spec)));
  }
  return { local, packages };
}

function reached(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = [entry];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const next = kept(file);
    for (const p of next.packages) packages.add(p);
    todo.push(...next.local);
  }
  return { files, packages };
}

describe("a node worker's code", () => {
  const { files, packages } = reached(resolve(__dirname, 'node-worker.ts'));
  const names = [...files].map((f) => relative(ROOT, f));

  it('reaches the engine and the role factories', () => {
    expect(names).toContain('src/engine/network/hosted-node.ts');
    expect(names).toContain('src/scenarios/registry.ts');
  });

  it('does not reach zod, the scenario schema and validator, or the in-process simulation', () => {
    expect([...packages].filter((p) => p === 'zod' || p.startsWith('zod/'))).toEqual([]);
    expect(names.filter((n) => /^src\/scenarios\/(schema|validate|semantics|load)\.ts$|^src\/zod-without-eval\.ts$|^src\/engine\/network\/simulation\.ts$/.test(n))).toEqual([]);
  });
});
