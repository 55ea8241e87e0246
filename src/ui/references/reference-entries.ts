// The References page's content: every document and section the lab cites
// (in trace reasons, the inspector's field references, the banner, scenario
// texts), each with one line in our own words saying what it is about — as the
// lab uses it. A test (references.test.ts) collects every citation in the code
// and fails when one has no entry here.
//
// Section numbers of RFC 2002, 2003 and 2004 follow their last Internet-Draft
// versions, the texts published as those RFCs (see docs/references.md).

import { sectionOf, type DocumentKey } from './citations';
import { IPV6_GROUPS } from './reference-entries-ipv6';

export interface SectionEntry {
  /** "3.3", "A", or a range "6–8". */
  readonly section: string;
  readonly summary: string;
}

export interface DocumentEntry {
  readonly key: DocumentKey;
  /** How the lab cites it: "Perkins & Johnson", "RFC 2002", "optim-08". */
  readonly name: string;
  readonly title: string;
  readonly summary: string;
  readonly sections: readonly SectionEntry[];
}

export interface ReferenceGroup {
  readonly heading: string;
  readonly documents: readonly DocumentEntry[];
}

const s = (section: string, summary: string): SectionEntry => ({ section, summary });

const PAPER: DocumentEntry = {
  key: 'perkins-johnson',
  name: 'Perkins & Johnson',
  title: 'Charles E. Perkins and David B. Johnson, "Route Optimization for Mobile IP", Cluster Computing 1(2), 1998',
  summary: 'The paper this lab is built on: how correspondents can learn where a mobile node is and send to it directly, and how handoffs can lose fewer datagrams.',
  sections: [
    s('2', 'Base Mobile IP and triangle routing: the home agent intercepts datagrams for a mobile node away from home and tunnels them to its care-of address, so traffic detours through the home network.'),
    s('3', 'Route optimization: a correspondent keeps a binding cache (home address → care-of address, with a lifetime) and tunnels its datagrams straight to the care-of address.'),
    s('3.1', 'Binding Warning: a node that sees datagrams tunnelled to an out-of-date location asks the home agent to send the sender a fresh Binding Update.'),
    s('3.2', 'Binding Request: a node whose cache entry is about to expire, and still in use, asks the home agent for a new Binding Update.'),
    s('3.3', 'Binding Update: the home agent tells a node the current care-of address and how long to keep it; authenticated, protected against replay by its Identification, and rate-limited.'),
    s('3.4', 'Binding Acknowledge: a node that received a Binding Update asking for one (A bit) confirms it, or says why it refused it.'),
    s('3.5', 'Route Optimization Authentication extension: every Binding Update and Binding Acknowledge carries an authenticator computed with a key the two nodes share.'),
    s('3.6', 'Private bindings: a mobile node can ask (P bit) that its care-of address never be disclosed to correspondents.'),
    s('4', 'Foreign agent smooth handoff: after a move, the previous foreign agent forwards datagrams still reaching it to the new care-of address instead of losing them.'),
    s('4.1', 'The Previous Foreign Agent Notification: the new foreign agent sends the previous one a Binding Update for the mobile node, which the mobile node retransmits until it is acknowledged.'),
    s('4.2', 'Returning home, or asking not to be forwarded: the previous foreign agent is told to drop its entry, and correspondents are told the mobile node is home.'),
    s('4.3', 'Special tunnels: a foreign agent that gets a tunnelled datagram for a mobile node it does not know sends it back to the home agent, which then corrects the sender\'s binding.'),
    s('5', 'Security associations for route optimization, and the home agent\'s master key from which it derives one key per correspondent.'),
    s('6–8', 'The ways a mobile node and a foreign agent can come to share a registration key: an existing association, the home agent as key distributor, either side\'s public key, or Diffie-Hellman.'),
    s('9', 'The key-establishment algorithms: which method each node tries, in which order.'),
    s('9.1', 'The mobile node\'s steps: which key requests go into its Registration Request, and how it takes the key from the Reply.'),
    s('9.2', 'The foreign agent\'s steps: which key extensions it adds when relaying the Request, and how it takes the key from the Reply.'),
    s('9.3', 'The home agent\'s steps: when it acts as key distributor in an accepting Registration Reply.'),
    s('10', 'The same ideas in IPv6 mobility.'),
  ],
};

