// The learner's live commands at the IPv6 mobile node (docs/architecture.md
// "Runtime"): its own flows, and the two settings it has — route
// optimization (whether it sends correspondents Binding Updates, Perkins &
// Johnson §10) and smooth handoff (whether it asks its previous router to
// forward, mipv6-07 §10.8). Each is read where it is used, so the change
// shows at the next trigger or move; nothing is sent because of it. The
// settings of other roles, and injected attacks, are refused with a trace.

import type { NodeContext, NodeStep } from '../../../node/contract';
import { learnerChanged, refuseNonSetting, refuseSetting, unchanged } from '../../nodes/common/configure';
import type { ConfigureCommand, LabNodeCommand } from '../../nodes/common/lab-commands';
import type { MobileNodeV6State } from './mobile-node-v6-state';
import { addFlowV6, sendUdpFromMobileNode, stopFlowV6 } from './traffic-v6';

const ROLE = 'mobile node (IPv6)';

function configure(state: MobileNodeV6State, c: ConfigureCommand): NodeStep<MobileNodeV6State> {
  const config = state.config;
  switch (c.setting) {
    case 'route-optimization': {
      if (config.routeOptimization === c.value) return { state, outputs: [unchanged(c, ROLE)] };
      const ref = 'Perkins & Johnson §10; mipv6-07 §4.4';
      const out = c.value
        ? learnerChanged('route optimization on at the mobile node', 'the next datagram a correspondent sends through the home agent makes it send that correspondent a Binding Update', 'the correspondent then sends straight to the care-of address with a type 2 Routing header', ref)
        : learnerChanged('route optimization off at the mobile node', 'it sends correspondents no more Binding Updates', 'bindings already held expire with their lifetimes; then every datagram takes the triangle through the home agent', ref);
      return { state: { ...state, config: { ...config, routeOptimization: c.value } }, outputs: [out] };
    }
    case 'smooth-handoff': {
      if (config.smoothHandoff === c.value) return { state, outputs: [unchanged(c, ROLE)] };
      const ref = 'Perkins & Johnson §10; mipv6-07 §10.8';
      const out = c.value
        ? learnerChanged('smooth handoff on at the mobile node', 'after its next move it asks its previous router to forward from the previous care-of address', 'datagrams still on their way to the old address are tunnelled to the new one instead of being lost', ref)
        : learnerChanged('smooth handoff off at the mobile node', 'after its next move it asks no router to forward', 'datagrams still on their way to the previous care-of address are lost in the cell it left', ref);
      return { state: { ...state, config: { ...config, smoothHandoff: c.value } }, outputs: [out] };
    }
    default:
      return { state, outputs: [refuseSetting(c, ROLE)] };
  }
}

export function onLabCommandV6(state: MobileNodeV6State, command: LabNodeCommand, ctx: NodeContext): NodeStep<MobileNodeV6State> {
  switch (command.type) {
    case 'configure':
      return configure(state, command);
    case 'start-flow':
      return addFlowV6(state, command.flow, ctx);
    case 'stop-flow':
      return stopFlowV6(state, command.flow);
    case 'send-udp':
      return { state, outputs: [sendUdpFromMobileNode(state, ctx, command.destination, command.sourcePort, command.destinationPort, command.payload, '')] };
    default:
      return { state, outputs: [refuseNonSetting(command.type, ROLE)] };
  }
}
