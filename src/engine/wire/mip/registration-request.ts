// Registration Request, message type 1 (RFC 2002 §3.3),
// with the ro98 flag octet S B D M G V P r (OC-02; Perkins & Johnson §3.6; optim-08 §4.6).
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +---------------+-+-+-+-+-+-+-+-+-------------------------------+
// |   Type = 1    |S|B|D|M|G|V|P|r|           Lifetime            |
// +---------------+-+-+-+-+-+-+-+-+-------------------------------+
// |                         Home Address                          |
// +---------------------------------------------------------------+
// |                          Home Agent                           |
// +---------------------------------------------------------------+
// |                        Care-of Address                        |
// +---------------------------------------------------------------+
// |                  Identification (64 bits)                     |
// |                                                               |
// +---------------------------------------------------------------+
// | Extensions ... (to the end of the UDP payload)
//
// The repr names the bits as ro98 reads them. The rfc3344 profile reads the
// same octet as S B D M G r T P (docs/choices.md OC-01): there P is the bit kept in
// `reserved` (mask 0x01) — use privateBindingRequested / withPrivateBinding.

import { readAddress, writeAddress, type Ipv4Address } from '../address';
import type { Codec } from '../codec';
import { getU16, putU16 } from '../cursor';
import { field, group, lifetimeText, type FieldNode } from '../dissection';
import { EncodeError, fail, ok, type WireResult } from '../result';
import { addressNode, flagNode, flagsSummary, wiresharkNote } from './dissect-helpers';
import { dissectExtensions, emitExtensions, extensionsLength, parseExtensions } from './extensions/extensions';
import type { MipExtension } from './extensions/mip-extension';
import { identificationNode, readIdentification, writeIdentification, type Identification } from './identification';
import { MipMessageType, REGISTRATION_REQUEST_FIXED_LENGTH } from './message-layout';
import { DEFAULT_PROFILE, type MipProfile } from './profile';

export const REGISTRATION_REQUEST_LAYER = 'Registration Request';

/** Field table (offset, length, name) of the fixed part; extensions follow at 24. */
export const REGISTRATION_REQUEST_FIELDS = [
  { offset: 0, length: 1, name: 'Type' },
  { offset: 1, length: 1, name: 'Flags' },
  { offset: 2, length: 2, name: 'Lifetime' },
  { offset: 4, length: 4, name: 'Home Address' },
  { offset: 8, length: 4, name: 'Home Agent' },
  { offset: 12, length: 4, name: 'Care-of Address' },
  { offset: 16, length: 8, name: 'Identification' },
] as const;

/** Octet 1 masks in the ro98 profile (RFC 2002 §3.3; OC-02). */
export const RequestFlag = {
  S: 0x80,
  B: 0x40,
  D: 0x20,
  M: 0x10,
  G: 0x08,
  V: 0x04,
  P: 0x02, // OC-02 (optim-06/-07/-08); Wireshark calls it T
  RESERVED: 0x01,
} as const;

export interface RegistrationRequestFlags {
  /** S: keep previous bindings (RFC 2002 §3.3). */
  readonly simultaneousBindings: boolean;
  /** B: tunnel home-network broadcasts to me. */
  readonly broadcastDatagrams: boolean;
  /** D: the mobile node decapsulates itself (co-located care-of address). */
  readonly decapsulationByMobileNode: boolean;
  /** M: minimal encapsulation requested. */
  readonly minimalEncapsulation: boolean;
  /** G: GRE encapsulation requested. */
  readonly greEncapsulation: boolean;
  /** V: Van Jacobson header compression requested (lab: 0). */
  readonly vjCompression: boolean;
  /** P (ro98, mask 0x02): never disclose my binding in a Binding Update (optim-08 §4.6; OC-02). */
  readonly privateBinding: boolean;
  /** The bit under mask 0x01, reserved in ro98 (P in the rfc3344 profile); kept so odd input round-trips. */
  readonly reserved: number;
}

export const NO_REQUEST_FLAGS: RegistrationRequestFlags = {
  simultaneousBindings: false,
  broadcastDatagrams: false,
  decapsulationByMobileNode: false,
  minimalEncapsulation: false,
  greEncapsulation: false,
  vjCompression: false,
  privateBinding: false,
  reserved: 0,
};

export function requestFlagsFromOctet(o: number): RegistrationRequestFlags {
  return {
    simultaneousBindings: (o & RequestFlag.S) !== 0,
    broadcastDatagrams: (o & RequestFlag.B) !== 0,
    decapsulationByMobileNode: (o & RequestFlag.D) !== 0,
    minimalEncapsulation: (o & RequestFlag.M) !== 0,
    greEncapsulation: (o & RequestFlag.G) !== 0,
    vjCompression: (o & RequestFlag.V) !== 0,
    privateBinding: (o & RequestFlag.P) !== 0,
    reserved: o & RequestFlag.RESERVED,
  };
}

