// Reading and writing Mobile IP control messages inside IPv4/UDP datagrams
// (RFC 2002 §3.1, §3.3, §3.5), shared by the three node behaviours.
//
//  * readMipDatagram — the UDP checks every receiver makes first: a bad
//    non-zero UDP checksum means "silently discard" (RFC 2002 §3.1, §3.6.2.1);
//  * checkAuthentication — "exactly one valid extension of this kind"
//    (RFC 2002 §3.5.2–§3.5.4): zero, two, an unknown SPI or a bad authenticator all fail,
//    each with its own learner-readable reason;
//  * keepThroughMobileHome / appendAuthentication — a relaying FA keeps
//    octet 0 up to the end of the Mobile-Home extension byte for byte, strips
//    what follows and appends its own authentication (RFC 2002 §3.7.2.2, §3.7.3.2).

import { describeVerification, signExtensionInPlace, verifyExtension } from '../../../crypto/authenticator';
import type { SecurityAssociation } from '../../../crypto/security-association';
import { identificationHex } from '../../../wire/mip/identification';
import type { AuthenticationKind } from '../../../wire/mip/extensions/authentication';
import { extensionOffsets } from '../../../wire/mip/extensions/extensions';
import { emitMipExtension, mipExtensionLength } from '../../../wire/mip/extensions/mip-extension';
import { parseMipMessage, type MipMessage } from '../../../wire/mip/mip-message';
import type { MipProfile } from '../../../wire/mip/profile';
import { replyCodeText } from '../../../wire/mip/registration-reply-codes';
import type { RegistrationReply } from '../../../wire/mip/registration-reply';
import type { RegistrationRequest } from '../../../wire/mip/registration-request';
import { IpProtocol, type Ipv4Datagram } from '../../../wire/ipv4';
import { describeWireError } from '../../../wire/result';
import { receivedUdp } from '../../../network/receive-scope';

/** RFC 2002 §1.9: Requests go to UDP port 434; Replies come from it. */
export { MOBILE_IP_PORT } from '../../../wire/udp';
/** The mobile node's UDP source port for registrations (RFC 2002 §3.6.1.2: any; lab: the first ephemeral port). */
export const MN_REGISTRATION_PORT = 49152;

export type MipRead =
  | { readonly kind: 'mip'; readonly sourcePort: number; readonly destinationPort: number; readonly payload: Uint8Array; readonly message: MipMessage }
  | { readonly kind: 'drop'; readonly reason: string; readonly ref: string }
  /** Not UDP, or not to `port`: someone else's business. */
  | { readonly kind: 'other' };

/** A datagram addressed to this node, read as a Mobile IP message sent to `port`. */
export function readMipDatagram(d: Ipv4Datagram, port: number): MipRead {
  if (d.protocol !== IpProtocol.UDP || d.payload.length < 8) return { kind: 'other' };
  const u = receivedUdp(d); // parsed once per input (receive-scope.ts)
  if (!u.ok) return { kind: 'drop', reason: `malformed UDP: ${describeWireError(u.error)}`, ref: 'RFC 768' };
  if (u.value.destinationPort !== port) return { kind: 'other' };
  if (u.value.checksumValid !== true) return { kind: 'drop', reason: 'bad UDP checksum: a Mobile IP message with a bad non-zero checksum is silently discarded', ref: 'RFC 2002 §3.1, §3.6.2.1' };
  const payload = u.value.payload;
  const m = parseMipMessage(payload);
  if (!m.ok) return { kind: 'drop', reason: `malformed Mobile IP message: ${describeWireError(m.error)}`, ref: 'RFC 2002 §3.3, §3.4' };
  const fatal = 'extensions' in m.value ? m.value.extensions.find((e) => e.kind === 'unknown' && e.type < 128) : undefined;
  if (fatal !== undefined && fatal.kind === 'unknown') return { kind: 'drop', reason: `unrecognised extension type ${fatal.type} (0..127: the whole message is discarded)`, ref: 'RFC 2002 §1.9' };
  return { kind: 'mip', sourcePort: u.value.sourcePort, destinationPort: u.value.destinationPort, payload, message: m.value };
}

