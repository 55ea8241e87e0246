// Counts how many times code reads an element of any array inside a value — a
// measure of work that does not depend on how busy the machine is. A scan per
// reference (`nodes.find(n => n.id === ref)` for each of n references) reads
// about n² elements; an index built once reads each element a few times.
// Proxies are cached per object, so identity (===, Map keys) is preserved.

export interface ReadCounter {
  reads: number;
}

const INDEX = /^(0|[1-9]\d*)$/;

/** `value` seen through proxies that count array element reads into `counter`. */
export function countingReads<T>(value: T, counter: ReadCounter): T {
  const proxies = new WeakMap<object, object>();
  const wrap = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null || ArrayBuffer.isView(v)) return v;
    const known = proxies.get(v);
    if (known) return known;
    const isArray = Array.isArray(v);
    const proxy = new Proxy(v, {
      get(target, key, receiver) {
        if (isArray && typeof key === 'string' && INDEX.test(key)) counter.reads++;
        return wrap(Reflect.get(target, key, receiver));
      },
    });
    proxies.set(v, proxy);
    return proxy;
  };
  return wrap(value) as T;
}