export function requestFlagsToOctet(f: RegistrationRequestFlags): number {
  return (f.simultaneousBindings ? RequestFlag.S : 0)
    | (f.broadcastDatagrams ? RequestFlag.B : 0)
    | (f.decapsulationByMobileNode ? RequestFlag.D : 0)
    | (f.minimalEncapsulation ? RequestFlag.M : 0)
    | (f.greEncapsulation ? RequestFlag.G : 0)
    | (f.vjCompression ? RequestFlag.V : 0)
    | (f.privateBinding ? RequestFlag.P : 0)
    | (f.reserved & RequestFlag.RESERVED);
}

/** Mask of the `P` bit per profile (OC-02): 0x02 in ro98, 0x01 in rfc3344. */
export function privateBitMask(profile: MipProfile): number {
  return profile === 'ro98' ? RequestFlag.P : RequestFlag.RESERVED;
}

/** Whether the Request asks for a private binding, read the profile's way (OC-02). */
export function privateBindingRequested(flags: RegistrationRequestFlags, profile: MipProfile): boolean {
  return (requestFlagsToOctet(flags) & privateBitMask(profile)) !== 0;
}

/** The flags with `P` set or cleared at the profile's position (OC-02). */
export function withPrivateBinding(flags: RegistrationRequestFlags, profile: MipProfile, on: boolean): RegistrationRequestFlags {
  const mask = privateBitMask(profile);
  const octet = requestFlagsToOctet(flags);
  return requestFlagsFromOctet(on ? octet | mask : octet & ~mask);
}

export interface RegistrationRequest {
  readonly kind: 'registration-request';
  readonly flags: RegistrationRequestFlags;
  /** Seconds; 0 = deregistration, 0xFFFF = infinite (RFC 2002 §3.3). */
  readonly lifetime: number;
  readonly homeAddress: Ipv4Address;
  readonly homeAgent: Ipv4Address;
  readonly careOfAddress: Ipv4Address;
  readonly identification: Identification;
  readonly extensions: readonly MipExtension[];
}

/** Defaults for building a Request: no flags, no extensions. */
export function registrationRequest(fields: Omit<RegistrationRequest, 'kind' | 'flags' | 'extensions'> & Partial<RegistrationRequest>): RegistrationRequest {
  return { flags: NO_REQUEST_FLAGS, extensions: [], ...fields, kind: 'registration-request' };
}

export function registrationRequestLength(m: RegistrationRequest): number {
  return REGISTRATION_REQUEST_FIXED_LENGTH + extensionsLength(m.extensions);
}

export function emitRegistrationRequest(m: RegistrationRequest, buf: Uint8Array, offset = 0): number {
  const total = registrationRequestLength(m);
  if (offset + total > buf.length) throw new EncodeError(REGISTRATION_REQUEST_LAYER, `buffer too small: need ${total} octets at offset ${offset}`);
  buf[offset] = MipMessageType.REGISTRATION_REQUEST;
  buf[offset + 1] = requestFlagsToOctet(m.flags);
  putU16(buf, offset + 2, m.lifetime);
  writeAddress(buf, offset + 4, m.homeAddress);
  writeAddress(buf, offset + 8, m.homeAgent);
  writeAddress(buf, offset + 12, m.careOfAddress);
  writeIdentification(buf, offset + 16, m.identification);
  emitExtensions(m.extensions, buf, offset + REGISTRATION_REQUEST_FIXED_LENGTH);
  return total;
}