const RFC2002: DocumentEntry = {
  key: 'rfc-2002',
  name: 'RFC 2002',
  title: 'IP Mobility Support (C. Perkins, ed., October 1996)',
  summary: 'Base Mobile IP: agent discovery, registration with the home agent, tunnelling to the care-of address.',
  sections: [
    s('1.5', 'The roles: mobile node, home agent, foreign agent; a mobile node keeps using its home address wherever it is.'),
    s('1.6', 'Terms, among them the mobility security association and its SPI; SPIs 0 to 255 are reserved.'),
    s('1.9', 'Mobile IP messages travel over UDP port 434 and carry type-length-value extensions; an unknown extension of type 0–127 makes the receiver discard the message.'),
    s('2', 'Agent discovery: how a mobile node learns which agents are on its link.'),
    s('2.1', 'Agent Advertisement: an ICMP Router Advertisement with a Mobility Agent Advertisement extension, multicast to all systems.'),
    s('2.1.1', 'The Mobility Agent Advertisement extension: sequence number, registration lifetime, the R B H F M G V flags and the care-of addresses offered.'),
    s('2.1.2', 'The Prefix-Lengths extension: the network prefix of each advertised address, used to detect a move.'),
    s('2.1.3', 'The one-octet padding extension that makes an advertisement\'s length even.'),
    s('2.2', 'Agent Solicitation: a mobile node that hears no agent asks for an advertisement.'),
    s('2.3', 'How agents advertise: periodically, or only when solicited.'),
    s('2.3.2', 'Advertisement sequence numbers: 0 after a reboot, and after 65535 they wrap to 256, never back to 0.'),
    s('2.4', 'The mobile node\'s side of agent discovery: the agents it has heard, and soliciting while it hears none.'),
    s('2.4.2', 'Move detection: how a mobile node decides it has moved (including hints from its link layer).'),
    s('2.4.2.1', 'Move detection by lifetime: the current agent\'s advertisements stopped before their lifetime ran out.'),
    s('2.4.2.2', 'Move detection by network prefix: a new agent advertises a prefix the current one does not have.'),
    s('2.4.3', 'Returning home: the mobile node recognises its home agent\'s advertisement and deregisters.'),
    s('2.4.4', 'A sequence number that drops below 256 means the agent rebooted: the mobile node registers again.'),
    s('3', 'Registration: the mobile node tells its home agent its care-of address, usually through a foreign agent.'),
    s('3.1', 'The registration exchange: a Request and a Reply over UDP, relayed by the foreign agent.'),
    s('3.3', 'The Registration Request: flags (S B D M G V), lifetime, home address, home agent, care-of address, Identification.'),
    s('3.4', 'The Registration Reply: a Code (accepted, or why not), the granted lifetime and the Identification.'),
    s('3.5', 'Registration extensions, above all the authentication extensions.'),
    s('3.5.1', 'How an authenticator is computed: keyed MD5 over the message and the extensions before it; the SPI names the security association.'),
    s('3.5.2', 'The Mobile-Home authentication extension, required between mobile node and home agent.'),
    s('3.5.3', 'The Mobile-Foreign authentication extension, between mobile node and foreign agent.'),
    s('3.5.4', 'The Foreign-Home authentication extension, between foreign agent and home agent.'),
    s('3.5.2–3.5.4', 'The three authentication extensions of a registration: Mobile-Home, Mobile-Foreign and Foreign-Home.'),
    s('3.5.3–3.5.4', 'The authentication extensions that involve the foreign agent: Mobile-Foreign and Foreign-Home.'),
    s('3.6', 'The mobile node\'s registration duties, including registering no more than about once a second.'),
    s('3.6.1', 'Sending a Registration Request.'),
    s('3.6.1.2', 'The fields a mobile node puts in its Request (any UDP source port, lifetime, Identification).'),
    s('3.6.1.3', 'The order of extensions in a Request: the Mobile-Home authentication first, then those for the foreign agent.'),
    s('3.6.2', 'Receiving a Registration Reply.'),
    s('3.6.2.1', 'Replies that fail a check (checksum, Identification, authenticator) are silently discarded.'),
    s('3.6.2.2', 'What the mobile node does when the home agent reports a failed authentication or a mismatched Identification.'),
    s('3.6.2.3', 'What the mobile node does when its registration is denied.'),
    s('3.6.3', 'Retransmitting a Request that got no Reply, with growing timeouts.'),
    s('3.7', 'The foreign agent\'s part in registration.'),
    s('3.7.1', 'The visitor list: each visiting mobile node\'s home address, link-layer address, home agent and remaining lifetime.'),
    s('3.7.2', 'Receiving a Registration Request: check it, then relay it to the home agent or deny it.'),
    s('3.7.2.1', 'The checks a foreign agent makes before relaying a Request.'),
    s('3.7.2.2', 'Relaying a valid Request to the home agent.'),
    s('3.7.2.3', 'Denying a Request with a Reply whose Code gives the reason.'),
    s('3.7.3', 'Receiving a Registration Reply from the home agent.'),
    s('3.7.3.1', 'The checks on a Reply before the foreign agent relays it.'),
    s('3.7.3.2', 'Relaying the Reply to the mobile node, and updating the visitor list.'),
    s('3.8', 'The home agent\'s part in registration.'),
    s('3.8.1', 'The mobility binding list: home address, care-of address, Identification and remaining lifetime of each mobile node.'),
    s('3.8.2', 'Receiving a Registration Request at the home agent.'),
    s('3.8.2.1', 'The home agent\'s checks on a Request, authentication and replay protection among them.'),
    s('3.8.2.2', 'Accepting a Request: the binding is added, replaced or removed, and the home agent intercepts for the mobile node while it is away.'),
    s('3.8.2.3', 'Denying a Request with a Code that says why.'),
    s('3.8.3', 'Sending the Registration Reply.'),
    s('3.8.3.3', 'The order of extensions in a Reply.'),
    s('4', 'Routing: how datagrams reach a mobile node away from home, and how it sends its own.'),
    s('4.1', 'The encapsulations a home agent may use: IP in IP always; minimal encapsulation and GRE when the mobile node asked for them (M, G).'),
    s('4.2', 'Unicast datagrams to and from a mobile node.'),
    s('4.2.1', 'The mobile node\'s own datagrams: sent with its home address as source, usually through the foreign agent as its router — no tunnel needed on the way out.'),
    s('4.2.2', 'The foreign agent decapsulates tunnelled datagrams and delivers them on its link to the visiting mobile node.'),
    s('4.2.3', 'The home agent intercepts datagrams for a mobile node away from home and tunnels them to its care-of address (triangle routing).'),
    s('4.3', 'Broadcast datagrams, which a home agent forwards only if the mobile node asked for them (B).'),
    s('4.6', 'ARP, proxy ARP and gratuitous ARP on the home network.'),
    s('5', 'Security: authentication of registrations, key management, and protection against replayed messages.'),
    s('5.6', 'Replay protection for registrations: the Identification field, as a timestamp or a nonce.'),
    s('5.6.1', 'Replay protection with timestamps: the Identification must be close to the receiver\'s clock.'),
    s('5.6.2', 'Replay protection with nonces: each side proves it saw the other\'s latest random number.'),
    s('D.3', 'Worked example: a mobile node returning home deregisters with its home agent.'),
  ],
};

