// The behaviour shared by the IPv6 home agent and the IPv6 access router
// (docs/ipv6.md §3): a dual-stack router (IPv4 and IPv6 forwarding reused from
// network/behaviours/router.ts) that advertises its link, does Neighbor
// Discovery, accepts Binding Updates with H for the addresses it may serve and
// tunnels what arrives for them. A thin dispatcher: the rules live in
// nd-responder.ts, binding-registration.ts and binding-tunnel.ts.

import type { NodeBehaviour, NodeContext, NodeInput, NodeOutput, NodeStep } from '../../../node/contract';
import { EtherType } from '../../../node/link-address';
import { ownIpv6Addresses } from '../../../network/behaviours/ip6-output';
import { isIpv6Multicast } from '../../../wire/ipv6/ipv6-address';
import { NextHeader } from '../../../wire/ipv6/ipv6-header';
import { decapsulateIpv6 } from '../../../wire/ipv6/ipv6-in-ipv6';
import { parseIpv6Packet, type ParsedIpv6Packet } from '../../../wire/ipv6/ipv6-packet';
import { isNdType, parseNdMessage } from '../../../wire/ipv6/neighbor-discovery';
import { describeWireError } from '../../../wire/result';
import { decision, dropped, tableTraces, trace } from '../../nodes/common/trace';
import { expireBindings } from './address-bindings';
import type { BindingAgentState } from './binding-agent-state';
import { BINDING_EXPIRY_TIMER, expiryTimer, onBindingUpdate } from './binding-registration';
import { checkReverseTunnel, describeIpv6, endBindingOfReturnedAddress, interceptingBinding, tunnelToCareOf } from './binding-tunnel';
import { ND_RETRANSMIT_TIMER, asRouter, forwardTransit, installRoutes, onNdRetransmit, type CoreStep } from './ipv6-router-core';
import { readMobilityHeader } from './mobility-packets';
import { onNeighborDiscovery } from './nd-responder';
import { RA_TIMER, onAdvertiseTimer, startAdvertising } from './router-advertiser';

type Step = NodeStep<BindingAgentState>;
type FrameInput = Extract<NodeInput, { kind: 'frame' }>;

/** How deep a tunnel inside a tunnel is opened here (RFC 2473 §4.1: a limit on nested encapsulation). */
const MAX_TUNNEL_DEPTH = 4;

function withCore(state: BindingAgentState, step: CoreStep, before: readonly NodeOutput[] = []): Step {
  return { state: { ...state, core: step.core }, outputs: [...before, ...step.outputs] };
}

function tablesName(state: BindingAgentState): string {
  return state.config.kind === 'home' ? 'bindings' : 'previous care-of bindings';
}

function onLocal(state: BindingAgentState, input: FrameInput, ctx: NodeContext, p: ParsedIpv6Packet, bytes: Uint8Array, depth: number): Step {
  const group = isIpv6Multicast(p.header.destination);
  if (p.upperNextHeader === NextHeader.ICMPV6 && isNdType(p.upperBytes[0] ?? -1)) {
    const m = parseNdMessage(bytes, p.upperOffset, p.end, { source: p.finalSource, destination: p.finalDestination });
    if (!m.ok) return { state, outputs: [dropped(`malformed Neighbor Discovery message from ${p.header.source}`, describeWireError(m.error), 'RFC 4861 §6.1, §7.1', { bytes, interface: input.interface })] };
    const nd = onNeighborDiscovery(state.core, state.config.advertiser, state.advertiser, ctx, input.interface, p, m.value, bytes);
    return { state: { ...state, core: nd.core, advertiser: nd.advertiser }, outputs: nd.outputs };
  }
  if (group) return { state, outputs: [] }; // other multicast (an RA of another router, a NS for another node): not for this router
  if (p.upperNextHeader === NextHeader.MOBILITY) {
    const mh = readMobilityHeader(bytes, p);
    if (!mh.ok) return { state, outputs: [dropped(`malformed Mobility Header from ${p.header.source}`, describeWireError(mh.error), 'RFC 6275 §9.2', { bytes, interface: input.interface })] };
    if (!mh.value.checksumValid) return { state, outputs: [dropped(`Mobility Header from ${p.header.source} discarded`, 'its checksum does not match the pseudo-header of its final addresses', 'RFC 6275 §9.2, §6.1.1', { bytes, interface: input.interface })] };
    const m = mh.value.message;
    if (m.kind !== 'binding-update') return { state, outputs: [dropped(`${describeIpv6(p)} ignored`, 'this node acts on Binding Updates only; other mobility messages are for mobile nodes and correspondents', 'RFC 6275 §9.2, §10.3', { bytes, interface: input.interface })] };
    return onBindingUpdate(state, ctx, p, m, bytes, input.interface);
  }
  if (p.upperNextHeader === NextHeader.IPV6) {
    if (depth >= MAX_TUNNEL_DEPTH) return { state, outputs: [dropped(`${describeIpv6(p)} discarded`, `more than ${MAX_TUNNEL_DEPTH} nested tunnels`, 'RFC 2473 §4.1', { bytes, interface: input.interface })] };
    const opened = decapsulateIpv6(bytes);
    if (!opened.ok) return { state, outputs: [dropped(`tunnelled datagram from ${p.header.source} discarded`, opened.error.reason, 'RFC 2473 §3', { bytes, interface: input.interface })] };
    const inner = parseIpv6Packet(opened.value.inner);
    if (!inner.ok) return { state, outputs: [dropped(`tunnelled datagram from ${p.header.source} discarded`, describeWireError(inner.error), 'RFC 2473 §3', { bytes, interface: input.interface })] };
    const check = checkReverseTunnel(state, p, bytes, inner.value, input.interface, ctx.now);
    if (check.kind === 'drop') return { state, outputs: check.outputs };
    const note = trace('received', `${describeIpv6(inner.value)} decapsulated from the tunnel ${p.header.source} → ${p.header.destination}`, 'RFC 6275 §10.4.5; RFC 2473 §3', { reason: check.reason, interface: input.interface });
    const next = onIpv6(state, { ...input, frame: { ...input.frame, payload: opened.value.inner } }, ctx, depth + 1);
    return { state: next.state, outputs: [note, ...next.outputs] };
  }
  return { state, outputs: [trace('delivered', `${describeIpv6(p)} is for this router; no application here`, 'RFC 8200 §4', { interface: input.interface })] };
}

