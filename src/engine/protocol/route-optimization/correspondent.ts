// A correspondent node's route optimization (Perkins & Johnson §3, §3.3;
// optim-08 §3.1, §4.3, §7.1).
//
// Theory of operation. A correspondent learns a mobile node's binding only
// from an authenticated Binding Update sent by the mobile node's home agent:
// it selects the MSA by (IP source = HA, SPI), verifies the authenticator,
// checks the Identification for replay, then creates, refreshes or deletes the
// cache entry and acknowledges if asked (Perkins & Johnson §3.3; optim-08 §4.3). When it sends to an address it
// holds a binding for, it tunnels straight to the care-of address (Perkins & Johnson §3; optim-08 §3.1, OC-39),
// and asks the home agent for a fresh binding shortly before the entry expires
// (OC-43). A correspondent that does not implement route optimization ignores
// Binding Updates altogether (optim-08 §7.1) — the home agent's rate limiter
// is what keeps that cheap.

import type { Identification } from '../../crypto/identification';
import type { RandomSource } from '../../random';
import type { Ipv4Address } from '../../wire/address';
import { encapsulateGre } from '../../wire/gre';
import { encapsulateIpInIp } from '../../wire/ip-in-ip';
import { encapsulateMinimal } from '../../wire/minimal-encapsulation';
import { bindingRequest } from '../../wire/mip/binding-request';
import { BindingAckStatus } from '../../wire/mip/binding-acknowledge';
import { identificationHex } from '../../wire/mip/identification';
import { emitMipMessage, mipMessageLength } from '../../wire/mip/mip-message';
import type { TunnelResult } from '../../wire/tunnel';
import {
  applyBindingUpdate, lookupBinding, markBindingRequestSent, needsRefresh, type BindingCache, type CacheReplayState,
} from '../tables/binding-cache';
import { checkBindingUpdateIdentification, recordBindingRequest, type BuReceiverReplayTable } from '../tables/binding-update-replay';
import { associationWithPeer, findSecurityAssociation, type SecurityAssociationTable } from '../tables/security-associations';
import type { Micros } from '../tables/table-change';
import { BU_RECEIVE_REF, acknowledgeSend, authenticateBindingUpdate, bindingUpdateText, checkBindingUpdate } from './binding-update-check';
import {
  changeTraces, decision, dropped, received, roSend, unchanged,
  type ReceivedMessage, type RoConfig, type RoResult, type RoSend, type RoTrace,
} from './types';

export interface CorrespondentState {
  readonly cache: BindingCache;
  readonly replay: BuReceiverReplayTable;
}

export type TunnelEncapsulation = 'ip-in-ip' | 'minimal' | 'gre';

export interface CorrespondentContext {
  readonly address: Ipv4Address;
  /** MSAs with home agents (configured, or master-key derived keys the HA's administrator handed out, Perkins & Johnson §5; optim-08 App. A). */
  readonly associations: SecurityAssociationTable;
  /** false: a legacy node without route optimization (optim-08 §7.1). */
  readonly implementsRouteOptimization: boolean;
  /** OC-39: IP in IP unless configured otherwise and permitted by the BU's M/G bits. */
  readonly preferredEncapsulation?: TunnelEncapsulation;
  readonly config: RoConfig;
}

const LEGACY_REF = 'optim-08 §7.1; Perkins & Johnson §3; optim-08 §3.1';