const RFC3344: DocumentEntry = {
  key: 'rfc-3344',
  name: 'RFC 3344',
  title: 'IP Mobility Support for IPv4 (C. Perkins, ed., August 2002)',
  summary: 'The later base protocol; the lab\'s optional "rfc3344" profile uses its HMAC-MD5 authenticator (the SPI covered) and its flag layout.',
  sections: [
    s('3.3', 'The Registration Request in its RFC 3344 form, with the reverse-tunnelling (T) flag.'),
    s('3.5.1', 'Authenticators computed with HMAC-MD5, covering the SPI.'),
  ],
};

const OPTIM08: DocumentEntry = {
  key: 'optim-08',
  name: 'optim-08',
  title: 'draft-ietf-mobileip-optim-08, Route Optimization in Mobile IP (25 February 1999)',
  summary: 'The Internet-Draft that turns the paper into message formats and processing rules; the lab\'s main source for the four Route Optimization messages.',
  sections: [
    s('1', 'What route optimization adds to Mobile IP, and that a correspondent without it keeps working as before.'),
    s('2', 'Terms; SPIs below 256 are reserved.'),
    s('3', 'Binding caches: who keeps them and how entries are made, used and removed.'),
    s('3.1', 'When a home agent sends Binding Updates, and how a binding-cache holder tunnels straight to the care-of address.'),
    s('3.2', 'Foreign agent smooth handoff: the previous foreign agent keeps a binding so it can forward to the new care-of address.'),
    s('4', 'The Route Optimization message formats, all on UDP port 434.'),
    s('4.1', 'The Binding Warning message (type 16).'),
    s('4.2', 'The Binding Request message (type 17).'),
    s('4.3', 'The Binding Update message (type 18): flags, lifetime, addresses and the Identification that guards against replay.'),
    s('4.4', 'The Binding Acknowledge message (type 19) and its Status values.'),
    s('4.5', 'The Route Optimization Authentication extension (type 35).'),
    s('4.6', 'The private (P) bit in a Registration Request.'),
    s('5', 'Changes to registration for smooth handoff.'),
    s('5.1', 'The Previous Foreign Agent Notification extension (type 96).'),
    s('5.2', 'The S bit: a foreign agent advertises that it supports smooth handoff and registration keys.'),
    s('6', 'The Binding Warning extension a mobile node can put in its Registration Request.'),
    s('7', 'The home agent\'s Route Optimization rules.'),
    s('7.1', 'The home agent\'s rules: sending Binding Updates, rate-limited.'),
    s('7.3', 'A home agent may keep a list of correspondents that asked for acknowledgements.'),
    s('8', 'The foreign agent\'s Route Optimization rules.'),
    s('8.1', 'The previous foreign agent receiving a Binding Update: it forwards, acknowledges, or deletes its visitor entry.'),
    s('8.2', 'A foreign agent re-tunnels datagrams for a mobile node that has left, from its binding cache.'),
    s('8.3', 'A foreign agent sends Binding Warnings, rate-limited.'),
    s('A', 'Deriving per-correspondent keys from the home agent\'s master key.'),
  ],
};

