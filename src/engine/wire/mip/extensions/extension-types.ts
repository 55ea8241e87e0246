// Extension numbers in the UDP/434 control-message space (RFC 2002 §1.9; spec
// docs/protocol-notes.md §Numbers), their names, and the one fact a parser needs before it can read
// any of them: the width of the Length field (regkey-00 §4, §5).

export const ExtensionType = {
  BINDING_WARNING: 16, // OC-04
  MOBILE_HOME_AUTH: 32,
  MOBILE_FOREIGN_AUTH: 33,
  FOREIGN_HOME_AUTH: 34,
  RO_AUTH: 35,
  PREVIOUS_FA_NOTIFICATION: 96,
  FA_KEY_REQUEST: 113,
  MN_PUBLIC_KEY: 114,
  FA_PUBLIC_KEY: 115,
  REGISTRATION_KEY_REQUEST: 116,
  HOME_MOBILE_KEY_REPLY: 120,
  FA_KEY_REPLY: 121,
  MN_PUBLIC_KEY_REPLY: 122,
  FA_PUBLIC_KEY_REPLY: 123,
  DH_KEY_REPLY: 124,
  SPI: 125,
} as const;

/** Hard limit against hostile input: no lab message carries more than a handful. */
export const MAX_EXTENSIONS = 64;

/**
 * regkey-00's key extensions put a 16-bit big-endian Length right after the
 * Type octet (no Sub-Type, so not the RFC 3344 long format, RFC 3344 §1.10, §1.11); every
 * other type, known or not, is the simple 8-bit TLV of RFC 2002 §1.9.
 */
const SIXTEEN_BIT_LENGTH: ReadonlySet<number> = new Set([114, 115, 116, 120, 121, 122, 123, 124]);

export function lengthFieldSize(type: number): 1 | 2 {
  return SIXTEEN_BIT_LENGTH.has(type) ? 2 : 1; // regkey-00 §4, §5
}

interface ExtensionInfo {
  readonly name: string;
  readonly ref: string;
  /** How Wireshark shows it, when that differs from what it is (docs/protocol-notes.md §Wireshark, OC-42). */
  readonly wireshark?: string;
}

const UNKNOWN_TLV = 'shows it as an unknown extension: it does not know this route-optimization type (lab choice)';
const NOT_AS_BW = 'not decoded as a Binding Warning extension (type 16 is borrowed from optim-11, lab choice)';
const MISPARSED =
  'not decoded: Wireshark reads the first octet of this 16-bit Length as an 8-bit length, so this and every later extension decode as garbage (lab choice)';

const INFO: Record<number, ExtensionInfo> = {
  16: { name: 'Binding Warning extension', ref: 'optim-08 §6; lab choice', wireshark: NOT_AS_BW },
  32: { name: 'Mobile-Home Authentication extension', ref: 'RFC 2002 §3.5.2' },
  33: { name: 'Mobile-Foreign Authentication extension', ref: 'RFC 2002 §3.5.3' },
  34: { name: 'Foreign-Home Authentication extension', ref: 'RFC 2002 §3.5.4' },
  35: { name: 'Route Optimization Authentication extension', ref: 'optim-08 §4.5', wireshark: UNKNOWN_TLV },
  96: { name: 'Previous Foreign Agent Notification extension', ref: 'optim-08 §5.1', wireshark: UNKNOWN_TLV },
  113: { name: 'Foreign Agent Key Request extension', ref: 'regkey-00 §4.1', wireshark: UNKNOWN_TLV },
  114: { name: 'Mobile Node Public Key extension', ref: 'regkey-00 §4.2', wireshark: MISPARSED },
  115: { name: 'Foreign Agent Public Key extension', ref: 'regkey-00 §4.3', wireshark: MISPARSED },
  116: { name: 'Registration Key Request extension', ref: 'regkey-00 §4.4', wireshark: MISPARSED },
  120: { name: 'Home-Mobile Key Reply extension', ref: 'regkey-00 §5.1', wireshark: MISPARSED },
  121: { name: 'Foreign Agent Key Reply extension', ref: 'regkey-00 §5.2; lab choice', wireshark: MISPARSED },
  122: { name: 'Mobile Node Public Key Reply extension', ref: 'regkey-00 §5.3; lab choice', wireshark: MISPARSED },
  123: { name: 'Foreign Agent Public Key Reply extension', ref: 'regkey-00 §5.4', wireshark: MISPARSED },
  124: { name: 'Diffie-Hellman Key Reply extension', ref: 'regkey-00 §5.5', wireshark: MISPARSED },
  125: { name: 'SPI extension', ref: 'regkey-00 §5.6; lab choice', wireshark: UNKNOWN_TLV },
};

export function isKnownExtensionType(type: number): boolean {
  return INFO[type] !== undefined;
}

/** "Mobile-Home Authentication extension", or "unknown extension (type 77)". */
export function extensionName(type: number): string {
  return INFO[type]?.name ?? `unknown extension (type ${type})`;
}

export function extensionRef(type: number): string {
  return INFO[type]?.ref ?? 'RFC 2002 §1.9';
}

export function extensionWiresharkNote(type: number): string | undefined {
  return INFO[type]?.wireshark;
}
