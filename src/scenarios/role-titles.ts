// How the lab names each role to a learner, everywhere it shows one (canvas
// labels, node tables, pickers).

import type { Role } from './schema';

export const ROLE_TITLES: Readonly<Record<Role, string>> = {
  'mobile-node': 'mobile node',
  'home-agent': 'home agent',
  'foreign-agent': 'foreign agent',
  correspondent: 'correspondent node',
  router: 'router',
  adversary: 'adversary',
  'mobile-node-v6': 'mobile node (IPv6)',
  'home-agent-v6': 'home agent (IPv6)',
  'access-router-v6': 'access router (IPv6)',
  'correspondent-v6': 'correspondent node (IPv6)',
  'adversary-v6': 'adversary (IPv6)',
};