const OPTIM07: DocumentEntry = {
  key: 'optim-07',
  name: 'optim-07',
  title: 'draft-ietf-mobileip-optim-07 (20 November 1997)',
  summary: 'The version before optim-08; the Binding Acknowledge got its Status octet here, and key establishment and special tunnels moved to the companion drafts.',
  sections: [],
};

const OPTIM06: DocumentEntry = {
  key: 'optim-06',
  name: 'optim-06',
  title: 'draft-ietf-mobileip-optim-06 (29 July 1997)',
  summary: 'The one-document design closest to the paper: route optimization, smooth handoff, registration keys and special tunnels together.',
  sections: [
    s('3.3.1', 'Carrying a registration key encrypted with MD5 under a shared secret.'),
    s('3.4', 'Diffie-Hellman between mobile node and foreign agent, to agree on a registration key.'),
    s('9', 'The mobile node\'s key-establishment algorithm.'),
    s('10.2', 'The home agent choosing how to supply a registration key.'),
    s('10.4', 'The home agent building the key-reply extensions of its Registration Reply.'),
    s('11.1', 'The previous foreign agent receiving the Binding Update of a smooth handoff.'),
    s('11.2', 'The previous foreign agent acknowledging that Binding Update.'),
    s('11.1–11.2', 'The previous foreign agent\'s side of a smooth handoff.'),
    s('11.4', 'The foreign agent\'s key-establishment algorithm.'),
  ],
};

const OPTIM05: DocumentEntry = {
  key: 'optim-05',
  name: 'optim-05',
  title: 'draft-ietf-mobileip-optim-05 (26 November 1996)',
  summary: 'An older version, cited for history.',
  sections: [s('2', 'A datagram that arrives in a special tunnel must not be re-tunnelled from the binding cache.')],
};

const OPTIM11: DocumentEntry = {
  key: 'optim-11',
  name: 'optim-11',
  title: 'draft-ietf-mobileip-optim-11 (6 September 2001)',
  summary: 'A later version; the lab borrows only the Binding Warning extension\'s type number from it.',
  sections: [s('6.3', 'The Binding Warning extension and its type number.')],
};

