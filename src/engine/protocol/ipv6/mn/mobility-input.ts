// Mobility Header messages that reach the IPv6 mobile node (RFC 6275 §11.7.3,
// §11.7.4, §11.6.2, §11.3.6; docs/ipv6.md §3): Binding Acknowledgements from
// its home agent, correspondents and previous router — each must answer the
// newest Binding Update sent to its source, and those of the home agent and
// the previous router must be authenticated by AH (RFC 6275 §11.7.3; the
// packet's AH was verified before this) — Binding Refresh Requests, Home and
// Care-of Tests, and Binding Errors.

import type { NodeContext, NodeOutput, NodeStep } from '../../../node/contract';
import { describeWireError } from '../../../wire/result';
import type { ParsedIpv6Packet } from '../../../wire/ipv6/ipv6-packet';
import { parseMobilityHeader } from '../../../wire/ipv6/mobility-header';
import { mhTypeOf, mobilityMessageName, type BindingAcknowledgementMessage } from '../../../wire/ipv6/mobility-messages';
import { BindingErrorStatus, bindingAckStatusText, bindingErrorStatusText, isBindingAckAccepted } from '../../../wire/ipv6/mobility-status';
import { decision, dropped, tableTraces, trace } from '../../nodes/common/trace';
import { matchAcknowledgement, recordAcknowledged, recordRefusal } from './binding-update-list';
import { onBindingRefreshRequest, onCorrespondentAcknowledgement, onMobilityHeaderUnsupported, updateCorrespondent } from './correspondent-binding';
import { onHomeAcknowledgement } from './home-registration';
import type { MobileNodeV6State } from './mobile-node-v6-state';
import { onTestMessage } from './return-routability-client';
import { SMOOTH_HANDOFF_REF } from './smooth-handoff-v6';

export function onMobilityMessage(state: MobileNodeV6State, p: ParsedIpv6Packet, iface: string, ctx: NodeContext, bytes: Uint8Array): NodeStep<MobileNodeV6State> {
  const from = p.finalSource;
  const parsed = parseMobilityHeader(p.upperBytes, 0, p.upperBytes.length, { source: p.finalSource, destination: p.finalDestination });
  if (!parsed.ok) return { state, outputs: [dropped(`Mobility Header from ${from} dropped`, describeWireError(parsed.error), 'RFC 6275 §9.2', { interface: iface })] };
  if (!parsed.value.checksumValid) return { state, outputs: [dropped(`Mobility Header from ${from} dropped`, 'bad Mobility Header checksum (over the IPv6 pseudo-header of the final addresses)', 'RFC 6275 §6.1.1, §9.2', { interface: iface })] };
  const m = parsed.value.message;
  const name = mobilityMessageName(mhTypeOf(m));
  const received = trace('received', `${name} from ${from}`, 'RFC 6275 §6.1', { interface: iface, bytes });
  const withReceived = (step: NodeStep<MobileNodeV6State>): NodeStep<MobileNodeV6State> => ({ state: step.state, outputs: [received, ...step.outputs] });
  switch (m.kind) {
    case 'binding-acknowledgement':
      return withReceived(onAcknowledgement(state, ctx, p, m));
    case 'binding-refresh-request':
      return withReceived(onBindingRefreshRequest(state, ctx, from));
    case 'home-test':
    case 'care-of-test': {
      const t = onTestMessage(state, ctx, from, m);
      if (!t.bindingDue) return { state: t.state, outputs: t.outputs };
      const bu = updateCorrespondent(t.state, ctx, from, 'tokens-ready', `the keygen tokens from ${from} are in: Kbm authorizes the Binding Update`);
      return { state: bu.state, outputs: [...t.outputs, ...bu.outputs] };
    }
    case 'binding-error': {
      const text = `Binding Error from ${from}: status ${bindingErrorStatusText(m.status)} about ${m.homeAddress}`;
      if (m.status === BindingErrorStatus.UNRECOGNIZED_MH_TYPE) {
        const stop = onMobilityHeaderUnsupported(state, from);
        return withReceived({ state: stop.state, outputs: [decision(text, 'the correspondent does not know the message type: it is treated as not supporting route optimization', 'RFC 6275 §11.3.6'), ...stop.outputs] });
      }
      // Status 1: a Home Address option without a binding; RFC 6275 §11.3.6 has the node update the binding it lacks.
      const bu = updateCorrespondent(state, ctx, from, 'refresh-request', `${from} has no binding for the home address it saw in a Home Address option`);
      return withReceived({ state: bu.state, outputs: [decision(text, 'the correspondent lacks a binding: send it one', 'RFC 6275 §11.3.6'), ...bu.outputs] });
    }
    default:
      return { state, outputs: [dropped(`${name} from ${from} ignored`, `a mobile node does not take a ${name} (it sends those, or they are for correspondents and home agents)`, 'RFC 6275 §11', { interface: iface })] };
  }
}

function onAcknowledgement(state: MobileNodeV6State, ctx: NodeContext, p: ParsedIpv6Packet, ba: BindingAcknowledgementMessage): NodeStep<MobileNodeV6State> {
  const from = p.finalSource;
  const match = matchAcknowledgement(state.bindingUpdateList, from, ba.sequence, ba.status);
  if (match.kind === 'unexpected') return { state, outputs: [dropped(`Binding Acknowledgement #${ba.sequence} from ${from} discarded`, match.reason, 'RFC 6275 §11.7.3')] };
  const e = match.entry;
  if (e.kind !== 'correspondent' && p.authentication === undefined) {
    return { state, outputs: [dropped(`Binding Acknowledgement #${ba.sequence} from ${from} discarded`, 'it carries no AH: an acknowledgement of a home registration must be authenticated with the association the Binding Update used', 'RFC 6275 §11.7.3; mipv6-07 §4.4')] };
  }
  if (e.kind === 'home-agent') return onHomeAcknowledgement(state, ba, ctx);
  if (e.kind === 'correspondent') return onCorrespondentAcknowledgement(state, ctx, from, ba);
  return onPreviousRouterAcknowledgement(state, ctx, from, ba);
}

function onPreviousRouterAcknowledgement(state: MobileNodeV6State, ctx: NodeContext, from: string, ba: BindingAcknowledgementMessage): NodeStep<MobileNodeV6State> {
  const outputs: NodeOutput[] = [];
  if (isBindingAckAccepted(ba.status)) {
    const listed = recordAcknowledged(state.bindingUpdateList, from, ba.lifetimeUnits * 4, ctx.now);
    outputs.push(...tableTraces('Binding Update List', listed.changes), decision(`smooth handoff: ${from} forwards from the previous care-of address`, `status ${bindingAckStatusText(ba.status)}, for ${ba.lifetimeUnits * 4} s: what still reaches the old address is tunnelled to the new one`, SMOOTH_HANDOFF_REF));
    return { state: { ...state, bindingUpdateList: listed.table }, outputs };
  }
  const why = `the previous router ${from} refused to forward: status ${bindingAckStatusText(ba.status)}`;
  const refused = recordRefusal(state.bindingUpdateList, from, why, false, SMOOTH_HANDOFF_REF);
  outputs.push(...tableTraces('Binding Update List', refused.changes), decision('no smooth handoff', `${why}; datagrams still on their way to the previous care-of address are lost`, SMOOTH_HANDOFF_REF));
  return { state: { ...state, bindingUpdateList: refused.table }, outputs };
}
