// A foreign agent (or any node holding a binding cache) receiving a tunnelled
// datagram (Perkins & Johnson §4.3; spectun-00 §3, §3.2; optim-08
// §3.1, §8.2, §8.3).
//
// Theory of operation. After decapsulating, with D = inner destination and
// T = outer source (the node whose binding pointed here):
//
//   1. D is a visitor          → deliver on the link (the caller's job)
//   2. D is in the cache       → re-tunnel to the cached CoA (outer source =
//                                this FA, inner TTL − 1) and warn D's home
//                                agent with a Binding Warning, target T
//   3. neither                 → special tunnel: IP in IP with outer
//                                destination = inner destination = D, so
//                                ordinary routing takes it home and the HA
//                                learns from the outer source who was stale.
//
// A router forwarding a special tunnel must not re-tunnel it from its own
// binding cache (optim-05 §2): `isSpecialTunnel` lets it recognise one.

import type { Ipv4Address } from '../../wire/address';
import { decapsulateIpInIp, encapsulateIpInIp } from '../../wire/ip-in-ip';
import { IpProtocol, parseIpv4 } from '../../wire/ipv4';
import { bindingWarning } from '../../wire/mip/binding-warning';
import { emitMipMessage, mipMessageLength } from '../../wire/mip/mip-message';
import { describeWireError } from '../../wire/result';
import { lookupBinding, type BindingCache } from '../tables/binding-cache';
import { tryAcquire, type RateLimiter } from '../tables/rate-limiter';
import type { Micros } from '../tables/table-change';
import { pendingFor, visitorFor, type VisitorList } from '../tables/visitor-list';
import {
  changeTraces, decision, dropped, roSend, unchanged, type RoForward, type RoResult, type RoSend, type RoTrace,
} from './types';

export interface ForeignAgentRoState {
  readonly cache: BindingCache;
  /** Binding Warning limiter per (HA, D, T) (OC-20, Perkins & Johnson §3.1; optim-08 §8.3). */
  readonly warningLimiter: RateLimiter;
}

export interface ForeignAgentContext {
  readonly address: Ipv4Address;
  readonly visitors: VisitorList;
}

export interface TunnelledDatagram {
  /** T: the outer source of the tunnel that brought it here. */
  readonly outerSource: Ipv4Address;
  /** The decapsulated inner datagram. */
  readonly inner: Uint8Array;
  /** This FA's per-datagram IP Identification for a tunnel it builds. */
  readonly ipIdentification: number;
}

export type TunnelledAction = 'deliver' | 'retunnel' | 'special-tunnel' | 'drop';

/** Perkins & Johnson §4.3; spectun-00 §3.2: what to do with a datagram tunnelled to this FA. */
export function receiveTunnelledDatagram(state: ForeignAgentRoState, ctx: ForeignAgentContext, input: TunnelledDatagram, now: Micros): RoResult<ForeignAgentRoState> & { readonly action: TunnelledAction } {
  const parsed = parseIpv4(input.inner);
  if (!parsed.ok) {
    return { ...unchanged(state, [dropped('tunnelled datagram dropped', describeWireError(parsed.error), 'RFC 2003 §3.1', input.inner)]), action: 'drop' };
  }
  const d = parsed.value.destination;
  const t = input.outerSource;
  if (visitorFor(ctx.visitors, d, now) !== null) {
    return { ...unchanged(state, [decision(`deliver to visitor ${d}`, 'spectun-00 §3.2; RFC 2002 §4.2.2')]), action: 'deliver' };
  }
  const found = lookupBinding(state.cache, d, now);
  if (found.entry !== null) {
    const entry = found.entry;
    const traces: RoTrace[] = [];
    const forwards: RoForward[] = [];
    const tunnelled = encapsulateIpInIp(input.inner, { source: ctx.address, destination: entry.careOfAddress, identification: input.ipIdentification, decrementInnerTtl: true });
    if (!tunnelled.ok) {
      return { ...unchanged({ ...state, cache: found.table }, [dropped(`datagram for ${d} not re-tunnelled`, describeWireError(tunnelled.error), 'RFC 2003 §3.1', input.inner)]), action: 'drop' };
    }
    forwards.push({ bytes: tunnelled.value, summary: `re-tunnelled ${d} to ${entry.careOfAddress}`, ref: 'spectun-00 §3.2; Perkins & Johnson §3.1; optim-08 §3.1' });
    traces.push(decision(`re-tunnel to the cached care-of address ${entry.careOfAddress}`, 'Perkins & Johnson §3.1; optim-08 §3.1', `${t} still tunnels to this node`));
    const warned = bindingWarningFor(state.warningLimiter, ctx, entry.haAddress, d, t, entry.careOfAddress, now);
    traces.push(...warned.traces);
    return { state: { cache: found.table, warningLimiter: warned.limiter }, sends: warned.sends, forwards, traces, action: 'retunnel' };
  }
  const special = encapsulateIpInIp(input.inner, { source: ctx.address, destination: d, identification: input.ipIdentification, decrementInnerTtl: true });
  if (!special.ok) {
    return { ...unchanged(state, [dropped(`datagram for ${d} not forwarded`, describeWireError(special.error), 'RFC 2003 §3.1', input.inner)]), action: 'drop' };
  }
  return {
    state,
    sends: [],
    forwards: [{ bytes: special.value, summary: `special tunnel for ${d} (outer destination = inner destination)`, ref: 'spectun-00 §3; Perkins & Johnson §4.3' }],
    traces: [pendingFor(ctx.visitors, d, now) === null
      ? decision(`send as a special tunnel towards ${d}'s home network`, 'spectun-00 §3; Perkins & Johnson §4.3; spectun-00 §3.2', `${d} is neither a visitor nor in the binding cache`)
      // OC-37, OC-48: a registration still pending here lets one Binding Acknowledge through, nothing else.
      : decision(`send as a special tunnel towards ${d}'s home network`, 'Perkins & Johnson §4.3; optim-08 §8.1; lab choice',
        `${d}'s registration through this agent is still pending (no Registration Reply yet), so it is not a visitor: before the Reply only a Binding Acknowledge is delivered to it, and this datagram goes home like any other for a node that is neither a visitor nor in the binding cache`)],
    action: 'special-tunnel',
  };
}

