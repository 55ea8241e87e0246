// The foreign agent's registration keys (Perkins & Johnson §9.2; regkey-00 §8.1; Perkins & Johnson §9.1,
// Perkins & Johnson §9.2; OC-12, OC-16, OC-17, OC-19).
//
// Request: a Request carrying 114 or 116 gets the FA's key extensions
// (113 / 115 / 122 / 124, preference order of Perkins & Johnson §9; regkey-00 §3), appended after the
// Mobile-Home authenticator and before the FA's Foreign-Home one (OC-17);
// y or the chosen K is kept in the pending visitor record (Perkins & Johnson §9.2).
// Reply: from an accepted Reply (Foreign-Home authenticator already verified
// where the FA shares an MSA with the HA) the Perkins & Johnson §9.1, §9.2 table gives the key,
// stored with its SPI in the visitor entry. With a configured MSA with the
// MN and no key requested (method 1), that MSA is what the entry holds — so a
// later smooth-handoff BU finds it by (home address, SPI) all the same.

import { defaultAlgorithm } from '../../../crypto/authenticator';
import type { SecurityAssociation } from '../../../crypto/security-association';
import type { NodeOutput } from '../../../node/contract';
import type { RandomSource } from '../../../random';
import type { MipExtension } from '../../../wire/mip/extensions/mip-extension';
import type { RegistrationRequest } from '../../../wire/mip/registration-request';
import {
  KEY_METHOD_NAMES, foreignAgentKeyFromReply, foreignAgentKeyRequest, recordForeignAgentKey, recordForeignAgentRequest, startKeyExchangeRecord, taken,
  type ForeignAgentKeyConfig, type ForeignAgentKeyResult,
} from '../../keys';
import { associationWithPeer } from '../../tables/security-associations';
import type { PendingKeyMaterial, PendingRegistration } from '../../tables/visitor-list';
import { keyEstablished, keyStepTraces } from '../common/smooth-handoff-io';
import type { ForeignAgentState } from './foreign-agent-state';

function keyConfig(state: ForeignAgentState, homeAgent: string, now: number): ForeignAgentKeyConfig {
  const ha = associationWithPeer(state.associations, homeAgent, now)?.association ?? null;
  return { address: state.config.address, homeAgentAssociation: ha, keyPair: state.config.registrationKeyPair ?? null };
}

function asksForKey(m: RegistrationRequest): boolean {
  return m.extensions.some((e) => e.kind === 'mn-public-key' || e.kind === 'registration-key-request');
}

export interface ForeignAgentKeyPart {
  readonly state: ForeignAgentState;
  /** To append after the Mobile-Home authenticator, before Foreign-Home (OC-17). */
  readonly extensions: readonly MipExtension[];
  readonly pendingKey: PendingKeyMaterial | null;
  readonly outputs: readonly NodeOutput[];
}

/** Perkins & Johnson §9.2; regkey-00 §8.1 for a Request the FA is about to relay. */
export function keyExtensionsForRequest(state: ForeignAgentState, m: RegistrationRequest, now: number, random: RandomSource): ForeignAgentKeyPart {
  const withoutExchange = (): ForeignAgentState => {
    if (state.keyExchanges[m.homeAddress] === undefined) return state;
    const { [m.homeAddress]: _gone, ...rest } = state.keyExchanges;
    return { ...state, keyExchanges: rest };
  };
  if (!asksForKey(m)) return { state: withoutExchange(), extensions: [], pendingKey: null, outputs: [] };
  const mnAssociation = associationWithPeer(state.associations, m.homeAddress, now)?.association ?? null;
  const request = foreignAgentKeyRequest(keyConfig(state, m.homeAgent, now), m, mnAssociation === null ? [] : [mnAssociation.spi], random); // OC-16
  const record = recordForeignAgentRequest(startKeyExchangeRecord(m.homeAddress, state.config.address), request);
  const outputs = keyStepTraces(request.steps);
  if (request.refusal !== null) outputs.push(...keyStepTraces([taken(`no registration key for ${m.homeAddress}: ${request.refusal.reason.detail}`, request.refusal.reason.ref)]));
  return { state: { ...state, keyExchanges: { ...state.keyExchanges, [m.homeAddress]: record } }, extensions: request.extensions, pendingKey: request.pending, outputs };
}

export interface ForeignAgentReplyKey {
  readonly state: ForeignAgentState;
  /** For the visitor entry (Perkins & Johnson §9.2); null: no key (the registration stands, regkey-00 §3). */
  readonly registrationKey: SecurityAssociation | null;
  readonly outputs: readonly NodeOutput[];
}

const REF_144 = 'Perkins & Johnson §9.1, §9.2';

/** Perkins & Johnson §9.1, §9.2 at the FA, before relaying an accepted Reply. */
export function keyFromAcceptedReply(state: ForeignAgentState, pending: PendingRegistration, payload: Uint8Array, homeAgent: string, now: number): ForeignAgentReplyKey {
  const home = pending.homeAddress;
  const started = state.keyExchanges[home];
  const { [home]: _done, ...rest } = state.keyExchanges;
  const s: ForeignAgentState = started === undefined ? state : { ...state, keyExchanges: rest };
  const configured = associationWithPeer(state.associations, home, now)?.association ?? null;
  let result: ForeignAgentKeyResult;
  if (started !== undefined) {
    const config = keyConfig(state, homeAgent, now);
    result = foreignAgentKeyFromReply({ config, payload, pending: pending.pendingKey, homeAgentSecrets: config.homeAgentAssociation === null ? [] : [config.homeAgentAssociation] });
  } else if (configured !== null && state.config.advertiser.smoothHandoff) {
    // Method 1: no key was asked for because MN and FA share a configured MSA.
    result = { outcome: { kind: 'key', key: configured.key, spi: configured.spi, method: 1, faAddress: state.config.address }, steps: [taken(`§9.2 FA: configured MSA with ${home} (SPI ${configured.spi}) serves as the key (method 1)`, REF_144)], pending: null };
  } else {
    return { state: s, registrationKey: null, outputs: [] };
  }
  const record = recordForeignAgentKey(started ?? startKeyExchangeRecord(home, state.config.address), result);
  const outputs: NodeOutput[] = [...keyStepTraces(result.steps)];
  const o = result.outcome;
  if (o.kind === 'no-key') {
    outputs.push(...keyStepTraces([taken(`no registration key for ${home}: ${o.reason.detail}`, o.reason.ref)]));
    return { state: s, registrationKey: null, outputs };
  }
  const registrationKey: SecurityAssociation = { spi: o.spi, peer: home, algorithm: defaultAlgorithm(state.config.profile), key: o.key, replay: 'timestamp' }; // single-use: no replay check (Perkins & Johnson §9.1, §9.2)
  outputs.push(keyEstablished(`registration key with ${home}: SPI ${o.spi}, method ${o.method} (${KEY_METHOD_NAMES[o.method]})`, REF_144, record));
  return { state: s, registrationKey, outputs };
}
