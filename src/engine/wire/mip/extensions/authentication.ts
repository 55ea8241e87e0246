// Authentication extensions 32 Mobile-Home, 33 Mobile-Foreign, 34 Foreign-Home
// (RFC 2002 §3.5.2–§3.5.4, §3.5) and 35 Route Optimization Authentication,
// which has the same layout (optim-08 §4.5; Perkins & Johnson §3.5; D4).
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +---------------+---------------+-------------------------------+
// | Type 32..35   |  Length 4+n   |         SPI (high 16)         |
// +---------------+---------------+-------------------------------+
// |         SPI (low 16)          |   Authenticator (n octets)... |
// +-------------------------------+-------------------------------+
//
// No MD5 here (src/engine/crypto/ computes it); this file only knows which
// bytes an authenticator covers, so the crypto layer and the inspector agree.

import { getU32, putU32 } from '../../cursor';
import { field, type FieldNode } from '../../dissection';
import { fail, ok } from '../../result';
import type { MipProfile } from '../profile';
import { bytesText, spiNode } from '../dissect-helpers';
import type { ExtensionBody, ExtensionDissectContext, ExtensionFrame } from './extension-frame';
import { extensionName, extensionRef, ExtensionType } from './extension-types';

export type AuthenticationKind = 'mobile-home-auth' | 'mobile-foreign-auth' | 'foreign-home-auth' | 'ro-auth';

export interface AuthenticationExtension {
  readonly kind: AuthenticationKind;
  /** Security Parameter Index: with the peer's address it selects the MSA (RFC 2002 §3.5.1). */
  readonly spi: number;
  /** 16 octets for keyed-MD5 / HMAC-MD5; any length is carried (Length = 4 + n). */
  readonly authenticator: Uint8Array;
}

export const AUTHENTICATION_TYPE_OF_KIND: Readonly<Record<AuthenticationKind, number>> = {
  'mobile-home-auth': ExtensionType.MOBILE_HOME_AUTH,
  'mobile-foreign-auth': ExtensionType.MOBILE_FOREIGN_AUTH,
  'foreign-home-auth': ExtensionType.FOREIGN_HOME_AUTH,
  'ro-auth': ExtensionType.RO_AUTH,
};

const KIND_OF_TYPE: Readonly<Record<number, AuthenticationKind>> = {
  32: 'mobile-home-auth',
  33: 'mobile-foreign-auth',
  34: 'foreign-home-auth',
  35: 'ro-auth',
};

export function isAuthenticationKind(kind: string): kind is AuthenticationKind {
  return kind in AUTHENTICATION_TYPE_OF_KIND;
}

const SPI_LENGTH = 4;

/**
 * Exclusive end, relative to the message start, of the bytes the
 * authenticator of an extension at message offset `e` covers (RFC 2002 §3.5.1):
 * ro98 / RFC 2002 — [0, E+2), up to this extension's Type and Length, SPI not
 * covered; rfc3344 — [0, E+6), SPI covered. Extension 35 follows the same rule (OC-11).
 */
export function authenticatorCoverageEnd(e: number, profile: MipProfile): number {
  return profile === 'ro98' ? e + 2 : e + 2 + SPI_LENGTH;
}

function coverageNode(frame: ExtensionFrame, context: ExtensionDissectContext): FieldNode | undefined {
  if (context.messageStart === undefined) return undefined;
  const e = frame.start - context.messageStart;
  const end = authenticatorCoverageEnd(e, context.profile);
  const ref = frame.type === ExtensionType.RO_AUTH ? 'optim-08 §4.5; lab choice' : 'RFC 2002 §3.5.1';
  const text = context.profile === 'ro98'
    ? `message octets 0–${end - 1}: the message, every earlier extension and this Type and Length; SPI not covered (keyed-MD5 prefix+suffix, ro98)`
    : `message octets 0–${end - 1}: the message, every earlier extension and this Type, Length and SPI (HMAC-MD5, rfc3344 profile)`;
  return field('Covered bytes', context.messageStart, end, text, { ref });
}

export const authenticationBody: ExtensionBody<AuthenticationExtension> = {
  parse(bytes, frame) {
    const kind = KIND_OF_TYPE[frame.type];
    if (kind === undefined) return fail(extensionName(frame.type), 'Type', frame.start, 'not an authentication extension');
    if (frame.dataLength < SPI_LENGTH) {
      return fail(extensionName(frame.type), 'Length', frame.start + 1, `${frame.dataLength} is shorter than the 4-octet SPI (Length = 4 + authenticator length)`);
    }
    return ok({ kind, spi: getU32(bytes, frame.dataStart), authenticator: bytes.slice(frame.dataStart + SPI_LENGTH, frame.end) });
  },
  dataLength: (ext) => SPI_LENGTH + ext.authenticator.length,
  emitData(ext, buf, at) {
    putU32(buf, at, ext.spi);
    buf.set(ext.authenticator, at + SPI_LENGTH);
  },
  dissectData(bytes, frame, ext, context) {
    const covered = coverageNode(frame, context);
    const ref = extensionRef(frame.type);
    return [
      spiNode(bytes, frame.dataStart, ref),
      field('Authenticator', frame.dataStart + SPI_LENGTH, ext.authenticator.length, bytesText(ext.authenticator), {
        ref: frame.type === ExtensionType.RO_AUTH ? 'optim-08 §4.5; Perkins & Johnson §3.5' : 'RFC 2002 §3.5.1',
        ...(covered === undefined ? {} : { children: [covered] }),
      }),
    ];
  },
  summary: (ext) => `SPI ${ext.spi}, ${ext.authenticator.length}-octet authenticator`,
};
