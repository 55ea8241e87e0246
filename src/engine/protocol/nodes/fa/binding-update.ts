// Which rule a Binding Update at a foreign agent falls under (Perkins &
// Johnson §3.3, §4.1). A foreign agent receives Binding Updates in two roles:
//
//  * as the previous foreign agent of a smooth handoff: authenticated with the
//    registration key it shares with the mobile node, found by (home address,
//    SPI) — smooth-handoff.ts;
//  * as a holder of a binding cache like any correspondent: from the mobile
//    node's home agent (it sends them, for instance, to the foreign agent
//    that special-tunnelled a datagram, spectun-00 §3.1), authenticated with
//    the association this agent shares with that home agent, the BU's IP
//    source — checked, replay-protected and applied exactly as a
//    correspondent does (route-optimization/correspondent.ts), so the entry
//    then re-tunnels stale datagrams (fa/route-optimization.ts).
//
// The SPI in the BU's authentication extension tells the two apart: a
// registration key is looked up first; failing that, an association with the
// sender. A BU matching neither goes to the smooth-handoff rule, which
// refuses it and says why.

import type { NodeContext, NodeStep } from '../../../node/contract';
import type { Ipv4Datagram } from '../../../wire/ipv4';
import { DEFAULT_RO_CONFIG } from '../../route-optimization';
import { checkBindingUpdate } from '../../route-optimization/binding-update-check';
import { receiveBindingUpdate } from '../../route-optimization/correspondent';
import { findSecurityAssociation } from '../../tables/security-associations';
import { findRegistrationKey } from '../../tables/visitor-list';
import { takeIdentification } from '../common/ip-identification';
import { decision } from '../common/trace';
import { roOutputs } from '../cn/ro-outputs';
import type { ForeignAgentState } from './foreign-agent-state';
import { bindingExpiryTimer, routeOptimizationEnabled } from './route-optimization';
import { onSmoothHandoffBindingUpdate } from './smooth-handoff';

const HOME_AGENT_BU_REF = 'Perkins & Johnson §3.3';

export function onBindingUpdate(state: ForeignAgentState, d: Ipv4Datagram, payload: Uint8Array, ctx: NodeContext): NodeStep<ForeignAgentState> {
  const checked = checkBindingUpdate(payload);
  if (!checked.ok) return onSmoothHandoffBindingUpdate(state, d, payload, ctx); // it refuses the malformed BU with the reason
  const home = checked.bu.homeAddress;
  if (findRegistrationKey(state.visitors, home, checked.spi, ctx.now) !== null) return onSmoothHandoffBindingUpdate(state, d, payload, ctx);
  if (findSecurityAssociation(state.associations, d.source, checked.spi, ctx.now) === null) return onSmoothHandoffBindingUpdate(state, d, payload, ctx);
  if (!routeOptimizationEnabled(state)) {
    return { state, outputs: [decision('Binding Update ignored', `a Binding Update from ${d.source} about ${home}: Route Optimization is off at this foreign agent, so it keeps no binding from a home agent`, HOME_AGENT_BU_REF)] };
  }
  const c = state.config;
  const r = receiveBindingUpdate(
    { cache: state.bindingCache, replay: state.bindingUpdateReplay },
    { address: c.address, associations: state.associations, implementsRouteOptimization: true, config: { ...DEFAULT_RO_CONFIG, profile: c.profile } },
    { payload, source: d.source, destination: d.destination }, ctx.now, ctx.random,
  );
  const emitted = roOutputs(ctx.node, state.router.table, r, state.router.nextIdentification);
  const s = takeIdentification({ ...state, bindingCache: r.state.cache, bindingUpdateReplay: r.state.replay }, emitted.identificationsUsed).state;
  return { state: s, outputs: [...emitted.outputs, ...(s.bindingCache === state.bindingCache ? [] : [bindingExpiryTimer(s)])] };
}
