// The mobile node's registration keys (Perkins & Johnson §9.1; regkey-00 §6; Perkins & Johnson §9.2,
// Perkins & Johnson §9.1; OC-12, OC-17, OC-18, OC-19).
//
// Request: when the FA advertised S, the Perkins & Johnson §9.1; regkey-00 §6 algorithm decides which key
// request goes before the Mobile-Home authenticator (OC-17) — none when a
// configured MSA with the FA exists (method 1), 114 with a key pair, 116 with
// a Diffie-Hellman offer, or 116 with Length 0. What was asked (and x) is
// kept in the pending Request.
// Reply: after the Mobile-Home authenticator verified and the Code accepted,
// the Perkins & Johnson §9.1, §9.2 table gives the key; (FA address, SPI, key) is kept for the next
// move. A Reply without a key leaves the registration as it is (regkey-00 §3).

import type { SecurityAssociation } from '../../../crypto/security-association';
import { defaultAlgorithm } from '../../../crypto/authenticator';
import type { NodeOutput } from '../../../node/contract';
import type { RandomSource } from '../../../random';
import type { MipExtension } from '../../../wire/mip/extensions/mip-extension';
import {
  KEY_METHOD_NAMES, mobileNodeKeyFromReply, mobileNodeKeyRequest, recordMobileNodeKey, recordMobileNodeRequest, startKeyExchangeRecord, taken,
  type KeyExchangeRecord, type MobileNodeKeyResult, type MobileNodePendingKey,
} from '../../keys';
import { keyEstablished, keyStepTraces } from '../common/smooth-handoff-io';
import type { HeldForeignAgentKey, MobileNodeState, PendingRequest, RegistrationTarget } from './mobile-node-state';

/** Whether the MN follows the S bit: unless its configuration switches smooth handoff off. */
export function usesSmoothHandoff(state: MobileNodeState, t: RegistrationTarget): boolean {
  return t.offersSmoothHandoff && !t.deregistration && state.config.smoothHandoff?.enabled !== false;
}

/** Perkins & Johnson §9.1: the key (or configured MSA) the MN holds with `fa`, if any. */
export function heldKeyWith(state: MobileNodeState, fa: string): SecurityAssociation | null {
  return state.foreignAgentKeys.find((k) => k.faAddress === fa)?.association ?? state.config.foreignAgentAssociations.find((sa) => sa.peer === fa) ?? null;
}

/** The FA the MN is leaving: the one of the registration in force, if it is another FA. */
export function previousForeignAgent(state: MobileNodeState, t: RegistrationTarget): string | null {
  const r = state.registration;
  if (r === null || r.target.deregistration || state.atHome || r.target.agent === t.agent) return null;
  return r.target.agent;
}

export interface KeyRequestPart {
  readonly extensions: readonly MipExtension[];
  readonly pending: MobileNodePendingKey | null;
  readonly record: KeyExchangeRecord | null;
  readonly outputs: readonly NodeOutput[];
}

const NONE: KeyRequestPart = { extensions: [], pending: null, record: null, outputs: [] };

/** Perkins & Johnson §9.1; regkey-00 §6: the key request for a Request to `t` (nothing unless the FA advertised S). */
export function keyRequestFor(state: MobileNodeState, t: RegistrationTarget, random: RandomSource): KeyRequestPart {
  if (!usesSmoothHandoff(state, t)) return NONE;
  const c = state.config;
  const previous = previousForeignAgent(state, t);
  const request = mobileNodeKeyRequest(c.registrationKeys, {
    newFa: { address: t.agent, smoothHandoff: true },
    previousFa: previous === null ? null : { address: previous, hasAssociation: heldKeyWith(state, previous) !== null },
    configuredAssociationWithNewFa: c.foreignAgentAssociations.some((sa) => sa.peer === t.agent),
  }, random);
  const record = recordMobileNodeRequest(startKeyExchangeRecord(c.homeAddress, t.agent), request);
  return { extensions: request.extensions, pending: request.pending, record, outputs: keyStepTraces(request.steps) };
}

function withHeldKey(state: MobileNodeState, held: HeldForeignAgentKey): MobileNodeState {
  return { ...state, foreignAgentKeys: [...state.foreignAgentKeys.filter((k) => k.faAddress !== held.faAddress), held] };
}

const REF_144 = 'Perkins & Johnson §9.1, §9.2';

/** Perkins & Johnson §9.1, §9.2 at the MN, for an accepted Reply whose Mobile-Home authenticator verified. */
export function keyFromAcceptedReply(state: MobileNodeState, p: PendingRequest, payload: Uint8Array): { readonly state: MobileNodeState; readonly outputs: readonly NodeOutput[] } {
  const c = state.config;
  if (p.key === null || p.keyRecord === null) return { state, outputs: [] };
  const fa = p.target.agent;
  let result: MobileNodeKeyResult;
  if (p.key.requested === 'existing-association') {
    // Method 1: the configured MSA is the key shared with this FA; nothing crossed the wire.
    const sa = c.foreignAgentAssociations.find((a) => a.peer === fa)!;
    result = { outcome: { kind: 'key', key: sa.key, spi: sa.spi, method: 1, faAddress: fa }, steps: [taken(`§9.1 MN: configured MSA with ${fa} (SPI ${sa.spi}) serves as the key (method 1)`, REF_144)], pending: null };
  } else {
    result = mobileNodeKeyFromReply({ payload, pending: p.key, homeAgentSecrets: [c.homeAgentAssociation], keyPair: c.registrationKeys.keyPair });
  }
  const record = recordMobileNodeKey(p.keyRecord, result);
  const outputs: NodeOutput[] = [...keyStepTraces(result.steps)];
  const o = result.outcome;
  if (o.kind === 'no-key') {
    outputs.push(keyStepTraces([{ step: `no registration key with ${fa}: ${o.reason.detail}`, branch: 'taken', ref: o.reason.ref }])[0]!);
    return { state, outputs };
  }
  const association: SecurityAssociation = { spi: o.spi, peer: fa, algorithm: defaultAlgorithm(c.profile), key: o.key, replay: 'timestamp' }; // single-use: no replay check (Perkins & Johnson §9.1, §9.2)
  outputs.push(keyEstablished(`registration key with ${fa}: SPI ${o.spi}, method ${o.method} (${KEY_METHOD_NAMES[o.method]})`, REF_144, record));
  return { state: withHeldKey(state, { faAddress: fa, association, method: o.method }), outputs };
}