/** A Binding Update arrived at the correspondent (Perkins & Johnson §3.3; optim-08 §4.3, Perkins & Johnson §3; optim-08 §3.1). */
export function receiveBindingUpdate(state: CorrespondentState, ctx: CorrespondentContext, msg: ReceivedMessage, now: Micros, random: RandomSource): RoResult<CorrespondentState> {
  if (!ctx.implementsRouteOptimization) {
    return unchanged(state, [decision('Binding Update ignored', LEGACY_REF, 'ignored: this correspondent does not implement Route Optimization')]);
  }
  const traces: RoTrace[] = [];
  // Perkins & Johnson §3.5 (OC-36): a BA to a node this correspondent shares an association with is authenticated with it.
  const authenticatedTo = (to: Ipv4Address) => ({ authenticateWith: associationWithPeer(ctx.associations, to, now)?.association ?? null, profile: ctx.config.profile });
  const checked = checkBindingUpdate(msg.payload);
  const refuse = (status: number, reason: string, home: Ipv4Address | null, id: Identification | null, ackWanted: boolean, ref: string, extra: RoSend[] = []): RoResult<CorrespondentState> => {
    traces.push(dropped(`Binding Update from ${msg.source} refused`, reason, ref));
    const ack = ackWanted && home !== null
      ? [acknowledgeSend({ status, homeAddress: home, identification: id, from: ctx.address, to: msg.source, ref: `Perkins & Johnson §3.3; optim-08 §4.3; Perkins & Johnson §3.4; optim-08 §4.4; lab choice`, ...authenticatedTo(msg.source) })]
      : [];
    return unchanged(state, traces, [...ack, ...extra]);
  };
  if (!checked.ok) {
    if (checked.status === null) return unchanged(state, [dropped(`message from ${msg.source} discarded`, checked.reason, 'RFC 2002 §1.9; optim-08 §4')]);
    return refuse(checked.status, checked.reason, checked.homeAddress, null, checked.acknowledgeWanted, 'optim-08 §4.3');
  }
  const { bu } = checked;
  const ackWanted = bu.flags.acknowledge;
  traces.push(received(`${bindingUpdateText(bu)} from ${msg.source}`, BU_RECEIVE_REF));

  // Step 3: the MSA is the one shared with the BU's IP source, the home agent (Perkins & Johnson §3; optim-08 §3.1).
  const found = findSecurityAssociation(ctx.associations, msg.source, checked.spi, now);
  const auth = authenticateBindingUpdate(msg.payload, checked, found?.association ?? null, `home agent ${msg.source}`, ctx.config.profile);
  if (!auth.verified) return refuse(BindingAckStatus.AUTHENTICATION_FAILED, auth.explanation, bu.homeAddress, bu.identification, ackWanted, 'Perkins & Johnson §3.5; optim-08 §4.5');
  const sa = found!.association;
  traces.push(decision('Binding Update authenticated', 'optim-08 §4.5; lab choice', `${auth.explanation} (MSA ${found!.source})`));

  // Step 4: replay protection in the MSA's style (OC-28, OC-29, OC-44).
  const replay = checkBindingUpdateIdentification(state.replay, {
    peer: msg.source, homeAddress: bu.homeAddress, style: sa.replay, identification: bu.identification, epochUnixMs: ctx.config.epochUnixMs,
    ...(ctx.config.timestampWindowSeconds === undefined ? {} : { windowSeconds: ctx.config.timestampWindowSeconds }),
  }, now);
  if (!replay.accepted) {
    if (!replay.resynchronise) return refuse(replay.status, replay.reason, bu.homeAddress, bu.identification, ackWanted, 'optim-08 §4.3; lab choice: timestamp window as RFC 2002 §5.6.1');
    // Nonce style: resynchronise with a Binding Request carrying a fresh challenge (OC-44).
    const br = bindingRequestSend(state.replay, ctx, msg.source, bu.homeAddress, 'nonce', now, random);
    traces.push(...changeTraces('BU replay state', br.changes));
    const refused = refuse(replay.status, replay.reason, bu.homeAddress, bu.identification, ackWanted, 'optim-08 §4.3; lab choice: nonce resynchronisation by Binding Request', [br.send]);
    return { ...refused, state: { ...state, replay: br.table } };
  }
  traces.push(decision('Identification accepted', 'optim-08 §4.3', replay.reason), ...changeTraces('BU replay state', replay.changes));

  // Step 5: apply (OC-24: the HA address is the BU's IP source).
  const id = bu.identification!;
  const replayState: CacheReplayState = sa.replay === 'timestamp' ? { style: 'timestamp', lastTimestamp: id } : { style: 'nonce', expectedNonce: id.high };
  const applied = applyBindingUpdate(state.cache, {
    homeAddress: bu.homeAddress, careOfAddress: bu.careOfAddress, lifetimeSeconds: bu.lifetime, haAddress: msg.source,
    allowMinimal: bu.flags.minimalEncapsulation, allowGre: bu.flags.greEncapsulation, replay: replayState, spi: checked.spi, origin: 'home-agent',
  }, now);
  traces.push(decision(`binding ${applied.outcome}`, 'Perkins & Johnson §3.3; optim-08 §3.1; lab choice'), ...changeTraces('binding cache', applied.changes));
  if (applied.entry?.refreshExhausted === true && state.cache.entries[bu.homeAddress]?.refreshExhausted !== true) {
    traces.push(decision(`asks no more about ${bu.homeAddress}: the binding is left to expire`, 'Perkins & Johnson §3.2, §3.3; optim-08 §4.2',
      `the answer to this cache's Binding Request grants ${bu.lifetime} s, which does not reach past the refresh window (the registration itself is about to end); one Binding Request per window`));
  }

  // Step 6: acknowledge if asked, to the BU's IP source.
  const sends = ackWanted
    ? [acknowledgeSend({ status: BindingAckStatus.ACCEPTED, homeAddress: bu.homeAddress, identification: bu.identification, from: ctx.address, to: msg.source, ref: 'Perkins & Johnson §3.4, §3.5; optim-08 §4.4; lab choice', ...authenticatedTo(msg.source) })]
    : [];
  return { state: { cache: applied.table, replay: replay.table }, sends, forwards: [], traces };
}

