// The mobile node's Agent Solicitation schedule (RFC 2002 §2.4, §2.2).
//
// Theory of operation. A mobile node solicits only while it hears no agent
// (the embedding behaviour decides when that is: it calls startSoliciting when
// its agent table has nothing usable, stopSoliciting when an agent is heard).
// A round sends up to 3 solicitations at most one per second, then backs off
// exponentially — 2, 4, 8 … s — to at most 60 s, and keeps going while no agent
// is heard (Mobile IP may exceed RFC 1256's MAX_SOLICITATIONS). The back-off is
// kept between rounds until resetSolicitationBackoff, which the mobile node
// calls after a successful registration: "the next search may restart at the
// fast rate" (RFC 2002 §2.4).

import type { InterfaceConfig, InterfaceName, NodeOutput } from '../../node/contract';
import { EtherType, groupLinkAddressFor } from '../../node/link-address';
import { seconds, type Micros } from '../../node/time';
import type { RandomSource } from '../../random';
import type { Ipv4Address } from '../../wire/address';
import { agentSolicitation } from '../../wire/agent-solicitation';
import { icmpDatagram } from '../../wire/datagram';

/** All-routers multicast, RFC 1256's default destination for solicitations (RFC 2002 §2.2, §2.4). */
export const ALL_ROUTERS_MULTICAST = '224.0.0.2';
/** RFC 2002 §2.2: IP TTL MUST be 1. */
export const SOLICITATION_TTL = 1;
export const SOLICIT_TIMER = 'discovery:solicit';

export interface SolicitorConfig {
  readonly interface: InterfaceName;
  /** RFC 2002 §2.4: up to 3 initial solicitations … */
  readonly initialCount: number;
  /** … at most 1 per second … */
  readonly initialInterval: Micros;
  /** … then binary exponential back-off to a maximum of at least 60 s (the lab: 60 s, RFC 2002 §2.2, §2.4). */
  readonly maxInterval: Micros;
}

export function solicitorConfig(o: Pick<SolicitorConfig, 'interface'> & Partial<SolicitorConfig>): SolicitorConfig {
  return { initialCount: 3, initialInterval: seconds(1), maxInterval: seconds(60), ...o };
}

export interface SolicitorState {
  readonly active: boolean;
  /** Solicitations sent since the last back-off reset; decides the next interval. */
  readonly sent: number;
  readonly nextAt: Micros | null;
}

export interface SolicitorStep {
  readonly state: SolicitorState;
  readonly outputs: readonly NodeOutput[];
  readonly identificationsUsed: number;
}

export function initialSolicitorState(): SolicitorState {
  return { active: false, sent: 0, nextAt: null };
}

/**
 * The nominal wait after the `sent`-th solicitation of a round (1-based): 1 s
 * after each of the first `initialCount − 1`, so the first `initialCount` go
 * at most one per second, then doubling (2, 4, 8 … s) up to `maxInterval`.
 */
export function nominalSolicitationInterval(c: SolicitorConfig, sent: number): Micros {
  if (sent < c.initialCount) return c.initialInterval;
  const doublings = Math.min(sent - c.initialCount + 1, 30);
  return Math.min(c.initialInterval * 2 ** doublings, c.maxInterval);
}

/**
 * RFC 2002 §2.4: intervals are nominal and randomised as in RFC 1256. Our
 * choice: add up to 10 % (never subtract), so the "at most 1 per second" and
 * "at least 60 s" bounds hold after randomisation too.
 */
export function randomisedSolicitationInterval(c: SolicitorConfig, sent: number, random: RandomSource): Micros {
  const nominal = nominalSolicitationInterval(c, sent);
  return nominal + random.below(Math.floor(nominal / 10) + 1);
}

const idle = (state: SolicitorState): SolicitorStep => ({ state, outputs: [], identificationsUsed: 0 });

/** Starts (or keeps) soliciting; the first solicitation goes at `firstAt` (≥ now). */
export function startSoliciting(state: SolicitorState, firstAt: Micros): SolicitorStep {
  if (state.active) return idle(state);
  return { state: { ...state, active: true, nextAt: firstAt }, outputs: [{ kind: 'set-timer', key: SOLICIT_TIMER, at: firstAt, ref: 'RFC 2002 §2.4: no agent heard, so solicit' }], identificationsUsed: 0 };
}

/** An agent was heard: stop (RFC 2002 §2.4: solicit only when no advertisements are heard). */
export function stopSoliciting(state: SolicitorState): SolicitorStep {
  if (!state.active) return idle(state);
  return { state: { ...state, active: false, nextAt: null }, outputs: [{ kind: 'cancel-timer', key: SOLICIT_TIMER }], identificationsUsed: 0 };
}

/** After a successful registration the next search restarts at the fast rate (RFC 2002 §2.4). */
export function resetSolicitationBackoff(state: SolicitorState): SolicitorState {
  return { ...state, sent: 0 };
}

/** The timer fell due: one solicitation to 224.0.0.2 with TTL 1, and the next one armed. */
export function onSolicitTimer(c: SolicitorConfig, state: SolicitorState, interfaces: readonly InterfaceConfig[], source: Ipv4Address | undefined, now: Micros, random: RandomSource, identification: number): SolicitorStep {
  if (!state.active) return idle(state);
  const own = interfaces.find((i) => i.name === c.interface);
  if (own === undefined) throw new Error(`the solicitor is configured for interface "${c.interface}", which this node does not have`);
  const from = source ?? own.address;
  const bytes = icmpDatagram({ source: from, destination: ALL_ROUTERS_MULTICAST, ttl: SOLICITATION_TTL, identification }, { kind: 'router-solicitation', ...agentSolicitation() });
  const number = state.sent + 1;
  const wait = randomisedSolicitationInterval(c, number, random);
  const next = now + wait;
  const phase = state.sent < c.initialCount ? `initial solicitation ${number} of ${c.initialCount}, at most 1 per second` : 'binary exponential back-off';
  return {
    state: { active: true, sent: number, nextAt: next },
    outputs: [
      {
        kind: 'transmit', interface: c.interface,
        frame: { source: own.linkAddress, destination: groupLinkAddressFor(ALL_ROUTERS_MULTICAST)!, etherType: EtherType.IPV4, payload: bytes },
        summary: `Agent Solicitation ${from} → ${ALL_ROUTERS_MULTICAST} (#${number})`,
        reason: `no agent heard: ${phase} (RFC 2002 §2.4)`, ref: 'RFC 2002 §2.2, §2.4',
      },
      { kind: 'set-timer', key: SOLICIT_TIMER, at: next, ref: `RFC 2002 §2.4: next solicitation in ~${nominalSolicitationInterval(c, number) / seconds(1)} s` },
    ],
    identificationsUsed: 1,
  };
}
