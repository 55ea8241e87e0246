// The learner's one live setting at the IPv6 access router: smooth handoff —
// whether it acts as a home agent for a mobile node's previous care-of address
// (Perkins & Johnson §10; mipv6-07 §10.8; OC-57). Off, it answers such a
// Binding Update with status 131 (common/binding-registration.ts), so what
// still arrives for the old address is lost in the cell; bindings it already
// holds run out with their lifetimes. Other settings and attacks are refused
// with a trace, as the shared behaviour refuses them.

import type { NodeBehaviour, NodeContext, NodeInput, NodeStep } from '../../../node/contract';
import { learnerChanged, refuseNonSetting, refuseSetting, unchanged } from '../../nodes/common/configure';
import type { ConfigureCommand } from '../../nodes/common/lab-commands';
import type { BindingAgentState } from '../common/binding-agent-state';

const ROLE = 'access router (IPv6)';
const REF = 'Perkins & Johnson §10; mipv6-07 §10.8';

export function configureAccessRouterV6(state: BindingAgentState, c: ConfigureCommand): NodeStep<BindingAgentState> {
  if (c.setting !== 'smooth-handoff') return { state, outputs: [refuseSetting(c, ROLE)] };
  if (state.config.acceptsBindings === c.value) return { state, outputs: [unchanged(c, ROLE)] };
  const held = Object.keys(state.bindings).length;
  const out = c.value
    ? learnerChanged('smooth handoff on at the access router', 'it accepts a Binding Update for a previous care-of address from a mobile node it shares an association with', 'what still arrives for that address is tunnelled to the new care-of address until the binding ends', REF)
    : learnerChanged('smooth handoff off at the access router', 'it answers a Binding Update for a previous care-of address with status 131', `what still arrives for a mobile node that left is lost in the cell${held > 0 ? `; the ${held === 1 ? 'binding' : `${held} bindings`} it holds run out with their lifetimes` : ''}`, REF);
  return { state: { ...state, config: { ...state.config, acceptsBindings: c.value } }, outputs: [out] };
}

/** The shared behaviour, with the access router's own answer to the learner's `configure` (and its refusal of an attack). */
export function withAccessRouterSettings(inner: NodeBehaviour<BindingAgentState, unknown>): NodeBehaviour<BindingAgentState, unknown> {
  return {
    kind: inner.kind,
    handle(state: BindingAgentState, input: NodeInput<unknown>, ctx: NodeContext): NodeStep<BindingAgentState> {
      if (input.kind === 'command') {
        const command = input.command as { readonly type: string };
        if (command.type === 'configure') return configureAccessRouterV6(state, command as ConfigureCommand);
        if (command.type === 'inject') return { state, outputs: [refuseNonSetting('inject', ROLE)] };
      }
      return inner.handle(state, input, ctx);
    },
  };
}
