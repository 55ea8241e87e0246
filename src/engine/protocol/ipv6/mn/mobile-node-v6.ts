// The IPv6 mobile node (Perkins & Johnson §10; RFC 6275 §11;
// docs/ipv6.md §3): movement detection and stateless autoconfiguration from
// Router Advertisements, home registration, Binding Updates to its
// correspondents (AH or return routability), smooth handoff through its
// previous router, and its own traffic. A thin dispatcher; each concern has
// its own file in this folder.

import type { NodeBehaviour, NodeContext, NodeStep } from '../../../node/contract';
import { routesInstalledTrace } from '../../../network/behaviours/ip-output';
import type { LabNodeCommand } from '../../nodes/common/lab-commands';
import { decision } from '../../nodes/common/trace';
import { onCorrespondentRetransmitTimer } from './correspondent-binding';
import { isCorrespondentRetransmitTimer } from './correspondent-timers';
import { HOME_REFRESH_TIMER, HOME_RETRANSMIT_TIMER, onHomeRefreshTimer, onHomeRetransmitTimer } from './home-registration';
import type { MobileNodeV6State } from './mobile-node-v6-state';
import { onIpv6Frame } from './packet-input';
import { onAttachmentChanged, solicitRouters } from './router-discovery';
import { isFlowTimerV6, onFlowTimerV6, startFlowsV6 } from './traffic-v6';
import { onLabCommandV6 } from './configure-v6';

export type { MobileNodeV6Config, MobileNodeV6State } from './mobile-node-v6-state';
export { initialMobileNodeV6State } from './mobile-node-v6-state';

function onTimer(state: MobileNodeV6State, key: string, ctx: NodeContext): NodeStep<MobileNodeV6State> {
  if (key === HOME_RETRANSMIT_TIMER) return onHomeRetransmitTimer(state, ctx);
  if (key === HOME_REFRESH_TIMER) return onHomeRefreshTimer(state, ctx);
  if (isFlowTimerV6(key)) return onFlowTimerV6(state, key, ctx);
  if (isCorrespondentRetransmitTimer(key)) return onCorrespondentRetransmitTimer(state, ctx, key);
  return { state, outputs: [] };
}

export const mobileNodeV6Behaviour: NodeBehaviour<MobileNodeV6State, LabNodeCommand> = {
  kind: 'mobile node (IPv6)',
  handle(state, input, ctx) {
    if (input.kind === 'frame') return onIpv6Frame(state, input.interface, input.frame, ctx);
    if (input.kind === 'timer') return onTimer(state, input.key, ctx);
    const command = input.command;
    switch (command.type) {
      case 'start': {
        const rs = solicitRouters(state, ctx, 'starting up: ask the routers on the link to advertise at once');
        return { state: rs.state, outputs: [...rs.outputs, ...startFlowsV6(state, ctx)] };
      }
      case 'install-routes':
        return { state: { ...state, table: command.table }, outputs: [{ kind: 'trace', event: routesInstalledTrace(state.table, command.table) }] };
      case 'attachment-changed':
        if (command.interface !== state.config.interface) return { state, outputs: [] };
        return onAttachmentChanged(state, ctx, command.before, command.after);
      case 'reboot':
        return { state, outputs: [decision('reboot ignored', 'only foreign agents reboot in this lab', 'Perkins & Johnson §10')] };
      default:
        return onLabCommandV6(state, command, ctx);
    }
  },
};
