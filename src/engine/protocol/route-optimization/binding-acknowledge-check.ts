// Checking the authentication of a Binding Acknowledge (Perkins & Johnson
// §3.5: the Route Optimization Authentication extension authenticates
// Binding Updates and Binding Acknowledgements; OC-36, revised).
//
// A receiver that shares a security association with the BA's sender — the
// mobile node with its previous foreign agent (the key that authenticated its
// Binding Update), a home agent with its correspondent — accepts a BA only if
// its last extension is a type-35 extension with that association's SPI
// whose authenticator verifies. Otherwise anyone on the path could end the
// mobile node's retransmissions, or put a correspondent on the home agent's
// list, with a BA it made up. A receiver without such an association has
// nothing to check with and takes the BA as it is.

import { describeVerification, verifyExtension } from '../../crypto/authenticator';
import type { SecurityAssociation } from '../../crypto/security-association';
import type { BindingAcknowledge } from '../../wire/mip/binding-acknowledge';
import { extensionOffsets } from '../../wire/mip/extensions/extensions';
import type { MipProfile } from '../../wire/mip/profile';
import { describeWireError } from '../../wire/result';

export const BA_AUTHENTICATION_REF = 'Perkins & Johnson §3.5; optim-08 §4.4, §4.5';

export type AcknowledgeAuthentication =
  | { readonly ok: true; readonly explanation: string }
  | { readonly ok: false; readonly reason: string };

/** Does the BA carry a valid type-35 extension made with `sa`? (`payload` is the UDP payload, octet 0 = Type 19.) */
export function checkAcknowledgeAuthentication(payload: Uint8Array, ba: BindingAcknowledge, sa: SecurityAssociation, sender: string, profile: MipProfile): AcknowledgeAuthentication {
  const last = ba.extensions.length - 1;
  const ext = ba.extensions[last];
  const shared = `this node shares a key with ${sender} (SPI ${sa.spi}), so a genuine Binding Acknowledge from it carries a Route Optimization Authentication extension`;
  if (ext === undefined || ext.kind !== 'ro-auth') return { ok: false, reason: `not authenticated: ${shared}, and this one has none` };
  if (ext.spi !== sa.spi) return { ok: false, reason: `not authenticated: ${shared}, and this one names SPI ${ext.spi}` };
  const v = verifyExtension(payload, extensionOffsets(ba)[last]!, sa.key, profile, sa.algorithm);
  if (!v.ok) return { ok: false, reason: `not authenticated: ${describeWireError(v.error)}` };
  const text = describeVerification(v.value);
  return v.value.verified ? { ok: true, explanation: text } : { ok: false, reason: `not authenticated: ${text}` };
}
