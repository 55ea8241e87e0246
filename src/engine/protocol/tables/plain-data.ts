// JSON text for table state. Tables are plain data, and structuredClone copies
// them as they are; JSON cannot carry the one non-JSON value they hold, the
// Uint8Array of a key or of a pending Binding Update's bytes (JSON.stringify
// would turn it into {"0":…,"1":…} and lose its type). These two functions
// write such arrays as {"$bytes":"0a1b…"} and read them back, so a snapshot
// saved as text or shown in a state panel round-trips exactly.

import { toHex } from '../../crypto/bytes';

const BYTES_TAG = '$bytes';

function fromHex(hex: string): Uint8Array | null {
  if (hex.length % 2 !== 0 || /[^0-9a-f]/i.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** JSON text of a table; Uint8Array values become {"$bytes": hex}. */
export function tableToJson(value: unknown, space?: number): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) => (v instanceof Uint8Array ? { [BYTES_TAG]: toHex(v) } : v),
    space,
  );
}

/** Inverse of tableToJson. The caller states the table type it expects. */
export function tableFromJson<T>(text: string): T {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const hex = (v as Record<string, unknown>)[BYTES_TAG];
      if (keys.length === 1 && typeof hex === 'string') return fromHex(hex) ?? v;
    }
    return v;
  }) as T;
}
