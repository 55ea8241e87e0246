// The mobile node's half of registration-key establishment
// (Perkins & Johnson §9.1, §9.2, §4.1; optim-06 §9; regkey-00 §6).
//
// Theory of operation. When the MN registers with a new FA it decides, from
// the FA's advertisement and what it already holds, whether the new FA must be
// told about the previous one (PFAN, built elsewhere) and which key request to
// place before its Mobile-Home authenticator (OC-17): none (a configured MSA
// with the new FA), 114 (its public key), 116 with a Diffie-Hellman offer, or
// 116 with Length 0 ("any method but Diffie-Hellman"). It remembers what it
// asked for (and x) until the Reply comes. From an accepted Reply — whose
// Mobile-Home authenticator the caller has already verified — it takes the key
// from 120 (+125), 122 or 124; a denied Reply discards the pending material.

import { bytesToBigInt } from '../../crypto/bigint-math';
import {
  DEFAULT_DH_GROUP, DH_GROUPS, dhPrivateExponent, dhPublicValue, dhRegistrationKey, dhSharedSecret, dhValueBytes,
} from '../../crypto/diffie-hellman';
import { decodeKeyFromReply, REGISTRATION_KEY_LENGTH } from '../../crypto/key-encoding';
import type { RsaPrivateKey } from '../../crypto/rsa-key';
import { rsaOaepDecrypt } from '../../crypto/rsa-oaep';
import { encodeRsaPublicKeyDer } from '../../crypto/rsa-spki';
import type { RandomSource } from '../../random';
import type { Ipv4Address } from '../../wire/address';
import type { MipExtension } from '../../wire/mip/extensions/mip-extension';
import { describeWireError } from '../../wire/result';
import {
  isAcceptingCode, noKey, secretOfSpi, skipped, taken,
  type DecisionStep, type KeyedSecret, type KeyOutcome,
} from './key-types';
import { dhGroupOf, openReply } from './reply-view';

export type DhGroupName = 'modp-768' | 'modp-1024' | 'modp-2048';

export interface MobileNodeKeyConfig {
  /** The MN's RSA key pair (OC-19), or null if it has none. */
  readonly keyPair: RsaPrivateKey | null;
  /** Whether the MN is willing to do Diffie-Hellman (regkey-00 §4.4). */
  readonly diffieHellman: boolean;
  /** Default modp-1024 (OC-18). */
  readonly dhGroup?: DhGroupName;
}

export interface MobileNodeKeySituation {
  /** The new FA's address and the S bit of its advertisement (Perkins & Johnson §4; optim-08 §5.2). */
  readonly newFa: { readonly address: Ipv4Address; readonly smoothHandoff: boolean };
  /** The FA the MN is leaving, and whether the MN holds an MSA (e.g. a registration key) with it. */
  readonly previousFa: { readonly address: Ipv4Address; readonly hasAssociation: boolean } | null;
  /** A configured MSA with the new FA makes a registration key unnecessary (method 1). */
  readonly configuredAssociationWithNewFa: boolean;
}

/** What the MN keeps while its Request is outstanding (Perkins & Johnson §9.1). Plain data. */
export interface MobileNodePendingKey {
  readonly faAddress: Ipv4Address;
  readonly requested: 'nothing' | 'existing-association' | 'mn-public-key' | 'diffie-hellman' | 'any-except-dh';
  readonly diffieHellman: {
    readonly group: string;
    readonly prime: Uint8Array;
    readonly generator: Uint8Array;
    /** x — the MN's private exponent, L octets; never leaves the MN. */
    readonly privateExponent: Uint8Array;
    /** X = g^x mod p, L octets. */
    readonly publicValue: Uint8Array;
  } | null;
}

export interface MobileNodeKeyRequest {
  /** Key-request extensions to place before the Mobile-Home authentication extension (OC-17). */
  readonly extensions: readonly MipExtension[];
  /** A Previous Foreign Agent Notification (96) is needed; building it is the registration flow's job (Perkins & Johnson §4.1; optim-08 §5.1). */
  readonly previousFaNotification: boolean;
  readonly pending: MobileNodePendingKey;
  readonly steps: readonly DecisionStep[];
}

const REF_141 = 'Perkins & Johnson §9.1; optim-06 §9; regkey-00 §6';

