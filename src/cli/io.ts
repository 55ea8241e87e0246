// The CLI writes through these two streams (not console.*) so tests can run a
// command in-process and read exactly what a user would see.
export interface CliIo {
  readonly stdout: { write(s: string | Uint8Array): unknown };
  readonly stderr: { write(s: string | Uint8Array): unknown };
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  /** Full help text: what it does, arguments, examples. */
  readonly help: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** A usage or input problem: printed as one line, exit code 1, never a stack trace. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}
