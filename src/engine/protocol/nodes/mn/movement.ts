// What the mobile node does with agent discovery's decisions (RFC 2002 §2.4,
// §3.6; RFC 2002 §2.4, §3.6, §3.6.1.2): the listener decides "moved",
// "agent-rebooted" or "returned-home" (already paced to one per second);
// this file turns them into a registration through the new FA, or a
// deregistration with the HA. It also keeps soliciting exactly while no
// usable agent is heard (RFC 2002 §2.4).

import type { NodeContext, NodeOutput, NodeStep } from '../../../node/contract';
import { hasUsableAgent, type AgentEntry, type ListenerStep } from '../../discovery/listener';
import { startSoliciting, stopSoliciting } from '../../discovery/solicitor';
import { decision, tableTraces } from '../common/trace';
import type { MobileNodeState, RegistrationTarget } from './mobile-node-state';
import { RENEW_TIMER, sendRequest } from './registration-client';
import { releaseLastForeignAgentAfterDeregistering } from './return-home';
import { timerOutput } from './smooth-handoff';
import { cancelPendingTo } from '../../tables/pending-binding-updates';

/** An FA's advertisement names the agent (IP source), its link-layer address and its first care-of address (RFC 2002 §3.6.1.2). */
export function targetFromAgent(e: AgentEntry, deregistration: boolean, homeAddress: string): RegistrationTarget {
  return {
    agent: e.address, linkAddress: e.linkAddress, interface: e.interface,
    careOfAddress: deregistration ? homeAddress : e.careOfAddresses[0] ?? e.address, // RFC 2002 §3.6.1.2: CoA = home address drops every binding
    advertisedLifetime: e.registrationLifetime, offersMinimal: e.flags.minimalEncapsulation, offersGre: e.flags.gre, deregistration,
    offersSmoothHandoff: e.flags.foreignAgent && e.flags.smoothHandoff, // Perkins & Johnson §4; optim-08 §5.2
  };
}

export function afterListener(state: MobileNodeState, step: ListenerStep, ctx: NodeContext): NodeStep<MobileNodeState> {
  const heard = hasUsableAgent(state.listenerConfig, step.state);
  const sol = heard ? stopSoliciting(state.solicitor) : startSoliciting(state.solicitor, ctx.now);
  let s: MobileNodeState = { ...state, listener: step.state, solicitor: sol.state }; // one copy of the state per advertisement heard
  const outputs: NodeOutput[] = [...step.outputs, ...sol.outputs];
  for (const d of step.decisions) {
    const agent = step.state.agents.find((e) => e.address === d.agent);
    if (agent === undefined) continue;
    if (d.kind === 'returned-home') {
      // RFC 2002 §3.6.1.2 / RFC 2002 App. D.3: Lifetime 0, CoA = home address, TTL 1, straight to the HA on the home link.
      s = { ...s, atHome: true, lifetimeCap: null };
      outputs.push({ kind: 'cancel-timer', key: RENEW_TIMER }, decision(`at home: deregistering with ${agent.address}`, d.reason, 'RFC 2002 §2.4.3, §3.6.1.2'));
      const sent = sendRequest(s, targetFromAgent(agent, true, s.config.homeAddress), ctx);
      const released = releaseLastForeignAgentAfterDeregistering(sent.state, ctx); // Perkins & Johnson §3.3, §4.2
      s = released.state;
      outputs.push(...sent.outputs, ...released.outputs);
    } else if ((d.kind === 'moved' || d.kind === 'agent-rebooted') && !(d.agent === s.config.homeAgent && agent.flags.homeAgent)) {
      if (s.registration?.target.agent !== d.agent) s = { ...s, lifetimeCap: null }; // a new FA: its own maximum applies
      const obsolete = cancelPendingTo(s.pendingBindingUpdates, d.agent); // back with an FA still being released: stop releasing it
      if (obsolete.changes.length > 0) {
        s = { ...s, pendingBindingUpdates: obsolete.table };
        outputs.push(...tableTraces('pending Binding Updates', obsolete.changes), timerOutput(s, ctx.now));
      }
      s = { ...s, atHome: false };
      outputs.push(decision(`registering through ${d.agent}`, `${d.kind}: ${d.reason}`, 'RFC 2002 §3.6'));
      const sent = sendRequest(s, targetFromAgent(agent, false, s.config.homeAddress), ctx);
      s = sent.state;
      outputs.push(...sent.outputs);
    }
  }
  return { state: s, outputs };
}
