// A node's state arrives as `unknown` (runtime/types.ts NodeView: plain data,
// shape per role). The scenario says the role; a light check of the fields
// the panels read turns it into the engine's own type, so the tables render
// exactly what the node holds — and a state of another shape is reported in
// words instead of breaking the panel.

import type { AdversaryState } from '../../engine/protocol/nodes/adversary/adversary-state';
import type { CorrespondentNodeState } from '../../engine/protocol/nodes/cn/correspondent-state';
import type { ForeignAgentState } from '../../engine/protocol/nodes/fa/foreign-agent-state';
import type { HomeAgentState } from '../../engine/protocol/nodes/ha/home-agent-state';
import type { MobileNodeState } from '../../engine/protocol/nodes/mn/mobile-node-state';
import type { ForwardingTable } from '../../engine/node/route-table';
import type { BindingAgentState } from '../../engine/protocol/ipv6/common/binding-agent-state';
import type { CorrespondentV6State } from '../../engine/protocol/ipv6/cn/correspondent-v6-state';
import type { AdversaryV6State } from '../../engine/protocol/ipv6/adversary/adversary-v6-state';
import type { MobileNodeV6State } from '../../engine/protocol/ipv6/mn/mobile-node-v6-state';
import type { Role } from '../../scenarios/schema';
import { ROLE_TITLES } from '../../scenarios/role-titles';

export type RoleState =
  | { readonly role: 'home-agent'; readonly state: HomeAgentState }
  | { readonly role: 'foreign-agent'; readonly state: ForeignAgentState }
  | { readonly role: 'correspondent'; readonly state: CorrespondentNodeState }
  | { readonly role: 'mobile-node'; readonly state: MobileNodeState }
  | { readonly role: 'router'; readonly state: { readonly table: ForwardingTable } }
  | { readonly role: 'adversary'; readonly state: AdversaryState }
  | { readonly role: 'home-agent-v6' | 'access-router-v6'; readonly state: BindingAgentState }
  | { readonly role: 'correspondent-v6'; readonly state: CorrespondentV6State }
  | { readonly role: 'adversary-v6'; readonly state: AdversaryV6State }
  | { readonly role: 'mobile-node-v6'; readonly state: MobileNodeV6State }
  | { readonly role: 'unreadable'; readonly reason: string };

/** The fields each role's panels read. */
const EXPECTED: Readonly<Record<Role, readonly string[]>> = {
  'home-agent': ['config', 'associations', 'bindings', 'replay', 'routeOptimization'],
  'foreign-agent': ['config', 'associations', 'visitors', 'bindingCache', 'bindingWarningLimiter', 'keyExchanges'],
  correspondent: ['config', 'ro', 'associations'],
  'mobile-node': ['config', 'registration', 'pending', 'pendingBindingUpdates', 'foreignAgentKeys', 'listener'],
  router: ['table'],
  adversary: ['overheard', 'config'],
  'mobile-node-v6': ['config', 'attachment', 'previous', 'home', 'bindingUpdateList', 'returnRoutability', 'ahSequence', 'noMobilitySupport'],
  'home-agent-v6': ['config', 'core', 'bindings', 'ah'],
  'access-router-v6': ['config', 'core', 'bindings', 'ah'],
  'correspondent-v6': ['config', 'cache', 'nonces', 'refused', 'ah'],
  'adversary-v6': ['config', 'overheard', 'overheardCount'],
};

export { ROLE_TITLES };

export function roleState(role: Role, state: unknown): RoleState {
  if (typeof state !== 'object' || state === null) return { role: 'unreadable', reason: 'the node reported no state yet' };
  const missing = EXPECTED[role].filter((k) => !(k in state));
  if (missing.length > 0) return { role: 'unreadable', reason: `the ${ROLE_TITLES[role]}'s state has no ${missing.join(', ')}` };
  return { role, state } as RoleState;
}
