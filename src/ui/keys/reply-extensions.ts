// The key extensions of the home agent's Registration Reply, read from the
// packet itself: the encrypted keys (120 for the MN, 121/123 for the FA), the
// SPI extension (125) and the copied 122/124 (Perkins & Johnson §9.3; regkey-00 §7.1;
// regkey-00 §5). Neither the mobile node's nor the foreign agent's record
// lists them, and they are the part of the exchange a learner most wants to
// see cross the wire.

import { toHex } from '../../engine/crypto/bytes';
import { classifyPacket } from '../../engine/wire/classify';
import { extensionTypeOf, type MipExtension } from '../../engine/wire/mip/extensions/mip-extension';
import { parseMipMessage } from '../../engine/wire/mip/mip-message';
import type { ExchangedKeyExtension } from '../../engine/protocol/keys';

function describe(ext: MipExtension): ExchangedKeyExtension | null {
  switch (ext.kind) {
    case 'spi': return { type: extensionTypeOf(ext), spi: ext.spi, value: null };
    case 'dh-key-reply': return { type: extensionTypeOf(ext), spi: ext.spi, value: toHex(ext.computedValue) };
    case 'home-mobile-key-reply': case 'fa-key-reply': case 'mn-public-key-reply': case 'fa-public-key-reply':
      return { type: extensionTypeOf(ext), spi: ext.spi, value: toHex(ext.encryptedKey) };
    default: return null;
  }
}

/** The key extensions of a Registration Reply datagram, in wire order; empty if it is not one. */
export function replyKeyExtensions(datagram: Uint8Array): ExchangedKeyExtension[] {
  const payload = classifyPacket(datagram)?.udpPayload;
  if (payload === undefined) return [];
  const parsed = parseMipMessage(payload);
  if (!parsed.ok || parsed.value.kind !== 'registration-reply') return [];
  return parsed.value.extensions.map(describe).filter((d): d is ExchangedKeyExtension => d !== null);
}
