// A learner's own scenario file, kept in this browser tab (sessionStorage)
// while it is the open run, so a reload or the crash screen brings it back
// too: no link can carry a file, but the tab that opened it can keep it. The
// address then names the file (`?file=<name>`) instead of a built-in scenario.
// Storage that is full or switched off only means the file is not kept.

const KEY = 'route-optimization-lab:open-file';

interface Stashed {
  readonly name: string;
  readonly text: string;
}

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

export function stashFile(name: string, text: string): void {
  try {
    storage()?.setItem(KEY, JSON.stringify({ name, text } satisfies Stashed));
  } catch {
    // Over the quota: a reload will ask for the file again.
  }
}

/** The text of the file called `name` kept in this tab, or null. */
export function stashedFile(name: string): string | null {
  try {
    const raw = storage()?.getItem(KEY);
    if (raw === null || raw === undefined) return null;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { name: kept, text } = parsed as Partial<Stashed>;
    return kept === name && typeof text === 'string' ? text : null;
  } catch {
    return null;
  }
}
