// The adversary behaviour (Perkins & Johnson §3.3; optim-08 §4.3; Perkins & Johnson §3.5; optim-08 §4.5; RFC 2002 §3.5, §5.6): a host
// with a promiscuous interface that overhears Binding Updates and
// Registration Requests on its link, and at the scripted times sends forged,
// replayed or tampered variants (attacks.ts) to their victims. It forwards
// nothing and answers nothing; every attempt — and every attack it cannot
// make — is traced, so the lesson shows the attack next to its refusal.

import type { NodeBehaviour, NodeContext, NodeInput, NodeOutput, NodeStep } from '../../../node/contract';
import { EtherType } from '../../../node/link-address';
import { ownAddresses, routesInstalledTrace, sendDatagram } from '../../../network/behaviours/ip-output';
import { udpDatagram } from '../../../wire/datagram';
import { IpProtocol, parseIpv4, type Ipv4Datagram } from '../../../wire/ipv4';
import { MipMessageType } from '../../../wire/mip/message-layout';
import { MOBILE_IP_PORT, parseUdp } from '../../../wire/udp';
import { decision, trace } from '../common/trace';
import { refuseNonSetting, refuseSetting } from '../common/configure';
import { isLabCommand, type InjectedAttack, type LabNodeCommand } from '../common/lab-commands';
import type { AdversaryState, OverheardMessage } from './adversary-state';
import { ATTACK_REF, bindingUpdateHomeAddress, planAttack } from './attacks';

export type { AdversaryAttack, AdversaryConfig, AdversaryOptions, AdversaryState, AttackKind, OverheardMessage } from './adversary-state';
export { initialAdversaryState } from './adversary-state';

const ATTACK_TIMER_PREFIX = 'adversary:attack:';
const attackTimer = (i: number): string => `${ATTACK_TIMER_PREFIX}${i}`;

/** A Binding Update or Registration Request to UDP 434 in this datagram, looking one IP-in-IP tunnel deep (OC-36). */
function overheard(d: Ipv4Datagram, at: number, depth = 0): OverheardMessage | null {
  if (d.protocol === IpProtocol.IP_IN_IP && depth === 0) {
    const inner = parseIpv4(d.payload);
    return inner.ok ? overheard(inner.value, at, 1) : null;
  }
  if (d.protocol !== IpProtocol.UDP) return null;
  const u = parseUdp(d.payload, 0, d.payload.length, d);
  if (!u.ok || u.value.destinationPort !== MOBILE_IP_PORT || u.value.payload.length === 0) return null;
  const type = u.value.payload[0];
  if (type !== MipMessageType.BINDING_UPDATE && type !== MipMessageType.REGISTRATION_REQUEST) return null;
  return { payload: u.value.payload.slice(), source: d.source, destination: d.destination, sourcePort: u.value.sourcePort, destinationPort: u.value.destinationPort, at };
}

/** Keeps the first BU per mobile node: a later one about the same home address does not replace it. */
function withFirst(firsts: AdversaryState['firstBindingUpdates'], o: OverheardMessage): AdversaryState['firstBindingUpdates'] {
  const home = bindingUpdateHomeAddress(o.payload);
  return home === null || firsts[home] !== undefined ? firsts : { ...firsts, [home]: o };
}

function onFrame(state: AdversaryState, input: Extract<NodeInput, { kind: 'frame' }>, ctx: NodeContext): NodeStep<AdversaryState> {
  if (input.frame.etherType !== EtherType.IPV4) return { state, outputs: [] };
  const ip = parseIpv4(input.frame.payload);
  if (!ip.ok) return { state, outputs: [] };
  const o = overheard(ip.value, ctx.now);
  if (o === null) return { state, outputs: [] };
  const isBu = o.payload[0] === MipMessageType.BINDING_UPDATE;
  const name = isBu ? 'Binding Update' : 'Registration Request';
  const next: AdversaryState = isBu
    ? { ...state, lastBindingUpdate: o, firstBindingUpdates: withFirst(state.firstBindingUpdates, o), overheard: { ...state.overheard, bindingUpdates: state.overheard.bindingUpdates + 1 } }
    : { ...state, lastRegistrationRequest: o, overheard: { ...state.overheard, registrationRequests: state.overheard.registrationRequests + 1 } };
  const kept = trace('table-changed', `overheard a ${name} ${o.source} → ${o.destination}, kept for later`, ATTACK_REF, {
    reason: 'a promiscuous interface receives every frame on its link; the most recent copy (and the first Binding Update about each mobile node) is kept to replay or tamper with',
    interface: input.interface, bytes: o.payload,
  });
  return { state: next, outputs: [kept] };
}

