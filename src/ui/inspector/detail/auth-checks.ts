// For each authentication extension of a Mobile IP message (RFC 2002 §3.5;
// optim-08 §4.5): which bytes its authenticator covers (RFC 2002 §3.5.1, OC-11),
// what the receiving node decided about it (its own trace — the truth of what
// happened), and, where the key is written in the scenario, the lab's own
// recomputation (so a learner can check the node, and see why a forged
// message fails). Keys established during the run (registration keys,
// Perkins & Johnson §5–§8) are not in the scenario: for those only the
// node's verdict exists.

import { verifyExtension, type AuthAlgorithm } from '../../../engine/crypto/authenticator';
import type { TraceEvent, TraceEventId } from '../../../engine/node/contract';
import type { FieldNode } from '../../../engine/wire/dissection';
import { authCoverage, extensionOffsets, type ByteRange } from '../../../engine/wire/mip/extensions/extensions';
import { isAuthenticationKind, type AuthenticationExtension } from '../../../engine/wire/mip/extensions/authentication';
import { extensionName } from '../../../engine/wire/mip/extensions/extension-types';
import { extensionTypeOf } from '../../../engine/wire/mip/extensions/mip-extension';
import { parseMipMessage } from '../../../engine/wire/mip/mip-message';
import type { MipProfile } from '../../../engine/wire/mip/profile';
import type { LoadedScenario } from '../../../scenarios/to-topology';
import type { TraceLog } from '../../store/trace-log';
import type { FieldPath } from '../field-path';
import { childrenOf } from './provenance';

export interface TraceVerdict {
  /** true: the node accepted the authenticator; false: it refused the message for it. */
  readonly verified: boolean;
  readonly event: TraceEvent;
}

export type Recomputed =
  | { readonly status: 'match' | 'mismatch'; readonly association: string; readonly algorithm: AuthAlgorithm; readonly ref: string }
  | { readonly status: 'unknown-key'; readonly why: string }
  | { readonly status: 'error'; readonly why: string };

export interface AuthCheck {
  readonly index: number;
  readonly type: number;
  readonly name: string;
  readonly spi: number;
  /** Absolute byte range in the packet the authenticator covers. */
  readonly covered: ByteRange;
  /** Absolute byte range of the authenticator itself. */
  readonly authenticator: ByteRange;
  /** The extension's node in the dissection tree, to select it. */
  readonly path: FieldPath | undefined;
  /** null: the receivers' traces say nothing about this extension (yet). */
  readonly verdict: TraceVerdict | null;
  readonly recomputed: Recomputed;
}

interface MipLayer {
  readonly node: FieldNode;
  readonly path: FieldPath;
}

/** The Mobile IP message layer of a dissection (the innermost, if tunnelled). */
function mipLayer(root: FieldNode): MipLayer | undefined {
  let found: MipLayer | undefined;
  root.children?.forEach((c, i) => {
    if (c.name.startsWith('Mobile IP ')) found = { node: c, path: `0.${i}` };
  });
  return found;
}

export function authChecks(bytes: Uint8Array, root: FieldNode, profile: MipProfile, trace: TraceLog, packetId: TraceEventId, scenario: LoadedScenario | null): readonly AuthCheck[] {
  const layer = mipLayer(root);
  if (layer === undefined) return [];
  const start = layer.node.offset;
  const end = start + layer.node.length;
  const parsed = parseMipMessage(bytes, start, end);
  if (!parsed.ok || !('extensions' in parsed.value)) return [];
  const message = parsed.value;
  const offsets = extensionOffsets(message);
  const extensionsIndex = layer.node.children?.findIndex((c) => c.name === 'Extensions') ?? -1;
  const authCount = message.extensions.filter((e) => isAuthenticationKind(e.kind)).length;
  const candidates = verdictCandidates(trace, packetId);
  const payload = bytes.subarray(start, end);
  const checks: AuthCheck[] = [];
  message.extensions.forEach((any, i) => {
    if (!isAuthenticationKind(any.kind)) return;
    const ext = any as AuthenticationExtension;
    const range = authCoverage(message, i, profile);
    if (range === null) return;
    const type = extensionTypeOf(ext);
    const e = offsets[i]!;
    const name = extensionName(type).replace(/ extension$/, '');
    const verdict = pickVerdict(candidates, ext.spi, name, authCount === 1);
    checks.push({
      index: i,
      type,
      name,
      spi: ext.spi,
      covered: { start: start + range.start, end: start + range.end },
      authenticator: { start: start + e + 6, end: start + e + 6 + ext.authenticator.length },
      path: extensionsIndex < 0 ? undefined : `${layer.path}.${extensionsIndex}.${i}`,
      verdict,
      recomputed: recompute(payload, e, ext.spi, profile, scenario, verdict?.event.node),
    });
  });
  return checks;
}

