// The value a live setting has on a node right now (docs/architecture.md "UI"): read from the
// node's state where the state holds it — so a `configure` command the node
// applied shows at once — else from the scenario that configured the node.
// Which settings apply to which role is the runtime's rule
// (runtime/commands/setting-roles.ts), so the UI never offers one the runtime
// would refuse.

import type { NodeSetting } from '../../runtime/types';
import type { LoadedNode } from '../../scenarios/to-topology';

export type SettingName = NodeSetting['setting'];
export type SettingValue = NodeSetting['value'];

export interface CurrentSetting {
  readonly value: SettingValue;
  readonly from: 'node state' | 'scenario';
}

type Loose = Record<string, unknown> | undefined;

const obj = (v: unknown): Loose => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

function encapsulationOf(minimal: unknown, gre: unknown): SettingValue | undefined {
  if (typeof minimal !== 'boolean' || typeof gre !== 'boolean') return undefined;
  return gre ? 'gre' : minimal ? 'minimal' : 'ip-in-ip';
}

function algorithmOf(state: Loose): SettingValue | undefined {
  const config = obj(state?.config);
  const ha = obj(config?.homeAgentAssociation);
  if (typeof ha?.algorithm === 'string') return ha.algorithm as SettingValue;
  const table = obj(state?.associations);
  const first = Object.values(obj(table?.entries) ?? {}).map(obj)[0];
  const algorithm = obj(first?.association)?.algorithm ?? obj(table?.masterKey)?.algorithm;
  return typeof algorithm === 'string' ? (algorithm as SettingValue) : undefined;
}

function fromState(node: LoadedNode, state: unknown, setting: SettingName): SettingValue | undefined {
  const s = obj(state);
  const config = obj(s?.config);
  switch (setting) {
    case 'route-optimization':
      return node.role === 'correspondent' || node.role === 'mobile-node-v6' || node.role === 'correspondent-v6' ? bool(config?.routeOptimization) : bool(obj(config?.routeOptimization)?.enabled);
    case 'smooth-handoff':
      if (node.role === 'mobile-node-v6') return bool(config?.smoothHandoff);
      if (node.role === 'access-router-v6') return bool(config?.acceptsBindings);
      return node.role === 'foreign-agent' ? bool(obj(config?.advertiser)?.smoothHandoff) : bool(obj(config?.smoothHandoff)?.enabled);
    case 'encapsulation': {
      if (node.role === 'mobile-node') return typeof config?.encapsulation === 'string' ? (config.encapsulation as SettingValue) : undefined;
      if (node.role === 'correspondent') return typeof config?.preferredEncapsulation === 'string' ? (config.preferredEncapsulation as SettingValue) : undefined;
      const adv = obj(config?.advertiser);
      return encapsulationOf(adv?.minimalEncapsulation, adv?.gre);
    }
    case 'auth-algorithm':
      return algorithmOf(s);
    case 'acknowledging-correspondents':
      return obj(config?.routeOptimization) === undefined ? undefined : obj(config?.routeOptimization)?.maintainAcknowledgedList === true;
    case 'previous-fa-forwarding':
      return config === undefined ? undefined : config.previousForeignAgentForwarding !== false;
  }
}

function fromScenario(node: LoadedNode, setting: SettingName): SettingValue | undefined {
  switch (setting) {
    case 'route-optimization':
      return node.role === 'home-agent' || node.role === 'foreign-agent' || node.role === 'correspondent' || node.role === 'mobile-node-v6' || node.role === 'correspondent-v6'
        ? node.settings.routeOptimization : undefined;
    case 'smooth-handoff':
      if (node.role === 'mobile-node-v6' || node.role === 'access-router-v6') return node.settings.smoothHandoff;
      // A mobile node follows the S bit unless told otherwise (nodes/mn/keys.ts usesSmoothHandoff).
      return node.role === 'foreign-agent' ? node.settings.smoothHandoff : node.role === 'mobile-node' ? true : undefined;
    case 'encapsulation':
      if (node.role === 'mobile-node' || node.role === 'correspondent') return node.settings.encapsulation;
      return node.role === 'foreign-agent' ? encapsulationOf(node.settings.minimalEncapsulation, node.settings.greEncapsulation) : undefined;
    case 'auth-algorithm':
      return node.securityAssociations[0]?.algorithm;
    case 'acknowledging-correspondents':
      return node.role === 'home-agent' ? node.settings.listAcknowledgingCorrespondents : undefined;
    case 'previous-fa-forwarding':
      return node.role === 'mobile-node' ? node.settings.previousForeignAgentForwarding : undefined;
  }
}

export function currentSetting(node: LoadedNode, state: unknown, setting: SettingName): CurrentSetting | null {
  const live = fromState(node, state, setting);
  if (live !== undefined) return { value: live, from: 'node state' };
  const configured = fromScenario(node, setting);
  return configured === undefined ? null : { value: configured, from: 'scenario' };
}
