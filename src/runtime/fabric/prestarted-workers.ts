// Node workers started before their run asks for them. A worker takes a while to
// come up — a thread, its script fetched and compiled — and the page can start
// that before it has checked the scenario (the built-in's node names are known
// from its file): the workers load their code on other cores while the page's
// own thread validates, instead of after it. The next browser spawner
// (browser-spawner.ts) takes them by node name; whatever it does not take is
// stopped by `discardPrestartedWorkers`, or after UNUSED_MS.

export interface PrestartedWorker {
  readonly worker: Worker;
  /** An error the worker raised before a spawner took it (its script could not load). */
  early: string | undefined;
  /** Set by the spawner that takes it: later errors go there. */
  onError: ((message: string) => void) | undefined;
}

const UNUSED_MS = 20_000;

const waiting = new Map<string, PrestartedWorker[]>();
let timer: ReturnType<typeof setTimeout> | undefined;

/** A new node worker (module script, named for the browser's developer tools). */
export function startNodeWorker(node: string): PrestartedWorker {
  const started: PrestartedWorker = {
    worker: new Worker(new URL('./node-worker.ts', import.meta.url), { type: 'module', name: `node ${node}` }),
    early: undefined,
    onError: undefined,
  };
  started.worker.addEventListener('error', (e) => {
    e.preventDefault();
    const message = e.message || 'it could not start or crashed';
    if (started.onError === undefined) started.early ??= message;
    else started.onError(message);
  });
  return started;
}

/** Starts a worker for each of `nodes` now; a run that spawns these nodes next takes them. */
export function prestartWorkers(nodes: readonly string[]): void {
  if (typeof Worker === 'undefined') return;
  discardPrestartedWorkers();
  for (const node of nodes) {
    const list = waiting.get(node) ?? [];
    list.push(startNodeWorker(node));
    waiting.set(node, list);
  }
  timer = setTimeout(discardPrestartedWorkers, UNUSED_MS);
}

/** A prestarted worker for `node`, if one is waiting. */
export function takePrestartedWorker(node: string): PrestartedWorker | undefined {
  const list = waiting.get(node);
  const taken = list?.shift();
  if (list !== undefined && list.length === 0) waiting.delete(node);
  return taken;
}

/** Stops every prestarted worker no run has taken. */
export function discardPrestartedWorkers(): void {
  clearTimeout(timer);
  timer = undefined;
  for (const list of waiting.values()) for (const w of list) w.worker.terminate();
  waiting.clear();
}