const MENTIONS_AUTH = /authenticat/i;
const FAILED = /MISMATCH|does not verify|not verified|failed|refused|reject|denied/i;

/**
 * The auth-related decisions and drops of every node that received this
 * message, following relays (an FA relays a Registration Request, routers
 * forward it; the home agent checks the Mobile-Home authenticator,
 * RFC 2002 §3.8.2.1). Only the same message is followed, never an answer.
 */
function verdictCandidates(trace: TraceLog, packetId: TraceEventId): readonly TraceEvent[] {
  const protocol = trace.packetById.get(packetId)?.protocol;
  const out: TraceEvent[] = [];
  const seen = new Set<TraceEventId>();
  let frontier: TraceEventId[] = [packetId];
  for (let depth = 0; depth < 8 && frontier.length > 0; depth++) {
    const next: TraceEventId[] = [];
    for (const id of frontier) {
      if (seen.has(id)) continue;
      seen.add(id);
      for (const r of trace.outcomes.get(id) ?? []) {
        if (r.kind !== 'received') continue;
        for (const c of childrenOf(trace, r.id)) {
          if ((c.kind === 'decision' || c.kind === 'dropped') && MENTIONS_AUTH.test(`${c.summary} ${c.reason ?? ''}`)) out.push(c);
          const relayed = trace.packetById.get(c.id);
          if (relayed !== undefined && relayed.protocol === protocol) next.push(c.id);
        }
      }
    }
    frontier = next;
  }
  return out;
}

function pickVerdict(candidates: readonly TraceEvent[], spi: number, name: string, onlyOne: boolean): TraceVerdict | null {
  const text = (e: TraceEvent) => `${e.summary} ${e.reason ?? ''}`;
  const bySpi = new RegExp(`SPI ${spi}\\b`);
  const short = name.replace(/ Authentication$/, '');
  const event = candidates.find((e) => bySpi.test(text(e)))
    ?? candidates.find((e) => text(e).includes(short))
    ?? (onlyOne ? candidates[0] : undefined);
  return event === undefined ? null : { verified: !FAILED.test(text(event)), event };
}

function hex(key: Uint8Array): string {
  return Array.from(key, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Recomputes with the scenario's configured key for this SPI (RFC 2002 §1.6: the SPI selects key and algorithm). */
function recompute(payload: Uint8Array, e: number, spi: number, profile: MipProfile, scenario: LoadedScenario | null, verifier: string | undefined): Recomputed {
  if (scenario === null) return { status: 'unknown-key', why: 'no scenario loaded' };
  const held = scenario.nodes.flatMap((n) => n.securityAssociations.filter((sa) => sa.spi === spi).map((sa) => ({ node: n.id, sa })));
  if (held.length === 0) {
    return { status: 'unknown-key', why: `SPI ${spi} is not configured in the scenario: its key was established during the run (a registration key, Perkins & Johnson §5–§8) or was never shared, so only the node's verdict is known` };
  }
  const keys = new Set(held.map((h) => hex(h.sa.key)));
  const chosen = keys.size === 1 ? held[0]! : held.find((h) => h.node === verifier);
  if (chosen === undefined) return { status: 'unknown-key', why: `SPI ${spi} names different keys on different nodes; the verifying node is not known` };
  const v = verifyExtension(payload, e, chosen.sa.key, profile, chosen.sa.algorithm);
  if (!v.ok) return { status: 'error', why: `${v.error.field} at offset ${v.error.offset}: ${v.error.reason}` };
  return {
    status: v.value.verified ? 'match' : 'mismatch',
    association: `the configured security association between ${chosen.node} and ${chosen.sa.peer} (SPI ${spi}, ${chosen.sa.algorithm})`,
    algorithm: chosen.sa.algorithm,
    ref: v.value.ref,
  };
}
