// The mobile node comes home and releases its last foreign agent (Perkins &
// Johnson §3.3, §4.2; OC-45, revised). Deregistering tells only the home
// agent; the last foreign agent would keep the visitor entry — and deliver
// into its now empty cell whatever a correspondent still tunnels there —
// until the registration ran out. So the mobile node sends that agent a
// Binding Update with care-of address = home address and Lifetime 0 (delete,
// no forwarding), authenticated with the key it shares with it, asking for an
// acknowledgement, and resends it like a smooth-handoff BU until it comes
// (OC-21). Not part of a smooth handoff, it carries an Identification (§3.3):
// that of the deregistration, newer than any Request the agent relayed.

import { sealMessage } from '../../crypto/seal';
import type { SecurityAssociation } from '../../crypto/security-association';
import type { Ipv4Address } from '../../wire/address';
import type { Identification } from '../../wire/mip/identification';
import type { MipProfile } from '../../wire/mip/profile';
import { armSmoothHandoff, type PendingBindingUpdates } from '../tables/pending-binding-updates';
import type { Micros } from '../tables/table-change';
import { bindingUpdateText } from './binding-update-check';
import { smoothHandoffBindingUpdate } from './smooth-handoff';
import { changeTraces, decision, roSend, type RoResult } from './types';

export const RETURN_HOME_REF = 'Perkins & Johnson §3.3, §4.2; lab choice';

export interface LastForeignAgentRelease {
  readonly homeAddress: Ipv4Address;
  /** The foreign agent of the registration in force when the mobile node came home. */
  readonly foreignAgent: Ipv4Address;
  /** The registration key (or configured association) shared with it. */
  readonly key: SecurityAssociation;
  /** The deregistration's Identification, which the BU carries. */
  readonly identification: Identification;
  /** When that registration would have ended anyway (bounds the retransmissions). */
  readonly registrationEndsAt: Micros | null;
}

/** The BU that releases the last foreign agent, sent now and kept for retransmission. */
export function releaseLastForeignAgent(pending: PendingBindingUpdates, r: LastForeignAgentRelease, now: Micros, profile: MipProfile): RoResult<PendingBindingUpdates> {
  const bu = smoothHandoffBindingUpdate({
    cacheLifetime: 0, homeAddress: r.homeAddress, careOfAddress: r.homeAddress, identification: r.identification, spi: r.key.spi, authenticator: new Uint8Array(16),
  });
  const bytes = sealMessage(bu, { auth: { 'ro-auth': { key: r.key.key, algorithm: r.key.algorithm } } }, profile);
  const armed = armSmoothHandoff(pending, {
    homeAddress: r.homeAddress, previousFa: r.foreignAgent, newCareOfAddress: r.homeAddress, identification: r.identification, association: r.key, bytes,
    cacheLifetimeSeconds: 0, oldRegistrationEndsAt: r.registrationEndsAt,
  }, now);
  return {
    state: armed.table,
    sends: [roSend({ source: r.homeAddress, destination: r.foreignAgent, payload: bytes, summary: `${bindingUpdateText(bu)} to last FA ${r.foreignAgent}`, ref: RETURN_HOME_REF })],
    forwards: [],
    traces: [
      decision(`release the last foreign agent ${r.foreignAgent}`, RETURN_HOME_REF,
        `back home: a Binding Update with care-of address = home address and Lifetime 0, authenticated with the key shared with ${r.foreignAgent} (SPI ${r.key.spi}), so it drops the visitor entry now instead of delivering into an empty cell until the registration ends`),
      ...changeTraces('pending Binding Updates', armed.changes),
    ],
  };
}
