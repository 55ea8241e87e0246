// The learner's live commands at a correspondent (docs/architecture.md "Runtime"). Route
// Optimization is read for every datagram the host originates and every
// Binding Update received (correspondent.ts), the MSAs' algorithm when a
// Binding Update is checked. Flows are the host's (network/behaviours/host.ts).
//
// Turned off, the correspondent becomes a legacy one (optim-08 §1, §7.1): it
// has no binding cache — what it held is dropped, each entry traced — and
// sends to the home address, through the home agent.

import type { NodeOutput, NodeStep } from '../../../node/contract';
import { bindingCacheEntries, emptyBindingCache } from '../../tables/binding-cache';
import { configureAlgorithm, learnerChanged, refuseNonSetting, refuseSetting, unchanged } from '../common/configure';
import type { ConfigureCommand, LabNodeCommand } from '../common/lab-commands';
import { trace } from '../common/trace';
import type { CorrespondentNodeState } from './correspondent-state';

const ROLE = 'correspondent';
const RO_REF = 'optim-08 §1, §7.1; Perkins & Johnson §3; optim-08 §3.1';

function routeOptimization(state: CorrespondentNodeState, on: boolean): NodeStep<CorrespondentNodeState> {
  const config = { ...state.config, routeOptimization: on };
  if (on) {
    return { state: { ...state, config }, outputs: [learnerChanged('Route Optimization on at the correspondent', 'it will accept Binding Updates and tunnel straight to the care-of address', 'until the home agent sends it a Binding Update (the next time it tunnels a datagram from here, rate-limited), datagrams still go by the home agent', RO_REF)] };
  }
  const dropped: NodeOutput[] = bindingCacheEntries(state.ro.cache).map((e) => trace('table-changed', `binding cache: ${e.homeAddress} removed`, RO_REF, { reason: 'learner: Route Optimization off — a legacy correspondent keeps no binding cache', before: e }));
  return {
    state: { ...state, config, ro: { ...state.ro, cache: emptyBindingCache(state.ro.cache.capacity) } },
    outputs: [learnerChanged('Route Optimization off at the correspondent', 'it will no longer use a binding cache: datagrams go to the home address, through the home agent', 'a legacy correspondent ignores Binding Updates (saying why), so the route stays the triangle', RO_REF), ...dropped],
  };
}

function configure(state: CorrespondentNodeState, c: ConfigureCommand): NodeStep<CorrespondentNodeState> {
  if (c.setting === 'route-optimization') return state.config.routeOptimization === c.value ? { state, outputs: [unchanged(c, ROLE)] } : routeOptimization(state, c.value);
  if (c.setting === 'encapsulation') {
    if (state.config.preferredEncapsulation === c.value) return { state, outputs: [unchanged(c, ROLE)] };
    const out = learnerChanged(`encapsulation ${c.value} at the correspondent`, `its next tunnel to a care-of address uses ${c.value} where the Binding Update allows it`,
      c.value === 'ip-in-ip' ? 'IP in IP, which every agent decapsulates' : `only if the binding's Binding Update set ${c.value === 'minimal' ? 'M' : 'G'} (the mobile node asked for it and its foreign agent offers it); otherwise the correspondent keeps to IP in IP`, 'RFC 2002 §3.3; optim-08 §4.3');
    return { state: { ...state, config: { ...state.config, preferredEncapsulation: c.value } }, outputs: [out] };
  }
  if (c.setting === 'auth-algorithm') {
    const ref = 'RFC 2002 §3.5.1; Perkins & Johnson §3.3; optim-08 §4.3; Perkins & Johnson §3.5; optim-08 §4.5';
    const changed = configureAlgorithm(state.associations, c, ROLE, 'for the Binding Updates it checks', ref);
    return { state: { ...state, associations: changed.table }, outputs: changed.outputs };
  }
  return { state, outputs: [refuseSetting(c, ROLE)] };
}

/** configure and inject at a correspondent; null for the host's own commands (flows, send-udp). */
export function onLabCommand(state: CorrespondentNodeState, command: LabNodeCommand): NodeStep<CorrespondentNodeState> | null {
  if (command.type === 'configure') return configure(state, command);
  if (command.type === 'inject') return { state, outputs: [refuseNonSetting('inject', ROLE)] };
  return null;
}
