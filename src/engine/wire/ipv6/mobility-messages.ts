// The eight Mobility Header messages (RFC 6275 §6.1.2–§6.1.9): one typed
// record per MH Type, and the encoding of each one's message data — the
// octets between the Checksum (offset 6) and the mobility options. Offsets
// below are from the start of the Mobility Header.
//
//   MH Type  Message                      Message data (offset: field)               Options at
//   0        Binding Refresh Request      6: Reserved (2)                            8
//   1        Home Test Init               6: Reserved (2), 8: Home Init Cookie (8)   16
//   2        Care-of Test Init            6: Reserved (2), 8: Care-of Init Cookie    16
//   3        Home Test                    6: Home Nonce Index, 8: Cookie, 16: Token  24
//   4        Care-of Test                 6: Care-of Nonce Index, 8: Cookie, 16: Token 24
//   5        Binding Update               6: Sequence #, 8: A H L K flags, 10: Lifetime 12
//   6        Binding Acknowledgement      6: Status, 7: K flag, 8: Sequence #, 10: Lifetime 12
//   7        Binding Error                6: Status, 7: Reserved, 8: Home Address (16) 24
//
// Reserved fields and bits are sent as 0 and ignored on receipt (RFC 6275
// §6.1); the dissection still shows a non-zero value.

import { getU16, putU16 } from '../cursor';
import { EncodeError } from '../result';
import { readIpv6, writeIpv6, type Ipv6Address } from './ipv6-address';
import type { MobilityOption } from './mobility-options';

export const MOBILITY_HEADER_LAYER = 'Mobility Header';

export const MhType = {
  BINDING_REFRESH_REQUEST: 0,
  HOME_TEST_INIT: 1,
  CARE_OF_TEST_INIT: 2,
  HOME_TEST: 3,
  CARE_OF_TEST: 4,
  BINDING_UPDATE: 5,
  BINDING_ACKNOWLEDGEMENT: 6,
  BINDING_ERROR: 7,
} as const;

/** Octets of an init cookie and of a keygen token (RFC 6275 §6.1.3–§6.1.6). */
export const COOKIE_LENGTH = 8;
export const KEYGEN_TOKEN_LENGTH = 8;

/** Binding Update flag masks in the 16-bit word at offset 8 (RFC 6275 §6.1.7). */
export const BindingUpdateFlag = { A: 0x8000, H: 0x4000, L: 0x2000, K: 0x1000 } as const;
/** Binding Acknowledgement flag mask in the octet at offset 7 (RFC 6275 §6.1.8). */
export const BINDING_ACK_K_FLAG = 0x80;

interface WithOptions {
  readonly options: readonly MobilityOption[];
}

export interface BindingRefreshRequestMessage extends WithOptions {
  readonly kind: 'binding-refresh-request';
}

/** Home Test Init (MH Type 1) and Care-of Test Init (MH Type 2). */
export interface TestInitMessage extends WithOptions {
  readonly kind: 'home-test-init' | 'care-of-test-init';
  /** 8 octets the correspondent copies into its answer (RFC 6275 §6.1.3, §6.1.4). */
  readonly cookie: Uint8Array;
}

/** Home Test (MH Type 3) and Care-of Test (MH Type 4). */
export interface TestMessage extends WithOptions {
  readonly kind: 'home-test' | 'care-of-test';
  readonly nonceIndex: number;
  readonly cookie: Uint8Array;
  /** 8 octets (RFC 6275 §5.2.5). */
  readonly keygenToken: Uint8Array;
}

export interface BindingUpdateMessage extends WithOptions {
  readonly kind: 'binding-update';
  readonly sequence: number;
  /** A: a Binding Acknowledgement is requested. */
  readonly acknowledge: boolean;
  /** H: home registration (the receiver is to act as home agent). */
  readonly homeRegistration: boolean;
  /** L: the home address's interface identifier is also the link-local one. */
  readonly linkLocalCompatibility: boolean;
  /** K: IKE security associations survive movement. */
  readonly keyManagement: boolean;
  /** Lifetime in units of 4 seconds; 0 deletes the binding (RFC 6275 §6.1.7). */
  readonly lifetimeUnits: number;
}

export interface BindingAcknowledgementMessage extends WithOptions {
  readonly kind: 'binding-acknowledgement';
  /** < 128 accepted, ≥ 128 refused (mobility-status.ts). */
  readonly status: number;
  readonly keyManagement: boolean;
  /** Copied from the Binding Update. */
  readonly sequence: number;
  /** Granted lifetime in units of 4 seconds. */
  readonly lifetimeUnits: number;
}

