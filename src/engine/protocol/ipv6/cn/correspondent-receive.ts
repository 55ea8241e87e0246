// What the IPv6 correspondent does with a packet addressed to it (Perkins &
// Johnson §10; RFC 6275 §9): UDP is delivered and recorded — with
// a Home Address option the sender is the home address it names, from any
// node (RFC 6275 §9.3.1; OC-54) — and the Mobility Header goes to the binding
// logic: Binding Updates (correspondent-binding-update.ts), Home and Care-of
// Test Inits (return-routability-responder.ts). Without route optimization
// the node does not process the Mobility Header at all: ICMPv6 Parameter
// Problem pointing at the Next Header that named it (RFC 6275 §9.2), so the
// mobile node stops sending it Binding Updates.

import type { NodeContext, NodeInput, NodeOutput, NodeStep } from '../../../node/contract';
import { EtherType } from '../../../node/link-address';
import { ownIpv6Addresses, sendIpv6Datagram } from '../../../network/behaviours/ip6-output';
import { withDelivery, type Delivery } from '../../../network/behaviours/host';
import { readFlowPayload } from '../../../network/behaviours/udp-datagram';
import { hex } from '../../../wire/dissection';
import { encodeIcmpv6 } from '../../../wire/ipv6/icmpv6';
import { quoteInvokingPacket } from '../../../wire/ipv6/icmpv6-quote';
import { isIpv6Multicast } from '../../../wire/ipv6/ipv6-address';
import { NextHeader, nextHeaderName } from '../../../wire/ipv6/ipv6-header';
import { DEFAULT_HOP_LIMIT, buildIpv6Packet, parseIpv6Packet, type ParsedIpv6Packet } from '../../../wire/ipv6/ipv6-packet';
import { parseMobilityHeader } from '../../../wire/ipv6/mobility-header';
import { mobilityMessageName } from '../../../wire/ipv6/mobility-messages';
import { parseUdp6 } from '../../../wire/ipv6/udp6';
import { describeWireError } from '../../../wire/result';
import { dropped, trace } from '../../nodes/common/trace';
import { peekIpv6Binding } from './binding-cache-v6';
import { onBindingUpdate } from './correspondent-binding-update';
import type { CorrespondentV6State } from './correspondent-v6-state';
import { sendMobility } from './correspondent-send';
import { RR_RESPONDER_REF, answerTestInit } from './return-routability-responder';

type Step = NodeStep<CorrespondentV6State>;
type FrameInput = Extract<NodeInput, { kind: 'frame' }>;

/**
 * ICMPv6 Parameter Problem code the correspondent without Mobility Header
 * support sends: 1, "unrecognized Next Header type encountered" (RFC 4443
 * §3.4) — Next Header 135 means nothing to it — which is what a mobile node
 * takes as "no Mobility Header here" (RFC 6275 §11.3.5).
 */
export const NO_MOBILITY_PARAMETER_PROBLEM_CODE = 1;

function deliver(state: CorrespondentV6State, d: Delivery, summary: string, input: FrameInput, ref: string): Step {
  return {
    state: { ...state, deliveries: withDelivery(state.deliveries, d), deliveredCount: state.deliveredCount + 1 },
    outputs: [trace('delivered', summary, ref, { interface: input.interface, bytes: input.frame.payload })],
  };
}

