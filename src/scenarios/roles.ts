// The node roles a scenario may name (FORMAT.md), apart from the format's schema
// (schema.ts): a node's Web Worker reads roles while it sets its node up, and must
// not load the validator and zod, which only the page needs to check a file.

/** The IPv6 roles of Perkins & Johnson §10 (docs/ipv6.md §2): they speak only IPv6. */
export const IPV6_ROLES = ['mobile-node-v6', 'home-agent-v6', 'access-router-v6', 'correspondent-v6', 'adversary-v6'] as const;
export const ROLES = ['mobile-node', 'home-agent', 'foreign-agent', 'correspondent', 'router', 'adversary', ...IPV6_ROLES] as const;
export type Role = (typeof ROLES)[number];
export type Ipv6Role = (typeof IPV6_ROLES)[number];

export function isIpv6Role(role: Role): role is Ipv6Role {
  return (IPV6_ROLES as readonly Role[]).includes(role);
}
