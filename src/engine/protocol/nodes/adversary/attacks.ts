// The bytes of each scripted attack, made with the attack functions of
// route-optimization/adversary.ts (which only rewrite bytes; the refusals are
// the receivers'). Forgeries are built from scratch with a fresh timestamp
// Identification and signed with a key the adversary made up (it cannot know
// the real one): only the authenticator is wrong, so the lesson's refusal is
// the authentication check (Perkins & Johnson §3.5; optim-08 §4.5; RFC 2002 §3.5.2–§3.5.4).

import type { RandomSource } from '../../../random';
import { identificationFromBigInt, identificationToBigInt, ntpTimestamp } from '../../../crypto/identification';
import { addressBytes, readAddress, type Ipv4Address } from '../../../wire/address';
import { bindingRequest } from '../../../wire/mip/binding-request';
import { bindingUpdate } from '../../../wire/mip/binding-update';
import { identificationHex } from '../../../wire/mip/identification';
import { emitMipMessage, mipMessageLength, type MipMessage } from '../../../wire/mip/mip-message';
import { registrationRequest } from '../../../wire/mip/registration-request';
import { MOBILE_IP_PORT } from '../../../wire/udp';
import { forgeWithWrongKey, replay, tamperCareOfAddress } from '../../route-optimization/adversary';
import type { AdversaryState, InjectedAttack, OverheardMessage } from './adversary-state';

/** Octets of the keys of the lab (OC-12); the guessed key has the same size. */
const KEY_OCTETS = 16;
/** Care-of Address field of a Binding Update: octets 8–11 (Perkins & Johnson §3.3; optim-08 §4.3). */
const BU_CARE_OF_OFFSET = 8;

export const ATTACK_REF = 'Perkins & Johnson §3.5; optim-08 §4.5; RFC 2002 §3.5.2–§3.5.4, §5.6';

/** Home Address field of a Binding Update: octets 4–7 (Perkins & Johnson §3.3; optim-08 §4.3). */
const BU_HOME_ADDRESS_OFFSET = 4;

/** The Home Address of an overheard Binding Update; null if the copy is too short to have one. */
export function bindingUpdateHomeAddress(payload: Uint8Array): Ipv4Address | null {
  return payload.length < BU_HOME_ADDRESS_OFFSET + 4 ? null : readAddress(payload, BU_HOME_ADDRESS_OFFSET);
}

function formatSeconds(micros: number): string {
  return `${micros / 1_000_000} s`;
}

/** What to send, and how a learner reads it; or why nothing can be sent. */
export type AttackPlan =
  | {
      readonly ok: true;
      readonly payload: Uint8Array;
      readonly source: Ipv4Address;
      readonly sourcePort: number;
      readonly destinationPort: number;
      readonly message: string;
      readonly description: string;
    }
  | { readonly ok: false; readonly reason: string };

function emitted(m: MipMessage): Uint8Array {
  const out = new Uint8Array(mipMessageLength(m));
  emitMipMessage(m, out, 0);
  return out;
}

function guessedKey(random: RandomSource): Uint8Array {
  const key = new Uint8Array(KEY_OCTETS);
  for (let i = 0; i < KEY_OCTETS; i++) key[i] = random.below(256);
  return key;
}

function fromOverheard(o: OverheardMessage, payload: Uint8Array, message: string, description: string): AttackPlan {
  // The copy goes out with the source and ports it was overheard with: the receiver must not be able to tell it apart.
  return { ok: true, payload, source: o.source, sourcePort: o.sourcePort, destinationPort: o.destinationPort, message, description };
}

/** An NTP timestamp `offset` µs away from `micros` on this clock (either side of virtual time 0). */
function shiftedTimestamp(epochUnixMs: number, micros: number, offset: number, random: RandomSource) {
  const base = ntpTimestamp(epochUnixMs, micros, random);
  return identificationFromBigInt(identificationToBigInt(base) + (BigInt(offset) << 32n) / 1_000_000n);
}

