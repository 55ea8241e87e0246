// A learner's command in words, for a person reading a report (the
// printable summary): what they did, by the names the canvas shows — a move
// by the radio cell it led into, never by coordinates.

import type { Position } from '../../engine/network/topology';
import type { LabCommand } from '../../runtime/types';
import type { LoadedScenario } from '../../scenarios/to-topology';

const SETTING_NAMES: Readonly<Record<string, string>> = {
  'route-optimization': 'Route Optimization',
  'smooth-handoff': 'smooth handoff',
  encapsulation: 'the encapsulation',
  'auth-algorithm': 'the authentication algorithm',
  'acknowledging-correspondents': 'Binding Acknowledge requests to correspondents',
  'previous-fa-forwarding': 'forwarding by the previous foreign agent',
};

const VALUE_NAMES: Readonly<Record<string, string>> = {
  'ip-in-ip': 'IP-in-IP', minimal: 'minimal encapsulation', gre: 'GRE', 'keyed-md5': 'keyed MD5', 'hmac-md5': 'HMAC-MD5',
};

const ATTACKS: Readonly<Record<string, string>> = {
  'forge-binding-update': 'forge a Binding Update',
  'replay-binding-update': 'replay a Binding Update it overheard',
  'tamper-binding-update': 'tamper with a Binding Update in flight',
  'forge-registration': 'forge a Registration Request',
  'replay-registration': 'replay a Registration Request it overheard',
  'spoof-binding-request': 'spoof a Binding Request',
};

/** The nodes whose radio cells contain `p` (a cell is named by the agent that serves it). */
function cellsAt(scenario: LoadedScenario, p: Position): string[] {
  const out: string[] = [];
  for (const link of scenario.topology.links) {
    if (link.kind !== 'radio' || Math.hypot(p.x - link.centre.x, p.y - link.centre.y) > link.radius) continue;
    const server = scenario.topology.nodes.find((n) => n.interfaces.some((i) => i.link === link.id));
    out.push(server?.id ?? link.label ?? link.id);
  }
  return out;
}

const list = (xs: readonly string[]): string => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

export function commandInWords(c: LabCommand, scenario: LoadedScenario): string {
  switch (c.type) {
    case 'move': {
      const cells = cellsAt(scenario, c.position);
      return cells.length === 0 ? `moved ${c.node} out of every radio cell` : `moved ${c.node} into ${list(cells)}'s radio cell${cells.length > 1 ? 's' : ''}`;
    }
    case 'configure': {
      const what = SETTING_NAMES[c.setting] ?? c.setting;
      if (typeof c.value === 'boolean') return `switched ${what} ${c.value ? 'on' : 'off'} at ${c.node}`;
      return `set ${what} at ${c.node} to ${VALUE_NAMES[c.value] ?? c.value}`;
    }
    case 'set-link': {
      const parts = [
        ...(c.delay === undefined ? [] : [`its delay to ${c.delay / 1000} ms`]),
        ...(c.loss === undefined ? [] : [`its loss to ${Number((c.loss * 100).toFixed(2))} %`]),
      ];
      return `set link ${c.link}: ${parts.length === 0 ? 'no change' : parts.join(' and ')}`;
    }
    case 'start-flow': return `started traffic flow ${c.flow.id} from ${c.node} to ${c.flow.destination}`;
    case 'stop-flow': return `stopped traffic flow ${c.flow} at ${c.node}`;
    case 'adversary': return `made ${c.node} ${ATTACKS[c.action.kind] ?? `attack (${c.action.kind})`}`;
  }
}
