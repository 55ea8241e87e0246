// The home agent's part in registration-key establishment when it builds an
// accepting Reply (Perkins & Johnson §9.3; regkey-00 §7.1; optim-06 §10.2, §10.4;
// regkey-00 §7.1, §7.2).
//
// Theory of operation. The FA's request decides: 113 → the HA is key
// distributor through its MSA with the FA (K random; 120 for the MN, 125 with a
// new SPI, 121 for the FA); 115 → key distributor through the FA's public key
// (120, 125 = 123's SPI, 123); 122 or 124 (the FA already did the work) → copy
// it unchanged, so it reaches the MN under the Mobile-Home authenticator;
// otherwise nothing — the registration is accepted without a key. The
// extensions come back in the OC-17 order (120, 122/124, 125, 121/123), all to
// precede the Mobile-Home authenticator; 120 and 121 carry placeholder key
// octets that sealMessage fills from `keyDelivery` (regkey-00 §3.1).

import { toHex } from '../../crypto/bytes';
import type { SealSecrets } from '../../crypto/seal';
import { REGISTRATION_KEY_LENGTH } from '../../crypto/key-encoding';
import { rsaOaepEncrypt } from '../../crypto/rsa-oaep';
import { parseRsaPublicKeyDer } from '../../crypto/rsa-spki';
import type { RandomSource } from '../../random';
import type { MipExtension } from '../../wire/mip/extensions/mip-extension';
import type { RegistrationRequest } from '../../wire/mip/registration-request';
import { describeWireError } from '../../wire/result';
import {
  allocateSpi, extensionOfKind, noKey, secretOfSpi, skipped, taken,
  type DecisionStep, type KeyedSecret, type NoKey,
} from './key-types';

export interface HomeAgentKeyConfig {
  /** The HA ↔ MN MSA whose secret encodes 120 (its SPI goes in 120). */
  readonly mobileNodeAssociation: KeyedSecret;
  /** The HA's MSAs with the FA that relayed the Request; 113's SPI must name one. */
  readonly foreignAgentSecrets: readonly KeyedSecret[];
  /** SPIs of the mobile node's existing MSAs, which the new key's SPI must avoid (OC-16). */
  readonly spisInUse: readonly number[];
  /**
   * The relaying FA's public key (DER) as the administrator configured it at
   * the HA (Perkins & Johnson §9.3 step 3: the HA knows the FA's public key);
   * null or absent: the HA knows only what a 115 extension tells it.
   */
  readonly knownForeignAgentKey?: Uint8Array | null;
}

export type KeyDelivery = NonNullable<SealSecrets['keyDelivery']>;

export interface HomeAgentKeyReply {
  /** In OC-17 order; all precede the Mobile-Home authentication extension of the Reply. */
  readonly extensions: readonly MipExtension[];
  /** What sealMessage needs to encode 120 / 121 (pass as `secrets.keyDelivery`). */
  readonly keyDelivery: KeyDelivery;
  /** 121 was added: the Reply must carry a Foreign-Home authentication extension (Perkins & Johnson §9.3; regkey-00 §7.1). */
  readonly foreignHomeAuthRequired: boolean;
  /** The key the HA chose (methods 2 and 3), for the key-exchange record; null otherwise. */
  readonly chosenKey: Uint8Array | null;
  /** Set when a key was asked for but the HA cannot deliver one (the registration is still accepted). */
  readonly refusal: NoKey | null;
  readonly steps: readonly DecisionStep[];
}

const REF_143 = 'Perkins & Johnson §9.3; regkey-00 §7.1, §7.2';
const PLACEHOLDER = (): Uint8Array => new Uint8Array(REGISTRATION_KEY_LENGTH); // filled by sealMessage

