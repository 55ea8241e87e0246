// Replay protection of a Binding Update at a previous foreign agent
// (Perkins & Johnson §3.3; optim-08 §4.3, §5.1; OC-06, OC-09).
//
// By the paper's rule a smooth-handoff BU carries no Identification (I = 0):
// only its key protects it. A registration key is used for one handoff and
// destroyed after it (Perkins & Johnson §4.1; OC-23), so a copy replayed
// later fails authentication; a long-lived association between mobile node
// and foreign agent (registration-key method 1) does not expire, so a replay
// of an old BU is accepted — which is why the later draft put the Request's
// Identification in it (optim-08 §5.1), and why the lab offers that rule as
// a setting. When a BU does carry an Identification (the optim-08 rule, or
// the mobile node's own BU on its way home) this agent checks it against
// what it knows of the mobile node's clock:
//
//   visitor entry live  → newer than the Identification of the Registration
//                         Request that made the entry (a BU releasing a
//                         registration was written after it)
//   key retained        → equal to that of the BU that released the entry
//                         (a retransmission is byte-identical, OC-34)

import { identificationsEqual, isNewer, type Identification } from '../../crypto/identification';
import { identificationHex } from '../../wire/mip/identification';
import type { FoundRegistrationKey } from '../tables/visitor-list';

export const PREVIOUS_FA_REPLAY_REF = 'Perkins & Johnson §3.3; optim-08 §4.3, §5.1';

export type PreviousFaReplayVerdict = { readonly ok: true; readonly explanation: string } | { readonly ok: false; readonly reason: string };

export function checkPreviousFaIdentification(identification: Identification | null, found: FoundRegistrationKey): PreviousFaReplayVerdict {
  if (identification === null) {
    return { ok: true, explanation: 'no Identification (I = 0): part of a smooth handoff, it is protected by its key alone' };
  }
  const id = identificationHex(identification);
  if (found.source === 'visitor-entry') {
    return isNewer(identification, found.registeredWith)
      ? { ok: true, explanation: `Identification ${id} is newer than that of the registration it releases (${identificationHex(found.registeredWith)})` }
      : { ok: false, reason: `Status 133: Identification ${id} is not newer than that of the registration it would release (${identificationHex(found.registeredWith)}): an old Binding Update sent again` };
  }
  return found.releasedBy !== null && identificationsEqual(identification, found.releasedBy)
    ? { ok: true, explanation: `Identification ${id} is that of the Binding Update that released the entry: a retransmission` }
    : { ok: false, reason: `Status 133: Identification ${id} is not that of the Binding Update that released the entry${found.releasedBy === null ? '' : ` (${identificationHex(found.releasedBy)})`}` };
}
