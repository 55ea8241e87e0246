// Agent Solicitation = ICMP Router Solicitation, unchanged (RFC 1256; layout as in
// RFC 2002 §2.4). Sent by a mobile node with IP TTL 1 (RFC 2002 §2.2).
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +---------------+---------------+-------------------------------+
// |   Type = 10   |   Code = 0    |           Checksum            |
// +---------------+---------------+-------------------------------+
// |                           Reserved                            |
// +---------------------------------------------------------------+
//
// RFC 1256 receivers accept an ICMP length of 8 *or more* octets; octets after the
// Reserved word are kept as `trailing` so such a message round-trips unchanged.
// A non-zero Code or Reserved is kept too (RFC 1256 has receivers discard a
// non-zero Code: that is the protocol layer's decision, the dissection warns).

import type { Codec } from './codec';
import { Reader, getU32, putU32 } from './cursor';
import { field, group, hex, hexBytes, type FieldNode } from './dissection';
import { ICMP_MAX_LENGTH, IcmpType, dissectIcmpHeader, icmpChecksumValid, writeIcmpChecksum } from './icmp-header';
import { EncodeError, fail, ok, type WireResult } from './result';

export const AGENT_SOLICITATION_LAYER = 'Agent Solicitation';
export const AGENT_SOLICITATION_LENGTH = 8;

/** Field table (offset, length, name). */
export const AGENT_SOLICITATION_FIELDS = [
  { offset: 0, length: 1, name: 'Type' },
  { offset: 1, length: 1, name: 'Code' },
  { offset: 2, length: 2, name: 'Checksum' },
  { offset: 4, length: 4, name: 'Reserved' },
] as const;

export interface AgentSolicitation {
  /** 0 (RFC 1256); other values kept for round trip. */
  readonly code: number;
  /** Sent as 0; kept for round trip. */
  readonly reserved: number;
  /** Octets after the 8-octet message (RFC 1256 allows a longer ICMP length); normally empty. */
  readonly trailing: Uint8Array;
  /** Filled in by `parse`; a bad checksum is a flag for the receiver to drop on, not a parse error. */
  readonly checksumValid?: boolean;
}

export function agentSolicitationLength(s: AgentSolicitation): number {
  return AGENT_SOLICITATION_LENGTH + s.trailing.length;
}

export function emitAgentSolicitation(s: AgentSolicitation, buf: Uint8Array, offset = 0): number {
  const total = agentSolicitationLength(s);
  if (total > ICMP_MAX_LENGTH) throw new EncodeError(AGENT_SOLICITATION_LAYER, `message of ${total} octets is too long`);
  if (offset + total > buf.length) throw new EncodeError(AGENT_SOLICITATION_LAYER, `buffer too small: need ${total} octets at offset ${offset}`);
  buf[offset] = IcmpType.ROUTER_SOLICITATION;
  buf[offset + 1] = s.code;
  putU32(buf, offset + 4, s.reserved);
  buf.set(s.trailing, offset + AGENT_SOLICITATION_LENGTH);
  writeIcmpChecksum(buf, offset, offset + total); // RFC 2002 §2.2, §2.4: ICMP checksum over the whole message
  return total;
}

export function parseAgentSolicitation(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<AgentSolicitation> {
  const r = new Reader(bytes, AGENT_SOLICITATION_LAYER, offset, end);
  if (!r.has(AGENT_SOLICITATION_LENGTH)) return r.short('message', AGENT_SOLICITATION_LENGTH);
  const type = r.u8();
  if (type !== IcmpType.ROUTER_SOLICITATION) return fail(AGENT_SOLICITATION_LAYER, 'Type', offset, `type ${type}, expected 10 (Router Solicitation)`);
  const code = r.u8();
  r.skip(2);
  const reserved = r.u32();
  const trailing = r.take(r.remaining);
  return ok({ code, reserved, trailing, checksumValid: icmpChecksumValid(bytes, offset, end) });
}

export function dissectAgentSolicitation(bytes: Uint8Array, offset = 0, end = bytes.length): WireResult<FieldNode> {
  const parsed = parseAgentSolicitation(bytes, offset, end);
  if (!parsed.ok) return parsed;
  const s = parsed.value;
  const reserved = getU32(bytes, offset + 4);
  const children: FieldNode[] = [
    ...dissectIcmpHeader(bytes, offset, s.checksumValid === true, 'RFC 1256; RFC 2002 §2.2, §2.4'),
    field('Reserved', offset + 4, 4, hex(reserved, 8), reserved !== 0 ? { warning: 'reserved: should be sent as 0 (RFC 1256)' } : {}),
  ];
  if (s.trailing.length > 0) children.push(field('Additional data', offset + 8, s.trailing.length, hexBytes(s.trailing), { ref: 'RFC 1256 (ICMP length of 8 or more octets)' }));
  return ok(group('Agent Solicitation (ICMP Router Solicitation)', offset, agentSolicitationLength(s), 'looking for mobility agents', children, { ref: 'RFC 2002 §2.2, §2.4' }));
}

export const agentSolicitationCodec: Codec<AgentSolicitation> = {
  layer: AGENT_SOLICITATION_LAYER,
  parse: parseAgentSolicitation,
  length: agentSolicitationLength,
  emit: emitAgentSolicitation,
  dissect: dissectAgentSolicitation,
};

/** The solicitation a mobile node sends: code 0, reserved 0, nothing after. */
export function agentSolicitation(): AgentSolicitation {
  return { code: 0, reserved: 0, trailing: new Uint8Array(0) };
}