/** Perkins & Johnson §9.3; regkey-00 §7.1: the key extensions of an accepting Reply to `request`. */
export function homeAgentKeyReply(config: HomeAgentKeyConfig, request: RegistrationRequest, random: RandomSource): HomeAgentKeyReply {
  const steps: DecisionStep[] = [];
  const ext = request.extensions;
  const mn = config.mobileNodeAssociation;
  const none = (refusal: NoKey | null = null): HomeAgentKeyReply => ({ extensions: [], keyDelivery: {}, foreignHomeAuthRequired: false, chosenKey: null, refusal, steps });
  const homeMobile = (): MipExtension => ({ kind: 'home-mobile-key-reply', spi: mn.spi, encryptedKey: PLACEHOLDER() });

  const r113 = extensionOfKind(ext, 'fa-key-request');
  steps.push((r113 ? taken : skipped)('§9.3 HA: 113 present → key distributor via the HA–FA MSA: K random, add 120, 125 (new SPI), 121', `${REF_143}; regkey-00 §4.1, §5.1, §5.2, §5.6`));
  if (r113) {
    const faSecret = secretOfSpi(config.foreignAgentSecrets, r113.spi);
    if (faSecret === null) {
      steps.push(taken(`§9.3 HA: no MSA with the FA under SPI ${r113.spi} → no key, registration still accepted`, REF_143));
      return none(noKey('unknown-spi', `113 names SPI ${r113.spi}, but the HA shares no MSA with the FA under that SPI`, `${REF_143}; regkey-00 §3`));
    }
    const key = random.bytes(REGISTRATION_KEY_LENGTH); // OC-12; RFC 1750 practice: the node's RandomSource
    const spiNew = allocateSpi(config.spisInUse, random); // OC-16
    return {
      extensions: [homeMobile(), { kind: 'spi', spi: spiNew }, { kind: 'fa-key-reply', spi: r113.spi, encryptedKey: PLACEHOLDER() }], // OC-17
      keyDelivery: { 'home-mobile-key-reply': { secret: mn.key, key }, 'fa-key-reply': { secret: faSecret, key } },
      foreignHomeAuthRequired: true, // Perkins & Johnson §9.3; regkey-00 §7.1: mandatory when 121 was added (OC-14)
      chosenKey: key,
      refusal: null,
      steps,
    };
  }

  const r115 = extensionOfKind(ext, 'fa-public-key');
  const r122 = extensionOfKind(ext, 'mn-public-key-reply');
  const r124 = extensionOfKind(ext, 'dh-key-reply');
  const asked = extensionOfKind(ext, 'mn-public-key') ?? extensionOfKind(ext, 'registration-key-request');
  /** Method 3: K random, 120 for the MN, 125 and 123 = RSA-OAEP(FA key, K) under `spi` (OC-16, OC-17, OC-19). */
  const viaFaPublicKey = (der: Uint8Array, spi: number, whose: string): HomeAgentKeyReply => {
    const faKey = parseRsaPublicKeyDer(der);
    if (!faKey.ok) {
      steps.push(taken('§9.3 HA: the FA public key is not a usable DER RSA key → no key, registration still accepted', 'lab choice, regkey-00 §5.3'));
      return none(noKey('bad-public-key', `${whose} was refused: ${describeWireError(faKey.error)}`, `${REF_143}; lab choice, regkey-00 §5.3`));
    }
    const key = random.bytes(REGISTRATION_KEY_LENGTH);
    return {
      extensions: [homeMobile(), { kind: 'spi', spi }, { kind: 'fa-public-key-reply', spi, encryptedKey: rsaOaepEncrypt(faKey.value, key, random) }], // OC-16, OC-17
      keyDelivery: { 'home-mobile-key-reply': { secret: mn.key, key } },
      foreignHomeAuthRequired: false,
      chosenKey: key,
      refusal: null,
      steps,
    };
  };

  // Perkins & Johnson §9.3 step 3: a key the administrator configured is trusted over one a
  // Request merely carries (115 is not authenticated to the HA), and serves even without 115 —
  // unless the FA already did the work itself (122/124 present, copied below).
  const known = config.knownForeignAgentKey ?? null;
  const useKnown = known !== null && (r115 !== undefined || (asked !== undefined && r122 === undefined && r124 === undefined));
  // A step of its own only where a key is configured: a home agent that knows none walks the regkey-00 order unchanged.
  if (known !== null) steps.push((useKnown ? taken : skipped)('§9.3 HA: the FA\'s public key is configured here → key distributor via that key: K random, add 120, 125, 123', `${REF_143}; regkey-00 §5.4; Perkins & Johnson §9.3 step 3`));
  if (useKnown) {
    if (r115 !== undefined && toHex(r115.publicKey) !== toHex(known)) {
      steps.push(taken('§9.3 HA: the FA Public Key in the Request is not the one configured for this FA → the configured key is used, so only that FA can read the registration key', `${REF_143}; Perkins & Johnson §9.3 step 3`));
    }
    return viaFaPublicKey(known, r115?.spi ?? allocateSpi(config.spisInUse, random), 'the FA public key configured at the home agent');
  }

  steps.push((r115 ? taken : skipped)('§9.3 HA: 115 present → key distributor via the FA public key: K random, add 120, 125 (SPI from 115), 123', `${REF_143}; regkey-00 §4.3, §5.4; lab choice`));
  if (r115) return viaFaPublicKey(r115.publicKey, r115.spi, 'the FA public key in 115');

  steps.push((r122 ? taken : skipped)('§9.3 HA: 122 in the Request → add the same 122, unchanged', `${REF_143}; lab choice, regkey-00 §7.1`));
  if (r122) return { ...none(), extensions: [r122] };
  steps.push((r124 ? taken : skipped)('§9.3 HA: 124 in the Request → add the same 124, unchanged', `${REF_143}; lab choice, regkey-00 §7.1`));
  if (r124) return { ...none(), extensions: [r124] };

  steps.push(taken('§9.3 HA: otherwise → no key extensions', REF_143));
  return none(asked === undefined ? null : noKey('cannot-meet', 'the MN asked for a key but the FA added no key request or key reply; the registration is accepted without a key', `${REF_143}; regkey-00 §3, §7.1`));
}