export interface BindingErrorMessage extends WithOptions {
  readonly kind: 'binding-error';
  readonly status: number;
  readonly homeAddress: Ipv6Address;
}

/** An MH Type this lab does not know: kept whole so the receiver can answer with Binding Error status 2 (RFC 6275 §9.2). */
export interface UnknownMobilityMessage {
  readonly kind: 'unknown';
  readonly mhType: number;
  /** Everything after the Checksum; 6 + its length is a multiple of 8. */
  readonly data: Uint8Array;
}

export type MobilityMessage =
  | BindingRefreshRequestMessage | TestInitMessage | TestMessage | BindingUpdateMessage
  | BindingAcknowledgementMessage | BindingErrorMessage | UnknownMobilityMessage;

export type KnownMobilityMessage = Exclude<MobilityMessage, UnknownMobilityMessage>;

const KIND_TYPE: Readonly<Record<KnownMobilityMessage['kind'], number>> = {
  'binding-refresh-request': 0,
  'home-test-init': 1,
  'care-of-test-init': 2,
  'home-test': 3,
  'care-of-test': 4,
  'binding-update': 5,
  'binding-acknowledgement': 6,
  'binding-error': 7,
};

interface TypeInfo {
  readonly name: string;
  readonly abbreviation: string;
  readonly ref: string;
  /** Offset of the first mobility option (end of the message data). */
  readonly optionsAt: number;
  /** Option types RFC 6275 defines for this message (others are ignored by a receiver). */
  readonly validOptions: readonly number[];
}

const TYPES: readonly TypeInfo[] = [
  { name: 'Binding Refresh Request', abbreviation: 'BRR', ref: 'RFC 6275 §6.1.2', optionsAt: 8, validOptions: [] },
  { name: 'Home Test Init', abbreviation: 'HoTI', ref: 'RFC 6275 §6.1.3', optionsAt: 16, validOptions: [] },
  { name: 'Care-of Test Init', abbreviation: 'CoTI', ref: 'RFC 6275 §6.1.4', optionsAt: 16, validOptions: [] },
  { name: 'Home Test', abbreviation: 'HoT', ref: 'RFC 6275 §6.1.5', optionsAt: 24, validOptions: [] },
  { name: 'Care-of Test', abbreviation: 'CoT', ref: 'RFC 6275 §6.1.6', optionsAt: 24, validOptions: [] },
  { name: 'Binding Update', abbreviation: 'BU', ref: 'RFC 6275 §6.1.7', optionsAt: 12, validOptions: [3, 4, 5] },
  { name: 'Binding Acknowledgement', abbreviation: 'BA', ref: 'RFC 6275 §6.1.8', optionsAt: 12, validOptions: [2, 5] },
  { name: 'Binding Error', abbreviation: 'BE', ref: 'RFC 6275 §6.1.9', optionsAt: 24, validOptions: [] },
];

export function mobilityTypeInfo(mhType: number): TypeInfo | undefined {
  return TYPES[mhType];
}

/** "Binding Update" — for packet lists and traces; "MH Type 9" for one the lab does not know. */
export function mobilityMessageName(mhType: number): string {
  return TYPES[mhType]?.name ?? `MH Type ${mhType}`;
}

/** "BU", "HoTI", … (the abbreviations RFC 6275 uses). */
export function mobilityMessageAbbreviation(mhType: number): string {
  return TYPES[mhType]?.abbreviation ?? `MH ${mhType}`;
}

export function mhTypeOf(m: MobilityMessage): number {
  return m.kind === 'unknown' ? m.mhType : KIND_TYPE[m.kind];
}

/** Smallest Header Len a receiver accepts for the type: the message data must fit (RFC 6275 §9.2). */
export function minimumHeaderLen(mhType: number): number {
  const info = TYPES[mhType];
  return info === undefined ? 0 : Math.ceil(info.optionsAt / 8) - 1;
}

function fail(message: string): never {
  throw new EncodeError(MOBILITY_HEADER_LAYER, message);
}

function checkU16(v: number, what: string): number {
  if (!Number.isInteger(v) || v < 0 || v > 0xffff) fail(`${what} ${v} is not an integer from 0 to 65535`);
  return v;
}

function checkU8(v: number, what: string): number {
  if (!Number.isInteger(v) || v < 0 || v > 0xff) fail(`${what} ${v} is not an integer from 0 to 255`);
  return v;
}

function checkOctets(b: Uint8Array, n: number, what: string): Uint8Array {
  if (b.length !== n) fail(`${what} has ${b.length} octets, not ${n}`);
  return b;
}