const REGKEY00: DocumentEntry = {
  key: 'regkey-00',
  name: 'regkey-00',
  title: 'draft-ietf-mobileip-regkey-00, Registration Keys for Route Optimization (20 November 1997)',
  summary: 'How a mobile node and a foreign agent come to share a registration key, and the extensions (113–116, 120–125) that carry it.',
  sections: [
    s('3', 'Registration keys and their encodings.'),
    s('3.1', 'Encrypting a key with MD5 under a secret the two ends already share.'),
    s('3.3', 'Diffie-Hellman: the key is derived from the shared secret both sides compute.'),
    s('4', 'The extensions that ask for a key.'),
    s('4.1', 'The Foreign Agent Key Request extension (113).'),
    s('4.2', 'The Mobile Node Public Key extension (114).'),
    s('4.3', 'The Foreign Agent Public Key extension (115).'),
    s('4.4', 'The Diffie-Hellman Key Request extension (116).'),
    s('4–5', 'The key request and key reply extensions.'),
    s('5', 'The extensions that deliver a key.'),
    s('5.1', 'The Home-Mobile Key Reply extension (120).'),
    s('5.2', 'The Foreign Agent Key Reply extension (121).'),
    s('5.3', 'The Mobile Node Public Key Reply extension (122).'),
    s('5.4', 'The Foreign Agent Public Key Reply extension (123).'),
    s('5.5', 'The Diffie-Hellman Key Reply extension (124).'),
    s('5.6', 'The SPI extension (125), naming the security association for the new key.'),
    s('6', 'The mobile node\'s algorithm for asking for a key.'),
    s('7.1', 'The home agent\'s algorithm when it accepts a registration.'),
    s('7.2', 'The home agent distributing a key it generated.'),
    s('8.1', 'The foreign agent\'s algorithm when relaying the Request.'),
  ],
};

const SPECTUN00: DocumentEntry = {
  key: 'spectun-00',
  name: 'spectun-00',
  title: 'draft-ietf-mobileip-spectun-00, Special Tunnels for Mobile IP (20 November 1997)',
  summary: 'What a foreign agent does with a tunnelled datagram for a mobile node it does not know.',
  sections: [
    s('3', 'Special tunnels: the foreign agent tunnels such a datagram to the home agent, marked so it is not sent back again.'),
    s('3.1', 'The home agent receiving a special tunnel: it forwards the datagram and sends the original sender a Binding Update.'),
    s('3.2', 'The foreign agent sending a special tunnel.'),
  ],
};

const doc = (key: string, name: string, title: string, summary: string, sections: SectionEntry[] = []): DocumentEntry => ({ key, name, title, summary, sections });

const TUNNELS: readonly DocumentEntry[] = [
  doc('rfc-2003', 'RFC 2003', 'IP Encapsulation within IP (October 1996)', 'IP in IP: a whole datagram carried inside another with a new outer header.', [
    s('3', 'How a datagram is encapsulated.'),
    s('3.1', 'The outer header\'s fields, and the inner TTL left unchanged.'),
    s('3.2', 'Never tunnel a datagram back into the tunnel it came from (loops).'),
    s('4', 'ICMP messages that come back from inside a tunnel.'),
    s('5', 'Tunnel soft state and MTU.'),
  ]),
  doc('rfc-2004', 'RFC 2004', 'Minimal Encapsulation within IP (October 1996)', 'A smaller tunnel header that rewrites the original one.', [
    s('3', 'The minimal forwarding header and how it is added and removed.'),
  ]),
  doc('rfc-1701', 'RFC 1701', 'Generic Routing Encapsulation (October 1994)', 'GRE, a general tunnel header.', [s('2', 'The GRE header.')]),
  doc('rfc-1702', 'RFC 1702', 'Generic Routing Encapsulation over IPv4 networks (October 1994)', 'Carrying GRE in IPv4 (protocol 47).'),
  doc('rfc-2784', 'RFC 2784', 'Generic Routing Encapsulation (March 2000)', 'The later GRE; the lab follows its rules for reserved bits.', [s('3', 'The protocol type of the carried datagram (0x0800 for IPv4).')]),
];

