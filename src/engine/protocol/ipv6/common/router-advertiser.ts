// The Router Advertisement sender of the IPv6 home agent and access routers
// (RFC 4861 §6.2; RFC 6275 §7; docs/ipv6.md §3, OC-58): an unsolicited
// advertisement to all-nodes every `intervalS`, and one at once in answer to a
// Router Solicitation (RFC 4861 §6.2.6 allows multicasting the answer; the
// lab answers without the random delay so a learner sees cause and effect,
// and RFC 6275 §7.5 lets mobility routers advertise far more often anyway).

import type { NodeContext, NodeOutput } from '../../../node/contract';
import { ALL_NODES } from '../../../wire/ipv6/ipv6-address';
import { dropped } from '../../nodes/common/trace';
import type { Micros } from '../../tables/table-change';
import { sendFromRouter, type CoreStep, type Ipv6RouterCore } from './ipv6-router-core';
import { routerAdvertisementPacket } from './nd-messages';

export const RA_TIMER = 'router-advertisement';

export interface AdvertiserV6Config {
  /** The link it advertises on (the home link, or the access router's cell). */
  readonly interface: string;
  readonly intervalS: number;
  /** Router Lifetime, seconds (RFC 4861 §4.2). */
  readonly routerLifetimeS: number;
  /** Valid and Preferred Lifetime of the Prefix Information option, seconds (RFC 4861 §4.6.2). */
  readonly prefixLifetimeS: number;
  /** Set on a home agent: the H flag and a Home Agent Information option (RFC 6275 §7.1, §7.4). */
  readonly homeAgent?: { readonly preference: number; readonly lifetimeS: number };
}

export interface AdvertiserV6State {
  readonly sent: number;
  readonly lastSentAt: Micros | null;
}

export const INITIAL_ADVERTISER_V6: AdvertiserV6State = { sent: 0, lastSentAt: null };

export interface AdvertiserStep extends CoreStep {
  readonly advertiser: AdvertiserV6State;
}

function advertise(core: Ipv6RouterCore, config: AdvertiserV6Config, state: AdvertiserV6State, ctx: NodeContext, solicitedBy?: string): AdvertiserStep {
  const iface = ctx.node.interfaces.find((i) => i.name === config.interface);
  if (iface?.ipv6 === undefined) {
    return { core, advertiser: state, outputs: [dropped('no Router Advertisement sent', "the link it advertises on has no IPv6 address on this router", 'RFC 4861 §6.2.2')] };
  }
  const bytes = routerAdvertisementPacket(iface, config);
  const what = config.homeAgent === undefined ? 'Router Advertisement' : 'Router Advertisement (H: home agent)';
  const summary = `${what} ${iface.ipv6.address}/${iface.ipv6.prefixLength} → ${ALL_NODES}`;
  const sent = sendFromRouter(core, ctx, bytes, ALL_NODES, {
    summary,
    reason: solicitedBy === undefined ? `periodic, every ${config.intervalS} s` : `answers the Router Solicitation from ${solicitedBy}`,
    ref: solicitedBy === undefined ? 'RFC 4861 §6.2.4; RFC 6275 §7.5' : 'RFC 4861 §6.2.6',
  }, config.interface);
  return { core: sent.core, advertiser: { sent: state.sent + 1, lastSentAt: ctx.now }, outputs: sent.outputs };
}

/** At start: the first advertisement now (RFC 4861 §6.2.4 sends the first ones quickly). */
export function startAdvertising(now: Micros): NodeOutput[] {
  return [{ kind: 'set-timer', key: RA_TIMER, at: now, ref: 'RFC 4861 §6.2.4' }];
}

export function onAdvertiseTimer(core: Ipv6RouterCore, config: AdvertiserV6Config, state: AdvertiserV6State, ctx: NodeContext): AdvertiserStep {
  const step = advertise(core, config, state, ctx);
  const next: NodeOutput = { kind: 'set-timer', key: RA_TIMER, at: ctx.now + Math.round(config.intervalS * 1_000_000), ref: 'RFC 4861 §6.2.4; RFC 6275 §7.5 (advertisement interval)' };
  return { ...step, outputs: [...step.outputs, next] };
}

export function onRouterSolicitation(core: Ipv6RouterCore, config: AdvertiserV6Config, state: AdvertiserV6State, ctx: NodeContext, from: string): AdvertiserStep {
  return advertise(core, config, state, ctx, from);
}
