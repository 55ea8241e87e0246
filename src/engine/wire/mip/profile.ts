// The two base-protocol profiles (docs/choices.md OC-01). They never change
// the byte layout of a message; they change how two things are *read*: which
// bit of the Registration Request flags is `P` (OC-02), and which bytes an
// authenticator covers (RFC 2002 §3.5.1, OC-11).

export type MipProfile = 'ro98' | 'rfc3344';

export const DEFAULT_PROFILE: MipProfile = 'ro98'; // OC-01
