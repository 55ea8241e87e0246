// Registration-key reply extensions (regkey-00 §5). 120–124 have a 16-bit Length right after the Type (regkey-00 §4, §5); 125 has
// the simple 8-bit Length. Where the drafts' text contradicts the drawn
// layout, the layout wins (D9): 121 has no authenticator (OC-14), 122's
// Length is 4 + the encoded key (OC-15), 125's Length is 4 (OC-16).
//
// 120 Home-Mobile Key Reply   | 120 | Len=4+16 (16 bit) | SPI (4) | key XOR MD5 pad (16) |
// 121 FA Key Reply            | 121 | Len=4+16 (16 bit) | SPI (4) | key XOR MD5 pad (16) |   OC-14
// 122 MN Public Key Reply     | 122 | Len=4+C  (16 bit) | SPI (4) | RSA(MN key, K) (C)   |   OC-15
// 123 FA Public Key Reply     | 123 | Len=4+C  (16 bit) | SPI (4) | RSA(FA key, K) (C)   |
// 124 Diffie-Hellman Key Reply| 124 | Len=4+L  (16 bit) | SPI (4) | g^y mod p (L)        |
// 125 SPI extension           | 125 | Len=4    (8 bit)  | SPI (4) |                           OC-16

import { getU32, putU32 } from '../../cursor';
import { field } from '../../dissection';
import { fail, ok } from '../../result';
import { bytesText, spiNode } from '../dissect-helpers';
import type { ExtensionBody } from './extension-frame';
import { extensionName, ExtensionType } from './extension-types';

export type EncryptedKeyReplyKind = 'home-mobile-key-reply' | 'fa-key-reply' | 'mn-public-key-reply' | 'fa-public-key-reply';

/** 120–123: an SPI and a registration key encrypted for its recipient. */
export interface EncryptedKeyReplyExtension {
  readonly kind: EncryptedKeyReplyKind;
  /**
   * 120: SPI of the HA ↔ MN MSA whose secret encodes the key; 121: of the
   * HA ↔ FA MSA (from the FA's 113); 122: the new key's SPI chosen by the FA;
   * 123: the SPI from the FA's 115.
   */
  readonly spi: number;
  /** 120/121: key XOR MD5 pad, 16 octets (regkey-00 §3.1, OC-12); 122/123: RSA-OAEP ciphertext (OC-19). */
  readonly encryptedKey: Uint8Array;
}

/** 124: the FA's half of the Diffie-Hellman exchange (regkey-00 §5.5). */
export interface DhKeyReplyExtension {
  readonly kind: 'dh-key-reply';
  /** SPI for the new MN ↔ FA key, chosen by the FA. */
  readonly spi: number;
  /** g^y mod p, y = the FA's private random number (L octets, p and g from the MN's 116). */
  readonly computedValue: Uint8Array;
}

/** 125: the SPI to associate with the new registration key (regkey-00 §5.6; OC-16). */
export interface SpiExtension {
  readonly kind: 'spi';
  readonly spi: number;
}

export type KeyReplyExtension = EncryptedKeyReplyExtension | DhKeyReplyExtension | SpiExtension;

const KIND_OF_TYPE: Readonly<Record<number, EncryptedKeyReplyKind>> = {
  120: 'home-mobile-key-reply',
  121: 'fa-key-reply',
  122: 'mn-public-key-reply',
  123: 'fa-public-key-reply',
};

const SPI_LENGTH = 4;
/** Registration keys are always 16 octets (OC-12). */
export const REGISTRATION_KEY_LENGTH = 16;

const SPI_MEANING: Readonly<Record<number, string>> = {
  120: 'regkey-00 §5.1: HA ↔ MN MSA whose secret encodes the key (the new key’s SPI travels in 125)',
  121: 'regkey-00 §5.2: HA ↔ FA MSA, from the FA’s 113',
  122: 'regkey-00 §5.3: SPI of the new MN ↔ FA key, chosen by the FA',
  123: 'regkey-00 §5.4: SPI from the FA’s 115, for the new MN ↔ FA key',
};

const KEY_MEANING: Readonly<Record<number, string>> = {
  120: 'regkey-00 §5.1: key XOR MD5(secret ‖ regrep ‖ secret), regkey-00 §3.1, lab choice',
  121: 'regkey-00 §5.2: key XOR MD5(HA–FA secret ‖ regrep ‖ secret), regkey-00 §3.1; no authenticator (lab choice)',
  122: 'regkey-00 §5.3: key encrypted with the MN public key (lab choice)',
  123: 'regkey-00 §5.4: key encrypted with the FA public key (lab choice)',
};

