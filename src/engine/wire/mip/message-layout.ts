// Numbers every Mobile IP message file needs: the message types (docs/protocol-notes.md §Numbers)
// and the length of each message's fixed part, i.e. where its extensions
// start. Kept in this leaf module (it imports only types) so the extension
// layer can locate extensions inside a message without importing the message
// files, which themselves import the extension layer.

import type { MipMessage } from './mip-message';

/** Every Mobile IP control message and RO message goes to UDP port 434 (RFC 2002 §1.9; optim-08 §4; D16; OC-07). */
export const MIP_UDP_PORT = 434;

/** Octet 0 of the UDP payload (RFC 2002 §1.9; optim-07/-08 §4; D15). */
export const MipMessageType = {
  REGISTRATION_REQUEST: 1,
  REGISTRATION_REPLY: 3,
  BINDING_WARNING: 16,
  BINDING_REQUEST: 17,
  BINDING_UPDATE: 18,
  BINDING_ACKNOWLEDGE: 19,
} as const;

const MESSAGE_NAMES: Record<number, string> = {
  1: 'Registration Request (RFC 2002 §3.3)',
  3: 'Registration Reply (RFC 2002 §3.4)',
  16: 'Binding Warning (optim-08 §4.1)',
  17: 'Binding Request (optim-08 §4.2)',
  18: 'Binding Update (optim-08 §4.3)',
  19: 'Binding Acknowledge (optim-08 §4.4)',
};

/** "Binding Update (optim-08 §4.3)", or "unknown(7)". */
export function mipMessageTypeName(type: number): string {
  return MESSAGE_NAMES[type] ?? `unknown(${type})`;
}

export const REGISTRATION_REQUEST_FIXED_LENGTH = 24; // RFC 2002 §3.3
export const REGISTRATION_REPLY_FIXED_LENGTH = 20; // RFC 2002 §3.4
/** Type, Reserved, Home Address; the Target Node Addresses follow (Perkins & Johnson §3.1; optim-08 §4.1). */
export const BINDING_WARNING_HEADER_LENGTH = 8;
export const BINDING_REQUEST_FIXED_LENGTH = 16; // Perkins & Johnson §3.2; optim-08 §4.2
export const BINDING_UPDATE_FIXED_LENGTH = 20; // Perkins & Johnson §3.3; optim-08 §4.3, I = 1
export const BINDING_UPDATE_FIXED_LENGTH_WITHOUT_IDENTIFICATION = 12; // OC-06, I = 0
export const BINDING_ACKNOWLEDGE_FIXED_LENGTH = 16; // Perkins & Johnson §3.4; optim-08 §4.4

/**
 * Octets before the first extension. For the two kinds that carry no
 * extensions (a Binding Warning's targets and an unknown message's body run
 * to the end of the payload) it is the whole message.
 */
export function fixedPartLength(message: MipMessage): number {
  switch (message.kind) {
    case 'registration-request': return REGISTRATION_REQUEST_FIXED_LENGTH;
    case 'registration-reply': return REGISTRATION_REPLY_FIXED_LENGTH;
    case 'binding-warning': return BINDING_WARNING_HEADER_LENGTH + 4 * message.targets.length;
    case 'binding-request': return BINDING_REQUEST_FIXED_LENGTH;
    case 'binding-update':
      return message.identification === null ? BINDING_UPDATE_FIXED_LENGTH_WITHOUT_IDENTIFICATION : BINDING_UPDATE_FIXED_LENGTH;
    case 'binding-acknowledge': return BINDING_ACKNOWLEDGE_FIXED_LENGTH;
    case 'unknown': return 1 + message.body.length;
  }
}
