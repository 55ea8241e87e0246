// The correspondent's side of return routability (RFC 6275 §5.2.3–§5.2.5, §9.4):
// a Home Test Init is answered with a Home Test to the home address (so it
// travels through the home agent, proving the mobile node receives there), a
// Care-of Test Init with a Care-of Test to the care-of address. Each carries
// the init cookie back, the index of the current nonce and a keygen token —
// the first 64 bits of HMAC-SHA1(Kcn, address ‖ nonce ‖ 0 or 1). The
// correspondent keeps no state per mobile node: only Kcn and its nonces
// (nonce-schedule.ts), as RFC 6275 §5.2.7 asks, so a flood of inits cannot
// fill its memory.

import type { RandomSource } from '../../../random';
import { careOfKeygenToken, homeKeygenToken } from '../../../crypto/return-routability';
import type { Ipv6Address } from '../../../wire/ipv6/ipv6-address';
import type { TestInitMessage, TestMessage } from '../../../wire/ipv6/mobility-messages';
import type { Micros } from '../../tables/table-change';
import { currentNonce, type NonceSchedule } from './nonce-schedule';

export const RR_RESPONDER_REF = 'RFC 6275 §5.2.3–§5.2.5, §9.4';

export interface TestInitSeen {
  readonly message: TestInitMessage;
  /** The packet's source: the home address for a Home Test Init (it came out of the home agent's tunnel), the care-of address for a Care-of Test Init. */
  readonly source: Ipv6Address;
  /** Whether the packet carried a Home Address option (RFC 6275 §9.4.1, §9.4.2: a test init must not). */
  readonly homeAddressOption: boolean;
}

export type TestAnswer =
  | {
      readonly ok: true;
      readonly schedule: NonceSchedule;
      readonly answer: TestMessage;
      /** Where it goes: the home address (Home Test) or the care-of address (Care-of Test). */
      readonly destination: Ipv6Address;
      readonly reason: string;
      /** A new nonce was made for it (worth a table-changed trace). */
      readonly newNonce: boolean;
    }
  | { readonly ok: false; readonly reason: string; readonly ref: string };

/** The Home Test or Care-of Test answering `init` now (RFC 6275 §9.4.1–§9.4.4). */
export function answerTestInit(schedule: NonceSchedule, init: TestInitSeen, now: Micros, random: RandomSource): TestAnswer {
  const home = init.message.kind === 'home-test-init';
  const name = home ? 'Home Test Init' : 'Care-of Test Init';
  if (init.homeAddressOption) {
    return { ok: false, reason: `a ${name} must not carry a Home Address option: it is discarded`, ref: home ? 'RFC 6275 §9.4.1' : 'RFC 6275 §9.4.2' };
  }
  const c = currentNonce(schedule, now, random);
  const keygenToken = home ? homeKeygenToken(c.kcn, init.source, c.nonce.nonce) : careOfKeygenToken(c.kcn, init.source, c.nonce.nonce);
  const answer: TestMessage = { kind: home ? 'home-test' : 'care-of-test', nonceIndex: c.nonce.index, cookie: init.message.cookie, keygenToken, options: [] };
  const reason = home
    ? `home keygen token = first 64 bits of HMAC-SHA1(Kcn, ${init.source} ‖ nonce ${c.nonce.index} ‖ 0); sent to the home address, so only a node that receives there (through its home agent) learns it`
    : `care-of keygen token = first 64 bits of HMAC-SHA1(Kcn, ${init.source} ‖ nonce ${c.nonce.index} ‖ 1); sent straight to the care-of address, so only a node that receives there learns it`;
  return { ok: true, schedule: c.schedule, answer, destination: init.source, reason, newNonce: c.made };
}
