// fast-check arbitraries for every Mobility Header message and mobility
// option kind (RFC 6275 §6.1, §6.2), shared by the round-trip and fuzz tests.

import fc from 'fast-check';
import { formatIpv6, type Ipv6Address } from '../ipv6-address';
import type { MobilityMessage } from '../mobility-messages';
import type { MobilityOption } from '../mobility-options';

const u8 = fc.integer({ min: 0, max: 0xff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const octets = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });

export const arbIpv6Address: fc.Arbitrary<Ipv6Address> = octets(16).map((b) => formatIpv6(b));

/** Every option kind but Binding Authorization Data, which may only come last. */
export const arbMiddleOption: fc.Arbitrary<MobilityOption> = fc.oneof(
  fc.record({ kind: fc.constant('binding-refresh-advice' as const), refreshIntervalUnits: u16 }),
  fc.record({ kind: fc.constant('alternate-care-of-address' as const), address: arbIpv6Address }),
  fc.record({ kind: fc.constant('nonce-indices' as const), homeNonceIndex: u16, careOfNonceIndex: u16 }),
  fc.record({ kind: fc.constant('unknown' as const), type: fc.integer({ min: 6, max: 255 }), data: fc.uint8Array({ maxLength: 24 }) }),
);

export const arbAuthorizationData: fc.Arbitrary<MobilityOption> = fc.record({ kind: fc.constant('binding-authorization-data' as const), authenticator: octets(12) });

/** A legal option list: up to six options, optionally ending with Binding Authorization Data. */
export const arbOptions: fc.Arbitrary<readonly MobilityOption[]> = fc
  .tuple(fc.array(arbMiddleOption, { maxLength: 6 }), fc.option(arbAuthorizationData, { nil: undefined }))
  .map(([middle, last]) => (last === undefined ? middle : [...middle, last]));

/** One arbitrary per MH Type, so a test can check every message kind is exercised. */
export const arbMessageOfType: readonly fc.Arbitrary<MobilityMessage>[] = [
  fc.record({ kind: fc.constant('binding-refresh-request' as const), options: arbOptions }),
  fc.record({ kind: fc.constant('home-test-init' as const), cookie: octets(8), options: arbOptions }),
  fc.record({ kind: fc.constant('care-of-test-init' as const), cookie: octets(8), options: arbOptions }),
  fc.record({ kind: fc.constant('home-test' as const), nonceIndex: u16, cookie: octets(8), keygenToken: octets(8), options: arbOptions }),
  fc.record({ kind: fc.constant('care-of-test' as const), nonceIndex: u16, cookie: octets(8), keygenToken: octets(8), options: arbOptions }),
  fc.record({
    kind: fc.constant('binding-update' as const), sequence: u16, acknowledge: fc.boolean(), homeRegistration: fc.boolean(),
    linkLocalCompatibility: fc.boolean(), keyManagement: fc.boolean(), lifetimeUnits: u16, options: arbOptions,
  }),
  fc.record({ kind: fc.constant('binding-acknowledgement' as const), status: u8, keyManagement: fc.boolean(), sequence: u16, lifetimeUnits: u16, options: arbOptions }),
  fc.record({ kind: fc.constant('binding-error' as const), status: u8, homeAddress: arbIpv6Address, options: arbOptions }),
  // An MH Type the lab does not know: the data fills the header to a multiple of 8.
  fc.tuple(fc.integer({ min: 8, max: 255 }), fc.integer({ min: 0, max: 5 })).chain(([mhType, words]) =>
    octets(2 + 8 * words).map((data): MobilityMessage => ({ kind: 'unknown', mhType, data }))),
];

export const arbMobilityMessage: fc.Arbitrary<MobilityMessage> = fc.oneof(...arbMessageOfType);