function spiPlusData(type: number, dataLength: number, start: number) {
  return fail(extensionName(type), 'Length', start + 1, `${dataLength} is shorter than the 4-octet SPI (Length = 4 + key length)`);
}

export const encryptedKeyReplyBody: ExtensionBody<EncryptedKeyReplyExtension> = {
  parse(bytes, frame) {
    const kind = KIND_OF_TYPE[frame.type];
    if (kind === undefined) return fail(extensionName(frame.type), 'Type', frame.start, 'not a key reply extension');
    if (frame.dataLength < SPI_LENGTH) return spiPlusData(frame.type, frame.dataLength, frame.start);
    return ok({ kind, spi: getU32(bytes, frame.dataStart), encryptedKey: bytes.slice(frame.dataStart + SPI_LENGTH, frame.end) });
  },
  dataLength: (ext) => SPI_LENGTH + ext.encryptedKey.length,
  emitData(ext, buf, at) {
    putU32(buf, at, ext.spi);
    buf.set(ext.encryptedKey, at + SPI_LENGTH);
  },
  dissectData(bytes, frame, ext) {
    const md5Encoded = frame.type === ExtensionType.HOME_MOBILE_KEY_REPLY || frame.type === ExtensionType.FA_KEY_REPLY;
    const wrongSize = md5Encoded && ext.encryptedKey.length !== REGISTRATION_KEY_LENGTH;
    return [
      spiNode(bytes, frame.dataStart, SPI_MEANING[frame.type] ?? ''),
      field('Encrypted Key', frame.dataStart + SPI_LENGTH, ext.encryptedKey.length, bytesText(ext.encryptedKey), {
        ref: KEY_MEANING[frame.type] ?? '',
        ...(wrongSize ? { warning: `registration keys are 16 octets (lab choice, regkey-00 §3); this one is ${ext.encryptedKey.length}` } : {}),
      }),
    ];
  },
  summary: (ext) => `SPI ${ext.spi}, ${ext.encryptedKey.length}-octet encrypted key`,
};

export const dhKeyReplyBody: ExtensionBody<DhKeyReplyExtension> = {
  parse(bytes, frame) {
    if (frame.dataLength < SPI_LENGTH) return spiPlusData(frame.type, frame.dataLength, frame.start);
    return ok({ kind: 'dh-key-reply', spi: getU32(bytes, frame.dataStart), computedValue: bytes.slice(frame.dataStart + SPI_LENGTH, frame.end) });
  },
  dataLength: (ext) => SPI_LENGTH + ext.computedValue.length,
  emitData(ext, buf, at) {
    putU32(buf, at, ext.spi);
    buf.set(ext.computedValue, at + SPI_LENGTH);
  },
  dissectData: (bytes, frame, ext) => [
    spiNode(bytes, frame.dataStart, 'regkey-00 §5.5: SPI of the new MN ↔ FA key, chosen by the FA'),
    field('Computed value g^y mod p', frame.dataStart + SPI_LENGTH, ext.computedValue.length, bytesText(ext.computedValue), {
      ref: 'regkey-00 §5.5; Perkins & Johnson §6–§8; regkey-00 §3.3: key = MD5(Z), Z = (g^y)^x mod p (lab choice)',
    }),
  ],
  summary: (ext) => `SPI ${ext.spi}, ${ext.computedValue.length}-octet g^y mod p`,
};

export const spiExtensionBody: ExtensionBody<SpiExtension> = {
  parse(bytes, frame) {
    if (frame.dataLength !== SPI_LENGTH) {
      return fail(extensionName(ExtensionType.SPI), 'Length', frame.start + 1, `${frame.dataLength}, expected 4 (lab choice, regkey-00 §5.6: the SPI only)`);
    }
    return ok({ kind: 'spi', spi: getU32(bytes, frame.dataStart) });
  },
  dataLength: () => SPI_LENGTH,
  emitData: (ext, buf, at) => putU32(buf, at, ext.spi),
  dissectData: (bytes, frame) => [spiNode(bytes, frame.dataStart, 'regkey-00 §5.6; lab choice: SPI to associate with the new registration key')],
  summary: (ext) => `SPI ${ext.spi}`,
};
