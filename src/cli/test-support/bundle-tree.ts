// A throwaway copy of the project's layout for testing the built CLI: the
// bin/mip-lab.js of the working tree, a bundle freshly built from the current
// source into its build/cli, and links to the real src, node_modules and
// configuration. The test can then age, replace or remove that bundle without
// touching the project's own build/cli, which other runs may be using.

import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../main';

export const PROJECT = fileURLToPath(new URL('../../../', import.meta.url));

/** What a command printed, as bytes, and how it exited. */
export interface ByteRun {
  readonly code: number;
  readonly stdout: Buffer;
  readonly stderr: Buffer;
}

export interface BundleTree {
  readonly root: string;
  readonly bin: string;
  readonly bundle: string;
  readonly sourceList: string;
}

const LINKED = ['src', 'node_modules', 'package.json', 'tsconfig.json', 'vite.cli.config.ts'];

/** Lays out the tree and builds the bundle into it with the project's own `build:cli` configuration. */
export async function makeBundleTree(): Promise<BundleTree> {
  const root = mkdtempSync(join(tmpdir(), 'mip-lab-bundle-'));
  for (const name of LINKED) symlinkSync(join(PROJECT, name), join(root, name));
  mkdirSync(join(root, 'bin'));
  copyFileSync(join(PROJECT, 'bin', 'mip-lab.js'), join(root, 'bin', 'mip-lab.js'));
  const outDir = join(root, 'build', 'cli');
  const vite = join(PROJECT, 'node_modules', 'vite', 'bin', 'vite.js');
  const built = await spawnNode([vite, 'build', '--config', join(PROJECT, 'vite.cli.config.ts'), '--outDir', outDir, '--emptyOutDir'], PROJECT);
  if (built.code !== 0) throw new Error(`building the CLI bundle failed (exit ${built.code}):\n${built.stderr.toString()}${built.stdout.toString()}`);
  return { root, bin: join(root, 'bin', 'mip-lab.js'), bundle: join(outDir, 'mip-lab.mjs'), sourceList: join(outDir, 'mip-lab.sources.json') };
}

/**
 * Dates the bundle's build: the start time in its source list, and the bundle
 * file's time (by default the same). In the future the bundle stays newer than
 * its sources even if one is saved meanwhile; in the past it is older than all.
 */
export function dateBuild(tree: BundleTree, startedAt: Date, written = startedAt): void {
  const list = JSON.parse(readFileSync(tree.sourceList, 'utf8')) as { startedAt: number };
  if (typeof list.startedAt !== 'number') throw new Error(`${tree.sourceList} has no startedAt`);
  writeFileSync(tree.sourceList, JSON.stringify({ ...list, startedAt: startedAt.getTime() }));
  utimesSync(tree.bundle, written, written);
}

/** Runs `node args…` in `cwd` and collects its output as bytes. */
export function spawnNode(args: readonly string[], cwd: string, stdin?: string): Promise<ByteRun> {
  return spawnProgram(process.execPath, args, cwd, stdin);
}

export function spawnProgram(program: string, args: readonly string[], cwd: string, stdin?: string): Promise<ByteRun> {
  return new Promise((resolve, reject) => {
    const child = execFile(program, args, { cwd, encoding: 'buffer', maxBuffer: 256 << 20, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== 'number') reject(error);
      else resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr });
    });
    child.stdin!.end(stdin ?? '');
  });
}

/** The CLI's source run in-process, its output kept as the bytes a terminal would get. */
export async function runSource(...argv: string[]): Promise<ByteRun> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const bytes = (s: string | Uint8Array) => (typeof s === 'string' ? Buffer.from(s, 'utf8') : Buffer.from(s));
  const code = await main(argv, { stdout: { write: (s) => out.push(bytes(s)) }, stderr: { write: (s) => err.push(bytes(s)) } });
  return { code, stdout: Buffer.concat(out), stderr: Buffer.concat(err) };
}
