// The IPv6 adversary behaviour (Perkins & Johnson §10; RFC 6275 §15.1, §15.4):
// a node with a promiscuous interface that overhears Binding Updates to
// correspondents on its link and, at the scripted times, sends a forged,
// replayed or tampered one (attacks-v6.ts) to a correspondent. It forwards
// nothing and answers nothing; every attempt — and every attack it cannot make
// — is traced, so a lesson shows the attack beside the correspondent's refusal.

import type { NodeBehaviour, NodeContext, NodeInput, NodeOutput, NodeStep } from '../../../node/contract';
import { EtherType } from '../../../node/link-address';
import { sendIpv6Datagram } from '../../../network/behaviours/ip6-output';
import { routesInstalledTrace } from '../../../network/behaviours/ip-output';
import { NextHeader } from '../../../wire/ipv6/ipv6-header';
import { parseIpv6Packet } from '../../../wire/ipv6/ipv6-packet';
import { parseMobilityHeader } from '../../../wire/ipv6/mobility-header';
import { refuseCommand } from '../../nodes/common/configure';
import { isLabCommand } from '../../nodes/common/lab-commands';
import { decision, trace } from '../../nodes/common/trace';
import { MAX_OVERHEARD_LISTED, type AdversaryV6State, type OverheardBindingUpdate } from './adversary-v6-state';
import { ATTACK_V6_REF, planAttackV6, type InjectedAttackV6 } from './attacks-v6';

export type { AdversaryV6Attack, AdversaryV6State, OverheardBindingUpdate } from './adversary-v6-state';
export { initialAdversaryV6State } from './adversary-v6-state';

const ATTACK_TIMER_PREFIX = 'adversary6:attack:';
const attackTimer = (i: number): string => `${ATTACK_TIMER_PREFIX}${i}`;
const ROLE = 'adversary (IPv6)';

/** A Binding Update to a correspondent (H clear) in this packet, or null. */
function overheard(packet: Uint8Array, at: number): OverheardBindingUpdate | null {
  const p = parseIpv6Packet(packet);
  if (!p.ok || p.value.upperNextHeader !== NextHeader.MOBILITY) return null;
  const v = p.value;
  const mh = parseMobilityHeader(v.upperBytes, 0, v.upperBytes.length, { source: v.finalSource, destination: v.finalDestination });
  if (!mh.ok || mh.value.message.kind !== 'binding-update' || mh.value.message.homeRegistration) return null;
  const m = mh.value.message;
  const indices = m.options.find((o) => o.kind === 'nonce-indices');
  return {
    packet: packet.slice(0, v.end), at, source: v.header.source, destination: v.header.destination, homeAddress: v.finalSource,
    sequence: m.sequence, lifetimeS: m.lifetimeUnits * 4,
    ah: v.authentication === undefined ? null : { spi: v.authentication.spi, sequence: v.authentication.sequence },
    nonceIndices: indices?.kind === 'nonce-indices' ? { home: indices.homeNonceIndex, careOf: indices.careOfNonceIndex } : null,
  };
}

function onFrame(state: AdversaryV6State, input: Extract<NodeInput, { kind: 'frame' }>, ctx: NodeContext): NodeStep<AdversaryV6State> {
  if (input.frame.etherType !== EtherType.IPV6) return { state, outputs: [] };
  const o = overheard(input.frame.payload, ctx.now);
  if (o === null) return { state, outputs: [] };
  const list = [...state.overheard.slice(1 - MAX_OVERHEARD_LISTED), o];
  const auth = o.ah !== null ? `, AH SPI ${o.ah.spi} #${o.ah.sequence}` : o.nonceIndices !== null ? ', return routability' : '';
  return {
    state: { ...state, overheard: list, overheardCount: state.overheardCount + 1 },
    outputs: [trace('table-changed', `overheard Binding Update #${o.sequence} ${o.homeAddress} → ${o.source} (to ${o.destination}${auth}), kept for later`, ATTACK_V6_REF, {
      reason: 'a promiscuous interface receives every frame on its link; the copy is kept to replay or tamper with',
      interface: input.interface, bytes: o.packet,
    })],
  };
}

/** Makes `attack` now. */
function launch(state: AdversaryV6State, attack: InjectedAttackV6, ctx: NodeContext): NodeStep<AdversaryV6State> {
  const plan = planAttackV6(state, attack, ctx.random);
  if (!plan.ok) return { state: { ...state, abandoned: state.abandoned + 1 }, outputs: [decision(`${attack.kind} not attempted`, plan.reason, ATTACK_V6_REF)] };
  const outputs: NodeOutput[] = [
    decision(`${attack.kind}: ${plan.message} to ${plan.destination}`, plan.description, ATTACK_V6_REF),
    sendIpv6Datagram(ctx.node, state.table, plan.packet, plan.destination, { summary: `${plan.message} → ${plan.destination} (${attack.kind})`, reason: plan.description, ref: ATTACK_V6_REF }),
  ];
  return { state: { ...state, attempted: state.attempted + 1 }, outputs };
}

/** Besides the system commands: the learner's commands are refused (the attacks are scripted in the scenario). */
export const adversaryV6Behaviour: NodeBehaviour<AdversaryV6State, unknown> = {
  kind: 'adversary (IPv6)',
  handle(state, input, ctx) {
    if (input.kind === 'frame') return onFrame(state, input, ctx);
    if (input.kind === 'timer') {
      if (!input.key.startsWith(ATTACK_TIMER_PREFIX)) return { state, outputs: [] };
      const attack = state.config.attacks[Number(input.key.slice(ATTACK_TIMER_PREFIX.length))];
      return attack === undefined ? { state, outputs: [] } : launch(state, attack, ctx);
    }
    const c = input.command as { readonly type: string };
    if (c.type === 'start') {
      return { state, outputs: state.config.attacks.map((a, i) => ({ kind: 'set-timer', key: attackTimer(i), at: Math.max(ctx.now, a.at), ref: `scripted attack: ${a.kind}` })) };
    }
    if (c.type === 'install-routes') {
      const table = (input.command as { readonly table: AdversaryV6State['table'] }).table;
      return { state: { ...state, table }, outputs: [{ kind: 'trace', event: routesInstalledTrace(state.table, table) }] };
    }
    if (isLabCommand(c)) return { state, outputs: [refuseCommand(c.type, ROLE, 'the IPv6 adversary makes only the attacks its scenario scripts', ATTACK_V6_REF)] };
    return { state, outputs: [] };
  },
};
