// Registration-key request extensions (regkey-00 §4; numbering D7). 113 has the simple 8-bit Length; 114, 115 and 116 put
// a 16-bit Length right after the Type (regkey-00 §4, §5), so the
// fields after it are not 32-bit aligned.
//
// 113 FA Key Request       | 113 | Len=4 (8 bit)  | SPI (4) |
// 114 MN Public Key        | 114 | Len=L (16 bit) | public key (L) |
// 115 FA Public Key        | 115 | Len=4+L (16)   | SPI (4) | public key (L) |
// 116 Registration Key Req | 116 | Len=3L (16)    | p (L) | g (L) | g^x mod p (L) |   (Len 0: no values)

import { getU32, putU32 } from '../../cursor';
import { field } from '../../dissection';
import { EncodeError, fail, ok } from '../../result';
import { bytesText, spiNode } from '../dissect-helpers';
import type { ExtensionBody } from './extension-frame';
import { extensionName, ExtensionType } from './extension-types';

/** 113: the FA asks the HA to act as key distributor through their MSA (regkey-00 §4.1). */
export interface FaKeyRequestExtension {
  readonly kind: 'fa-key-request';
  /** SPI of the FA ↔ HA MSA the HA must encode the key with (in 121). */
  readonly spi: number;
}

/** 114: the MN's public key, for the FA to encrypt a key with (regkey-00 §4.2; OC-19: DER SubjectPublicKeyInfo). */
export interface MnPublicKeyExtension {
  readonly kind: 'mn-public-key';
  readonly publicKey: Uint8Array;
}

/** 115: the FA's public key, for the HA to encrypt a key with (regkey-00 §4.3). */
export interface FaPublicKeyExtension {
  readonly kind: 'fa-public-key';
  /** SPI the FA wants for the new MN ↔ FA key (the HA copies it into 123). */
  readonly spi: number;
  readonly publicKey: Uint8Array;
}

/** The three equal-length, unsigned big-endian values of a Diffie-Hellman offer (regkey-00 §4.4). */
export interface DiffieHellmanOffer {
  readonly prime: Uint8Array;
  readonly generator: Uint8Array;
  /** g^x mod p, x = the mobile node's private random number. */
  readonly computedValue: Uint8Array;
}

/** 116: the MN asks for a registration key (regkey-00 §4.4). */
export interface RegistrationKeyRequestExtension {
  readonly kind: 'registration-key-request';
  /** null = Length 0 = "a key by any method except Diffie-Hellman"; otherwise DH is allowed as a last resort. */
  readonly diffieHellman: DiffieHellmanOffer | null;
}

export type KeyRequestExtension = FaKeyRequestExtension | MnPublicKeyExtension | FaPublicKeyExtension | RegistrationKeyRequestExtension;

const SPI_LENGTH = 4;

export const faKeyRequestBody: ExtensionBody<FaKeyRequestExtension> = {
  parse(bytes, frame) {
    if (frame.dataLength !== SPI_LENGTH) {
      return fail(extensionName(ExtensionType.FA_KEY_REQUEST), 'Length', frame.start + 1, `${frame.dataLength}, expected 4 (the SPI only)`);
    }
    return ok({ kind: 'fa-key-request', spi: getU32(bytes, frame.dataStart) });
  },
  dataLength: () => SPI_LENGTH,
  emitData: (ext, buf, at) => putU32(buf, at, ext.spi),
  dissectData: (bytes, frame) => [spiNode(bytes, frame.dataStart, 'regkey-00 §4.1: FA ↔ HA MSA the HA encodes the key with (121)')],
  summary: (ext) => `SPI ${ext.spi}`,
};

export const mnPublicKeyBody: ExtensionBody<MnPublicKeyExtension> = {
  parse: (bytes, frame) => ok({ kind: 'mn-public-key', publicKey: bytes.slice(frame.dataStart, frame.end) }),
  dataLength: (ext) => ext.publicKey.length,
  emitData: (ext, buf, at) => buf.set(ext.publicKey, at),
  dissectData: (_bytes, frame, ext) => [
    field('Mobile Node Public Key', frame.dataStart, ext.publicKey.length, bytesText(ext.publicKey), { ref: 'regkey-00 §4.2; lab choice (DER SubjectPublicKeyInfo, RSA)' }),
  ],
  summary: (ext) => `${ext.publicKey.length}-octet public key`,
};