/** Makes `attack` now: the scripted one whose timer fell due, or one the learner injected (docs/architecture.md "Runtime"). */
function launch(state: AdversaryState, attack: InjectedAttack, ctx: NodeContext, by: string): NodeStep<AdversaryState> {
  const own = ownAddresses(ctx.node)[0]!;
  const plan = planAttack(state, attack, own, ctx.now, ctx.random);
  if (!plan.ok) return { state: { ...state, abandoned: state.abandoned + 1 }, outputs: [decision(`${by}${attack.kind} not attempted`, plan.reason, ATTACK_REF)] };
  const bytes = udpDatagram({ source: plan.source, destination: attack.destination, identification: state.nextIdentification }, plan.sourcePort, plan.destinationPort, plan.payload);
  const spoofed = plan.source === own ? '' : `, source spoofed as ${plan.source}`;
  const outputs: NodeOutput[] = [
    decision(`${by}${attack.kind}: ${plan.message} to ${attack.destination}`, `${plan.description}${spoofed}`, ATTACK_REF),
    sendDatagram(ctx.node, state.table, bytes, attack.destination, { summary: `${plan.message} → ${attack.destination} (${attack.kind})`, reason: plan.description, ref: ATTACK_REF }),
  ];
  return { state: { ...state, attempted: state.attempted + 1, nextIdentification: (state.nextIdentification + 1) & 0xffff }, outputs };
}

function onAttackTimer(state: AdversaryState, index: number, ctx: NodeContext): NodeStep<AdversaryState> {
  const attack = state.config.attacks[index];
  return attack === undefined ? { state, outputs: [] } : launch(state, attack, ctx, '');
}

/** The learner's commands: an attack made now; settings and flows do not apply to an adversary. */
function onLabCommand(state: AdversaryState, c: LabNodeCommand, ctx: NodeContext): NodeStep<AdversaryState> {
  if (c.type === 'inject') return launch(state, c.attack, ctx, 'learner: ');
  if (c.type === 'configure') return { state, outputs: [refuseSetting(c, 'adversary')] };
  return { state, outputs: [refuseNonSetting(c.type, 'adversary')] };
}

/** Besides the system commands, the learner's `inject` (an attack now). */
export const adversaryBehaviour: NodeBehaviour<AdversaryState, LabNodeCommand> = {
  kind: 'adversary',
  handle(state, input, ctx) {
    if (input.kind === 'frame') return onFrame(state, input, ctx);
    if (input.kind === 'timer') {
      if (!input.key.startsWith(ATTACK_TIMER_PREFIX)) return { state, outputs: [] };
      return onAttackTimer(state, Number(input.key.slice(ATTACK_TIMER_PREFIX.length)), ctx);
    }
    const c = input.command;
    if (isLabCommand(c)) return onLabCommand(state, c, ctx);
    if (c.type === 'start') {
      return { state, outputs: state.config.attacks.map((a, i) => ({ kind: 'set-timer', key: attackTimer(i), at: Math.max(ctx.now, a.at), ref: `scripted attack: ${a.kind}` })) };
    }
    if (c.type === 'install-routes') return { state: { ...state, table: c.table }, outputs: [{ kind: 'trace', event: routesInstalledTrace(state.table, c.table) }] };
    return { state, outputs: [] };
  },
};
