// Turning a Mobile IP message repr into the bytes a node sends: emit it, then,
// extension by extension in wire order, encrypt the registration keys of
// 120/121 (regkey-00 §3.1) and compute each authenticator
// (RFC 2002 §3.5; Perkins & Johnson §3.5; optim-08 §4.5). Order matters and is the wire order:
// a later authenticator covers the encrypted key bytes and every earlier
// authenticator (RFC 2002 §3.5.1), and a key's `regrep` covers everything
// before it (OC-13).

import { describeWireError } from '../wire/result';
import { extensionOffsets } from '../wire/mip/extensions/extensions';
import type { AuthenticationKind } from '../wire/mip/extensions/authentication';
import { emitMipMessage, mipMessageLength, type MipMessage } from '../wire/mip/mip-message';
import type { MipProfile } from '../wire/mip/profile';
import { signExtensionInPlace, type AuthAlgorithm } from './authenticator';
import { encodeKeyInPlace } from './key-encoding';

export interface AuthSecret {
  readonly key: Uint8Array;
  /** Default: the profile's (keyed-MD5 in ro98, HMAC-MD5 in rfc3344; OC-01). */
  readonly algorithm?: AuthAlgorithm;
}

export interface SealSecrets {
  /** The key of the security association named by each authentication extension present. */
  readonly auth?: Partial<Record<AuthenticationKind, AuthSecret>>;
  /** For 120 / 121: the MSA secret that encodes the key, and the 16-octet registration key itself. */
  readonly keyDelivery?: Partial<Record<'home-mobile-key-reply' | 'fa-key-reply', { readonly secret: Uint8Array; readonly key: Uint8Array }>>;
}

/** Thrown only for programming errors (a secret missing for an extension present); bad input bytes never reach here. */
export class SealError extends Error {
  override readonly name = 'SealError';
}

export function sealMessage(message: MipMessage, secrets: SealSecrets, profile: MipProfile = 'ro98'): Uint8Array {
  const payload = new Uint8Array(mipMessageLength(message));
  emitMipMessage(message, payload, 0);
  if (message.kind === 'unknown' || message.kind === 'binding-warning') return payload; // no extensions (BW is unauthenticated, optim-08 §3.1)
  const offsets = extensionOffsets(message);
  message.extensions.forEach((ext, i) => {
    const at = offsets[i]!;
    if (ext.kind === 'home-mobile-key-reply' || ext.kind === 'fa-key-reply') {
      const d = secrets.keyDelivery?.[ext.kind];
      if (d === undefined) throw new SealError(`no secret given to encode the key of extension ${ext.kind}`);
      const r = encodeKeyInPlace(payload, at, d.secret, d.key);
      if (!r.ok) throw new SealError(describeWireError(r.error));
    } else if (ext.kind === 'mobile-home-auth' || ext.kind === 'mobile-foreign-auth' || ext.kind === 'foreign-home-auth' || ext.kind === 'ro-auth') {
      const s = secrets.auth?.[ext.kind];
      if (s === undefined) throw new SealError(`no key given for the ${ext.kind} extension`);
      const r = signExtensionInPlace(payload, at, s.key, profile, s.algorithm);
      if (!r.ok) throw new SealError(describeWireError(r.error));
    }
  });
  return payload;
}
