// The bytes of each IPv6 attack on a correspondent's binding cache (Perkins &
// Johnson §10; RFC 6275 §15.1, §15.4). The adversary can write any packet but
// knows no key:
//
//  * a forgery is a Binding Update it makes up — the victim's home address in
//    a Home Address option, its own choice of care-of address as the source —
//    with AH whose ICV comes from a key it guessed (RFC 4302 §3.4.4), or with
//    Nonce Indices and Binding Authorization Data from a guessed Kbm
//    (RFC 6275 §5.2.6). Its Sequence Numbers are newer than any it overheard,
//    so only the key can give it away;
//  * a replay sends an overheard Binding Update again, byte for byte
//    (refused: AH Sequence Number already seen, RFC 4302 §3.4.3, or the Binding
//    Update's Sequence Number not newer, RFC 6275 §9.5.1);
//  * tampering changes the care-of address (the packet's source) of an
//    overheard Binding Update and keeps its ICV or authorization data, which
//    cover that address (RFC 4302 §3.3.3.1; RFC 6275 §6.2.7). Its AH Sequence
//    Number moves past every one overheard, so the anti-replay window lets it
//    through to the ICV check; the Mobility Header checksum is no secret and is
//    made right again.

import { hmacMd5_96 } from '../../../crypto/ah-icv';
import { bindingAuthorizationData } from '../../../crypto/return-routability';
import type { RandomSource } from '../../../random';
import { putU16, putU32 } from '../../../wire/cursor';
import { writeIpv6, type Ipv6Address } from '../../../wire/ipv6/ipv6-address';
import { NextHeader } from '../../../wire/ipv6/ipv6-header';
import { DEFAULT_HOP_LIMIT, buildIpv6Packet, parseIpv6Packet } from '../../../wire/ipv6/ipv6-packet';
import { MH_CHECKSUM_OFFSET, emitMobilityHeader, mobilityHeaderChecksum } from '../../../wire/ipv6/mobility-header';
import type { BindingUpdateMessage } from '../../../wire/ipv6/mobility-messages';
import type { MobilityOption } from '../../../wire/ipv6/mobility-options';
import type { AdversaryV6State, ForgedAuthorization, OverheardBindingUpdate } from './adversary-v6-state';
import { latestOverheard } from './adversary-v6-state';

export const ATTACK_V6_REF = 'Perkins & Johnson §10; RFC 6275 §15.1, §15.4';

/** OC-52: AH keys are 16 octets; the guess has the same size. Kbm is 20 (RFC 6275 §5.2.5). */
const AH_KEY_OCTETS = 16;
const KBM_OCTETS = 20;

export type AttackPlanV6 =
  | {
      readonly ok: true;
      readonly packet: Uint8Array;
      /** Where the packet is routed: its IPv6 destination. */
      readonly destination: Ipv6Address;
      readonly message: string;
      readonly description: string;
    }
  | { readonly ok: false; readonly reason: string };

export type InjectedAttackV6 =
  | { readonly kind: 'forge-binding-update'; readonly destination: Ipv6Address; readonly homeAddress: Ipv6Address; readonly careOfAddress: Ipv6Address; readonly lifetimeS: number; readonly authorization: ForgedAuthorization }
  | { readonly kind: 'replay-binding-update'; readonly destination: Ipv6Address }
  | { readonly kind: 'tamper-binding-update'; readonly destination: Ipv6Address; readonly careOfAddress: Ipv6Address };

/** The newest overheard Binding Update about `home`, if any. */
function overheardAbout(state: AdversaryV6State, home: Ipv6Address): OverheardBindingUpdate | undefined {
  return [...state.overheard].reverse().find((o) => o.homeAddress === home);
}

