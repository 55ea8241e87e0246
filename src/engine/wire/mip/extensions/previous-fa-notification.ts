// Previous Foreign Agent Notification extension, type 96 (optim-06..-08 §5.1;
// Perkins & Johnson §4.1; optim-08 §5.1; D5: the -06+ layout with an SPI). The mobile
// node puts it after the Mobile-Home authentication extension; the new FA
// builds from it, plus the Request, the Binding Update of Perkins & Johnson §4.1; optim-08 §8.1 (OC-09) and
// sends it to the previous FA. The authenticator is not for this message: it
// is the precomputed RO authenticator of that Binding Update (OC-10).
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +---------------+---------------+-------------------------------+
// |   Type = 96   | Length = 14+n |        Cache Lifetime         |
// +---------------+---------------+-------------------------------+
// |                Previous Foreign Agent Address                 |
// +---------------------------------------------------------------+
// |                      New Care-of Address                      |
// +---------------------------------------------------------------+
// |                              SPI                              |
// +---------------------------------------------------------------+
// |                   Authenticator (n octets) ...                |

import { readAddress, writeAddress, type Ipv4Address } from '../../address';
import { getU16, getU32, putU16, putU32 } from '../../cursor';
import { field, lifetimeText } from '../../dissection';
import { fail, ok } from '../../result';
import { addressNode, bytesText, spiNode } from '../dissect-helpers';
import type { ExtensionBody } from './extension-frame';
import { extensionName, ExtensionType } from './extension-types';

export interface PreviousFaNotificationExtension {
  readonly kind: 'previous-fa-notification';
  /** Seconds the previous FA keeps a forwarding binding; becomes the BU's Lifetime (Perkins & Johnson §4.1; optim-08 §5.1). */
  readonly cacheLifetime: number;
  readonly previousForeignAgent: Ipv4Address;
  /** The CoA being registered now, or the home address (only delete the visitor entry). */
  readonly newCareOfAddress: Ipv4Address;
  /** SPI of the MN ↔ previous-FA MSA, copied into the BU's type-35 extension. */
  readonly spi: number;
  /** Precomputed RO authenticator of the BU the new FA builds (OC-10). */
  readonly authenticator: Uint8Array;
}

const FIXED_DATA = 14; // Cache Lifetime 2 + two addresses 8 + SPI 4 (optim-06..-08 §5.1)
const LAYER = extensionName(ExtensionType.PREVIOUS_FA_NOTIFICATION);
const REF = 'optim-08 §5.1';

export const previousFaNotificationBody: ExtensionBody<PreviousFaNotificationExtension> = {
  parse(bytes, frame) {
    if (frame.dataLength < FIXED_DATA) {
      return fail(LAYER, 'Length', frame.start + 1, `${frame.dataLength} is shorter than the 14 octets before the authenticator (Length = 14 + n)`);
    }
    const d = frame.dataStart;
    return ok({
      kind: 'previous-fa-notification',
      cacheLifetime: getU16(bytes, d),
      previousForeignAgent: readAddress(bytes, d + 2),
      newCareOfAddress: readAddress(bytes, d + 6),
      spi: getU32(bytes, d + 10),
      authenticator: bytes.slice(d + FIXED_DATA, frame.end),
    });
  },
  dataLength: (ext) => FIXED_DATA + ext.authenticator.length,
  emitData(ext, buf, at) {
    putU16(buf, at, ext.cacheLifetime);
    writeAddress(buf, at + 2, ext.previousForeignAgent);
    writeAddress(buf, at + 6, ext.newCareOfAddress);
    putU32(buf, at + 10, ext.spi);
    buf.set(ext.authenticator, at + FIXED_DATA);
  },
  dissectData(bytes, frame, ext) {
    const d = frame.dataStart;
    const lifetime = ext.cacheLifetime === 0 ? '0 s (no forwarding binding: the previous FA only drops the visitor entry)' : lifetimeText(ext.cacheLifetime);
    return [
      field('Cache Lifetime', d, 2, lifetime, { ref: `${REF}; becomes the Binding Update's Lifetime (lab choice, Perkins & Johnson §4.1)` }),
      addressNode('Previous Foreign Agent Address', bytes, d + 2, { ref: `${REF}: the new FA sends the Binding Update here` }),
      addressNode('New Care-of Address', bytes, d + 6, { ref: `${REF}: the Binding Update's Care-of Address` }),
      spiNode(bytes, d + 10, `${REF}: of the MN ↔ previous-FA MSA, copied into the type-35 extension`),
      field('Authenticator', d + FIXED_DATA, ext.authenticator.length, bytesText(ext.authenticator), {
        ref: 'lab choice: the RO authenticator of the Binding Update the new FA builds (Perkins & Johnson §4.1; optim-08 §5.1)',
      }),
    ];
  },
  summary: (ext) => `previous FA ${ext.previousForeignAgent}, new CoA ${ext.newCareOfAddress}, ${lifetimeText(ext.cacheLifetime)}`,
};
