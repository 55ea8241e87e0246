// The foreign agent's half of registration-key establishment
// (Perkins & Johnson §9.2, §9.1; optim-06 §11.4; regkey-00 §8.1).
//
// Theory of operation. On a Request carrying 114 or 116 the FA walks the
// preference order: an MSA with the HA → ask the HA to distribute a key (113);
// its own public key → let the HA encrypt one for it (115); the MN's public key
// → choose K and encrypt it for the MN (122), keeping K; a Diffie-Hellman offer
// → pick y and answer g^y mod p (124), keeping y; otherwise nothing. Whatever it
// appends goes after the Mobile-Home authenticator (OC-17). Values it cannot
// use (a bad DH group or value, a bad DER key) are refused with a reason a
// learner can read, and the registration goes on without a key (regkey-00 §3,
// §7.1). From an accepted Reply (Code 0/1, Foreign-Home authenticator already
// verified by the caller where 121 is present) it takes the key per the Perkins & Johnson §9.1, §9.2
// table; a denial discards the pending material.

import { bytesToBigInt } from '../../crypto/bigint-math';
import { DH_GROUPS, dhGroupFromWire, dhPrivateExponent, dhPublicValue, dhRegistrationKey, dhSharedSecret, dhValueBytes } from '../../crypto/diffie-hellman';
import { decodeKeyFromReply, REGISTRATION_KEY_LENGTH } from '../../crypto/key-encoding';
import { publicKeyOf, type RsaPrivateKey } from '../../crypto/rsa-key';
import { rsaOaepDecrypt, rsaOaepEncrypt } from '../../crypto/rsa-oaep';
import { encodeRsaPublicKeyDer, parseRsaPublicKeyDer } from '../../crypto/rsa-spki';
import type { RandomSource } from '../../random';
import type { Ipv4Address } from '../../wire/address';
import type { MipExtension } from '../../wire/mip/extensions/mip-extension';
import type { RegistrationRequest } from '../../wire/mip/registration-request';
import { describeWireError } from '../../wire/result';
import {
  allocateSpi, extensionOfKind, isAcceptingCode, noKey, secretOfSpi, skipped, taken,
  type DecisionStep, type KeyedSecret, type KeyOutcome, type NoKey,
} from './key-types';
import { dhGroupOf, openReply } from './reply-view';

export interface ForeignAgentKeyConfig {
  readonly address: Ipv4Address;
  /** The FA's MSA with the Request's home agent, if any (method 2). */
  readonly homeAgentAssociation: KeyedSecret | null;
  /** The FA's RSA key pair (OC-19), if any (method 3). */
  readonly keyPair: RsaPrivateKey | null;
}

/**
 * The FA's half of an exchange while the Request is outstanding (Perkins & Johnson §9.2). The
 * same shape as the visitor list's PendingKeyMaterial, plus p and g so a group
 * the lab has no name for ("custom") can still be used when the Reply comes.
 */
export type ForeignAgentPendingKey =
  | {
    readonly method: 'diffie-hellman';
    readonly spi: number;
    readonly group: string;
    /** y, L octets; never leaves the FA. */
    readonly privateExponent: Uint8Array;
    /** X = g^x mod p from the MN's 116. */
    readonly mobileNodePublic: Uint8Array;
    readonly prime?: Uint8Array;
    readonly generator?: Uint8Array;
  }
  | { readonly method: 'chosen-key'; readonly spi: number; readonly key: Uint8Array };

export interface ForeignAgentKeyRequest {
  /** To append after the Mobile-Home authentication extension, before any Foreign-Home one (OC-17). */
  readonly extensions: readonly MipExtension[];
  readonly pending: ForeignAgentPendingKey | null;
  /** Set when a key was asked for but this FA will not obtain one (the registration still proceeds). */
  readonly refusal: NoKey | null;
  readonly steps: readonly DecisionStep[];
}

const REF_142 = 'Perkins & Johnson §9.2; optim-06 §11.4; regkey-00 §8.1';