export type AuthCheck =
  | { readonly ok: true; readonly spi: number; readonly association: SecurityAssociation; readonly detail: string }
  | { readonly ok: false; readonly reason: string };

const KIND_NAMES: Record<AuthenticationKind, string> = {
  'mobile-home-auth': 'Mobile-Home Authentication (32)',
  'mobile-foreign-auth': 'Mobile-Foreign Authentication (33)',
  'foreign-home-auth': 'Foreign-Home Authentication (34)',
  'ro-auth': 'Route Optimization Authentication (35)',
};

/** RFC 2002 §3.5.2–§3.5.4: exactly one extension of `kind`, its SPI naming a known MSA with `lookup`, and an authenticator that verifies. */
export function checkAuthentication(payload: Uint8Array, message: RegistrationRequest | RegistrationReply, kind: AuthenticationKind, lookup: (spi: number) => SecurityAssociation | null, profile: MipProfile): AuthCheck {
  const name = KIND_NAMES[kind];
  const offsets = extensionOffsets(message);
  const found = message.extensions.map((e, i) => ({ e, at: offsets[i]! })).filter((x) => x.e.kind === kind);
  if (found.length !== 1) return { ok: false, reason: `${found.length === 0 ? 'no' : found.length} ${name} extension${found.length === 1 ? '' : 's'}: exactly one is required` };
  const { e, at } = found[0]!;
  const spi = e.kind === kind && 'spi' in e ? e.spi : 0;
  const sa = lookup(spi);
  if (sa === null) return { ok: false, reason: `${name}: no security association with SPI ${spi}` };
  const v = verifyExtension(payload, at, sa.key, profile, sa.algorithm);
  if (!v.ok) return { ok: false, reason: `${name}: ${describeWireError(v.error)}` };
  if (!v.value.verified) return { ok: false, reason: `${name}: ${describeVerification(v.value)}` };
  return { ok: true, spi, association: sa, detail: `${name} ${describeVerification(v.value)}` };
}

/** Octets 0 up to the end of the Mobile-Home extension (all of it when there is none): what a relaying FA keeps unchanged. */
export function keepThroughMobileHome(payload: Uint8Array, message: RegistrationRequest | RegistrationReply): Uint8Array {
  const offsets = extensionOffsets(message);
  const i = message.extensions.findIndex((e) => e.kind === 'mobile-home-auth');
  if (i < 0) {
    const firstAuth = message.extensions.findIndex((e) => e.kind === 'foreign-home-auth' || e.kind === 'mobile-foreign-auth');
    return payload.slice(0, firstAuth < 0 ? payload.length : offsets[firstAuth]!);
  }
  return payload.slice(0, offsets[i]! + mipExtensionLength(message.extensions[i]!));
}

/** `prefix` followed by an authentication extension of `kind` signed with `sa` (it covers everything before it, RFC 2002 §3.5.1). */
export function appendAuthentication(prefix: Uint8Array, kind: AuthenticationKind, sa: SecurityAssociation, profile: MipProfile): Uint8Array {
  const ext = { kind, spi: sa.spi, authenticator: new Uint8Array(16) } as const;
  const out = new Uint8Array(prefix.length + mipExtensionLength(ext));
  out.set(prefix, 0);
  emitMipExtension(ext, out, prefix.length);
  const signed = signExtensionInPlace(out, prefix.length, sa.key, profile, sa.algorithm);
  if (!signed.ok) throw new Error(`cannot sign ${kind}: ${describeWireError(signed.error)}`); // our own bytes: a programming error
  return out;
}

export function describeRequest(m: RegistrationRequest): string {
  const what = m.lifetime === 0 ? 'deregistration' : `Lifetime ${m.lifetime} s`;
  return `Registration Request ${m.homeAddress} via CoA ${m.careOfAddress} to HA ${m.homeAgent}, ${what}, Id ${identificationHex(m.identification)}`;
}

export function describeReply(m: RegistrationReply): string {
  return `Registration Reply Code ${replyCodeText(m.code)} for ${m.homeAddress}, Lifetime ${m.lifetime} s, Id ${identificationHex(m.identification)}`;
}
