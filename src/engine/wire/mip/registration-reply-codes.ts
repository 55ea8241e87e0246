// Registration Reply Code values (RFC 2002 §3.4), including the
// ones later RFCs added that the lab never sends but a capture may contain.

export const ReplyCode = {
  ACCEPTED: 0,
  ACCEPTED_NO_SIMULTANEOUS_BINDINGS: 1,
  FA_REASON_UNSPECIFIED: 64,
  FA_ADMINISTRATIVELY_PROHIBITED: 65,
  FA_INSUFFICIENT_RESOURCES: 66,
  FA_MOBILE_NODE_FAILED_AUTHENTICATION: 67,
  FA_HOME_AGENT_FAILED_AUTHENTICATION: 68,
  FA_LIFETIME_TOO_LONG: 69,
  FA_POORLY_FORMED_REQUEST: 70,
  FA_POORLY_FORMED_REPLY: 71,
  FA_ENCAPSULATION_UNAVAILABLE: 72,
  FA_VJ_COMPRESSION_UNAVAILABLE: 73,
  FA_INVALID_CARE_OF_ADDRESS: 77,
  FA_REGISTRATION_TIMEOUT: 78,
  FA_HOME_NETWORK_UNREACHABLE: 80,
  FA_HOME_AGENT_HOST_UNREACHABLE: 81,
  FA_HOME_AGENT_PORT_UNREACHABLE: 82,
  FA_HOME_AGENT_UNREACHABLE: 88,
  HA_REASON_UNSPECIFIED: 128,
  HA_ADMINISTRATIVELY_PROHIBITED: 129,
  HA_INSUFFICIENT_RESOURCES: 130,
  HA_MOBILE_NODE_FAILED_AUTHENTICATION: 131,
  HA_FOREIGN_AGENT_FAILED_AUTHENTICATION: 132,
  HA_IDENTIFICATION_MISMATCH: 133,
  HA_POORLY_FORMED_REQUEST: 134,
  HA_TOO_MANY_BINDINGS: 135,
  HA_UNKNOWN_HOME_AGENT_ADDRESS: 136,
} as const;

interface CodeInfo {
  readonly name: string;
  /** Where the code is defined: the lab's base (RFC 2002), RFC 3344, or a later RFC the lab does not implement. */
  readonly source: 'RFC 2002' | 'rfc3344' | 'later';
}

const CODES: Readonly<Record<number, CodeInfo>> = {
  0: { name: 'registration accepted', source: 'RFC 2002' },
  1: { name: 'registration accepted, but simultaneous mobility bindings unsupported', source: 'RFC 2002' },
  64: { name: 'denied by the foreign agent: reason unspecified', source: 'RFC 2002' },
  65: { name: 'denied by the foreign agent: administratively prohibited', source: 'RFC 2002' },
  66: { name: 'denied by the foreign agent: insufficient resources', source: 'RFC 2002' },
  67: { name: 'denied by the foreign agent: mobile node failed authentication', source: 'RFC 2002' },
  68: { name: 'denied by the foreign agent: home agent failed authentication', source: 'RFC 2002' },
  69: { name: 'denied by the foreign agent: requested Lifetime too long', source: 'RFC 2002' },
  70: { name: 'denied by the foreign agent: poorly formed Request', source: 'RFC 2002' },
  71: { name: 'denied by the foreign agent: poorly formed Reply', source: 'RFC 2002' },
  72: { name: 'denied by the foreign agent: requested encapsulation unavailable', source: 'RFC 2002' },
  73: { name: 'denied by the foreign agent: requested Van Jacobson compression unavailable', source: 'RFC 2002' },
  74: { name: 'denied by the foreign agent: requested reverse tunnel unavailable', source: 'later' },
  75: { name: 'denied by the foreign agent: reverse tunnel is mandatory and T is not set', source: 'later' },
  76: { name: 'denied by the foreign agent: mobile node too distant', source: 'later' },
  77: { name: 'denied by the foreign agent: invalid care-of address', source: 'rfc3344' },
  78: { name: 'denied by the foreign agent: registration timeout', source: 'rfc3344' },
  79: { name: 'denied by the foreign agent: delivery style not supported', source: 'later' },
  80: { name: 'denied by the foreign agent: home network unreachable (ICMP error received)', source: 'RFC 2002' },
  81: { name: 'denied by the foreign agent: home agent host unreachable (ICMP error received)', source: 'RFC 2002' },
  82: { name: 'denied by the foreign agent: home agent port unreachable (ICMP error received)', source: 'RFC 2002' },
  88: { name: 'denied by the foreign agent: home agent unreachable (other ICMP error received)', source: 'RFC 2002' },
  128: { name: 'denied by the home agent: reason unspecified', source: 'RFC 2002' },
  129: { name: 'denied by the home agent: administratively prohibited', source: 'RFC 2002' },
  130: { name: 'denied by the home agent: insufficient resources', source: 'RFC 2002' },
  131: { name: 'denied by the home agent: mobile node failed authentication', source: 'RFC 2002' },
  132: { name: 'denied by the home agent: foreign agent failed authentication', source: 'RFC 2002' },
  133: { name: 'denied by the home agent: registration Identification mismatch', source: 'RFC 2002' },
  134: { name: 'denied by the home agent: poorly formed Request', source: 'RFC 2002' },
  135: { name: 'denied by the home agent: too many simultaneous mobility bindings', source: 'RFC 2002' },
  136: { name: 'denied by the home agent: unknown home agent address', source: 'RFC 2002' },
  137: { name: 'denied by the home agent: requested reverse tunnel unavailable', source: 'later' },
  138: { name: 'denied by the home agent: reverse tunnel is mandatory and T is not set', source: 'later' },
  139: { name: 'denied by the home agent: requested encapsulation unavailable', source: 'later' },
};

/** Who a code says decided (RFC 2002 §3.4): 0–63 success, 64–127 the FA, 128–255 the HA. */
export function replyCodeRange(code: number): 'accepted' | 'denied by the foreign agent' | 'denied by the home agent' {
  if (code < 64) return 'accepted';
  return code < 128 ? 'denied by the foreign agent' : 'denied by the home agent';
}

export function replyCodeAccepted(code: number): boolean {
  return code < 64; // RFC 2002 §3.4
}

/** "registration accepted", or "unknown(90): denied by the foreign agent" for a code no table defines. */
export function replyCodeName(code: number): string {
  return CODES[code]?.name ?? `unknown(${code}): ${replyCodeRange(code)}`;
}

/** The name plus where it comes from, for the dissection. */
export function replyCodeText(code: number): string {
  const info = CODES[code];
  if (info === undefined) return `${code} (${replyCodeName(code)})`;
  const from = info.source === 'later' ? '; defined by a later RFC, not used by the lab' : info.source === 'rfc3344' ? '; RFC 3344' : '';
  return `${code} (${info.name}${from})`;
}