/** Perkins & Johnson §9.2; regkey-00 §8.1: what the FA appends to a relayed Request that asks for a key. `spisInUse`: SPIs of the FA's MSAs with this MN. */
export function foreignAgentKeyRequest(config: ForeignAgentKeyConfig, request: RegistrationRequest, spisInUse: readonly number[], random: RandomSource): ForeignAgentKeyRequest {
  const steps: DecisionStep[] = [];
  const mnKey = extensionOfKind(request.extensions, 'mn-public-key');
  const keyRequest = extensionOfKind(request.extensions, 'registration-key-request');
  const out = (extensions: readonly MipExtension[], pending: ForeignAgentPendingKey | null, refusal: NoKey | null = null): ForeignAgentKeyRequest => ({ extensions, pending, refusal, steps });
  const asked = mnKey !== undefined || keyRequest !== undefined;
  steps.push((asked ? taken : skipped)('§9.2 FA: Request carries 114 or 116 → the MN asks for a registration key', REF_142));
  if (!asked) return out([], null);

  const ha = config.homeAgentAssociation;
  steps.push((ha !== null ? taken : skipped)(`§9.2 FA: shares an MSA with the HA → append FA Key Request (113)${ha !== null ? `, SPI ${ha.spi}` : ''}`, `${REF_142}; regkey-00 §4.1`));
  if (ha !== null) return out([{ kind: 'fa-key-request', spi: ha.spi }], null);

  const own = config.keyPair;
  steps.push((own !== null ? taken : skipped)('§9.2 FA: has a public key → append FA Public Key (115) with a new SPI', `${REF_142}; regkey-00 §4.3; lab choice`));
  if (own !== null) {
    return out([{ kind: 'fa-public-key', spi: allocateSpi(spisInUse, random), publicKey: encodeRsaPublicKeyDer(publicKeyOf(own)) }], null);
  }

  steps.push((mnKey !== undefined ? taken : skipped)('§9.2 FA: 114 present → K = 16 random octets, append 122 = RSA-OAEP(MN key, K) with a new SPI, keep K', `${REF_142}; regkey-00 §5.3; lab choice`));
  if (mnKey !== undefined) {
    const parsed = parseRsaPublicKeyDer(mnKey.publicKey);
    if (!parsed.ok) {
      steps.push(taken('§9.2 FA: the MN public key is not a usable DER RSA key → refuse, no key', 'lab choice, regkey-00 §5.3'));
      return out([], null, noKey('bad-public-key', `the MN public key in 114 was refused: ${describeWireError(parsed.error)}`, `${REF_142}; lab choice, regkey-00 §5.3`));
    }
    const key = random.bytes(REGISTRATION_KEY_LENGTH); // OC-12
    const spi = allocateSpi(spisInUse, random);
    return out([{ kind: 'mn-public-key-reply', spi, encryptedKey: rsaOaepEncrypt(parsed.value, key, random) }], { method: 'chosen-key', spi, key });
  }

  const offer = keyRequest?.diffieHellman ?? null;
  steps.push((offer !== null ? taken : skipped)('§9.2 FA: 116 with Length > 0 → y random, append 124 (g^y mod p) with a new SPI, keep y', `${REF_142}; regkey-00 §5.5; Perkins & Johnson §6–§8; regkey-00 §3.3`));
  if (offer !== null) {
    const fromWire = dhGroupFromWire(offer.prime, offer.generator, offer.computedValue);
    if (!fromWire.ok) {
      steps.push(taken('§9.2 FA: the Diffie-Hellman values in 116 are unusable → refuse, no key', 'Perkins & Johnson §6–§8; regkey-00 §3.3'));
      return out([], null, noKey('bad-dh-values', `116 refused: ${fromWire.error.field}: ${fromWire.error.reason}`, 'regkey-00 §4 (116), Perkins & Johnson §6–§8; regkey-00 §3.3'));
    }
    const { group } = fromWire.value;
    const y = dhPrivateExponent(group, random);
    const spi = allocateSpi(spisInUse, random);
    const pending: ForeignAgentPendingKey = {
      method: 'diffie-hellman', spi, group: group.name, privateExponent: dhValueBytes(group, y),
      mobileNodePublic: offer.computedValue.slice(), prime: offer.prime.slice(), generator: offer.generator.slice(),
    };
    return out([{ kind: 'dh-key-reply', spi, computedValue: dhValueBytes(group, dhPublicValue(group, y)) }], pending);
  }
  steps.push(taken('§9.2 FA: otherwise → nothing (116 Length 0 rules out Diffie-Hellman, and no other method is available)', REF_142));
  return out([], null, noKey('cannot-meet', 'the FA has no MSA with the HA and no public key, and the MN sent neither its public key nor a Diffie-Hellman offer', `${REF_142}; regkey-00 §3`));
}

export interface ForeignAgentReplyInput {
  readonly config: ForeignAgentKeyConfig;
  /** The Reply's UDP payload (its Foreign-Home authenticator verified when 121 is present). */
  readonly payload: Uint8Array;
  readonly pending: ForeignAgentPendingKey | null;
  /** The FA's MSAs with the HA: 121's SPI names the one whose secret encodes the key. */
  readonly homeAgentSecrets: readonly KeyedSecret[];
}

export interface ForeignAgentKeyResult {
  readonly outcome: KeyOutcome;
  readonly steps: readonly DecisionStep[];
  /** Always null: the pending material is used or discarded (Perkins & Johnson §9.1, §9.2). */
  readonly pending: null;
}

const REF_144 = 'Perkins & Johnson §9.1, §9.2';