/** The Request at `offset`; its extensions run to `end` (the end of the UDP payload). */
export function parseRegistrationRequest(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<RegistrationRequest> {
  if (end - offset < REGISTRATION_REQUEST_FIXED_LENGTH) {
    return fail(REGISTRATION_REQUEST_LAYER, 'fixed part', offset, `needs ${REGISTRATION_REQUEST_FIXED_LENGTH} octets, only ${Math.max(0, end - offset)} remain`);
  }
  if (bytes[offset] !== MipMessageType.REGISTRATION_REQUEST) {
    return fail(REGISTRATION_REQUEST_LAYER, 'Type', offset, `type ${bytes[offset]}, expected ${MipMessageType.REGISTRATION_REQUEST}`);
  }
  const extensions = parseExtensions(bytes, offset + REGISTRATION_REQUEST_FIXED_LENGTH, end);
  if (!extensions.ok) return extensions;
  return ok({
    kind: 'registration-request',
    flags: requestFlagsFromOctet(bytes[offset + 1]!),
    lifetime: getU16(bytes, offset + 2),
    homeAddress: readAddress(bytes, offset + 4),
    homeAgent: readAddress(bytes, offset + 8),
    careOfAddress: readAddress(bytes, offset + 12),
    identification: readIdentification(bytes, offset + 16),
    extensions: extensions.value,
  });
}

const RESERVED_WARNING = 'reserved bit set: a foreign agent denies the Request with Code 70, a home agent with 134 (RFC 2002 §3.7.2.3, §3.8.2.3)';

function flagNodes(octet: number, at: number, profile: MipProfile): FieldNode[] {
  const has = (mask: number) => (octet & mask) !== 0;
  const ref = 'RFC 2002 §3.3';
  const common = [
    flagNode('S', 'simultaneous bindings', at, 0x80, has(0x80), { ref }),
    flagNode('B', 'broadcast datagrams', at, 0x40, has(0x40), { ref }),
    flagNode('D', 'decapsulation by mobile node', at, 0x20, has(0x20), { ref }),
    flagNode('M', 'minimal encapsulation', at, 0x10, has(0x10), { ref }),
    flagNode('G', 'GRE encapsulation', at, 0x08, has(0x08), { ref }),
  ];
  if (profile === 'ro98') {
    return [
      ...common,
      flagNode('V', 'Van Jacobson header compression', at, 0x04, has(0x04), { ref }),
      flagNode('P', 'private binding', at, 0x02, has(0x02), {
        ref: 'optim-08 §4.6; lab choice',
        children: [wiresharkNote(at, 1, "labels mask 0x02 'T' (reverse tunnelling, RFC 3344); in ro98 it is P (optim-08 §4.6)")],
      }),
      flagNode('r', 'reserved', at, 0x01, has(0x01), { ref, ...(has(0x01) ? { warning: RESERVED_WARNING } : {}) }),
    ];
  }
  return [
    ...common,
    flagNode('r', 'reserved (V in RFC 2002)', at, 0x04, has(0x04), { ref: 'RFC 3344 §3.3', ...(has(0x04) ? { warning: RESERVED_WARNING } : {}) }),
    flagNode('T', 'reverse tunnelling (not implemented in the lab)', at, 0x02, has(0x02), { ref: 'RFC 3344 §3.3' }),
    flagNode('P', 'private binding', at, 0x01, has(0x01), {
      ref: 'optim-11 position; lab choice',
      children: [wiresharkNote(at, 1, 'shows mask 0x01 as reserved')],
    }),
  ];
}

export function dissectRegistrationRequest(bytes: Uint8Array, offset = 0, end = bytes.length, profile: MipProfile = DEFAULT_PROFILE): WireResult<FieldNode> {
  const parsed = parseRegistrationRequest(bytes, offset, end);
  if (!parsed.ok) return parsed;
  const m = parsed.value;
  const extensions = dissectExtensions(bytes, offset + REGISTRATION_REQUEST_FIXED_LENGTH, end, { messageStart: offset, profile });
  if (!extensions.ok) return extensions;
  const octet = bytes[offset + 1]!;
  const letters = profile === 'ro98'
    ? ([[0x80, 'S'], [0x40, 'B'], [0x20, 'D'], [0x10, 'M'], [0x08, 'G'], [0x04, 'V'], [0x02, 'P'], [0x01, 'r']] as const)
    : ([[0x80, 'S'], [0x40, 'B'], [0x20, 'D'], [0x10, 'M'], [0x08, 'G'], [0x04, 'r'], [0x02, 'T'], [0x01, 'P']] as const);
  const lifetime = m.lifetime === 0 ? '0 s (deregistration)' : lifetimeText(m.lifetime);
  const coaNote = m.careOfAddress === m.homeAddress ? { value: `${m.careOfAddress} (= home address: deregisters every binding when Lifetime is 0)` } : {};
  const children: FieldNode[] = [
    field('Type', offset, 1, '1 (Registration Request)', { ref: 'RFC 2002 §1.9' }),
    group('Flags', offset + 1, 1, flagsSummary(octet, letters), flagNodes(octet, offset + 1, profile), { ref: profile === 'ro98' ? 'RFC 2002 §3.3; lab choice (ro98: S B D M G V P r)' : 'RFC 2002 §3.3; lab choice (rfc3344: S B D M G r T P)' }),
    field('Lifetime', offset + 2, 2, lifetime, { ref: 'RFC 2002 §3.3' }),
    addressNode('Home Address', bytes, offset + 4, { ref: 'RFC 2002 §3.3' }),
    addressNode('Home Agent', bytes, offset + 8, { ref: 'RFC 2002 §3.3' }),
    { ...addressNode('Care-of Address', bytes, offset + 12, { ref: 'RFC 2002 §3.3' }), ...coaNote },
    identificationNode(bytes, offset + 16, 'RFC 2002 §5.6'),
    extensions.value,
  ];
  return ok(group('Mobile IP Registration Request', offset, end - offset,
    `home ${m.homeAddress}, HA ${m.homeAgent}, CoA ${m.careOfAddress}, Lifetime ${lifetime}`, children, { ref: 'RFC 2002 §3.3' }));
}

export const registrationRequestCodec: Codec<RegistrationRequest> = {
  layer: REGISTRATION_REQUEST_LAYER,
  parse: parseRegistrationRequest,
  length: registrationRequestLength,
  emit: emitRegistrationRequest,
  dissect: (bytes, offset, end) => dissectRegistrationRequest(bytes, offset, end),
};
