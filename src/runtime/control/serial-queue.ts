// One backend operation at a time (docs/architecture.md "Runtime": "never two advances at once").
// Advances, steps, seeks, commands and view fetches are queued here in call
// order; a command sent while an advance is in flight therefore runs right
// after it, at the virtual time that advance reached.

export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `op` after everything queued before it (whether that resolved or rejected); its result (or rejection) is the caller's. */
  run<T>(op: () => Promise<T>): Promise<T> {
    const result = this.tail.then(op);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
