// The learner's live commands at a foreign agent (docs/architecture.md "Runtime"). Every setting
// is read where it is used: Route Optimization for the next tunnelled
// datagram of a non-visitor (delivery.ts), the S, M and G bits in the next
// advertisement (discovery/advertiser.ts) and in the next Request checked
// (relay.ts), the MSAs' algorithm in the next authentication.

import type { NodeStep } from '../../../node/contract';
import { configureAlgorithm, learnerChanged, refuseNonSetting, refuseSetting, unchanged } from '../common/configure';
import type { ConfigureCommand, LabNodeCommand } from '../common/lab-commands';
import type { ForeignAgentState } from './foreign-agent-state';
import { routeOptimizationEnabled } from './route-optimization';

const ROLE = 'foreign agent';

function configure(state: ForeignAgentState, c: ConfigureCommand): NodeStep<ForeignAgentState> {
  const config = state.config;
  switch (c.setting) {
    case 'route-optimization': {
      if (routeOptimizationEnabled(state) === c.value) return { state, outputs: [unchanged(c, ROLE)] };
      const ref = 'Perkins & Johnson §3.1, §3.3, §4.3; spectun-00 §3.2, §3';
      const out = c.value
        ? learnerChanged('Route Optimization on at the foreign agent', 'it will accept Binding Updates from home agents it shares an association with and send special tunnels again', 'a datagram tunnelled here for a mobile node that is no longer a visitor is re-tunnelled from the binding cache with a Binding Warning to its home agent, or sent back in a special tunnel', ref)
        : learnerChanged('Route Optimization off at the foreign agent', 'it will no longer send special tunnels or accept Binding Updates from home agents', 'a datagram tunnelled here for a mobile node that is no longer a visitor is discarded as in base Mobile IP — unless a smooth-handoff forwarding entry still re-tunnels it, and then it warns the home agent as every node re-tunnelling from a binding cache does (Perkins & Johnson §3.1, §4.1)', ref);
      return { state: { ...state, config: { ...config, routeOptimization: { ...(config.routeOptimization ?? {}), enabled: c.value } } }, outputs: [out] };
    }
    case 'smooth-handoff': {
      if (config.advertiser.smoothHandoff === c.value && (config.smoothHandoff?.enabled === true) === c.value) return { state, outputs: [unchanged(c, ROLE)] };
      const ref = 'optim-08 §5.2; Perkins & Johnson §4';
      const out = c.value
        ? learnerChanged('smooth handoff on at the foreign agent', 'its next advertisement carries S', 'mobile nodes arriving here may ask for registration keys and a Previous Foreign Agent Notification', ref)
        : learnerChanged('smooth handoff off at the foreign agent', 'its next advertisement has S clear', 'a mobile node sends key requests and a Previous Foreign Agent Notification only to a foreign agent that advertises S, so a move to this cell leaves the previous FA uninformed', ref);
      const next = { ...config, smoothHandoff: { enabled: c.value }, advertiser: { ...config.advertiser, smoothHandoff: c.value } };
      return { state: { ...state, config: next }, outputs: [out] };
    }
    case 'encapsulation': {
      // Besides IP in IP, which every FA decapsulates (RFC 2002 §4.1): exactly the chosen one.
      const advertiser = { ...config.advertiser, minimalEncapsulation: c.value === 'minimal', gre: c.value === 'gre' };
      if (advertiser.minimalEncapsulation === config.advertiser.minimalEncapsulation && advertiser.gre === config.advertiser.gre) return { state, outputs: [unchanged(c, ROLE)] };
      const bits = c.value === 'ip-in-ip' ? 'neither M nor G' : c.value === 'minimal' ? 'M (minimal encapsulation)' : 'G (GRE)';
      const out = learnerChanged(`encapsulation ${c.value} at the foreign agent`, `its next advertisement offers ${bits}`,
        'besides IP in IP, it now decapsulates only what it advertises: a Request asking for another is denied (Code 72), and a tunnel in another encapsulation is discarded until its mobile node re-registers', 'RFC 2002 §2.1.1, §3.7.2.3');
      return { state: { ...state, config: { ...config, advertiser } }, outputs: [out] };
    }
    case 'auth-algorithm': {
      const ref = 'RFC 2002 §3.5.1, §3.7.2.1, §3.7.2';
      const changed = configureAlgorithm(state.associations, c, ROLE, 'for Mobile-Foreign and Foreign-Home authentication', ref);
      return { state: { ...state, associations: changed.table }, outputs: changed.outputs };
    }
    default:
      return { state, outputs: [refuseSetting(c, ROLE)] };
  }
}

/** A learner's command at a foreign agent: settings it has are applied, the rest refused with a trace. */
export function onLabCommand(state: ForeignAgentState, command: LabNodeCommand): NodeStep<ForeignAgentState> {
  return command.type === 'configure' ? configure(state, command) : { state, outputs: [refuseNonSetting(command.type, ROLE)] };
}
