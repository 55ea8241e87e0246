// Parsers never throw on bad bytes (docs/architecture.md "engine/wire"): they return a
// WireResult. A WireError says which structure and field were wrong, at which
// absolute byte offset, and why — the lab shows this text to the learner when a
// packet is dropped.

export interface WireError {
  /** The structure being parsed, e.g. "IPv4", "Registration Request". */
  readonly layer: string;
  /** The field that could not be read or was invalid, e.g. "Total Length". */
  readonly field: string;
  /** Absolute byte offset of that field in the buffer handed to the parser. */
  readonly offset: number;
  /** Human-readable reason, e.g. "needs 20 octets, only 12 remain". */
  readonly reason: string;
}

export type WireResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: WireError };

export function ok<T>(value: T): WireResult<T> {
  return { ok: true, value };
}

export function fail<T = never>(layer: string, field: string, offset: number, reason: string): WireResult<T> {
  return { ok: false, error: { layer, field, offset, reason } };
}

/** One line for a learner or a terminal: "IPv4: Total Length at offset 2: 80 exceeds the 60 octets captured". */
export function describeWireError(e: WireError): string {
  return `${e.layer}: ${e.field} at offset ${e.offset}: ${e.reason}`;
}

/**
 * Thrown only by emitters, for programming errors (a repr that cannot be
 * encoded, or a buffer too small). Bad *input bytes* never throw.
 */
export class EncodeError extends Error {
  constructor(layer: string, message: string) {
    super(`${layer}: ${message}`);
    this.name = 'EncodeError';
  }
}
