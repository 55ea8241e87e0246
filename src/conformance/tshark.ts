// Conformance harness: hand a capture to tshark (Wireshark's command-line
// reader, an implementation we did not write) and get back, per frame, the
// protocol stack, every field value and the expert items — so tests can check
// that what the lab puts on the wire is what the rest of the world decodes
// (docs/protocol-notes.md §Wireshark).
//
// Node side only (child_process, fs, os): the engine stays pure; this file
// just runs the real tool on bytes the engine's pcapng writer produced.
//
// How tshark is run:
//  * checksum validation on: `ip.check_checksum` and `udp.check_checksum`
//    (the only checksum preferences tshark 4.0 has for these layers —
//    `tshark -G defaultprefs | grep -i checksum`); ICMP and GRE checksums are
//    always verified, there is no preference for them;
//  * `-T json --no-duplicate-keys -x`: the field tree as JSON, repeated keys
//    merged into arrays, plus each field's raw octets and frame offset;
//  * `-n`: no name resolution (no DNS lookups from a test run);
//  * WIRESHARK_CONFIG_DIR pointed at an empty temporary folder, so a personal
//    Wireshark profile cannot change what the tests see.

import { execFile, spawn } from 'node:child_process';
import { accessSync, constants as fsConstants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { parseTsharkJson, type TsharkFrame } from './tshark-json';

export type { ExpertSeverity, TsharkExpertItem, TsharkFrame, TsharkRawValue } from './tshark-json';
export { fieldValue, fieldValues, parseTsharkJson, problems } from './tshark-json';

const run = promisify(execFile);

/** Preferences that turn on checksum validation (off by default in tshark). */
export const CHECKSUM_PREFERENCES = ['ip.check_checksum:TRUE', 'udp.check_checksum:TRUE'] as const;

export class TsharkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TsharkError';
  }
}

/**
 * The tshark executable: $TSHARK if set, else the first `tshark` on $PATH
 * (on Debian/Ubuntu /usr/bin/tshark, package "tshark").
 */
export function findTshark(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [env.TSHARK, ...(env.PATH ?? '').split(delimiter).filter((d) => d !== '').map((d) => join(d, 'tshark'))];
  for (const c of candidates) {
    if (c === undefined || c === '') continue;
    try {
      accessSync(c, fsConstants.X_OK);
      return c;
    } catch {
      // not there or not executable: try the next one
    }
  }
  return undefined;
}

/** Synchronous, so a test file can decide at load time whether to skip (`it.skipIf`). */
export function tsharkAvailable(): boolean {
  return findTshark() !== undefined;
}

const MISSING = 'tshark was not found (looked at $TSHARK and every folder on $PATH). Install it — e.g. `sudo apt-get install tshark` — or set TSHARK=/path/to/tshark.';

function requireTshark(path: string | undefined): string {
  const found = path ?? findTshark();
  if (found === undefined) throw new TsharkError(MISSING);
  return found;
}

/** tshark's own chatter that is not an error (it runs as root in CI containers). */
function cleanStderr(stderr: string): string {
  return stderr
    .split('\n')
    .filter((l) => l.trim() !== '' && !/^Running as user "root"/.test(l))
    .join('\n');
}

export interface TsharkOptions {
  /** Defaults to findTshark(). */
  readonly tsharkPath?: string;
  /** Extra `-o name:value` preferences, added after CHECKSUM_PREFERENCES. */
  readonly preferences?: readonly string[];
  /** `-d` decode-as rules, e.g. "udp.port==5000,mip". */
  readonly decodeAs?: readonly string[];
  /** Lua dissectors to load (`-X lua_script:FILE`), e.g. the lab's own (lua-dissector.ts). */
  readonly luaScripts?: readonly string[];
  readonly timeoutMs?: number;
}

async function withTempDir<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'mip-lab-tshark-'));
  try {
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function tsharkEnv(configDir: string): NodeJS.ProcessEnv {
  return { ...process.env, WIRESHARK_CONFIG_DIR: configDir, LC_ALL: 'C.UTF-8' };
}

/** Writes the capture to a temporary file and returns tshark's dissection of every frame. */
export async function readWithTshark(pcapng: Uint8Array, options: TsharkOptions = {}): Promise<TsharkFrame[]> {
  const tshark = requireTshark(options.tsharkPath);
  return withTempDir(async (dir) => {
    const file = join(dir, 'capture.pcapng');
    await writeFile(file, pcapng);
    const args = ['-r', file, '-n', '-T', 'json', '--no-duplicate-keys', '-x'];
    for (const p of [...CHECKSUM_PREFERENCES, ...(options.preferences ?? [])]) args.push('-o', p);
    for (const d of options.decodeAs ?? []) args.push('-d', d);
    for (const s of options.luaScripts ?? []) args.push('-X', `lua_script:${s}`);
    let stdout: string;
    try {
      ({ stdout } = await run(tshark, args, { env: tsharkEnv(dir), maxBuffer: 256 * 1024 * 1024, timeout: options.timeoutMs ?? 60_000, encoding: 'utf8' }));
    } catch (e) {
      const err = e as { code?: unknown; stderr?: string; message?: string };
      if (err.code === 'ENOENT') throw new TsharkError(MISSING);
      throw new TsharkError(`tshark failed (exit ${String(err.code)}): ${cleanStderr(err.stderr ?? '') || err.message}`);
    }
    try {
      return parseTsharkJson(JSON.parse(stdout.trim() === '' ? '[]' : stdout));
    } catch (e) {
      throw new TsharkError(`could not read tshark's output (${(e as Error).message}): ${stdout.slice(0, 200)}`);
    }
  });
}

/** tshark's version line, e.g. "TShark (Wireshark) 4.0.17 (…)". */
export async function tsharkVersion(tsharkPath?: string): Promise<string> {
  const tshark = requireTshark(tsharkPath);
  const { stdout } = await run(tshark, ['--version'], { encoding: 'utf8' });
  return stdout.split('\n')[0]!.trim();
}

/**
 * The names tshark gives each value of an integer field (its value_string
 * table, from `tshark -G values`), e.g. mip.type 18 → "Regional Registration
 * Request". The table dump is large (~90 MB), so it is streamed and filtered.
 */
export async function tsharkValueNames(fieldName: string, tsharkPath?: string): Promise<Map<number, string>> {
  const tshark = requireTshark(tsharkPath);
  return withTempDir(async (dir) => {
    const child = spawn(tshark, ['-G', 'values'], { env: tsharkEnv(dir), stdio: ['ignore', 'pipe', 'ignore'] });
    const exited = new Promise<number | null>((resolve, reject) => {
      child.on('error', (e) => reject(new TsharkError(`could not run tshark -G values: ${e.message}`)));
      child.on('close', resolve);
    });
    exited.catch(() => undefined); // awaited below; this only stops an early failure being reported as unhandled
    const names = new Map<number, string>();
    const prefix = `V\t${fieldName}\t`;
    for await (const line of createInterface({ input: child.stdout })) {
      if (!line.startsWith(prefix)) continue;
      const [value, name] = line.slice(prefix.length).split('\t');
      if (value !== undefined && name !== undefined) names.set(Number(value), name);
    }
    const code = await exited;
    if (code !== 0) throw new TsharkError(`tshark -G values exited with ${String(code)}`);
    return names;
  });
}