/** Perkins & Johnson §3.1; optim-08 §8.3: a BW to D's home agent with target T; skipped when the HA is unknown (OC-25) or is T (OC-45); rate-limited (OC-20). */
function bindingWarningFor(limiter: RateLimiter, ctx: ForeignAgentContext, ha: Ipv4Address | null, d: Ipv4Address, t: Ipv4Address, careOf: Ipv4Address, now: Micros): { limiter: RateLimiter; sends: RoSend[]; traces: RoTrace[] } {
  if (ha === null) return { limiter, sends: [], traces: [decision('no Binding Warning', 'lab choice, Perkins & Johnson §3.1', `the home agent of ${d} is unknown; a special tunnel would make it send Binding Updates anyway`)] };
  if (t === ha) return { limiter, sends: [], traces: [decision('no Binding Warning', 'lab choice, Perkins & Johnson §3.1', `the stale tunnel came from the home agent ${ha} itself`)] };
  const rate = tryAcquire(limiter, { destination: ha, mobileNode: d, target: t }, careOf, now);
  if (!rate.allowed) return { limiter, sends: [], traces: [decision(`Binding Warning to ${ha} not sent`, 'optim-08 §8.3; lab choice', rate.reason)] };
  const bw = bindingWarning({ homeAddress: d, targets: [t] });
  const payload = new Uint8Array(mipMessageLength(bw));
  emitMipMessage(bw, payload, 0);
  return {
    limiter: rate.limiter,
    sends: [roSend({ source: ctx.address, destination: ha, payload, summary: `Binding Warning about ${d}, target ${t}`, ref: 'optim-08 §4.1; Perkins & Johnson §3.1; optim-08 §8.3; lab choice' })],
    traces: [decision(`warn ${ha}: ${t} holds a stale binding for ${d}`, 'Perkins & Johnson §3.1; optim-08 §8.3'), ...changeTraces('BW rate limiter', rate.changes)],
  };
}

/**
 * A special tunnel: an IP-in-IP datagram whose outer destination equals its
 * inner destination (spectun-00 §3). A router forwarding one must route it by
 * its outer header only, never re-tunnel it from its binding cache (optim-05 §2).
 */
export function isSpecialTunnel(datagram: Uint8Array): boolean {
  const outer = parseIpv4(datagram);
  if (!outer.ok || outer.value.protocol !== IpProtocol.IP_IN_IP) return false;
  const opened = decapsulateIpInIp(datagram);
  return opened.ok && opened.value.innerDatagram.destination === outer.value.destination;
}

/** The router's rule: may it apply its binding cache to this datagram? Not to a special tunnel. */
export function mayTunnelFromCache(datagram: Uint8Array): { readonly allowed: boolean; readonly trace: RoTrace } {
  return isSpecialTunnel(datagram)
    ? { allowed: false, trace: decision('forward the special tunnel by its outer header', 'optim-05 §2; Perkins & Johnson §4.3; spectun-00 §3', 'a router must not re-tunnel a special tunnel from its binding cache') }
    : { allowed: true, trace: decision('binding cache may be consulted', 'Perkins & Johnson §3; optim-08 §3.1') };
}
