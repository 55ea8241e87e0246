// Small helpers the MN and FA share when they take a key out of a
// Registration Reply (Perkins & Johnson §9.1, §9.2): the parsed Reply with the
// payload offset of each extension (120/121 are decoded in place, because
// their MD5 pad covers the Reply bytes before the key, OC-13), and the
// Diffie-Hellman group a node kept while its Request was outstanding.

import { bytesToBigInt } from '../../crypto/bigint-math';
import { knownDhGroup, type DhGroup } from '../../crypto/diffie-hellman';
import { extensionOffsets } from '../../wire/mip/extensions/extensions';
import type { MipExtension } from '../../wire/mip/extensions/mip-extension';
import type { ExtensionOfKind } from './key-types';
import { parseMipMessage } from '../../wire/mip/mip-message';
import type { RegistrationReply } from '../../wire/mip/registration-reply';
import { describeWireError } from '../../wire/result';

export interface ReplyView {
  readonly reply: RegistrationReply;
  readonly payload: Uint8Array;
  /** The first extension of this kind and the offset of its Type octet in the payload. */
  find<K extends MipExtension['kind']>(kind: K): { readonly ext: ExtensionOfKind<K>; readonly offset: number } | null;
}

/** The Reply's UDP payload, parsed; a string says why it is not a Registration Reply. */
export function openReply(payload: Uint8Array): ReplyView | string {
  const parsed = parseMipMessage(payload);
  if (!parsed.ok) return describeWireError(parsed.error);
  const reply = parsed.value;
  if (reply.kind !== 'registration-reply') return `message type is ${reply.kind}, not a Registration Reply`;
  const offsets = extensionOffsets(reply);
  return {
    reply,
    payload,
    find<K extends MipExtension['kind']>(kind: K) {
      const i = reply.extensions.findIndex((e) => e.kind === kind);
      return i < 0 ? null : { ext: reply.extensions[i] as ExtensionOfKind<K>, offset: offsets[i]! };
    },
  };
}

/** The group of p and g as kept on the wire (L octets each): a named one (OC-18) or "custom". */
export function dhGroupOf(prime: Uint8Array, generator: Uint8Array): DhGroup {
  const p = bytesToBigInt(prime);
  const g = bytesToBigInt(generator);
  return knownDhGroup(p, g) ?? { name: 'custom', description: `${prime.length * 8}-bit group from the mobile node's 116, g = ${g}`, p, g, length: prime.length };
}