function onUdp(state: CorrespondentV6State, p: ParsedIpv6Packet, input: FrameInput, ctx: NodeContext): Step {
  const pseudo = { source: p.finalSource, destination: p.finalDestination };
  const what = `UDP ${p.finalSource} → ${p.finalDestination}`;
  const u = parseUdp6(p.upperBytes, 0, p.upperBytes.length, pseudo);
  if (!u.ok) return { state, outputs: [dropped(`${what} dropped`, `malformed UDP: ${describeWireError(u.error)}`, 'RFC 768; RFC 8200 §8.1', { bytes: input.frame.payload, interface: input.interface })] };
  if (u.value.checksumValid === false) return { state, outputs: [dropped(`${what} dropped`, 'bad UDP checksum (over the pseudo-header of the final addresses): the datagram was damaged on the way', 'RFC 8200 §8.1; RFC 6275 §6.3', { bytes: input.frame.payload, interface: input.interface })] };
  const tag = readFlowPayload(u.value.payload);
  const d: Delivery = {
    time: ctx.now, source: p.finalSource, destination: p.finalDestination, protocol: NextHeader.UDP, ttl: p.header.hopLimit, octets: p.upperBytes.length,
    sourcePort: u.value.sourcePort, destinationPort: u.value.destinationPort, ...(tag ?? {}),
  };
  const unbound = peekIpv6Binding(state.cache, p.finalSource, ctx.now) === null ? ', accepted without a binding, as the 1998 drafts had every IPv6 node do' : '';
  const via = p.homeAddressOption === undefined ? '' : ` from care-of address ${p.header.source} (Home Address option: the sender is ${p.finalSource}${unbound})`;
  const summary = `UDP ${p.finalSource}:${u.value.sourcePort} → ${p.finalDestination}:${u.value.destinationPort} delivered${tag === undefined ? '' : ` (flow ${tag.flow} #${tag.sequence})`}${via}`;
  return deliver(state, d, summary, input, p.homeAddressOption === undefined ? 'RFC 768; RFC 8200 §8.1' : 'RFC 6275 §9.3.1; RFC 768');
}

/** RFC 6275 §9.2, §11.3.5; RFC 4443 §3.4: the Mobility Header is not processed here; the sender is told. */
function parameterProblem(state: CorrespondentV6State, p: ParsedIpv6Packet, input: FrameInput, ctx: NodeContext): Step {
  const pointer = p.headerChain.length === 0 ? 6 : p.headerChain[p.headerChain.length - 1]!.offset; // the Next Header field that named the Mobility Header
  const name = mobilityMessageName(p.upperBytes[2] ?? -1);
  const source = state.config.address;
  const bytes = buildIpv6Packet({
    source, destination: p.header.source, hopLimit: DEFAULT_HOP_LIMIT,
    upper: { nextHeader: NextHeader.ICMPV6, bytes: (pseudo) => encodeIcmpv6({ kind: 'parameter-problem', code: NO_MOBILITY_PARAMETER_PROBLEM_CODE, pointer, invoking: quoteInvokingPacket(input.frame.payload) }, pseudo) },
  });
  const reason = 'route optimization is off at this correspondent: it does not process the Mobility Header, keeps no binding cache, and answers with ICMPv6 Parameter Problem so the mobile node stops sending it Binding Updates';
  return {
    state,
    outputs: [
      dropped(`${name} from ${p.finalSource} not processed`, reason, 'RFC 4443 §3.4; RFC 6275 §9.2, §11.3.5', { bytes: input.frame.payload, interface: input.interface }),
      sendIpv6Datagram(ctx.node, state.table, bytes, p.header.source, { summary: `ICMPv6 Parameter Problem (code ${NO_MOBILITY_PARAMETER_PROBLEM_CODE}, pointer ${pointer}) → ${p.header.source}`, reason, ref: 'RFC 4443 §3.4; RFC 6275 §9.2, §11.3.5' }),
    ],
  };
}

function onTestInit(state: CorrespondentV6State, p: ParsedIpv6Packet, message: Parameters<typeof answerTestInit>[1]['message'], input: FrameInput, ctx: NodeContext): Step {
  const name = message.kind === 'home-test-init' ? 'Home Test Init' : 'Care-of Test Init';
  if (!state.config.returnRoutability) {
    return { state, outputs: [dropped(`${name} from ${p.header.source} ignored`, 'this correspondent does not offer return routability: it authenticates Binding Updates with AH only (the paper\'s model)', 'Perkins & Johnson §10; mipv6-07 §4.4', { interface: input.interface })] };
  }
  const a = answerTestInit(state.nonces, { message, source: p.header.source, homeAddressOption: p.homeAddressOption !== undefined }, ctx.now, ctx.random);
  if (!a.ok) return { state, outputs: [dropped(`${name} from ${p.header.source} discarded`, a.reason, a.ref, { interface: input.interface })] };
  const answerName = a.answer.kind === 'home-test' ? 'Home Test' : 'Care-of Test';
  const made: NodeOutput[] = a.newNonce ? [trace('table-changed', `nonces: #${a.answer.nonceIndex} made`, 'RFC 6275 §5.2.2, §12; lab choice (a nonce every 30 s)', { reason: 'a new nonce every 30 s, honoured for 240 s' })] : [];
  const sent = sendMobility({ ...state, nonces: a.schedule }, {
    message: a.answer, destination: a.destination,
    summary: `${answerName} → ${a.destination} (nonce index ${a.answer.nonceIndex})`, reason: a.reason, ref: RR_RESPONDER_REF,
  }, ctx);
  return { state: sent.state, outputs: [trace('received', `${name} from ${p.header.source}`, RR_RESPONDER_REF, { interface: input.interface }), ...made, ...sent.outputs] };
}

function onMobility(state: CorrespondentV6State, p: ParsedIpv6Packet, input: FrameInput, ctx: NodeContext): Step {
  if (!state.config.routeOptimization) return parameterProblem(state, p, input, ctx);
  const parsed = parseMobilityHeader(p.upperBytes, 0, p.upperBytes.length, { source: p.finalSource, destination: p.finalDestination });
  const extras = { bytes: input.frame.payload, interface: input.interface };
  if (!parsed.ok) return { state, outputs: [dropped(`Mobility Header from ${p.finalSource} discarded`, describeWireError(parsed.error), 'RFC 6275 §9.2', extras)] };
  const m = parsed.value.message;
  const name = mobilityMessageName(p.upperBytes[2]!);
  if (!parsed.value.checksumValid) return { state, outputs: [dropped(`${name} from ${p.finalSource} discarded`, 'bad Mobility Header checksum (over the pseudo-header of the final addresses)', 'RFC 6275 §9.2', extras)] };
  switch (m.kind) {
    case 'binding-update':
      return onBindingUpdate(state, { message: m, mobilityHeader: p.upperBytes, source: p.header.source, homeAddress: p.finalSource, packet: input.frame.payload, parsed: p }, input, ctx);
    case 'home-test-init':
    case 'care-of-test-init':
      return onTestInit(state, p, m, input, ctx);
    case 'unknown': {
      const sent = sendMobility(state, {
        message: { kind: 'binding-error', status: 2, homeAddress: p.finalSource, options: [] }, destination: p.header.source,
        summary: `Binding Error (status 2, unrecognized MH Type ${m.mhType}) → ${p.header.source}`, ref: 'RFC 6275 §9.2',
      }, ctx);
      return { state: sent.state, outputs: [dropped(`Mobility Header type ${m.mhType} from ${p.finalSource} not understood`, 'an MH Type this node does not know: it answers with a Binding Error', 'RFC 6275 §9.2', extras), ...sent.outputs] };
    }
    default:
      return { state, outputs: [dropped(`${name} from ${p.finalSource} ignored`, `a correspondent acts on Binding Updates and Home/Care-of Test Inits; a ${name} is for a mobile node`, 'RFC 6275 §9.2', extras)] };
  }
}

/** A frame received: IPv6 only; what is not for this node, or not understood, is dropped with the reason. */
export function onCorrespondentFrame(state: CorrespondentV6State, input: FrameInput, ctx: NodeContext): Step {
  const extras = { bytes: input.frame.payload, interface: input.interface };
  if (input.frame.etherType !== EtherType.IPV6) return { state, outputs: [dropped(`frame with EtherType ${hex(input.frame.etherType, 4)} ignored`, 'this correspondent speaks only IPv6 (EtherType 0x86DD)', 'RFC 2464 §3', extras)] };
  const parsed = parseIpv6Packet(input.frame.payload);
  if (!parsed.ok) return { state, outputs: [dropped('IPv6 packet dropped', describeWireError(parsed.error), 'RFC 8200 §4', extras)] };
  const p = parsed.value;
  const own = ownIpv6Addresses(ctx.node);
  if (isIpv6Multicast(p.header.destination)) {
    return { state, outputs: [dropped(`${nextHeaderName(p.upperNextHeader)} to ${p.header.destination} ignored`, 'a multicast this correspondent has no use for (it takes no part in router discovery)', 'RFC 4861 §6.3', extras)] };
  }
  if (!own.includes(p.header.destination)) return { state, outputs: [dropped(`IPv6 ${p.header.source} → ${p.header.destination} dropped`, `${p.header.destination} is not an address of this node, and hosts do not forward`, 'RFC 8200 §3', extras)] };
  if (p.routingHeader2 !== undefined && p.routingHeader2.segmentsLeft > 0 && !own.includes(p.routingHeader2.homeAddress)) {
    return { state, outputs: [dropped(`IPv6 ${p.header.source} → ${p.header.destination} dropped`, `its type 2 Routing header names ${p.routingHeader2.homeAddress}, which is not this node's home address`, 'RFC 6275 §9.3.2', extras)] };
  }
  const bad = p.unrecognizedOptions.find((o) => o.action !== 'skip');
  if (bad !== undefined) return { state, outputs: [dropped(`IPv6 ${p.header.source} → ${p.header.destination} dropped`, `it carries option type ${hex(bad.type, 2)}, unknown here, whose type says to discard the packet`, 'RFC 8200 §4.2', extras)] };
  if (p.upperNextHeader === NextHeader.UDP) return onUdp(state, p, input, ctx);
  if (p.upperNextHeader === NextHeader.MOBILITY) return onMobility(state, p, input, ctx);
  return { state, outputs: [dropped(`${nextHeaderName(p.upperNextHeader)} from ${p.finalSource} dropped`, `this correspondent has no handler for ${nextHeaderName(p.upperNextHeader)}`, 'RFC 8200 §4', extras)] };
}
