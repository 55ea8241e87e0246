// The learner's live commands as a node receives them (docs/architecture.md "Runtime"): plain,
// structured-cloneable data, so a worker can receive them and the command log
// can replay them. The runtime turns a LabCommand into one of these
// (runtime/commands/to-engine.ts); each behaviour handles the ones that apply
// to its role and refuses the others with a traced `decision`, never a throw.
//
// Every setting is kept in the node's state and read where it is used, so a
// change takes effect on the very next message the node builds or checks.

import type { HostCommand } from '../../../network/behaviours/host';
import type { InjectedAttack } from '../adversary/adversary-state';

/** A setting the learner can flip on a running node (the same shape as runtime/types.ts NodeSetting). */
export type NodeSettingValue =
  | { readonly setting: 'route-optimization'; readonly value: boolean } // HA, CN, FA: optim-08 §1
  | { readonly setting: 'smooth-handoff'; readonly value: boolean } // MN asks for it, FA offers it (S bit): optim-08 §5
  | { readonly setting: 'encapsulation'; readonly value: 'ip-in-ip' | 'minimal' | 'gre' } // RFC 2002 §3.3, M/G bits
  | { readonly setting: 'auth-algorithm'; readonly value: 'keyed-md5' | 'hmac-md5' } // the node's SAs, RFC 2002 §3.5
  | { readonly setting: 'acknowledging-correspondents'; readonly value: boolean } // HA: BUs with A = 1 and the list they build, optim-08 §7.3
  | { readonly setting: 'previous-fa-forwarding'; readonly value: boolean }; // MN: forward, or "forget me" (home address), Perkins & Johnson §4.2

export type ConfigureCommand = { readonly type: 'configure' } & NodeSettingValue;

export type { InjectedAttack };

export interface InjectCommand {
  readonly type: 'inject';
  readonly attack: InjectedAttack;
}

/** Everything a node may be sent besides the system commands (HostCommand has start-flow, stop-flow and send-udp). */
export type LabNodeCommand = HostCommand | ConfigureCommand | InjectCommand;

export const SETTING_NAMES: Readonly<Record<NodeSettingValue['setting'], string>> = {
  'route-optimization': 'Route Optimization',
  'smooth-handoff': 'smooth handoff',
  encapsulation: 'encapsulation',
  'auth-algorithm': 'authentication algorithm',
  'acknowledging-correspondents': 'list of acknowledging correspondents',
  'previous-fa-forwarding': 'forwarding by the previous foreign agent',
};

/** "on" / "off" for switches, the value itself otherwise. */
export function settingValueText(c: NodeSettingValue): string {
  return typeof c.value === 'boolean' ? (c.value ? 'on' : 'off') : c.value;
}

const LAB_COMMAND_TYPES: readonly string[] = ['configure', 'inject', 'start-flow', 'stop-flow', 'send-udp'];

/** A learner's command, as opposed to the system commands every host sends (start, install-routes, attachment-changed). */
export function isLabCommand(c: { readonly type: string }): c is LabNodeCommand {
  return LAB_COMMAND_TYPES.includes(c.type);
}
