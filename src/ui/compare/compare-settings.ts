// The one setting the two sides of a comparison differ in (docs/architecture.md "UI"). Each is
// a live setting of the settings model (runtime/commands/setting-roles.ts),
// applied to every node of the named roles that supports it, by the same
// `configure` command the settings tab sends — given at virtual time 0, so
// each side is the same run a learner would get by flipping the setting
// before pressing play. A choice whose nodes the scenario lacks is not offered.

import { settingRefusal } from '../../runtime/commands/setting-roles';
import type { CommandLogEntry, LabCommand, NodeSetting } from '../../runtime/types';
import type { Role } from '../../scenarios/schema';
import type { LoadedScenario } from '../../scenarios/to-topology';
import { ALGORITHM_LABELS, ENCAPSULATION_LABELS } from '../controls/setting-texts';

export type CompareSettingId = 'ro-home-agent' | 'ro-correspondent' | 'ro-mobile-node' | 'smooth-handoff' | 'encapsulation' | 'auth-algorithm';

export interface CompareValue {
  /** As written in the page address. */
  readonly id: string;
  readonly value: NodeSetting['value'];
  readonly label: string;
}

export interface CompareSetting {
  readonly id: CompareSettingId;
  readonly setting: NodeSetting['setting'];
  /** The roles whose nodes are configured. */
  readonly roles: readonly Role[];
  readonly title: string;
  /** Where the behaviour is specified, for the learner. */
  readonly cites: string;
  readonly values: readonly CompareValue[];
  /** Left and right when the address names no values. */
  readonly defaults: readonly [string, string];
  /** "Route Optimization off at the home agent": one side, in words. */
  describe(value: CompareValue): string;
}

const OFF_ON: readonly CompareValue[] = [{ id: 'off', value: false, label: 'off' }, { id: 'on', value: true, label: 'on' }];

export const COMPARE_SETTINGS: readonly CompareSetting[] = [
  {
    id: 'ro-home-agent', setting: 'route-optimization', roles: ['home-agent'], title: 'Route Optimization at the home agent',
    cites: 'Perkins & Johnson §3.3; optim-08 §6', values: OFF_ON, defaults: ['off', 'on'],
    describe: (v) => `Route Optimization ${v.label} at the home agent`,
  },
  {
    id: 'ro-correspondent', setting: 'route-optimization', roles: ['correspondent', 'correspondent-v6'], title: 'Route Optimization at the correspondent',
    cites: 'optim-08 §3, §7.1; in IPv6 RFC 6275 §9.2', values: OFF_ON, defaults: ['off', 'on'],
    describe: (v) => `Route Optimization ${v.label} at the correspondent`,
  },
  {
    // In IPv6 the mobile node sends its own Binding Updates (Perkins & Johnson §10): its switch is the one that decides.
    id: 'ro-mobile-node', setting: 'route-optimization', roles: ['mobile-node-v6'], title: 'Route Optimization at the mobile node',
    cites: 'Perkins & Johnson §10; mipv6-07 §4.4', values: OFF_ON, defaults: ['off', 'on'],
    describe: (v) => `Route Optimization ${v.label} at the mobile node`,
  },
  {
    id: 'smooth-handoff', setting: 'smooth-handoff', roles: ['foreign-agent', 'mobile-node', 'mobile-node-v6', 'access-router-v6'], title: 'Smooth handoff',
    cites: 'Perkins & Johnson §4; optim-08 §5; in IPv6 mipv6-07 §10.8', values: OFF_ON, defaults: ['off', 'on'],
    describe: (v) => `smooth handoff ${v.label}`,
  },
  {
    id: 'encapsulation', setting: 'encapsulation', roles: ['mobile-node', 'foreign-agent', 'correspondent'], title: 'Encapsulation',
    cites: 'RFC 2002 §3.3; optim-08 §4.3',
    values: (Object.keys(ENCAPSULATION_LABELS) as (keyof typeof ENCAPSULATION_LABELS)[]).map((k) => ({ id: k, value: k, label: ENCAPSULATION_LABELS[k] })),
    defaults: ['ip-in-ip', 'minimal'],
    describe: (v) => `${v.label} encapsulation`,
  },
  {
    id: 'auth-algorithm', setting: 'auth-algorithm', roles: ['mobile-node', 'home-agent', 'foreign-agent', 'correspondent'], title: 'Authentication algorithm',
    cites: 'RFC 2002 §3.5.1',
    values: (Object.keys(ALGORITHM_LABELS) as (keyof typeof ALGORITHM_LABELS)[]).map((k) => ({ id: k, value: k, label: ALGORITHM_LABELS[k] })),
    defaults: ['keyed-md5', 'hmac-md5'],
    describe: (v) => `authentication with ${v.label}`,
  },
];

export function compareSetting(id: string): CompareSetting | undefined {
  return COMPARE_SETTINGS.find((s) => s.id === id);
}

/** The nodes a choice configures in `loaded`: those of its roles the setting applies to. */
export function configuredNodes(loaded: LoadedScenario, choice: CompareSetting): readonly string[] {
  return loaded.nodes.filter((n) => choice.roles.includes(n.role) && settingRefusal(n, choice.setting) === null).map((n) => n.id);
}

/** The choices `loaded` supports: a node of the first role the choice names is there (the one that decides it). */
export function applicableSettings(loaded: LoadedScenario): readonly CompareSetting[] {
  return COMPARE_SETTINGS.filter((choice) => {
    const nodes = configuredNodes(loaded, choice);
    // IPv4: the agent offers it (S bit); IPv6: the mobile node decides whether to ask its previous router (mipv6-07 §10.8).
    if (choice.id === 'smooth-handoff') return loaded.nodes.some((n) => (n.role === 'foreign-agent' || n.role === 'mobile-node-v6') && nodes.includes(n.id));
    return nodes.length > 0;
  });
}

/** One side's command log: the setting given to every configured node at time 0. */
export function sideCommandLog(loaded: LoadedScenario, choice: CompareSetting, value: CompareValue): CommandLogEntry[] {
  return configuredNodes(loaded, choice).map((node) => ({ at: 0, command: { type: 'configure', node, setting: choice.setting, value: value.value } as LabCommand }));
}
