// A learner's command in words, for the command log (runtime/types.ts
// LabCommand): the log is what a shared run replays, so it should read as a
// list of what the learner did.

import type { LabCommand } from '../../runtime/types';

/** `linkTitle` names a link as the page does (link-names.ts); without it the scenario's id is used. */
export function commandText(c: LabCommand, linkTitle: (id: string) => string = (id) => `link ${id}`): string {
  switch (c.type) {
    case 'move': return `moved ${c.node} to (${Math.round(c.position.x)}, ${Math.round(c.position.y)})`;
    case 'set-link': {
      const parts = [
        ...(c.delay === undefined ? [] : [`delay ${c.delay / 1000} ms`]),
        ...(c.loss === undefined ? [] : [`loss ${Number((c.loss * 100).toFixed(2))} %`]),
      ];
      return `${linkTitle(c.link)}: ${parts.join(', ')}`;
    }
    case 'configure': return `${c.node}: ${c.setting} → ${typeof c.value === 'boolean' ? (c.value ? 'on' : 'off') : c.value}`;
    case 'start-flow': return `${c.node}: started flow ${c.flow.id} to ${c.flow.destination}`;
    case 'stop-flow': return `${c.node}: stopped flow ${c.flow}`;
    case 'adversary': return `${c.node}: attack ${c.action.kind}`;
  }
}