/** Writes the message data of a known message into buf[at + 6, at + optionsAt); Reserved fields 0. */
export function emitMessageData(m: KnownMobilityMessage, buf: Uint8Array, at: number): void {
  const end = at + TYPES[KIND_TYPE[m.kind]]!.optionsAt;
  buf.fill(0, at + 6, end);
  switch (m.kind) {
    case 'binding-refresh-request':
      return;
    case 'home-test-init':
    case 'care-of-test-init':
      buf.set(checkOctets(m.cookie, COOKIE_LENGTH, 'the init cookie'), at + 8);
      return;
    case 'home-test':
    case 'care-of-test':
      putU16(buf, at + 6, checkU16(m.nonceIndex, 'Nonce Index'));
      buf.set(checkOctets(m.cookie, COOKIE_LENGTH, 'the init cookie'), at + 8);
      buf.set(checkOctets(m.keygenToken, KEYGEN_TOKEN_LENGTH, 'the keygen token'), at + 16);
      return;
    case 'binding-update':
      putU16(buf, at + 6, checkU16(m.sequence, 'Sequence #'));
      putU16(buf, at + 8, (m.acknowledge ? BindingUpdateFlag.A : 0) | (m.homeRegistration ? BindingUpdateFlag.H : 0)
        | (m.linkLocalCompatibility ? BindingUpdateFlag.L : 0) | (m.keyManagement ? BindingUpdateFlag.K : 0));
      putU16(buf, at + 10, checkU16(m.lifetimeUnits, 'Lifetime'));
      return;
    case 'binding-acknowledgement':
      buf[at + 6] = checkU8(m.status, 'Status');
      buf[at + 7] = m.keyManagement ? BINDING_ACK_K_FLAG : 0;
      putU16(buf, at + 8, checkU16(m.sequence, 'Sequence #'));
      putU16(buf, at + 10, checkU16(m.lifetimeUnits, 'Lifetime'));
      return;
    case 'binding-error':
      buf[at + 6] = checkU8(m.status, 'Status');
      writeIpv6(buf, at + 8, m.homeAddress);
      return;
  }
}

/** Reads the message data of a known MH Type at `at` (the header start); the caller checked Header Len. */
export function readMessageData(mhType: number, bytes: Uint8Array, at: number, options: readonly MobilityOption[]): KnownMobilityMessage {
  switch (mhType) {
    case MhType.BINDING_REFRESH_REQUEST:
      return { kind: 'binding-refresh-request', options };
    case MhType.HOME_TEST_INIT:
    case MhType.CARE_OF_TEST_INIT:
      return { kind: mhType === MhType.HOME_TEST_INIT ? 'home-test-init' : 'care-of-test-init', cookie: bytes.slice(at + 8, at + 16), options };
    case MhType.HOME_TEST:
    case MhType.CARE_OF_TEST:
      return {
        kind: mhType === MhType.HOME_TEST ? 'home-test' : 'care-of-test',
        nonceIndex: getU16(bytes, at + 6),
        cookie: bytes.slice(at + 8, at + 16),
        keygenToken: bytes.slice(at + 16, at + 24),
        options,
      };
    case MhType.BINDING_UPDATE: {
      const flags = getU16(bytes, at + 8);
      return {
        kind: 'binding-update',
        sequence: getU16(bytes, at + 6),
        acknowledge: (flags & BindingUpdateFlag.A) !== 0,
        homeRegistration: (flags & BindingUpdateFlag.H) !== 0,
        linkLocalCompatibility: (flags & BindingUpdateFlag.L) !== 0,
        keyManagement: (flags & BindingUpdateFlag.K) !== 0,
        lifetimeUnits: getU16(bytes, at + 10),
        options,
      };
    }
    case MhType.BINDING_ACKNOWLEDGEMENT:
      return {
        kind: 'binding-acknowledgement',
        status: bytes[at + 6]!,
        keyManagement: (bytes[at + 7]! & BINDING_ACK_K_FLAG) !== 0,
        sequence: getU16(bytes, at + 8),
        lifetimeUnits: getU16(bytes, at + 10),
        options,
      };
    default:
      return { kind: 'binding-error', status: bytes[at + 6]!, homeAddress: readIpv6(bytes, at + 8), options };
  }
}

/** Seconds → the 4-second units of the Lifetime field, rounded down and capped at 65535 (RFC 6275 §6.1.7). */
export function lifetimeSecondsToUnits(seconds: number): number {
  return Math.min(0xffff, Math.max(0, Math.floor(seconds / 4)));
}

export function lifetimeUnitsToSeconds(units: number): number {
  return units * 4;
}
