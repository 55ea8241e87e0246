// The learner's live commands at a mobile node (docs/architecture.md "Runtime"). The node reads
// each setting when it builds its next Registration Request
// (registration-client.ts, keys.ts, smooth-handoff.ts): smooth handoff
// decides whether it asks for a key and a Previous FA Notification, the
// encapsulation which of M / G it sets, the algorithm how its authenticators
// are computed. Nothing is re-sent because of a change: the next
// registration (a move or a renewal) carries it.

import type { NodeContext, NodeStep } from '../../../node/contract';
import type { SecurityAssociation } from '../../../crypto/security-association';
import { algorithmReason, learnerChanged, refuseNonSetting, refuseSetting, unchanged } from '../common/configure';
import type { ConfigureCommand, LabNodeCommand } from '../common/lab-commands';
import { trace } from '../common/trace';
import { addFlow, stopFlow } from './flows';
import type { MobileNodeState } from './mobile-node-state';

const ROLE = 'mobile node';

function withAlgorithm(state: MobileNodeState, algorithm: SecurityAssociation['algorithm'], ref: string): NodeStep<MobileNodeState> {
  const c = state.config;
  const all = [c.homeAgentAssociation, ...c.foreignAgentAssociations];
  const changed = all.filter((sa) => sa.algorithm !== algorithm);
  if (changed.length === 0) return { state, outputs: [] };
  const config = {
    ...c,
    homeAgentAssociation: { ...c.homeAgentAssociation, algorithm },
    foreignAgentAssociations: c.foreignAgentAssociations.map((sa) => ({ ...sa, algorithm })),
  };
  const traces = changed.map((sa) => trace('table-changed', `security associations: ${sa.peer}#${sa.spi} updated`, ref, { reason: `learner: algorithm ${sa.algorithm} → ${algorithm}`, before: sa, after: { ...sa, algorithm } }));
  return { state: { ...state, config }, outputs: traces };
}

function configure(state: MobileNodeState, c: ConfigureCommand): NodeStep<MobileNodeState> {
  const config = state.config;
  switch (c.setting) {
    case 'smooth-handoff': {
      if ((config.smoothHandoff?.enabled !== false) === c.value) return { state, outputs: [unchanged(c, ROLE)] };
      const ref = 'optim-08 §5; Perkins & Johnson §4.1; optim-08 §5.1; Perkins & Johnson §9.1; regkey-00 §6';
      const out = c.value
        ? learnerChanged('smooth handoff on at the mobile node', 'at its next move to a foreign agent advertising S it asks for a registration key and notifies its previous foreign agent', 'the previous FA then forwards datagrams still tunnelled to it to the new care-of address', ref)
        : learnerChanged('smooth handoff off at the mobile node', 'it will no longer ask for a registration key or send a Previous Foreign Agent Notification', 'after a move, datagrams the home agent (or a correspondent) still tunnels to the previous foreign agent are lost there until the new registration takes effect', ref);
      return { state: { ...state, config: { ...config, smoothHandoff: { enabled: c.value } } }, outputs: [out] };
    }
    case 'encapsulation': {
      if (config.encapsulation === c.value) return { state, outputs: [unchanged(c, ROLE)] };
      const bits = c.value === 'ip-in-ip' ? 'neither M nor G' : c.value === 'minimal' ? 'M' : 'G';
      const out = learnerChanged(`encapsulation ${c.value} at the mobile node`, `its next Registration Request sets ${bits}`,
        `the home agent then tunnels to the care-of address with ${c.value}; M or G is set only if the foreign agent advertised it (otherwise IP in IP, which every agent decapsulates)`, 'RFC 2002 §3.3, §3.6.1.2');
      return { state: { ...state, config: { ...config, encapsulation: c.value } }, outputs: [out] };
    }
    case 'previous-fa-forwarding': {
      if ((config.previousForeignAgentForwarding !== false) === c.value) return { state, outputs: [unchanged(c, ROLE)] };
      const ref = 'Perkins & Johnson §4.2; optim-08 §5.1';
      const out = c.value
        ? learnerChanged('forwarding by the previous foreign agent asked for at the mobile node', 'its next Previous Foreign Agent Notification names the new care-of address', 'the previous foreign agent keeps a forwarding entry for the Cache Lifetime and tunnels datagrams still reaching it to the new care-of address', ref)
        : learnerChanged('the previous foreign agent told to forget the mobile node', 'its next Previous Foreign Agent Notification carries the home address as the new care-of address', 'the previous foreign agent drops its visitor entry and key and keeps no forwarding entry: datagrams still tunnelled to it go back towards the home network in a special tunnel', ref);
      return { state: { ...state, config: { ...config, previousForeignAgentForwarding: c.value } }, outputs: [out] };
    }
    case 'auth-algorithm': {
      const ref = 'RFC 2002 §3.5.1, §3.6.1.3, §3.6.2.1, §3.6.2';
      const changed = withAlgorithm(state, c.value, ref);
      if (changed.outputs.length === 0) return { state, outputs: [unchanged(c, ROLE)] };
      return { state: changed.state, outputs: [learnerChanged(`authentication algorithm ${c.value} at the mobile node`, 'for its next Registration Request and the Replies it checks', algorithmReason(c.value), ref), ...changed.outputs] };
    }
    default:
      return { state, outputs: [refuseSetting(c, ROLE)] };
  }
}

/** A learner's command at a mobile node: its own flows, settings it has; the rest refused with a trace. */
export function onLabCommand(state: MobileNodeState, command: LabNodeCommand, ctx: NodeContext): NodeStep<MobileNodeState> {
  switch (command.type) {
    case 'configure':
      return configure(state, command);
    case 'start-flow':
      return addFlow(state, command.flow, ctx);
    case 'stop-flow':
      return stopFlow(state, command.flow);
    case 'inject':
      return { state, outputs: [refuseNonSetting('inject', ROLE)] };
    default:
      return { state, outputs: [] }; // send-udp: a plain host's command; a mobile node's own traffic is its flows
  }
}
