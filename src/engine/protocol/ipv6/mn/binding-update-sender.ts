// Sending one Binding Update (RFC 6275 §6.1.7, §11.7; mipv6-07 §5.1, §10.5,
// §10.6, §10.8), whoever it goes to — the home agent, a correspondent, the
// previous router — and recording it in the Binding Update List. The packet
// comes from the care-of address with a Home Address option (RFC 6275 §6.3),
// or from the home address with none when the mobile node is at home; it is
// authenticated with AH under the association shared with the destination
// (the paper's model, Perkins & Johnson §10; OC-52) or, to a correspondent
// under return routability, with Nonce Indices and Binding Authorization Data
// (RFC 6275 §5.2.6).

import type { NodeContext, NodeOutput } from '../../../node/contract';
import type { Ipv6Address } from '../../../wire/ipv6/ipv6-address';
import { lifetimeSecondsToUnits, type BindingUpdateMessage } from '../../../wire/ipv6/mobility-messages';
import type { MobilityOption } from '../../../wire/ipv6/mobility-options';
import { tableTraces } from '../../nodes/common/trace';
import { nextSequence, recordSent, type BindingTargetKind } from './binding-update-list';
import { mobilityPacket, takeAhSequence } from './mn-packets';
import { sendViaRouter } from './mn-output';
import type { MnAhAssociation, MobileNodeV6State } from './mobile-node-v6-state';

export type BindingUpdateAuth =
  | { readonly kind: 'ah'; readonly sa: MnAhAssociation }
  | { readonly kind: 'return-routability'; readonly kbm: Uint8Array; readonly homeNonceIndex: number; readonly careOfNonceIndex: number };

export interface BindingUpdateRequest {
  readonly destination: Ipv6Address;
  readonly kind: BindingTargetKind;
  /** The address being bound: the home address, or the previous care-of address for a previous router. */
  readonly homeAddress: Ipv6Address;
  /** Where it is to be reached: the care-of address (the home address itself when deregistering at home). */
  readonly careOfAddress: Ipv6Address;
  readonly lifetimeS: number;
  readonly homeRegistration: boolean;
  readonly auth: BindingUpdateAuth;
  /** Default: one more than the last sent to this destination. */
  readonly sequence?: number;
  readonly ref: string;
  /** Why it is sent, for the learner. */
  readonly why: string;
}

export interface SentStep {
  readonly state: MobileNodeV6State;
  readonly outputs: NodeOutput[];
  readonly sequence: number;
}

/** RFC 6275 §6.1.7: Lifetime in 4-second units; the lab rounds up so a short lifetime does not become 0 (a deletion). */
export function lifetimeUnitsFor(lifetimeS: number): number {
  return lifetimeS === 0 ? 0 : Math.max(1, lifetimeSecondsToUnits(lifetimeS + 3));
}

export function sendBindingUpdate(state: MobileNodeV6State, ctx: NodeContext, r: BindingUpdateRequest): SentStep {
  const sequence = r.sequence ?? nextSequence(state.bindingUpdateList, r.destination);
  const units = lifetimeUnitsFor(r.lifetimeS);
  const options: MobilityOption[] = r.auth.kind === 'return-routability'
    ? [{ kind: 'nonce-indices', homeNonceIndex: r.auth.homeNonceIndex, careOfNonceIndex: r.auth.careOfNonceIndex }]
    : [];
  const message: BindingUpdateMessage = {
    kind: 'binding-update', sequence, acknowledge: true, homeRegistration: r.homeRegistration,
    linkLocalCompatibility: false, keyManagement: false, lifetimeUnits: units, options,
  };
  // At home (care-of = home address) the packet is plain; away it comes from the care-of address with a Home Address option.
  const fromHome = r.careOfAddress === r.homeAddress;
  let s = state;
  let ah: { sa: MnAhAssociation; sequence: number } | undefined;
  if (r.auth.kind === 'ah') {
    const taken = takeAhSequence(s, r.auth.sa);
    s = taken.state;
    ah = { sa: r.auth.sa, sequence: taken.sequence };
  }
  const bytes = mobilityPacket({
    source: r.careOfAddress, destination: r.destination, message,
    ...(fromHome ? {} : { homeAddressOption: r.homeAddress }),
    ...(ah === undefined ? {} : { ah }),
    ...(r.auth.kind === 'return-routability' ? { kbm: r.auth.kbm } : {}),
  });
  const seconds = units * 4;
  const authText = r.auth.kind === 'ah' ? `AH SPI ${r.auth.sa.spi}` : 'return routability';
  const summary = `Binding Update #${sequence} → ${r.destination}: ${r.homeAddress} at ${r.careOfAddress}, lifetime ${seconds} s${r.homeRegistration ? ', H' : ''}, ${authText}`;
  const recorded = recordSent(s.bindingUpdateList, {
    destination: r.destination, kind: r.kind, homeAddress: r.homeAddress, careOfAddress: r.careOfAddress, sequence, lifetimeS: seconds,
    authentication: r.auth.kind === 'ah' ? 'ipsec' : 'return-routability',
  }, ctx.now);
  s = { ...s, bindingUpdateList: recorded.table };
  const out = sendViaRouter(s, ctx, bytes, r.destination, { summary, ref: r.ref, reason: r.why });
  return { state: s, outputs: [out, ...tableTraces('Binding Update List', recorded.changes)], sequence };
}