/** Perkins & Johnson §9.1, §9.2 (FA, before relaying): the key for the visitor entry. */
export function foreignAgentKeyFromReply(input: ForeignAgentReplyInput): ForeignAgentKeyResult {
  const steps: DecisionStep[] = [];
  const done = (outcome: KeyOutcome): ForeignAgentKeyResult => ({ outcome, steps, pending: null });
  const fa = input.config.address;
  const view = openReply(input.payload);
  if (typeof view === 'string') return done(noKey('missing-extension', `the Reply could not be read: ${view}`, REF_144));
  if (!isAcceptingCode(view.reply.code)) {
    steps.push(taken(`§9.2 FA: registration denied (Code ${view.reply.code}) → discard pending key material`, REF_144));
    return done(noKey('denied', `registration denied (Code ${view.reply.code}): any pending key material is discarded`, REF_144));
  }
  const r121 = view.find('fa-key-reply');
  steps.push((r121 ? taken : skipped)('§9.2 FA: 121 present → decode with the HA–FA secret (regkey-00 §3.1), SPI from 125', `${REF_144}; regkey-00 §5.2`));
  if (r121) {
    const spi125 = view.find('spi');
    if (!spi125) return done(noKey('missing-extension', '121 arrived without the SPI extension 125 that names the new key (lab choice, regkey-00 §5.6)', `${REF_144}; lab choice, regkey-00 §5.6`));
    const secret = secretOfSpi(input.homeAgentSecrets, r121.ext.spi);
    if (secret === null) return done(noKey('unknown-spi', `121 names SPI ${r121.ext.spi}, but the FA holds no MSA with the HA under that SPI`, `${REF_144}; regkey-00 §5.2`));
    const key = decodeKeyFromReply(view.payload, r121.offset, secret);
    if (!key.ok) return done(noKey('decryption-failed', describeWireError(key.error), `${REF_144}; regkey-00 §3.1`));
    return done({ kind: 'key', key: key.value, spi: spi125.ext.spi, method: 2, faAddress: fa });
  }
  const r123 = view.find('fa-public-key-reply');
  steps.push((r123 ? taken : skipped)('§9.2 FA: 123 present → RSA-decrypt with the FA private key, SPI from 123', `${REF_144}; regkey-00 §5.4; lab choice`));
  if (r123) {
    if (input.config.keyPair === null) return done(noKey('not-pending', '123 arrived, but this FA has no key pair to decrypt it', `${REF_144}; regkey-00 §5.4`));
    const key = rsaOaepDecrypt(input.config.keyPair, r123.ext.encryptedKey);
    if (!key.ok) return done(noKey('decryption-failed', describeWireError(key.error), `${REF_144}; lab choice, regkey-00 §5.3`));
    if (key.value.length !== REGISTRATION_KEY_LENGTH) return done(noKey('decryption-failed', `the decrypted key has ${key.value.length} octets; registration keys have 16 (lab choice, regkey-00 §3)`, 'lab choice, regkey-00 §3'));
    return done({ kind: 'key', key: key.value, spi: r123.ext.spi, method: 3, faAddress: fa });
  }
  const pending = input.pending;
  const r122 = view.find('mn-public-key-reply');
  steps.push((r122 ? taken : skipped)('§9.2 FA: its own 122 present → the key is the K it chose, SPI from 122', `${REF_144}; regkey-00 §5.3`));
  if (r122) {
    if (pending?.method !== 'chosen-key' || pending.spi !== r122.ext.spi) return done(noKey('not-pending', `122 with SPI ${r122.ext.spi} does not match a key this FA chose`, REF_144));
    return done({ kind: 'key', key: pending.key, spi: pending.spi, method: 4, faAddress: fa });
  }
  const r124 = view.find('dh-key-reply');
  steps.push((r124 ? taken : skipped)('§9.2 FA: its own 124 present → key = MD5((X)^y mod p), X from the MN\'s 116, SPI from 124', `${REF_144}; Perkins & Johnson §6–§8; regkey-00 §3.3; lab choice`));
  if (r124) {
    if (pending?.method !== 'diffie-hellman' || pending.spi !== r124.ext.spi) return done(noKey('not-pending', `124 with SPI ${r124.ext.spi} does not match a Diffie-Hellman exchange this FA started`, REF_144));
    const group = pending.prime !== undefined && pending.generator !== undefined ? dhGroupOf(pending.prime, pending.generator) : DH_GROUPS.find((g) => g.name === pending.group);
    if (group === undefined) return done(noKey('bad-dh-values', `the parameters of group "${pending.group}" were not kept`, REF_144));
    const z = dhSharedSecret(group, bytesToBigInt(pending.privateExponent), bytesToBigInt(pending.mobileNodePublic));
    if (!z.ok) return done(noKey('bad-dh-values', `the MN's g^x mod p: ${z.error.reason}`, 'Perkins & Johnson §6–§8; regkey-00 §3.3'));
    return done({ kind: 'key', key: dhRegistrationKey(group, z.value), spi: pending.spi, method: 5, faAddress: fa });
  }
  steps.push(taken('§9.2 FA: no key extension for the FA → no key in the visitor entry', REF_144));
  return done(pending === null
    ? noKey('cannot-meet', 'the Reply carries no key for this FA (none was asked for, or the HA could not deliver one)', `${REF_144}; regkey-00 §3`)
    : noKey('missing-extension', 'the HA did not copy the FA\'s own key reply (122/124) into the Reply', REF_144));
}
