// The CLI run in-process with fake streams: exactly what a user would see.
import { main } from '../main';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(...argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const text = (s: string | Uint8Array) => (typeof s === 'string' ? s : new TextDecoder().decode(s));
  const code = await main(argv, { stdout: { write: (s) => out.push(text(s)) }, stderr: { write: (s) => err.push(text(s)) } });
  return { code, stdout: out.join(''), stderr: err.join('') };
}