/** Perkins & Johnson §9.1; regkey-00 §6: what the MN adds to its Request for the new FA. */
export function mobileNodeKeyRequest(config: MobileNodeKeyConfig, situation: MobileNodeKeySituation, random: RandomSource): MobileNodeKeyRequest {
  const fa = situation.newFa.address;
  const steps: DecisionStep[] = [];
  const pending = (requested: MobileNodePendingKey['requested'], diffieHellman: MobileNodePendingKey['diffieHellman'] = null): MobileNodePendingKey => ({ faAddress: fa, requested, diffieHellman });
  if (!situation.newFa.smoothHandoff) {
    steps.push(skipped(`§9.1 MN: advertisement of ${fa} has S = 0 → no PFAN, no key request`, 'Perkins & Johnson §4; optim-08 §5.2; Perkins & Johnson §9.1; regkey-00 §6'));
    return { extensions: [], previousFaNotification: false, pending: pending('nothing'), steps };
  }
  steps.push(taken(`§9.1 MN: advertisement of ${fa} has S = 1 → smooth handoff and registration keys apply`, 'Perkins & Johnson §4; optim-08 §5.2; Perkins & Johnson §9.1; regkey-00 §6'));
  const prev = situation.previousFa;
  const pfan = prev !== null && prev.hasAssociation && prev.address !== fa;
  steps.push((pfan ? taken : skipped)(
    prev === null ? '§9.1 MN: no previous FA → no PFAN'
      : prev.address === fa ? `§9.1 MN: previous FA ${prev.address} is the same FA → no PFAN`
        : `§9.1 MN: MSA with previous FA ${prev.address} ${prev.hasAssociation ? 'held → PFAN (96) needed' : 'not held → no PFAN'}`,
    'Perkins & Johnson §4.1; optim-08 §5.1; Perkins & Johnson §9.1; regkey-00 §6'));
  const base = { previousFaNotification: pfan };
  const msa = situation.configuredAssociationWithNewFa;
  steps.push((msa ? taken : skipped)('§9.1 MN: configured MSA with the new FA → request nothing (method 1)', REF_141));
  if (msa) return { ...base, extensions: [], pending: pending('existing-association'), steps };
  const pair = config.keyPair;
  steps.push((pair !== null ? taken : skipped)('§9.1 MN: has a public/private key pair → append MN Public Key (114)', `${REF_141}; lab choice, regkey-00 §5.3`));
  if (pair !== null) {
    return { ...base, extensions: [{ kind: 'mn-public-key', publicKey: encodeRsaPublicKeyDer({ n: pair.n, e: pair.e }) }], pending: pending('mn-public-key'), steps };
  }
  const group = DH_GROUPS.find((g) => g.name === config.dhGroup) ?? DEFAULT_DH_GROUP; // OC-18
  steps.push((config.diffieHellman ? taken : skipped)(`§9.1 MN: willing to do Diffie-Hellman → append 116 with p, g, g^x (${group.name})`, `${REF_141}; regkey-00 §4.4; lab choice`));
  if (config.diffieHellman) {
    const x = dhPrivateExponent(group, random);
    const X = dhPublicValue(group, x);
    const dh = { group: group.name, prime: dhValueBytes(group, group.p), generator: dhValueBytes(group, group.g), privateExponent: dhValueBytes(group, x), publicValue: dhValueBytes(group, X) };
    return {
      ...base,
      extensions: [{ kind: 'registration-key-request', diffieHellman: { prime: dh.prime, generator: dh.generator, computedValue: dh.publicValue } }],
      pending: pending('diffie-hellman', dh),
      steps,
    };
  }
  steps.push(taken('§9.1 MN: otherwise → append 116 with Length 0 ("any method except Diffie-Hellman")', `${REF_141}; regkey-00 §4.4`));
  return { ...base, extensions: [{ kind: 'registration-key-request', diffieHellman: null }], pending: pending('any-except-dh'), steps };
}

export interface MobileNodeReplyInput {
  /** The Reply's UDP payload; its Mobile-Home authenticator already verified (precondition, Perkins & Johnson §9.1, §9.2). */
  readonly payload: Uint8Array;
  readonly pending: MobileNodePendingKey | null;
  /** The MN's MSAs with its HA: 120's SPI names the one whose secret encodes the key. */
  readonly homeAgentSecrets: readonly KeyedSecret[];
  readonly keyPair: RsaPrivateKey | null;
}

export interface MobileNodeKeyResult {
  readonly outcome: KeyOutcome;
  readonly steps: readonly DecisionStep[];
  /** Always null: the pending material is used or discarded (Perkins & Johnson §9.1, §9.2). */
  readonly pending: null;
}

const REF_144 = 'Perkins & Johnson §9.1, §9.2';

