// A Binding Update at the IPv6 correspondent, from verdict to outputs
// (Perkins & Johnson §10; RFC 6275 §9.5): the check
// (binding-update-check.ts) decides; this applies it — the AH window moves
// once an ICV verified, the binding cache changes, the refusal is recorded —
// and answers with a Binding Acknowledgement when the mobile node asked for
// one (A), or when RFC 6275 §9.5.4 says a refusal must be told whatever A
// says (sequence out of window, expired nonces, no resources). The answer
// goes back through the binding (type 2 Routing header) when the Binding
// Update came from a care-of address, under AH when the Binding Update came
// under AH, with Binding Authorization Data when it came with return
// routability (RFC 6275 §9.5.4).

import type { NodeContext, NodeInput, NodeOutput, NodeStep } from '../../../node/contract';
import type { ParsedIpv6Packet } from '../../../wire/ipv6/ipv6-packet';
import type { BindingUpdateMessage } from '../../../wire/ipv6/mobility-messages';
import { BindingAckStatus, bindingAckStatusText } from '../../../wire/ipv6/mobility-status';
import { decision, dropped, tableTraces } from '../../nodes/common/trace';
import { verifyAh } from '../common/ah-verification';
import { applyIpv6BindingUpdate } from './binding-cache-v6';
import { checkBindingUpdate, type BindingUpdateVerdict } from './binding-update-check';
import { MAX_RECORDED_REFUSALS, type CorrespondentV6State } from './correspondent-v6-state';
import { sendMobility } from './correspondent-send';

type Step = NodeStep<CorrespondentV6State>;

/** RFC 6275 §9.5.4: refusals the mobile node is told of even without A. */
const ALWAYS_ANSWERED: readonly number[] = [
  BindingAckStatus.INSUFFICIENT_RESOURCES, BindingAckStatus.SEQUENCE_NUMBER_OUT_OF_WINDOW,
  BindingAckStatus.EXPIRED_HOME_NONCE_INDEX, BindingAckStatus.EXPIRED_CARE_OF_NONCE_INDEX, BindingAckStatus.EXPIRED_NONCES,
];

export interface BindingUpdateArrival {
  readonly message: BindingUpdateMessage;
  readonly mobilityHeader: Uint8Array;
  /** IPv6 source (the care-of address). */
  readonly source: string;
  /** Home Address option, or the source. */
  readonly homeAddress: string;
  /** The packet as received, for the ICV. */
  readonly packet: Uint8Array;
  readonly parsed: ParsedIpv6Packet;
}

function withWindow(state: CorrespondentV6State, v: BindingUpdateVerdict): CorrespondentV6State {
  return v.ahWindow === null ? state : { ...state, ah: v.ahWindow.state };
}

/** The Binding Acknowledgement answering `bu` with `status` (and its outputs), or nothing when none is due. */
function acknowledge(state: CorrespondentV6State, bu: BindingUpdateArrival, v: BindingUpdateVerdict, status: number, sequence: number, lifetimeUnits: number, ctx: NodeContext): Step {
  const answer = bu.message.acknowledge || ALWAYS_ANSWERED.includes(status);
  if (!answer) return { state, outputs: [] };
  const throughBinding = bu.source !== bu.homeAddress;
  const spi = v.ahWindow?.spi;
  const sa = spi === undefined ? undefined : state.config.associations.find((a) => a.spi === spi);
  const text = bindingAckStatusText(status);
  return sendMobility(state, {
    message: { kind: 'binding-acknowledgement', status, keyManagement: false, sequence, lifetimeUnits, options: [] },
    destination: bu.source,
    ...(throughBinding ? { homeAddress: bu.homeAddress } : {}),
    ...(sa === undefined ? {} : { ah: sa }),
    ...(v.kbm === null ? {} : { kbm: v.kbm }),
    summary: `Binding Acknowledgement ${text} → ${bu.homeAddress}${throughBinding ? ` (via ${bu.source})` : ''}`,
    reason: bu.message.acknowledge ? 'the Binding Update set A (acknowledge)' : 'RFC 6275 §9.5.4: this refusal is reported even though the Binding Update did not set A',
    ref: 'RFC 6275 §9.5.4',
  }, ctx);
}

export function onBindingUpdate(state: CorrespondentV6State, bu: BindingUpdateArrival, input: Extract<NodeInput, { kind: 'frame' }>, ctx: NodeContext): Step {
  const m = bu.message;
  const ah = verifyAh(state.config.associations, state.ah, bu.packet, bu.parsed.authentication);
  const v = checkBindingUpdate(state, { message: m, mobilityHeader: bu.mobilityHeader, source: bu.source, homeAddress: bu.homeAddress, ah }, ctx.now);
  const what = `Binding Update #${m.sequence} for ${bu.homeAddress} from ${bu.source}`;
  let s = withWindow(state, v);
  const extras = { bytes: input.frame.payload, interface: input.interface };
  if (!v.ok) {
    const refused = { at: ctx.now, homeAddress: bu.homeAddress, careOfAddress: bu.source, sequence: m.sequence, reason: v.reason, status: v.status };
    s = { ...s, refused: [...s.refused.slice(1 - MAX_RECORDED_REFUSALS), refused] };
    const told: Step = v.status === null ? { state: s, outputs: [] } : acknowledge(s, bu, v, v.status, v.sequence, 0, ctx);
    return { state: told.state, outputs: [dropped(`${what} refused`, v.reason, v.ref, extras), ...told.outputs] };
  }
  const applied = applyIpv6BindingUpdate(s.cache, v.update, ctx.now);
  s = { ...s, cache: applied.table };
  const outputs: NodeOutput[] = [decision(`${what} accepted`, v.reason, v.ref), ...tableTraces('binding cache', applied.changes)];
  if (applied.outcome === 'nothing-to-delete') outputs.push(decision(`no binding for ${bu.homeAddress} to delete`, 'the cache held none: nothing changes', 'RFC 6275 §9.5.3'));
  const deleted = applied.outcome === 'deleted' || applied.outcome === 'nothing-to-delete';
  const ack = acknowledge(s, bu, v, BindingAckStatus.ACCEPTED, m.sequence, deleted ? 0 : v.grantedUnits, ctx);
  return { state: ack.state, outputs: [...outputs, ...ack.outputs] };
}
