// Binding Warning extension, type 16 in a Registration Request (optim-08 §6,
// where the type is TBD; type 16 from optim-11 §6.3, OC-04;
// Perkins & Johnson §4.2; optim-08 §6). Placed before the Mobile-Home authentication
// extension: the home agent consumes it and sends each target a Binding Update.
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +---------------+---------------+-------------------------------+
// |   Type = 16   | Length = 6+4N |           Reserved            |
// +---------------+---------------+-------------------------------+
// |                    Mobile Node Home Address                   |
// +---------------------------------------------------------------+
// |                   Target Node Address [0..N-1]                |
// +---------------------------------------------------------------+
//
// Not the Mobility Agent Advertisement extension, which is also 16 but lives
// in the ICMP numbering space (RFC 2002 §1.9).

import { readAddress, writeAddress, type Ipv4Address } from '../../address';
import { getU16, putU16 } from '../../cursor';
import { group } from '../../dissection';
import { fail, ok } from '../../result';
import { addressNode, reservedNode } from '../dissect-helpers';
import type { ExtensionBody } from './extension-frame';
import { extensionName, ExtensionType } from './extension-types';

export interface BindingWarningExtension {
  readonly kind: 'binding-warning-extension';
  /** Octets 2–3, sent as 0; kept so odd input round-trips. */
  readonly reserved: number;
  readonly homeAddress: Ipv4Address;
  /** Correspondents that should receive a Binding Update (optim-08 §6). */
  readonly targets: readonly Ipv4Address[];
}

const FIXED_DATA = 6; // Reserved + Mobile Node Home Address (OC-04: Length = 6 + 4N)
const LAYER = extensionName(ExtensionType.BINDING_WARNING);
const REF = 'optim-08 §6; lab choice';

export const bindingWarningExtensionBody: ExtensionBody<BindingWarningExtension> = {
  parse(bytes, frame) {
    const n = frame.dataLength;
    if (n < FIXED_DATA || (n - FIXED_DATA) % 4 !== 0) {
      return fail(LAYER, 'Length', frame.start + 1, `${n} is not 6 + 4 × N (Reserved, Home Address, then 4-octet targets; lab choice, optim-08 §6)`);
    }
    const targets: Ipv4Address[] = [];
    for (let at = frame.dataStart + FIXED_DATA; at < frame.end; at += 4) targets.push(readAddress(bytes, at));
    return ok({
      kind: 'binding-warning-extension',
      reserved: getU16(bytes, frame.dataStart),
      homeAddress: readAddress(bytes, frame.dataStart + 2),
      targets,
    });
  },
  dataLength: (ext) => FIXED_DATA + 4 * ext.targets.length,
  emitData(ext, buf, at) {
    putU16(buf, at, ext.reserved);
    writeAddress(buf, at + 2, ext.homeAddress);
    ext.targets.forEach((t, i) => writeAddress(buf, at + FIXED_DATA + 4 * i, t));
  },
  dissectData(bytes, frame, ext) {
    const first = frame.dataStart + FIXED_DATA;
    return [
      reservedNode('Reserved', frame.dataStart, 2, ext.reserved, REF),
      addressNode('Mobile Node Home Address', bytes, frame.dataStart + 2, { ref: REF }),
      group('Target Node Addresses', first, 4 * ext.targets.length, `${ext.targets.length} (N = (Length − 6) / 4)`,
        ext.targets.map((_, i) => addressNode(`Target Node Address [${i}]`, bytes, first + 4 * i, { ref: 'optim-08 §6: send this node a Binding Update' })),
        { ref: REF }),
    ];
  },
  summary: (ext) => `${ext.homeAddress}, ${ext.targets.length} target${ext.targets.length === 1 ? '' : 's'}`,
};
