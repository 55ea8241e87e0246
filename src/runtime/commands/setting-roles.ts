// Which node roles each live setting applies to (docs/architecture.md "Runtime"), and why the
// others do not: the runtime refuses an inapplicable `configure` before it
// reaches a node (validate.ts), with the same reasoning the node itself would
// trace if one got through (engine: protocol/nodes/*/configure.ts, common/configure.ts).

import { SETTING_GOVERNS } from '../../engine/protocol/nodes/common/configure';
import type { Role } from '../../scenarios/schema';
import type { LoadedNode } from '../../scenarios/to-topology';
import type { NodeSetting } from '../types';

export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  'mobile-node': 'a mobile node',
  'home-agent': 'a home agent',
  'foreign-agent': 'a foreign agent',
  correspondent: 'a correspondent',
  router: 'a router',
  adversary: 'an adversary',
  'mobile-node-v6': 'an IPv6 mobile node',
  'home-agent-v6': 'an IPv6 home agent',
  'access-router-v6': 'an IPv6 access router',
  'correspondent-v6': 'an IPv6 correspondent',
  'adversary-v6': 'an IPv6 adversary',
};

interface SettingScope {
  readonly roles: readonly Role[];
  /** What the setting governs, with its section: the tail of a refusal (the engine's own words, common/configure.ts). */
  readonly governs: string;
}

const scope = (setting: NodeSetting['setting'], roles: readonly Role[]): SettingScope => ({ roles, governs: `${SETTING_GOVERNS[setting].text} (${SETTING_GOVERNS[setting].ref})` });

export const SETTING_SCOPES: Readonly<Record<NodeSetting['setting'], SettingScope>> = {
  // IPv6 (Perkins & Johnson §10): the mobile node sends its own Binding Updates and asks its previous router to forward (protocol/ipv6/mn/configure-v6.ts); the correspondent processes the Mobility Header or not (protocol/ipv6/cn); the access router serves a previous care-of address or not (protocol/ipv6/ar/configure-ar-v6.ts).
  'route-optimization': scope('route-optimization', ['home-agent', 'foreign-agent', 'correspondent', 'mobile-node-v6', 'correspondent-v6']),
  'smooth-handoff': scope('smooth-handoff', ['mobile-node', 'foreign-agent', 'mobile-node-v6', 'access-router-v6']),
  encapsulation: scope('encapsulation', ['mobile-node', 'foreign-agent', 'correspondent']),
  'auth-algorithm': scope('auth-algorithm', ['mobile-node', 'home-agent', 'foreign-agent', 'correspondent']),
  'acknowledging-correspondents': scope('acknowledging-correspondents', ['home-agent']),
  'previous-fa-forwarding': scope('previous-fa-forwarding', ['mobile-node']),
};

/** Whether the node holds any security association (or, a home agent, a master key for them). */
function hasAssociations(node: LoadedNode): boolean {
  return node.securityAssociations.length > 0 || (node.role === 'home-agent' && node.settings.masterKey !== undefined);
}

/** Null if `setting` applies to `node`; otherwise why not, for the learner. */
export function settingRefusal(node: LoadedNode, setting: NodeSetting['setting']): string | null {
  const scope = SETTING_SCOPES[setting];
  if (!scope.roles.includes(node.role)) return `${setting} does not apply to node "${node.id}", ${ROLE_NAMES[node.role]}: ${scope.governs}`;
  if (setting === 'auth-algorithm' && !hasAssociations(node)) return `auth-algorithm does not apply to node "${node.id}": it shares no security association with anyone (RFC 2002 §3.5)`;
  return null;
}
