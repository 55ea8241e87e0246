// A file `mip-lab` writes while a run goes (the trace and pcap files of
// `mip-lab run`): opened before the run, so a path that cannot be written is
// refused at once; written in chunks as events come, so nothing of the run
// needs to be held until its end.

import { closeSync, openSync, writeSync } from 'node:fs';
import { CliError } from '../io';

const CHUNK = 1 << 20;

export class OutputFile {
  private pending: (string | Uint8Array)[] = [];
  private pendingSize = 0;
  private fd: number | undefined;

  private constructor(readonly path: string, fd: number) {
    this.fd = fd;
  }

  static open(path: string): OutputFile {
    try {
      return new OutputFile(path, openSync(path, 'w'));
    } catch (e) {
      throw OutputFile.problem(path, e);
    }
  }

  write(data: string | Uint8Array): void {
    this.pending.push(data);
    this.pendingSize += data.length;
    if (this.pendingSize >= CHUNK) this.flush();
  }

  /** Writes what is pending and closes; safe to call twice. */
  close(): void {
    if (this.fd === undefined) return;
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
      this.fd = undefined;
    }
  }

  private flush(): void {
    const parts = this.pending;
    this.pending = [];
    this.pendingSize = 0;
    try {
      const bytes = Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
      for (let at = 0; at < bytes.length; ) at += writeSync(this.fd!, bytes, at, bytes.length - at);
    } catch (e) {
      throw OutputFile.problem(this.path, e);
    }
  }

  private static problem(path: string, e: unknown): CliError {
    return new CliError(`cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