function bindingRequestSend(replay: BuReceiverReplayTable, ctx: CorrespondentContext, ha: Ipv4Address, home: Ipv4Address, style: 'timestamp' | 'nonce', now: Micros, random: RandomSource) {
  const r = recordBindingRequest(replay, { peer: ha, homeAddress: home, style, epochUnixMs: ctx.config.epochUnixMs }, now, random);
  const br = bindingRequest({ homeAddress: home, identification: r.identification });
  const payload = new Uint8Array(mipMessageLength(br));
  emitMipMessage(br, payload, 0);
  const ref = style === 'nonce' ? 'optim-08 §4.3; lab choice: nonce resynchronisation' : 'optim-08 §4.2, §4.3; lab choice: NTP-timestamp Identification';
  const send = roSend({ source: ctx.address, destination: ha, payload, ref, summary: `Binding Request about ${home}, Identification ${identificationHex(r.identification)}` });
  return { table: r.table, changes: r.changes, send };
}

export type CorrespondentRoute =
  | { readonly kind: 'normal' }
  | { readonly kind: 'tunnel'; readonly careOfAddress: Ipv4Address; readonly encapsulation: TunnelEncapsulation };

/**
 * How the correspondent sends a datagram to `destination` (Perkins & Johnson §3; optim-08 §3.1): with a
 * live cache entry, tunnelled to the care-of address; otherwise normal
 * routing (the home agent will intercept). Using the entry may also trigger
 * the entry's one refreshing Binding Request (OC-43).
 */
export function routeForDestination(state: CorrespondentState, ctx: CorrespondentContext, destination: Ipv4Address, now: Micros, random: RandomSource): RoResult<CorrespondentState> & { readonly route: CorrespondentRoute } {
  const found = ctx.implementsRouteOptimization ? lookupBinding(state.cache, destination, now) : null;
  if (found === null || found.entry === null) {
    return { ...unchanged(state, [decision(`no binding for ${destination}: normal routing`, 'Perkins & Johnson §3; optim-08 §3.1')]), route: { kind: 'normal' } };
  }
  const entry = found.entry;
  const wanted = ctx.preferredEncapsulation ?? 'ip-in-ip';
  const permitted = wanted === 'ip-in-ip' || (wanted === 'minimal' && entry.allowMinimal) || (wanted === 'gre' && entry.allowGre);
  const encapsulation: TunnelEncapsulation = permitted ? wanted : 'ip-in-ip'; // OC-39
  const traces: RoTrace[] = [decision(`tunnel to ${entry.careOfAddress} (${encapsulation})`, 'Perkins & Johnson §3; optim-08 §3.1; RFC 2003 §3.1; lab choice',
    permitted ? undefined : `${wanted} is not permitted by the Binding Update's M/G bits`)];
  let next: CorrespondentState = { ...state, cache: found.table };
  const sends: RoSend[] = [];
  if (needsRefresh(entry, now) && entry.haAddress !== null) {
    const style = associationWithPeer(ctx.associations, entry.haAddress, now)?.association.replay ?? 'timestamp';
    const br = bindingRequestSend(next.replay, ctx, entry.haAddress, destination, style, now, random);
    const marked = markBindingRequestSent(next.cache, destination, now);
    next = { cache: marked.table, replay: br.table };
    sends.push(br.send);
    traces.push(decision(`refresh the binding of ${destination}`, 'optim-08 §4.3; lab choice'), ...changeTraces('binding cache', marked.changes), ...changeTraces('BU replay state', br.changes));
  }
  return { state: next, sends, forwards: [], traces, route: { kind: 'tunnel', careOfAddress: entry.careOfAddress, encapsulation } };
}

/**
 * The tunnelled datagram for a tunnel route (RFC 2003 §3.1): the
 * correspondent is the original sender, so the inner TTL is left unchanged;
 * outer TTL 64 (OC-39).
 */
export function tunnelFromCorrespondent(inner: Uint8Array, route: Extract<CorrespondentRoute, { kind: 'tunnel' }>, source: Ipv4Address, ipIdentification: number): TunnelResult<Uint8Array> {
  const options = { source, destination: route.careOfAddress, identification: ipIdentification, decrementInnerTtl: false };
  if (route.encapsulation === 'minimal') return encapsulateMinimal(inner, options);
  if (route.encapsulation === 'gre') return encapsulateGre(inner, options);
  return encapsulateIpInIp(inner, options);
}
