// The learner's live commands at a home agent (issue 4 §5). Route
// Optimization and the MSAs' algorithm live in the HA's state and are read
// where they are used (tunnel.ts, route-optimization.ts, registration.ts), so
// a change governs the very next datagram tunnelled or Request checked.

import type { NodeStep } from '../../../node/contract';
import { configureAlgorithm, learnerChanged, refuseNonSetting, refuseSetting, unchanged } from '../common/configure';
import type { ConfigureCommand, LabNodeCommand } from '../common/lab-commands';
import type { HomeAgentState } from './home-agent-state';
import { routeOptimizationEnabled } from './route-optimization';

const ROLE = 'home agent';
const RO_REF = 'optim-08 §3.1; route-optimization.md §16.1';

function configure(state: HomeAgentState, c: ConfigureCommand): NodeStep<HomeAgentState> {
  if (c.setting === 'route-optimization') {
    if (routeOptimizationEnabled(state) === c.value) return { state, outputs: [unchanged(c, ROLE)] };
    const config = { ...state.config, routeOptimization: { ...(state.config.routeOptimization ?? {}), enabled: c.value } };
    const out = c.value
      ? learnerChanged('Route Optimization on at the home agent', 'it will send Binding Updates again', 'after tunnelling a datagram for an away mobile node, the home agent tells its source the binding (rate-limited, OC-20); it answers Binding Requests and Warnings and handles special tunnels', RO_REF)
      : learnerChanged('Route Optimization off at the home agent', 'it will no longer send Binding Updates', 'it tunnels every datagram for an away mobile node as base Mobile IP does, ignores Binding Requests and Warnings, and correspondents keep what they cached until it expires', RO_REF);
    return { state: { ...state, config }, outputs: [out] };
  }
  if (c.setting === 'auth-algorithm') {
    const ref = 'rfc2002 §3.5.1, §3.8.2.1; base §8.2, §12.2';
    const changed = configureAlgorithm(state.associations, c, ROLE, 'for Registration Requests, Replies and Binding Updates', ref);
    return { state: { ...state, associations: changed.table }, outputs: changed.outputs };
  }
  return { state, outputs: [refuseSetting(c, ROLE)] };
}

/** A learner's command at a home agent: settings it has are applied, the rest refused with a trace. */
export function onLabCommand(state: HomeAgentState, command: LabNodeCommand): NodeStep<HomeAgentState> {
  return command.type === 'configure' ? configure(state, command) : { state, outputs: [refuseNonSetting(command.type, ROLE)] };
}