function onIpv6(state: BindingAgentState, input: FrameInput, ctx: NodeContext, depth: number): Step {
  const bytes = input.frame.payload;
  const parsed = parseIpv6Packet(bytes);
  if (!parsed.ok) return withCore(state, asRouter(state.core, input, ctx)); // the router drops it with the parser's reason
  const p = parsed.value;
  const returned = depth === 0 ? endBindingOfReturnedAddress(state, input.interface, p, ctx.now) : undefined;
  if (returned !== undefined) {
    const next = onIpv6(returned.state, input, ctx, depth);
    return { state: next.state, outputs: [...returned.outputs, ...next.outputs] };
  }
  const own = ownIpv6Addresses(ctx.node);
  if (own.includes(p.header.destination) || isIpv6Multicast(p.header.destination)) return onLocal(state, input, ctx, p, bytes, depth);
  const b = interceptingBinding(state, p, ctx.now);
  if (b !== undefined) return tunnelToCareOf(state, ctx, p, bytes, b, input.interface);
  return withCore(state, forwardTransit(state.core, input, ctx, describeIpv6(p)));
}

function expire(state: BindingAgentState, ctx: NodeContext): Step {
  const r = expireBindings(state.bindings, ctx.now, state.config.kind === 'home' ? 'RFC 6275 §10.3.1' : 'mipv6-07 §10.8; RFC 6275 §11.5.4');
  const next = { ...state, bindings: r.table };
  return { state: next, outputs: [...tableTraces(tablesName(state), r.changes), expiryTimer(next)] };
}

/** A behaviour over the shared state, named for the role ("home agent (IPv6)", "access router (IPv6)"). */
export function bindingAgentBehaviour(kind: string): NodeBehaviour<BindingAgentState, unknown> {
  return {
    kind,
    handle(state, input, ctx) {
      if (input.kind === 'frame') {
        if (input.frame.etherType === EtherType.IPV6) return onIpv6(state, input, ctx, 0);
        return withCore(state, asRouter(state.core, input, ctx)); // IPv4 and anything else: the dual-stack router decides
      }
      if (input.kind === 'timer') {
        if (input.key === RA_TIMER) {
          const a = onAdvertiseTimer(state.core, state.config.advertiser, state.advertiser, ctx);
          return { state: { ...state, core: a.core, advertiser: a.advertiser }, outputs: a.outputs };
        }
        if (input.key === ND_RETRANSMIT_TIMER) return withCore(state, onNdRetransmit(state.core, ctx));
        if (input.key === BINDING_EXPIRY_TIMER) return expire(state, ctx);
        return { state, outputs: [] };
      }
      const command = input.command as { readonly type: string };
      if (command.type === 'start') return { state, outputs: startAdvertising(ctx.now) };
      if (command.type === 'install-routes') return withCore(state, installRoutes(state.core, input as NodeInput, ctx));
      if (command.type === 'configure' || command.type === 'inject') {
        return { state, outputs: [decision(`learner: ${command.type} refused at this ${kind}`, `the ${kind} has no settings to change while it runs and makes no attacks`, 'Perkins & Johnson §10')] };
      }
      return { state, outputs: [] };
    },
  };
}
