// From a thrown error to what the learner is told (docs/architecture.md "Runtime"): which node
// failed, if the error says (the in-page backend's NodeFailure, a worker's
// report), and why — one sentence, never a stack.

import type { RuntimeFailure } from '../types';

export function failureOf(error: unknown): RuntimeFailure {
  const node = typeof error === 'object' && error !== null && typeof (error as { node?: unknown }).node === 'string' ? (error as { node: string }).node : undefined;
  const reason = error instanceof Error ? error.message : typeof error === 'object' && error !== null && typeof (error as { reason?: unknown }).reason === 'string' ? (error as { reason: string }).reason : String(error);
  return { ...(node === undefined ? {} : { node }), reason };
}
