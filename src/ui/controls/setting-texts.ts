// What each live setting does on the wire, per role, with its section — the
// line under each control in the settings tab (docs/architecture.md "UI").

import type { Role } from '../../scenarios/schema';
import type { SettingName } from './current-settings';

export const SETTING_TITLES: Readonly<Record<SettingName, string>> = {
  'route-optimization': 'Route Optimization',
  'smooth-handoff': 'Smooth handoff',
  encapsulation: 'Encapsulation',
  'auth-algorithm': 'Authentication algorithm',
  'acknowledging-correspondents': 'Acknowledging correspondents',
  'previous-fa-forwarding': 'Previous foreign agent forwards',
};

export const ENCAPSULATION_LABELS = { 'ip-in-ip': 'IP in IP (RFC 2003)', minimal: 'minimal (RFC 2004)', gre: 'GRE (RFC 1701)' } as const;
export const ALGORITHM_LABELS = { 'keyed-md5': 'keyed MD5 (prefix + suffix)', 'hmac-md5': 'HMAC-MD5' } as const;

const WIRE: Readonly<Record<SettingName, Partial<Record<Role, string>>>> = {
  'route-optimization': {
    'home-agent': 'On: each datagram it tunnels to a mobile node may make it send the sender an authenticated Binding Update (type 18, UDP 434), so the sender can tunnel directly; off: triangle routing only (optim-08 §6; Perkins & Johnson §3.3; optim-08 §3.1).',
    'foreign-agent': 'On: accepts Binding Updates from home agents it shares an association with, re-tunnels datagrams for former visitors with a Binding Warning to their home agents, and sends the rest home in special tunnels; off: only a smooth-handoff forwarding entry re-tunnels (still with a Binding Warning) (Perkins & Johnson §3.1, §3.3, §4.3; spectun-00 §3).',
    correspondent: 'On: accepts Binding Updates into its binding cache and tunnels straight to the care-of address; off: a legacy correspondent that ignores them (optim-08 §3, §7.1).',
    'mobile-node-v6': 'On: a datagram from a correspondent that arrives tunnelled by the home agent makes it send that correspondent a Binding Update (Mobility Header type 5, under AH or after return routability), and every move updates the correspondents it has told; off: it tells no correspondent, and their datagrams keep taking the triangle (Perkins & Johnson §10; mipv6-07 §4.4; RFC 6275 §11.7.2).',
    'correspondent-v6': 'On: processes the Mobility Header — keeps a binding cache and sends straight to the care-of address with a type 2 Routing header; off: answers a Binding Update with ICMPv6 Parameter Problem and sends to the home address (Perkins & Johnson §10; RFC 6275 §9.2, §9.3.2).',
  },
  'smooth-handoff': {
    'mobile-node': 'On: a Registration Request to a new agent that advertises S carries a Previous Foreign Agent Notification (extension 96) and a registration-key request (optim-08 §5.1; Perkins & Johnson §4.1, §9.1; regkey-00 §6).',
    'foreign-agent': 'On: its Agent Advertisements set the S bit, offering smooth handoff and registration keys (optim-08 §5.2; Perkins & Johnson §4).',
    'mobile-node-v6': 'On: after a move it sends its previous router a Binding Update (A and H, its previous care-of address in the Home Address option, under AH), so the router tunnels what still arrives there to the new care-of address; off: those datagrams are lost in the cell it left (Perkins & Johnson §10; mipv6-07 §10.8).',
    'access-router-v6': 'On: acts as a home agent for a mobile node\'s previous care-of address — accepts its Binding Update (under AH with a configured association) and tunnels what still arrives there to the new care-of address; off: answers it with status 131, and those datagrams are lost in this cell (Perkins & Johnson §10; mipv6-07 §10.8; RFC 6275 §6.1.8).',
  },
  encapsulation: {
    'mobile-node': 'Sets M (minimal) or G (GRE) in its Registration Requests — only when the agent advertises it; IP in IP is always available (RFC 2002 §3.3).',
    'foreign-agent': 'Sets the M or G bit in its Agent Advertisements: which tunnels it can take apart besides IP in IP (RFC 2002 §2.1.1).',
    correspondent: 'The tunnel it builds to a care-of address: minimal or GRE only where the Binding Update set M or G (the mobile node asked for it and its foreign agent offers it); IP in IP otherwise (RFC 2002 §3.3; optim-08 §4.3).',
  },
  'auth-algorithm': {
    'mobile-node': 'The authenticator its security associations compute: keyed MD5 over key ‖ message ‖ key (RFC 2002 §3.5.1) or HMAC-MD5 (rfc3344; RFC 2002 §3.5.1). A receiver still on the other algorithm rejects the message (e.g. Code 131 at the home agent).',
    'home-agent': 'The authenticator of its Replies and Binding Updates (RFC 2002 §3.5.1). A receiver still on the other algorithm rejects them.',
    'foreign-agent': 'The authenticator of its Mobile-Foreign and Foreign-Home extensions (RFC 2002 §3.5.3–§3.5.4, §3.5.1).',
    correspondent: 'The algorithm it checks Binding Updates with (optim-08 §4.5; RFC 2002 §3.5.1). A mismatch makes it refuse every Binding Update.',
  },
  'acknowledging-correspondents': {
    'home-agent': 'On: its Binding Updates after tunnelling set A; a correspondent that answers with a Binding Acknowledge is listed and gets a fresh Binding Update (A = 1) at every new registration of the mobile node (optim-08 §7.3; Perkins & Johnson §3.4).',
  },
  'previous-fa-forwarding': {
    'mobile-node': 'On: the Previous Foreign Agent Notification (extension 96) names the new care-of address, so the previous foreign agent forwards; off: it carries the home address — the previous foreign agent forgets the mobile node entirely (Perkins & Johnson §4.2).',
  },
};

export function wireText(setting: SettingName, role: Role): string {
  return WIRE[setting][role] ?? '';
}
