// The mobile node, back home, releases its last foreign agent (Perkins &
// Johnson §3.3, §4.2; OC-45, revised): right after the deregistration it
// sends that agent a Binding Update with care-of address = home address and
// Lifetime 0, authenticated with the key it holds with it, and resends it on
// the smooth-handoff schedule until an authenticated Binding Acknowledge
// comes (OC-21; smooth-handoff.ts). Without a key there is nothing it could
// authenticate: the agent's entry then simply runs out.

import type { NodeContext, NodeOutput, NodeStep } from '../../../node/contract';
import { sendDatagram } from '../../../network/behaviours/ip-output';
import { RETURN_HOME_REF, releaseLastForeignAgent, toDatagram } from '../../route-optimization';
import { roTraces } from '../common/smooth-handoff-io';
import { decision } from '../common/trace';
import { heldKeyWith } from './keys';
import type { MobileNodeState } from './mobile-node-state';
import { timerOutput } from './smooth-handoff';

/**
 * `state` has just sent its deregistration (state.pending) and still holds the
 * registration it had away from home (state.registration).
 */
export function releaseLastForeignAgentAfterDeregistering(state: MobileNodeState, ctx: NodeContext): NodeStep<MobileNodeState> {
  const r = state.registration;
  const dereg = state.pending;
  if (r === null || r.target.deregistration || dereg === null || !dereg.target.deregistration) return { state, outputs: [] };
  const fa = r.target.agent;
  const key = heldKeyWith(state, fa);
  if (key === null) {
    return { state, outputs: [decision(`${fa} not told`, `this mobile node shares no key with ${fa}, so it could not authenticate a Binding Update to it: the visitor entry there runs out with the registration`, RETURN_HOME_REF)] };
  }
  const c = state.config;
  const released = releaseLastForeignAgent(state.pendingBindingUpdates, {
    homeAddress: c.homeAddress, foreignAgent: fa, key, identification: dereg.identification, registrationEndsAt: r.expiresAt,
  }, ctx.now, c.profile);
  let s: MobileNodeState = { ...state, pendingBindingUpdates: released.state };
  const outputs: NodeOutput[] = [...roTraces(released.traces)];
  for (const send of released.sends) {
    const bytes = toDatagram(send, s.nextIdentification);
    s = { ...s, nextIdentification: (s.nextIdentification + 1) & 0xffff };
    outputs.push(sendDatagram(ctx.node, s.table, bytes, send.destination, { summary: send.summary, ref: send.ref }));
  }
  outputs.push(timerOutput(s, ctx.now));
  return { state: s, outputs };
}
