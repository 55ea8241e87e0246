// What the three registration-key behaviours (mobile node, foreign agent, home
// agent; Perkins & Johnson §9; regkey-00 §3) have in common: the five methods in the
// preference order of regkey-00 §3, the decision steps the key-exchange panel
// shows, and the outcome of an exchange — a key with its SPI, or "no key" with
// the reason. Failing to get a key never fails the registration (regkey-00 §3,
// §7.1): every refusal here is a "no key", never an error of the Request.

import type { RandomSource } from '../../random';
import { MAX_SPI, MIN_SPI } from '../../crypto/security-association';
import type { Ipv4Address } from '../../wire/address';
import type { MipExtension } from '../../wire/mip/extensions/mip-extension';

/** Perkins & Johnson §9 preference order (regkey-00 §3). */
export type KeyMethod = 1 | 2 | 3 | 4 | 5;

export const KEY_METHOD_NAMES: Readonly<Record<KeyMethod, string>> = {
  1: 'existing MN–FA security association (no key needed)',
  2: 'home agent as key distributor via the FA–HA association (113 → 120 + 125 + 121)',
  3: 'home agent as key distributor via the FA public key (115 → 120 + 125 + 123)',
  4: 'foreign agent chooses the key, encrypted with the MN public key (114 → 122)',
  5: 'Diffie-Hellman between MN and FA (116 → 124)',
};

/** One step of a Perkins & Johnson §9; regkey-00 §3 algorithm, as the key-exchange panel lists it. */
export interface DecisionStep {
  readonly step: string;
  readonly branch: 'taken' | 'skipped';
  readonly ref: string;
}

export const taken = (step: string, ref: string): DecisionStep => ({ step, branch: 'taken', ref });
export const skipped = (step: string, ref: string): DecisionStep => ({ step, branch: 'skipped', ref });

export type NoKeyCode =
  | 'not-requested' // nothing asked (S = 0, or a configured MSA makes a key unnecessary)
  | 'cannot-meet' // asked, but no method is available to the node that must act
  | 'bad-dh-values' // a received Diffie-Hellman value or group is unusable
  | 'bad-public-key' // a received public key is not a usable DER RSA key
  | 'missing-extension' // an extension the method needs is absent from the Reply
  | 'unknown-spi' // an SPI names no security association this node holds
  | 'decryption-failed' // the encrypted key could not be recovered
  | 'not-pending' // a key reply arrived that does not match anything this node asked for
  | 'denied'; // the registration was denied: pending material discarded (Perkins & Johnson §9.1, §9.2)

export interface NoKeyReason {
  readonly code: NoKeyCode;
  /** A sentence a learner understands. */
  readonly detail: string;
  readonly ref: string;
}

/** A registration key shared by the MN and its new FA (Perkins & Johnson §9.1, §9.2). */
export interface RegistrationKey {
  readonly kind: 'key';
  /** 16 octets (OC-12). */
  readonly key: Uint8Array;
  /** SPI of the new MN ↔ FA security association. */
  readonly spi: number;
  readonly method: KeyMethod;
  /** The foreign agent the key is shared with. */
  readonly faAddress: Ipv4Address;
}

export interface NoKey {
  readonly kind: 'no-key';
  readonly reason: NoKeyReason;
}

export type KeyOutcome = RegistrationKey | NoKey;

export const noKey = (code: NoKeyCode, detail: string, ref: string): NoKey => ({ kind: 'no-key', reason: { code, detail, ref } });

/** A security association's SPI and shared secret (a SecurityAssociation fits). */
export interface KeyedSecret {
  readonly spi: number;
  readonly key: Uint8Array;
}

export function secretOfSpi(secrets: readonly KeyedSecret[], spi: number): Uint8Array | null {
  return secrets.find((s) => s.spi === spi)?.key ?? null;
}

/** Registration Reply Codes 0 and 1 accept (RFC 2002 §3.4); only then are keys processed (Perkins & Johnson §9.1, §9.2). */
export const isAcceptingCode = (code: number): boolean => code === 0 || code === 1;

/**
 * A fresh SPI for a new registration key: ≥ 256 (0..255 are reserved, RFC 2002
 * §1.6) and not in `inUse` (OC-16). Our choice: drawn at random from the
 * node's RandomSource rather than counted up, so SPIs chosen by different
 * agents for the same mobile node are unlikely to coincide.
 */
export function allocateSpi(inUse: readonly number[], random: RandomSource): number {
  const used = new Set(inUse);
  for (;;) {
    const spi = MIN_SPI + random.below(MAX_SPI - MIN_SPI + 1);
    if (!used.has(spi)) return spi;
  }
}

/** The extension type with this kind (an intersection, because 120–123 share one repr with a union of kinds). */
export type ExtensionOfKind<K extends MipExtension['kind']> = MipExtension & { readonly kind: K };

export function extensionOfKind<K extends MipExtension['kind']>(extensions: readonly MipExtension[], kind: K): ExtensionOfKind<K> | undefined {
  return extensions.find((e): e is ExtensionOfKind<K> => e.kind === kind);
}
