// A scenario with its ids renamed: node ids, link ids, flow ids and interface
// names, wherever the file refers to them. The tests that prove ids are data
// run a scenario whose ids are "__proto__", "constructor", "toString"… next
// to the same scenario with plain names.

/** Fields whose string values (or lists of them) are ids (FORMAT.md). */
const ID_FIELDS = new Set(['id', 'name', 'from', 'to', 'as', 'node', 'toCellOf', 'homeAgent', 'homeLink', 'link', 'between', 'masterKeyPeers', 'foreignAgentPublicKeys']);

export type Renaming = ReadonlyMap<string, string>;

function renamed(value: unknown, renaming: Renaming, field: string | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => renamed(v, renaming, field));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renamed(v, renaming, k)]));
  if (typeof value === 'string' && field !== undefined && ID_FIELDS.has(field)) return renaming.get(value) ?? value;
  return value;
}

/** A copy of `data` (scenario JSON, or a command) with every id in `renaming` replaced. */
export function renameIds<T>(data: T, renaming: Renaming): T {
  return renamed(data, renaming, undefined) as T;
}

/** Names that are properties of every plain object: as ids, each must be just a name. */
export const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'propertyIsEnumerable'] as const;
