// Status values of the Binding Acknowledgement (RFC 6275 §6.1.8) and the
// Binding Error (RFC 6275 §6.1.9). Below 128 the binding was accepted; 128
// and above it was refused, and the node says why with one of these.

export const BindingAckStatus = {
  ACCEPTED: 0,
  ACCEPTED_PREFIX_DISCOVERY_NECESSARY: 1,
  REASON_UNSPECIFIED: 128,
  ADMINISTRATIVELY_PROHIBITED: 129,
  INSUFFICIENT_RESOURCES: 130,
  HOME_REGISTRATION_NOT_SUPPORTED: 131,
  NOT_HOME_SUBNET: 132,
  NOT_HOME_AGENT_FOR_THIS_MOBILE_NODE: 133,
  DUPLICATE_ADDRESS_DETECTION_FAILED: 134,
  SEQUENCE_NUMBER_OUT_OF_WINDOW: 135,
  EXPIRED_HOME_NONCE_INDEX: 136,
  EXPIRED_CARE_OF_NONCE_INDEX: 137,
  EXPIRED_NONCES: 138,
  REGISTRATION_TYPE_CHANGE_DISALLOWED: 139,
} as const;

const BA_STATUS_MEANING: Readonly<Record<number, string>> = {
  0: 'Binding Update accepted',
  1: 'accepted but prefix discovery necessary',
  128: 'reason unspecified',
  129: 'administratively prohibited',
  130: 'insufficient resources',
  131: 'home registration not supported',
  132: 'not home subnet',
  133: 'not home agent for this mobile node',
  134: 'duplicate address detection failed',
  135: 'sequence number out of window',
  136: 'expired home nonce index',
  137: 'expired care-of nonce index',
  138: 'expired nonces',
  139: 'registration type change disallowed',
};

/** Values below 128 accept the binding (RFC 6275 §6.1.8). */
export function isBindingAckAccepted(status: number): boolean {
  return status < 128;
}

/** "135 (sequence number out of window)"; an unassigned value says which half it is in. */
export function bindingAckStatusText(status: number): string {
  const meaning = BA_STATUS_MEANING[status] ?? (isBindingAckAccepted(status) ? 'unassigned: accepted' : 'unassigned: refused');
  return `${status} (${meaning})`;
}

export const BindingErrorStatus = {
  /** A Home Address option arrived without a binding for it (RFC 6275 §9.3.1). */
  UNKNOWN_BINDING_FOR_HOME_ADDRESS_OPTION: 1,
  /** The MH Type is not one the receiver knows (RFC 6275 §9.2). */
  UNRECOGNIZED_MH_TYPE: 2,
} as const;

const BE_STATUS_MEANING: Readonly<Record<number, string>> = {
  1: 'unknown binding for Home Address destination option',
  2: 'unrecognized MH Type value',
};

export function bindingErrorStatusText(status: number): string {
  return `${status} (${BE_STATUS_MEANING[status] ?? 'unassigned'})`;
}