const INTERNET: readonly DocumentEntry[] = [
  doc('rfc-1256', 'RFC 1256', 'ICMP Router Discovery Messages (September 1991)', 'Router Advertisement and Solicitation, which Mobile IP agent discovery extends.', [
    s('3', 'The message formats.'),
    s('4', 'What routers send, and when.'),
    s('5', 'What hosts send, and when.'),
  ]),
  doc('rfc-791', 'RFC 791', 'Internet Protocol (September 1981)', 'IPv4, the Internet Protocol: addresses, forwarding, the header every datagram carries.', [s('3.1', 'The IPv4 header: addresses, TTL, protocol, checksum.')]),
  doc('rfc-768', 'RFC 768', 'User Datagram Protocol (August 1980)', 'UDP, which carries Mobile IP messages and the lab\'s traffic flows.'),
  doc('rfc-792', 'RFC 792', 'Internet Control Message Protocol (September 1981)', 'ICMP, including the errors a router sends back.'),
  doc('rfc-826', 'RFC 826', 'An Ethernet Address Resolution Protocol (November 1982)', 'ARP: finding a neighbour\'s link-layer address.'),
  doc('rfc-1112', 'RFC 1112', 'Host Extensions for IP Multicasting (August 1989)', 'Multicast addresses, such as the all-systems group agents advertise to.'),
  doc('rfc-1122', 'RFC 1122', 'Requirements for Internet Hosts (October 1989)', 'What every host must do.', [
    s('3.2.2', 'When a host sends ICMP errors, and when it must not.'),
    s('3.2.2.1', 'Destination Unreachable for a protocol the host does not handle.'),
    s('3.3.1', 'How a host routes its own datagrams; a host does not forward others\'.'),
  ]),
  doc('rfc-1812', 'RFC 1812', 'Requirements for IP Version 4 Routers (June 1995)', 'What every router must do.', [
    s('4.3.2.7', 'When a router must not send an ICMP error.'),
    s('5.2.7.1', 'Destination Unreachable when a router has no route or cannot deliver.'),
  ]),
];

const CRYPTO: readonly DocumentEntry[] = [
  doc('rfc-1750', 'RFC 1750', 'Randomness Recommendations for Security (December 1994)', 'Keys must come from good random numbers.'),
  doc('rfc-2409', 'RFC 2409', 'The Internet Key Exchange (November 1998)', 'The source of the Diffie-Hellman groups the lab uses.', [
    s('6.1', 'The 768-bit MODP group (Oakley group 1).'),
    s('6.2', 'The 1024-bit MODP group (Oakley group 2).'),
  ]),
  doc('rfc-3526', 'RFC 3526', 'More MODP Diffie-Hellman groups (May 2003)', 'How the MODP primes are built.'),
  doc('rfc-3279', 'RFC 3279', 'Algorithms and Identifiers for the Internet X.509 PKI (April 2002)', 'How an RSA public key is written.', [s('2.3.1', 'The RSA public key structure.')]),
  doc('rfc-8017', 'RFC 8017', 'PKCS #1: RSA Cryptography Specifications v2.2 (November 2016)', 'RSA-OAEP, used to encrypt a registration key to a public key.', [s('A.1.1', 'The RSA public key syntax.')]),
  doc('rfc-4330', 'RFC 4330', 'Simple Network Time Protocol (January 2006)', 'The NTP timestamp format used in Identification fields.'),
];

export const REFERENCE_GROUPS: readonly ReferenceGroup[] = [
  { heading: 'The paper', documents: [PAPER] },
  { heading: 'Base Mobile IP', documents: [RFC2002, RFC3344] },
  { heading: 'Internet-Drafts on route optimization', documents: [OPTIM08, OPTIM07, OPTIM06, OPTIM05, OPTIM11, REGKEY00, SPECTUN00] },
  { heading: 'Tunnels', documents: TUNNELS },
  { heading: 'Internet protocols the lab runs on', documents: INTERNET },
  { heading: 'Keys and cryptography', documents: CRYPTO },
  ...IPV6_GROUPS,
];

const byKey = new Map(REFERENCE_GROUPS.flatMap((g) => g.documents).map((d) => [d.key, d] as const));

export function documentEntry(key: DocumentKey): DocumentEntry | undefined {
  return byKey.get(key);
}

export function sectionEntry(key: DocumentKey, section: string): SectionEntry | undefined {
  return byKey.get(key)?.sections.find((e) => e.section === section);
}

/** The entry for a section: its own, else a range entry that holds it ("§7" → "§6–§8"). */
export function coveringEntry(key: DocumentKey, section: string): SectionEntry | undefined {
  const own = sectionEntry(key, section);
  if (own !== undefined) return own;
  return byKey.get(key)?.sections.find((e) => sectionOf(`§${e.section.replace('–', '–§')}`)?.range?.includes(section) === true);
}
