// How a step's action is done in the lab, from its reference actions. An
// attack is a learner command the lab's other controls do not offer: a
// lesson that asks for one ("make Mallory replay the Binding Update she
// overheard") gets a button for it, which sends the step's own command. Any
// other action gets one sentence saying where in the lab it is done.

import type { StepAction } from '../../lessons';
import type { LabCommand } from '../../runtime/types';
import type { SettingName } from '../controls/current-settings';
import { SETTING_TITLES } from '../controls/setting-texts';

type AdversaryCommand = Extract<LabCommand, { type: 'adversary' }>;

const ATTACK_TEXT: Readonly<Record<string, string>> = {
  'forge-binding-update': 'forge a Binding Update',
  'replay-binding-update': 'replay an overheard Binding Update',
  'tamper-binding-update': 'tamper with an overheard Binding Update',
  'forge-registration': 'forge a Registration Request',
  'replay-registration': 'replay an overheard Registration Request',
  'spoof-binding-request': 'spoof a Binding Request',
};

/** The attack in words; a spoofed Binding Request says in whose name, and to whom (Perkins & Johnson §3.2). */
function attackText(action: AdversaryCommand['action']): string {
  const a = action as { readonly kind: string; readonly as?: unknown; readonly to?: unknown };
  if (a.kind === 'spoof-binding-request' && typeof a.as === 'string') {
    return `send ${typeof a.to === 'string' ? a.to : 'the home agent'} a Binding Request in ${a.as}'s name`;
  }
  return ATTACK_TEXT[a.kind] ?? a.kind.replace(/-/g, ' ');
}

export interface AttackButton {
  readonly label: string;
  readonly command: AdversaryCommand;
}

export function attackButtons(actions: readonly StepAction[]): AttackButton[] {
  return actions.flatMap((a) => {
    if (a.command.type !== 'adversary') return [];
    return [{ label: `Make ${a.command.node} ${attackText(a.command.action)}`, command: a.command }];
  });
}

/** Where each kind of command the step asks for is made, one sentence each. */
export function howTo(actions: readonly StepAction[], linkTitle?: (id: string) => string | undefined): string[] {
  const out = new Set<string>();
  for (const { command: c } of actions) {
    if (c.type === 'move') out.add(`Drag ${c.node} on the network with the mouse — or Tab to it and move it with the arrow keys (Shift + arrow for bigger steps).`);
    else if (c.type === 'configure') out.add(`Click ${c.node} on the network, then open the Settings tab on the right: "${SETTING_TITLES[c.setting as SettingName] ?? c.setting}" is there.`);
    else if (c.type === 'set-link') {
      const title = linkTitle?.(c.link); // the page's name for it, never the scenario file's id
      out.add(`Open the Settings tab on the right: under Links, choose ${title === undefined ? 'the link' : `"${title}"`}, give its new delay or loss and apply.`);
    } else if (c.type === 'stop-flow') out.add(`Click ${c.node} on the network, then open the Settings tab on the right: under Traffic flows, press "Stop this flow" next to ${c.flow}.`);
  }
  return [...out];
}