export function planAttack(state: AdversaryState, attack: InjectedAttack, ownAddress: Ipv4Address, now: number, random: RandomSource): AttackPlan {
  const c = state.config;
  switch (attack.kind) {
    case 'spoof-binding-request': {
      // Binding Requests carry no authenticator (optim-08 §4.2): the bytes are exactly what the correspondent would send, but for the Identification.
      const identification = shiftedTimestamp(c.epochUnixMs, now, attack.ahead, random);
      const ahead = attack.ahead / 1_000_000;
      const when = ahead === 0 ? 'the current time' : `${Math.abs(ahead)} s ${ahead > 0 ? 'ahead of' : 'behind'} the clock`;
      return {
        ok: true, payload: emitted(bindingRequest({ homeAddress: attack.homeAddress, identification })), source: attack.spoofedSource, sourcePort: MOBILE_IP_PORT, destinationPort: MOBILE_IP_PORT,
        message: `Binding Request about ${attack.homeAddress}`,
        description: `spoofed: a Binding Request in ${attack.spoofedSource}'s name (Binding Requests are not authenticated), Identification ${identificationHex(identification)}: a timestamp ${when}, for the home agent to copy into a Binding Update it signs`,
      };
    }
    case 'forge-binding-update': {
      const bu = bindingUpdate({
        lifetime: attack.lifetime, homeAddress: attack.homeAddress, careOfAddress: attack.careOfAddress,
        identification: ntpTimestamp(c.epochUnixMs, now, random), // OC-28: fresh, so the replay check passes and the key check fails
        extensions: [{ kind: 'ro-auth', spi: attack.spi, authenticator: new Uint8Array(KEY_OCTETS) }],
      });
      const r = forgeWithWrongKey(emitted(bu), guessedKey(random), c.profile);
      if (!r.ok) return r;
      return { ok: true, payload: r.bytes, source: attack.spoofedSource ?? ownAddress, sourcePort: MOBILE_IP_PORT, destinationPort: MOBILE_IP_PORT, message: `Binding Update ${attack.homeAddress} → care-of ${attack.careOfAddress}`, description: r.description };
    }
    case 'forge-registration': {
      const rrq = registrationRequest({
        lifetime: attack.lifetime, homeAddress: attack.homeAddress, homeAgent: attack.destination, careOfAddress: attack.careOfAddress,
        identification: ntpTimestamp(c.epochUnixMs, now, random),
        extensions: [{ kind: 'mobile-home-auth', spi: attack.spi, authenticator: new Uint8Array(KEY_OCTETS) }],
      });
      const r = forgeWithWrongKey(emitted(rrq), guessedKey(random), c.profile);
      if (!r.ok) return r;
      // Sent as a mobile node with a co-located care-of address would send it (RFC 2002 §3.6).
      return { ok: true, payload: r.bytes, source: attack.careOfAddress, sourcePort: MOBILE_IP_PORT, destinationPort: MOBILE_IP_PORT, message: `Registration Request for ${attack.homeAddress} via ${attack.careOfAddress}`, description: r.description };
    }
    case 'replay-binding-update': {
      const latest = state.lastBindingUpdate;
      if (latest === null) return { ok: false, reason: 'no Binding Update has been overheard yet, so there is nothing to replay' };
      const home = bindingUpdateHomeAddress(latest.payload);
      const first = attack.which === 'first' && home !== null ? state.firstBindingUpdates[home] ?? null : null;
      const o = first ?? latest;
      const r = replay(o.payload);
      const what = first === null ? 'the most recent Binding Update overheard' : `the first Binding Update overheard about ${home} (at ${formatSeconds(o.at)}${first === latest ? ', the only one' : ', older than the latest'})`;
      return fromOverheard(o, r.ok ? r.bytes : o.payload, 'Binding Update', `${r.ok ? r.description : 'replayed'}: ${what}`);
    }
    case 'replay-registration': {
      const o = state.lastRegistrationRequest;
      if (o === null) return { ok: false, reason: 'no Registration Request has been overheard yet, so there is nothing to replay' };
      const r = replay(o.payload);
      return fromOverheard(o, r.ok ? r.bytes : o.payload, 'Registration Request', r.ok ? r.description : 'replayed');
    }
    case 'tamper-binding-update': {
      const o = state.lastBindingUpdate;
      if (o === null) return { ok: false, reason: 'no Binding Update has been overheard yet, so there is nothing to tamper with' };
      const wanted = addressBytes(attack.careOfAddress);
      const r = tamperCareOfAddress(o.payload, wanted[3]);
      if (!r.ok) return r;
      // tamperCareOfAddress changes the last octet; the scenario names a whole address, so the other three follow.
      r.bytes.set(wanted.subarray(0, 3), BU_CARE_OF_OFFSET);
      return fromOverheard(o, r.bytes, 'Binding Update', `tampered: care-of address changed to ${attack.careOfAddress}, authenticator kept`);
    }
  }
}
