// Records keyed by a string that may come from a learner (a node id, a flow
// id, an interface name). Tables stay plain objects rather than Maps so they
// clone and serialise; these helpers keep every update copy-on-write and make
// every key ordinary data: "constructor" misses instead of finding
// Object.prototype, and "__proto__" becomes an entry instead of a prototype
// (docs/architecture.md "Engine": a node's state is plain, structured-cloneable data).

export type Keyed<E> = Readonly<Record<string, E>>;

/** The entry under `key`, ignoring anything inherited from Object.prototype. */
export function entryAt<E>(record: Keyed<E>, key: string): E | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** A copy with `key` set; a computed key defines an own property, even for "__proto__". */
export function withEntry<E>(record: Keyed<E>, key: string, value: E): Keyed<E> {
  return { ...record, [key]: value };
}

export function withoutEntry<E>(record: Keyed<E>, key: string): Keyed<E> {
  const copy: Record<string, E> = { ...record };
  delete copy[key];
  return copy;
}

/** An empty table with no prototype, for code that fills it by assignment (`table[id] = …`). */
export function emptyKeyed<E>(): Record<string, E> {
  return Object.create(null) as Record<string, E>;
}
