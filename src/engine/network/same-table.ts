// Whether a freshly computed forwarding table is the one a node already holds
// (node-runner.ts installs only a changed table, and the install is traced).
// Equal here means what equal JSON text meant before, keys in the same order
// and undefined members left out, compared member by member instead of
// serialising both tables on every move; a table handed back unchanged
// (routing-after-move.ts) is the same object and costs nothing.
//
// Tables are plain data: strings, finite numbers, null, arrays and objects.

import type { ForwardingTable } from '../node/route-table';

export function sameTable(a: ForwardingTable | undefined, b: ForwardingTable | undefined): boolean {
  return samePlainData(a, b);
}

function samePlainData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as readonly unknown[];
    if (a.length !== other.length) return false;
    for (let i = 0; i < a.length; i++) if (!samePlainData(a[i], other[i])) return false;
    return true;
  }
  return sameMembers(a as Record<string, unknown>, b as Record<string, unknown>);
}

/** The defined members of both, in the same order and equal one by one (as JSON.stringify lists them). */
function sameMembers(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keysA = definedKeys(a);
  const keysB = definedKeys(b);
  if (keysA.length !== keysB.length) return false;
  for (let i = 0; i < keysA.length; i++) {
    const k = keysA[i]!;
    if (k !== keysB[i] || !samePlainData(a[k], b[k])) return false;
  }
  return true;
}

function definedKeys(o: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const k in o) if (o[k] !== undefined) out.push(k);
  return out;
}
