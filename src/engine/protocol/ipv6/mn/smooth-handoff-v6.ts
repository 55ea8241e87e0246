// Smooth handoff without a foreign agent (Perkins & Johnson §10; mipv6-07
// §10.8; RFC 6275 §11.5.4 still asks a mobile node to keep its previous care-of
// address; docs/ipv6.md §3, OC-57): after a move the mobile node asks its
// previous default router to act as a home agent for the previous care-of
// address — a Binding Update with A and H, the Home Address option holding
// the previous care-of address, sent from the new care-of address to the
// router's global address (learned from the R flag of its Prefix Information,
// RFC 6275 §7.2), under AH with a configured mobile node–router association.
// Datagrams still in flight to the old address are then tunnelled to the new
// one instead of being lost. Without an association, or without the router's
// global address, there is no smooth handoff, and the mobile node says why.

import type { NodeContext, NodeStep } from '../../../node/contract';
import { decision } from '../../nodes/common/trace';
import { sendBindingUpdate } from './binding-update-sender';
import { associationFor, type MobileNodeV6State } from './mobile-node-v6-state';

export const SMOOTH_HANDOFF_REF = 'Perkins & Johnson §10; mipv6-07 §10.8; RFC 6275 §11.5.4';

export function askPreviousRouterToForward(state: MobileNodeV6State, ctx: NodeContext): NodeStep<MobileNodeV6State> {
  const prev = state.previous;
  const now = state.attachment;
  const c = state.config;
  if (prev === null || now === null || state.atHome || prev.careOfAddress === c.homeAddress) return { state, outputs: [] };
  const no = (reason: string): NodeStep<MobileNodeV6State> => ({ state, outputs: [decision('no smooth handoff', reason, SMOOTH_HANDOFF_REF)] });
  if (!c.smoothHandoff) return no('smooth handoff is turned off for this mobile node: datagrams still on their way to the previous care-of address are lost');
  if (prev.routerGlobal === null) return no(`the previous router ${prev.router} did not advertise its global address (no Prefix Information with the R flag), so the mobile node cannot address a Binding Update to it`);
  const sa = associationFor(c, prev.routerGlobal);
  if (sa === undefined) return no(`the mobile node shares no security association with its previous router ${prev.routerGlobal}: it cannot ask it to forward, and datagrams still on their way to ${prev.careOfAddress} are lost`);
  const sent = sendBindingUpdate(state, ctx, {
    destination: prev.routerGlobal, kind: 'previous-router', homeAddress: prev.careOfAddress, careOfAddress: now.careOfAddress,
    lifetimeS: c.smoothHandoffLifetimeS, homeRegistration: true, auth: { kind: 'ah', sa }, ref: SMOOTH_HANDOFF_REF,
    why: `the previous router is to act as a home agent for the previous care-of address ${prev.careOfAddress}, tunnelling what still arrives there to ${now.careOfAddress}`,
  });
  return { state: sent.state, outputs: sent.outputs };
}