function forge(state: AdversaryV6State, a: Extract<InjectedAttackV6, { kind: 'forge-binding-update' }>, random: RandomSource): AttackPlanV6 {
  const seen = overheardAbout(state, a.homeAddress);
  const sequence = seen === undefined ? random.below(0x10000) : (seen.sequence + 1) & 0xffff; // newer than anything overheard (RFC 6275 §9.5.1)
  const lifetimeUnits = Math.min(0xffff, Math.ceil(a.lifetimeS / 4));
  const rr = a.authorization.kind === 'return-routability';
  const indices = seen?.nonceIndices ?? { home: 0, careOf: 0 };
  const options: MobilityOption[] = rr ? [{ kind: 'nonce-indices', homeNonceIndex: indices.home, careOfNonceIndex: indices.careOf }] : [];
  const bu: BindingUpdateMessage = { kind: 'binding-update', sequence, acknowledge: true, homeRegistration: false, linkLocalCompatibility: false, keyManagement: false, lifetimeUnits, options };
  const guessedKbm = rr ? random.bytes(KBM_OCTETS) : null;
  const auth = a.authorization;
  let ah: { spi: number; sequence: number; key: Uint8Array } | null = null;
  if (auth.kind === 'ah') {
    const last = seen?.ah?.spi === auth.spi ? seen.ah.sequence : 0;
    ah = { spi: auth.spi, sequence: (last + 1 + random.below(16)) >>> 0, key: random.bytes(AH_KEY_OCTETS) }; // a number not yet seen: the window lets it through to the ICV
  }
  const packet = buildIpv6Packet({
    source: a.careOfAddress, destination: a.destination, hopLimit: DEFAULT_HOP_LIMIT, homeAddressOption: a.homeAddress,
    ...(ah === null ? {} : { authentication: { spi: ah.spi, sequence: ah.sequence, icv: (n: Uint8Array) => hmacMd5_96(ah!.key, n) } }),
    upper: {
      nextHeader: NextHeader.MOBILITY,
      bytes: (pseudo) => emitMobilityHeader(bu, pseudo, guessedKbm === null ? {} : { authorize: (data) => bindingAuthorizationData(guessedKbm, a.careOfAddress, a.destination, data) }),
    },
  });
  const how = ah !== null
    ? `AH under SPI ${ah.spi} with Sequence Number ${ah.sequence}, its ICV made with a 16-octet key the adversary made up`
    : `Nonce Indices ${indices.home}/${indices.careOf} and Binding Authorization Data made with a guessed Kbm: without the Home Test and Care-of Test it cannot know the keygen tokens`;
  return {
    ok: true, packet, destination: a.destination,
    message: `forged Binding Update #${sequence}: ${a.homeAddress} is at ${a.careOfAddress}`,
    description: `made up from scratch, source spoofed as the care-of address ${a.careOfAddress}, the home address in a Home Address option; ${how}`,
  };
}

/** The highest AH Sequence Number overheard under `spi`. */
function highestAhSequence(state: AdversaryV6State, spi: number): number {
  return Math.max(0, ...state.overheard.flatMap((o) => (o.ah?.spi === spi ? [o.ah.sequence] : [])));
}

/** The overheard packet with its IPv6 source (the care-of address) replaced, its AH Sequence Number moved on, the Mobility Header checksum made right. */
function tampered(o: OverheardBindingUpdate, careOfAddress: Ipv6Address, ahSequence: number | null): Uint8Array | null {
  const bytes = o.packet.slice();
  writeIpv6(bytes, 8, careOfAddress);
  const p = parseIpv6Packet(bytes);
  if (!p.ok || p.value.upperNextHeader !== NextHeader.MOBILITY) return null;
  if (p.value.authentication !== undefined && ahSequence !== null) putU32(bytes, p.value.authentication.offset + 8, ahSequence); // RFC 4302 §2.5
  const start = p.value.upperOffset;
  putU16(bytes, start + MH_CHECKSUM_OFFSET, 0);
  putU16(bytes, start + MH_CHECKSUM_OFFSET, mobilityHeaderChecksum(bytes, start, p.value.end, { source: p.value.finalSource, destination: p.value.finalDestination }));
  return bytes;
}

const NOTHING_OVERHEARD = 'no Binding Update to a correspondent has been overheard yet, so there is nothing to replay or tamper with';

export function planAttackV6(state: AdversaryV6State, attack: InjectedAttackV6, random: RandomSource): AttackPlanV6 {
  if (attack.kind === 'forge-binding-update') return forge(state, attack, random);
  const o = latestOverheard(state);
  if (o === null) return { ok: false, reason: NOTHING_OVERHEARD };
  const elsewhere = o.destination === attack.destination ? '' : ` (it was overheard on its way to ${o.destination}, and goes there: its destination is part of what AH covers)`;
  const auth = o.ah !== null ? `AH SPI ${o.ah.spi} #${o.ah.sequence}` : o.nonceIndices !== null ? `Binding Authorization Data (nonce indices ${o.nonceIndices.home}/${o.nonceIndices.careOf})` : 'no authentication';
  if (attack.kind === 'replay-binding-update') {
    return {
      ok: true, packet: o.packet.slice(), destination: o.destination,
      message: `replayed Binding Update #${o.sequence} for ${o.homeAddress}`,
      description: `the Binding Update overheard at ${o.at / 1e6} s, sent again byte for byte with its ${auth}${elsewhere}`,
    };
  }
  const ahSequence = o.ah === null ? null : (highestAhSequence(state, o.ah.spi) + 1) >>> 0;
  const bytes = tampered(o, attack.careOfAddress, ahSequence);
  if (bytes === null) return { ok: false, reason: 'the overheard Binding Update could not be parsed again to change it' };
  const kept = o.ah === null ? `its ${auth} left as it was` : `its AH Sequence Number moved on to ${ahSequence} (past every one overheard, so the anti-replay window lets it through) and its ICV left as it was`;
  return {
    ok: true, packet: bytes, destination: o.destination,
    message: `tampered Binding Update #${o.sequence}: ${o.homeAddress} is at ${attack.careOfAddress}`,
    description: `the Binding Update overheard at ${o.at / 1e6} s with its care-of address ${o.source} changed to ${attack.careOfAddress}, ${kept}${elsewhere}`,
  };
}
