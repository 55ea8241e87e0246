// What each live setting does on the wire, per role, with its section — the
// line under each control in the settings tab (issue 5 §6).

import type { Role } from '../../scenarios/schema';
import type { SettingName } from './current-settings';

export const SETTING_TITLES: Readonly<Record<SettingName, string>> = {
  'route-optimization': 'Route Optimization',
  'smooth-handoff': 'Smooth handoff',
  encapsulation: 'Encapsulation',
  'auth-algorithm': 'Authentication algorithm',
};

export const ENCAPSULATION_LABELS = { 'ip-in-ip': 'IP in IP (rfc2003)', minimal: 'minimal (rfc2004)', gre: 'GRE (rfc1701)' } as const;
export const ALGORITHM_LABELS = { 'keyed-md5': 'keyed MD5 (prefix + suffix)', 'hmac-md5': 'HMAC-MD5' } as const;

const WIRE: Readonly<Record<SettingName, Partial<Record<Role, string>>>> = {
  'route-optimization': {
    'home-agent': 'On: each datagram it tunnels to a mobile node may make it send the sender an authenticated Binding Update (type 18, UDP 434), so the sender can tunnel directly; off: triangle routing only (optim-08 §6; route-optimization.md §16.1).',
    'foreign-agent': 'On: keeps a binding cache, re-tunnels datagrams for former visitors and sends Binding Warnings to their home agents (route-optimization.md §18.2–§18.4).',
    correspondent: 'On: accepts Binding Updates into its binding cache and tunnels straight to the care-of address; off: a legacy correspondent that ignores them (optim-08 §3, §7.1).',
  },
  'smooth-handoff': {
    'mobile-node': 'On: a Registration Request to a new agent that advertises S carries a Previous Foreign Agent Notification (extension 96) and a registration-key request (optim-08 §5.1; route-optimization.md §11.2, §14.1).',
    'foreign-agent': 'On: its Agent Advertisements set the S bit, offering smooth handoff and registration keys (optim-08 §5.2; route-optimization.md §9.2).',
  },
  encapsulation: {
    'mobile-node': 'Sets M (minimal) or G (GRE) in its Registration Requests — only when the agent advertises it; IP in IP is always available (rfc2002 §3.3; base §6.1).',
    'foreign-agent': 'Sets the M or G bit in its Agent Advertisements: which tunnels it can take apart besides IP in IP (rfc2002 §2.1.1; base §3.3).',
  },
  'auth-algorithm': {
    'mobile-node': 'The authenticator its security associations compute: keyed MD5 over key ‖ message ‖ key (rfc2002 §3.5.1) or HMAC-MD5 (rfc3344; base §8.2). A receiver still on the other algorithm rejects the message (e.g. Code 131 at the home agent).',
    'home-agent': 'The authenticator of its Replies and Binding Updates (rfc2002 §3.5.1; base §8.2). A receiver still on the other algorithm rejects them.',
    'foreign-agent': 'The authenticator of its Mobile-Foreign and Foreign-Home extensions (rfc2002 §3.5.3–§3.5.4; base §8.2).',
    correspondent: 'The algorithm it checks Binding Updates with (optim-08 §4.5; rfc2002 §3.5.1). A mismatch makes it refuse every Binding Update.',
  },
};

export function wireText(setting: SettingName, role: Role): string {
  return WIRE[setting][role] ?? '';
}
