// What the IPv6 mobile node does when it hears a Router Advertisement or its
// link layer reports a new attachment (RFC 4861 §6.3.4, §6.3.7; mipv6-07
// §10.8; RFC 6275 §11.5; docs/ipv6.md §3, OC-58): the decision itself is
// movement-detection.ts; here it becomes action.
// - attachment change: a Router Solicitation, so the new router answers at once;
// - moved: the new care-of address, the default router, then the home
//   registration, the previous router asked to forward (smooth handoff) and
//   every correspondent in the Binding Update List told;
// - home: deregistration with the home agent, Lifetime 0 to correspondents.

import type { NodeContext, NodeOutput, NodeStep } from '../../../node/contract';
import { sendIpv6Datagram } from '../../../network/behaviours/ip6-output';
import { ALL_ROUTERS } from '../../../wire/ipv6/ipv6-address';
import type { RouterAdvertisement } from '../../../wire/ipv6/neighbor-discovery';
import { findNdOption } from '../../../wire/ipv6/nd-options';
import { decision, tableTraces, trace } from '../../nodes/common/trace';
import { expireBindingUpdateList } from './binding-update-list';
import { updateAllCorrespondents } from './correspondent-binding';
import { registerWithHomeAgent } from './home-registration';
import { routerSolicitationPacket } from './mn-packets';
import type { Attachment, MobileNodeV6State } from './mobile-node-v6-state';
import { MOVEMENT_REF, decideMovement } from './movement-detection';
import { askPreviousRouterToForward } from './smooth-handoff-v6';

/** RFC 4861 §6.3.7: a host solicits when it attaches to a link (the lab sends at once, without the random delay, so cause and effect show). */
export function solicitRouters(state: MobileNodeV6State, ctx: NodeContext, why: string): NodeStep<MobileNodeV6State> {
  const iface = ctx.node.interfaces.find((i) => i.name === state.config.interface);
  if (iface === undefined) return { state, outputs: [] };
  const out = sendIpv6Datagram(ctx.node, state.table, routerSolicitationPacket(iface), ALL_ROUTERS, {
    summary: `Router Solicitation → ${ALL_ROUTERS}`, ref: 'RFC 4861 §6.3.7; RFC 6275 §11.5.1', reason: why,
  }, iface.name);
  return { state: { ...state, routerSolicitationsSent: state.routerSolicitationsSent + 1 }, outputs: [out] };
}

/** The link-layer hint (RFC 4861 §6.3.7): the node may have moved; ask the routers in range. */
export function onAttachmentChanged(state: MobileNodeV6State, ctx: NodeContext, before: readonly string[], after: readonly string[]): NodeStep<MobileNodeV6State> {
  // The router's cell: as recorded when it was adopted, or — when the radio was in one cell only — that cell.
  const current = state.attachment;
  const routerCell = current === null ? null : current.cell ?? (before.length === 1 ? before[0]! : null);
  const attachment = current === null || routerCell === null ? current : { ...current, cell: routerCell };
  // Knowing the router's cell, the link layer says for sure whether the node left it (OC-58).
  const hint: MobileNodeV6State['movementHint'] = routerCell === null ? 'maybe' : after.includes(routerCell) ? false : 'left';
  const next: MobileNodeV6State = { ...state, attachment, cells: after, movementHint: hint };
  if (after.length === 0) {
    return { state: next, outputs: [decision('out of range of every cell', 'the radio hears no cell: nothing can be sent until it attaches again', MOVEMENT_REF)] };
  }
  const why = `the link layer reports a new attachment (${before.length === 0 ? 'none' : before.join(', ')} → ${after.join(', ')}): solicit an advertisement to learn whether the prefix changed`;
  return solicitRouters(next, ctx, why);
}

function attachmentText(a: Attachment): string {
  return `router ${a.router}, prefix ${a.prefix.network}/${a.prefix.prefixLength}, care-of address ${a.careOfAddress}`;
}

export function onRouterAdvertisement(state: MobileNodeV6State, ctx: NodeContext, source: string, ra: RouterAdvertisement, iface: string): NodeStep<MobileNodeV6State> {
  const own = ctx.node.interfaces.find((i) => i.name === iface);
  if (own === undefined) return { state, outputs: [] };
  const c = state.config;
  const d = decideMovement({
    homeAddress: c.homeAddress, homePrefix: c.homePrefix, ownLinkAddress: own.linkAddress,
    attachment: state.attachment, movementHint: state.movementHint !== false, cell: state.cells.length === 1 ? state.cells[0]! : null, now: ctx.now,
  }, { source, linkAddress: findNdOption(ra.options, 'source-link-layer-address')?.linkAddress, ra });
  if (d.kind === 'ignore') return { state, outputs: [decision(`Router Advertisement from ${source} not used`, d.reason, 'RFC 4861 §6.3.4')] };
  if (d.kind === 'stay') return { state, outputs: [decision(`Router Advertisement from ${source}: no move`, d.reason, MOVEMENT_REF)] };
  if (d.kind === 'same-router') {
    // Each advertisement also sweeps the Binding Update List: entries whose binding ran out go (RFC 6275 §11.1).
    // After leaving the router's cell, an advertisement from it was sent before the node left: the hint stays.
    const swept = expireBindingUpdateList(state.bindingUpdateList, ctx.now);
    const hint = state.movementHint === 'left' ? 'left' : false;
    return { state: { ...state, attachment: d.attachment, movementHint: hint, bindingUpdateList: swept.table }, outputs: tableTraces('Binding Update List', swept.changes) };
  }

  const previous = state.attachment;
  const expired = expireBindingUpdateList(state.bindingUpdateList, ctx.now);
  let s: MobileNodeV6State = { ...state, attachment: d.attachment, previous, movementHint: false, atHome: d.kind === 'home', bindingUpdateList: expired.table };
  const outputs: NodeOutput[] = [
    ...tableTraces('Binding Update List', expired.changes),
    trace('table-changed', `attachment: ${attachmentText(d.attachment)}`, d.kind === 'home' ? 'RFC 6275 §11.5.2, §11.5.5' : 'RFC 4862 §5.5.3; RFC 6275 §11.5.3', {
      reason: d.reason, ...(previous === null ? {} : { before: previous }), after: d.attachment,
    }),
  ];
  const run = (step: NodeStep<MobileNodeV6State>): void => {
    s = step.state;
    outputs.push(...step.outputs);
  };
  if (d.kind === 'home') {
    if (state.home.phase === 'none' && !state.atHome && previous === null) {
      outputs.push(decision('at home', 'the mobile node starts on its home link: no binding to delete', 'RFC 6275 §11.5.4'));
      return { state: s, outputs };
    }
    if (state.home.phase !== 'none') run(registerWithHomeAgent(s, ctx, 'back on the home link: delete the binding at the home agent (Lifetime 0, from the home address)'));
    run(updateAllCorrespondents(s, ctx, 'back home: correspondents are to delete their bindings (Lifetime 0) and send to the home address again'));
    return { state: s, outputs };
  }
  run(registerWithHomeAgent(s, ctx, `new care-of address ${d.attachment.careOfAddress}: register it with the home agent`));
  run(askPreviousRouterToForward(s, ctx));
  run(updateAllCorrespondents(s, ctx, `moved to ${d.attachment.careOfAddress}: correspondents in the Binding Update List learn the new care-of address`));
  return { state: s, outputs };
}