export const faPublicKeyBody: ExtensionBody<FaPublicKeyExtension> = {
  parse(bytes, frame) {
    if (frame.dataLength < SPI_LENGTH) {
      return fail(extensionName(ExtensionType.FA_PUBLIC_KEY), 'Length', frame.start + 1, `${frame.dataLength} is shorter than the 4-octet SPI (Length = 4 + L)`);
    }
    return ok({ kind: 'fa-public-key', spi: getU32(bytes, frame.dataStart), publicKey: bytes.slice(frame.dataStart + SPI_LENGTH, frame.end) });
  },
  dataLength: (ext) => SPI_LENGTH + ext.publicKey.length,
  emitData(ext, buf, at) {
    putU32(buf, at, ext.spi);
    buf.set(ext.publicKey, at + SPI_LENGTH);
  },
  dissectData: (bytes, frame, ext) => [
    spiNode(bytes, frame.dataStart, 'regkey-00 §4.3: SPI for the new MN ↔ FA key (copied into 123)'),
    field('Foreign Agent Public Key', frame.dataStart + SPI_LENGTH, ext.publicKey.length, bytesText(ext.publicKey), { ref: 'regkey-00 §4.3; lab choice' }),
  ],
  summary: (ext) => `SPI ${ext.spi}, ${ext.publicKey.length}-octet public key`,
};

const REGISTRATION_KEY_REQUEST_LAYER = extensionName(ExtensionType.REGISTRATION_KEY_REQUEST);

export const registrationKeyRequestBody: ExtensionBody<RegistrationKeyRequestExtension> = {
  parse(bytes, frame) {
    if (frame.dataLength % 3 !== 0) {
      return fail(REGISTRATION_KEY_REQUEST_LAYER, 'Length', frame.start + 1, `${frame.dataLength} is not a multiple of 3 (p, g and g^x each take L octets: Length = 3L)`);
    }
    if (frame.dataLength === 0) return ok({ kind: 'registration-key-request', diffieHellman: null });
    const l = frame.dataLength / 3;
    const d = frame.dataStart;
    return ok({
      kind: 'registration-key-request',
      diffieHellman: { prime: bytes.slice(d, d + l), generator: bytes.slice(d + l, d + 2 * l), computedValue: bytes.slice(d + 2 * l, d + 3 * l) },
    });
  },
  dataLength: (ext) => (ext.diffieHellman === null ? 0 : 3 * ext.diffieHellman.prime.length),
  emitData(ext, buf, at) {
    const dh = ext.diffieHellman;
    if (dh === null) return;
    const l = dh.prime.length;
    // One representation per byte string: L = 0 is written as `null`.
    if (l === 0 || dh.generator.length !== l || dh.computedValue.length !== l) {
      throw new EncodeError(REGISTRATION_KEY_REQUEST_LAYER, `p, g and g^x must have the same non-zero length L (got ${l}, ${dh.generator.length}, ${dh.computedValue.length}); left-pad with zeros (regkey-00 §4, §5)`);
    }
    buf.set(dh.prime, at);
    buf.set(dh.generator, at + l);
    buf.set(dh.computedValue, at + 2 * l);
  },
  dissectData(_bytes, frame, ext) {
    const dh = ext.diffieHellman;
    if (dh === null) {
      return [field('Values', frame.dataStart, 0, 'none: Length 0 asks for a key by any method except Diffie-Hellman', { ref: 'regkey-00 §4.4' })];
    }
    const l = dh.prime.length;
    const d = frame.dataStart;
    return [
      field('Prime p', d, l, `${l * 8}-bit: ${bytesText(dh.prime)}`, { ref: 'regkey-00 §4.4; lab choice' }),
      field('Generator g', d + l, l, bytesText(dh.generator), { ref: 'regkey-00 §4.4; lab choice' }),
      field('Computed value g^x mod p', d + 2 * l, l, bytesText(dh.computedValue), { ref: 'regkey-00 §4.4; Perkins & Johnson §6–§8; regkey-00 §3.3' }),
    ];
  },
  summary: (ext) => (ext.diffieHellman === null ? 'any method except Diffie-Hellman' : `Diffie-Hellman offered, L = ${ext.diffieHellman.prime.length} octets`),
};
