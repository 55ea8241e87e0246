// The learner's live commands at a home agent (docs/architecture.md "Runtime"). Route
// Optimization and the MSAs' algorithm live in the HA's state and are read
// where they are used (tunnel.ts, route-optimization.ts, registration.ts), so
// a change governs the very next datagram tunnelled or Request checked.

import type { NodeStep } from '../../../node/contract';
import { configureAlgorithm, learnerChanged, refuseNonSetting, refuseSetting, unchanged } from '../common/configure';
import type { ConfigureCommand, LabNodeCommand } from '../common/lab-commands';
import { EMPTY_ACKNOWLEDGED_CORRESPONDENTS } from '../../tables/acknowledged-correspondents';
import { tableTraces } from '../common/trace';
import type { HomeAgentState } from './home-agent-state';
import { routeOptimizationEnabled } from './route-optimization';

const ROLE = 'home agent';
const RO_REF = 'optim-08 §3.1; Perkins & Johnson §3.3';

const ACK_REF = 'optim-08 §7.3; Perkins & Johnson §3.4';

/**
 * The optional list of correspondents that acknowledge (optim-08 §7.3): on,
 * the HA's Binding Updates after tunnelling ask for an acknowledgement and an
 * acknowledging correspondent is listed; off, it asks for none and forgets the
 * list it had (each entry traced), since nothing would keep it current.
 */
function acknowledgingCorrespondents(state: HomeAgentState, on: boolean): NodeStep<HomeAgentState> {
  const ro = state.config.routeOptimization ?? { enabled: false };
  const c: ConfigureCommand = { type: 'configure', setting: 'acknowledging-correspondents', value: on };
  if ((ro.maintainAcknowledgedList === true) === on) return { state, outputs: [unchanged(c, ROLE)] };
  const config = { ...state.config, routeOptimization: { ...ro, maintainAcknowledgedList: on } };
  if (on) {
    return { state: { ...state, config }, outputs: [learnerChanged('list of acknowledging correspondents kept at the home agent', 'its next Binding Update after tunnelling asks for a Binding Acknowledge (A = 1)', 'a correspondent that acknowledges is listed, and on every new registration of the mobile node the home agent sends it a fresh Binding Update (rate-limited) for as long as the registration lasts', ACK_REF)] };
  }
  const forgotten = tableTraces('acknowledged correspondents', Object.keys(state.routeOptimization.acknowledged.acknowledged).sort().map((home) => ({ kind: 'removed' as const, key: home, before: state.routeOptimization.acknowledged.acknowledged[home], ref: ACK_REF, reason: 'learner: the list is no longer kept' })));
  return {
    state: { ...state, config, routeOptimization: { ...state.routeOptimization, acknowledged: EMPTY_ACKNOWLEDGED_CORRESPONDENTS } },
    outputs: [learnerChanged('list of acknowledging correspondents no longer kept at the home agent', 'its Binding Updates ask for no acknowledgement', 'a correspondent learns of a new registration again only when the home agent next tunnels a datagram from it', ACK_REF), ...forgotten],
  };
}

function configure(state: HomeAgentState, c: ConfigureCommand): NodeStep<HomeAgentState> {
  if (c.setting === 'route-optimization') {
    if (routeOptimizationEnabled(state) === c.value) return { state, outputs: [unchanged(c, ROLE)] };
    const config = { ...state.config, routeOptimization: { ...(state.config.routeOptimization ?? {}), enabled: c.value } };
    const out = c.value
      ? learnerChanged('Route Optimization on at the home agent', 'it will send Binding Updates again', 'after tunnelling a datagram for an away mobile node, the home agent tells its source the binding (rate-limited, lab choice, Perkins & Johnson §3.3); it answers Binding Requests and Warnings and handles special tunnels', RO_REF)
      : learnerChanged('Route Optimization off at the home agent', 'it will no longer send Binding Updates', 'it tunnels every datagram for an away mobile node as base Mobile IP does, ignores Binding Requests and Warnings, and correspondents keep what they cached until it expires', RO_REF);
    return { state: { ...state, config }, outputs: [out] };
  }
  if (c.setting === 'acknowledging-correspondents') return acknowledgingCorrespondents(state, c.value);
  if (c.setting === 'auth-algorithm') {
    const ref = 'RFC 2002 §3.5.1, §3.8.2.1';
    const changed = configureAlgorithm(state.associations, c, ROLE, 'for Registration Requests, Replies and Binding Updates', ref);
    return { state: { ...state, associations: changed.table }, outputs: changed.outputs };
  }
  return { state, outputs: [refuseSetting(c, ROLE)] };
}

/** A learner's command at a home agent: settings it has are applied, the rest refused with a trace. */
export function onLabCommand(state: HomeAgentState, command: LabNodeCommand): NodeStep<HomeAgentState> {
  return command.type === 'configure' ? configure(state, command) : { state, outputs: [refuseNonSetting(command.type, ROLE)] };
}