/** Perkins & Johnson §9.1, §9.2 (MN): the key the accepted Reply delivers, if any. */
export function mobileNodeKeyFromReply(input: MobileNodeReplyInput): MobileNodeKeyResult {
  const steps: DecisionStep[] = [];
  const done = (outcome: KeyOutcome): MobileNodeKeyResult => ({ outcome, steps, pending: null });
  const view = openReply(input.payload);
  if (typeof view === 'string') return done(noKey('missing-extension', `the Reply could not be read: ${view}`, REF_144));
  const fa = input.pending?.faAddress ?? '0.0.0.0';
  if (!isAcceptingCode(view.reply.code)) {
    steps.push(taken(`§9.1 MN: registration denied (Code ${view.reply.code}) → discard pending key material`, REF_144));
    return done(noKey('denied', `registration denied (Code ${view.reply.code}): any pending key material is discarded`, REF_144));
  }
  const r120 = view.find('home-mobile-key-reply');
  steps.push((r120 ? taken : skipped)('§9.1 MN: 120 present → decode with the HA–MN secret named by its SPI (regkey-00 §3.1), SPI from 125', `${REF_144}; regkey-00 §5.1`));
  if (r120) {
    const spi125 = view.find('spi');
    if (!spi125) return done(noKey('missing-extension', '120 arrived without the SPI extension 125 that names the new key (lab choice, regkey-00 §5.6)', `${REF_144}; lab choice, regkey-00 §5.6`));
    const secret = secretOfSpi(input.homeAgentSecrets, r120.ext.spi);
    if (secret === null) return done(noKey('unknown-spi', `120 names SPI ${r120.ext.spi}, but the MN holds no MSA with its HA under that SPI`, `${REF_144}; regkey-00 §5.1`));
    const key = decodeKeyFromReply(view.payload, r120.offset, secret);
    if (!key.ok) return done(noKey('decryption-failed', describeWireError(key.error), `${REF_144}; regkey-00 §3.1`));
    return done({ kind: 'key', key: key.value, spi: spi125.ext.spi, method: view.find('fa-public-key-reply') ? 3 : 2, faAddress: fa });
  }
  const r122 = view.find('mn-public-key-reply');
  steps.push((r122 ? taken : skipped)('§9.1 MN: 122 present → RSA-decrypt with the MN private key, SPI from 122', `${REF_144}; regkey-00 §5.3; lab choice`));
  if (r122) {
    if (input.keyPair === null || input.pending?.requested !== 'mn-public-key') {
      return done(noKey('not-pending', '122 arrived, but this MN did not send its public key (114)', `${REF_144}; regkey-00 §5.3`));
    }
    const key = rsaOaepDecrypt(input.keyPair, r122.ext.encryptedKey);
    if (!key.ok) return done(noKey('decryption-failed', describeWireError(key.error), `${REF_144}; lab choice, regkey-00 §5.3`));
    if (key.value.length !== REGISTRATION_KEY_LENGTH) return done(noKey('decryption-failed', `the decrypted key has ${key.value.length} octets; registration keys have 16 (lab choice, regkey-00 §3)`, 'lab choice, regkey-00 §3'));
    return done({ kind: 'key', key: key.value, spi: r122.ext.spi, method: 4, faAddress: fa });
  }
  const r124 = view.find('dh-key-reply');
  steps.push((r124 ? taken : skipped)('§9.1 MN: 124 present → key = MD5((Y)^x mod p), SPI from 124', `${REF_144}; Perkins & Johnson §6–§8; regkey-00 §3.3; lab choice`));
  if (r124) {
    const dh = input.pending?.diffieHellman ?? null;
    if (dh === null) return done(noKey('not-pending', '124 arrived, but this MN made no Diffie-Hellman offer (116 with values)', `${REF_144}; regkey-00 §5.5`));
    const group = dhGroupOf(dh.prime, dh.generator);
    if (r124.ext.computedValue.length !== group.length) {
      return done(noKey('bad-dh-values', `g^y mod p has ${r124.ext.computedValue.length} octets; the group's values have L = ${group.length}`, 'regkey-00 §5 (124)'));
    }
    const z = dhSharedSecret(group, bytesToBigInt(dh.privateExponent), bytesToBigInt(r124.ext.computedValue));
    if (!z.ok) return done(noKey('bad-dh-values', `the FA's g^y mod p: ${z.error.reason}`, 'Perkins & Johnson §6–§8; regkey-00 §3.3'));
    return done({ kind: 'key', key: dhRegistrationKey(group, z.value), spi: r124.ext.spi, method: 5, faAddress: fa });
  }
  steps.push(taken('§9.1 MN: no key extension → no key (a later smooth handoff from this FA needs a configured MSA)', REF_144));
  if (input.pending?.requested === 'existing-association') return done(noKey('not-requested', 'no key was requested: the MN has a configured MSA with this FA (method 1)', REF_141));
  if (input.pending === null || input.pending.requested === 'nothing') return done(noKey('not-requested', 'no key was requested (the FA did not advertise S)', REF_141));
  return done(noKey('cannot-meet', 'the Reply carries no key: neither the FA nor the HA could meet the request; the registration stands without a key', `${REF_144}; regkey-00 §3, §7.1`));
}

