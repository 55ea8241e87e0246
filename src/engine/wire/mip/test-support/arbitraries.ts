// fast-check arbitraries for every Mobile IP message and extension kind, shared
// by the round-trip, truncation and fuzz tests of this folder.

import fc from 'fast-check';
import { u32ToAddress, type Ipv4Address } from '../../address';
import type { BindingAcknowledge } from '../binding-acknowledge';
import type { BindingRequest } from '../binding-request';
import type { BindingUpdate } from '../binding-update';
import type { BindingWarning } from '../binding-warning';
import type { MipExtension, MipExtensionKind } from '../extensions/mip-extension';
import type { Identification } from '../identification';
import type { MipMessage, MipMessageKind } from '../mip-message';
import type { RegistrationReply } from '../registration-reply';
import type { RegistrationRequest } from '../registration-request';

export const arbU8 = fc.integer({ min: 0, max: 0xff });
export const arbU16 = fc.integer({ min: 0, max: 0xffff });
export const arbU32 = fc.integer({ min: 0, max: 0xffffffff });
export const arbAddress: fc.Arbitrary<Ipv4Address> = arbU32.map(u32ToAddress);
export const arbIdentification: fc.Arbitrary<Identification> = fc.record({ high: arbU32, low: arbU32 });
const bytes = (maxLength: number, minLength = 0) => fc.uint8Array({ minLength, maxLength });

const KNOWN_EXTENSION_TYPES = new Set([16, 32, 33, 34, 35, 96, 113, 114, 115, 116, 120, 121, 122, 123, 124, 125]);

/** One arbitrary per extension kind, so a test can make sure every kind is exercised. */
export const arbExtensionOfKind: Readonly<Record<MipExtensionKind, fc.Arbitrary<MipExtension>>> = {
  'mobile-home-auth': fc.record({ kind: fc.constant('mobile-home-auth' as const), spi: arbU32, authenticator: bytes(40) }),
  'mobile-foreign-auth': fc.record({ kind: fc.constant('mobile-foreign-auth' as const), spi: arbU32, authenticator: bytes(40) }),
  'foreign-home-auth': fc.record({ kind: fc.constant('foreign-home-auth' as const), spi: arbU32, authenticator: bytes(40) }),
  'ro-auth': fc.record({ kind: fc.constant('ro-auth' as const), spi: arbU32, authenticator: bytes(251) }),
  'binding-warning-extension': fc.record({
    kind: fc.constant('binding-warning-extension' as const),
    reserved: arbU16,
    homeAddress: arbAddress,
    targets: fc.array(arbAddress, { maxLength: 62 }), // 6 + 4 × 62 = 254 ≤ 255
  }),
  'previous-fa-notification': fc.record({
    kind: fc.constant('previous-fa-notification' as const),
    cacheLifetime: arbU16,
    previousForeignAgent: arbAddress,
    newCareOfAddress: arbAddress,
    spi: arbU32,
    authenticator: bytes(40),
  }),
  'fa-key-request': fc.record({ kind: fc.constant('fa-key-request' as const), spi: arbU32 }),
  'mn-public-key': fc.record({ kind: fc.constant('mn-public-key' as const), publicKey: bytes(400) }),
  'fa-public-key': fc.record({ kind: fc.constant('fa-public-key' as const), spi: arbU32, publicKey: bytes(400) }),
  'registration-key-request': fc.record({
    kind: fc.constant('registration-key-request' as const),
    diffieHellman: fc.option(
      fc.integer({ min: 1, max: 130 }).chain((l) => fc.record({ prime: bytes(l, l), generator: bytes(l, l), computedValue: bytes(l, l) })),
      { nil: null },
    ),
  }),
  'home-mobile-key-reply': fc.record({ kind: fc.constant('home-mobile-key-reply' as const), spi: arbU32, encryptedKey: bytes(20) }),
  'fa-key-reply': fc.record({ kind: fc.constant('fa-key-reply' as const), spi: arbU32, encryptedKey: bytes(20) }),
  'mn-public-key-reply': fc.record({ kind: fc.constant('mn-public-key-reply' as const), spi: arbU32, encryptedKey: bytes(300) }),
  'fa-public-key-reply': fc.record({ kind: fc.constant('fa-public-key-reply' as const), spi: arbU32, encryptedKey: bytes(300) }),
  'dh-key-reply': fc.record({ kind: fc.constant('dh-key-reply' as const), spi: arbU32, computedValue: bytes(200) }),
  spi: fc.record({ kind: fc.constant('spi' as const), spi: arbU32 }),
  unknown: fc.record({
    kind: fc.constant('unknown' as const),
    type: arbU8.filter((t) => !KNOWN_EXTENSION_TYPES.has(t)),
    data: bytes(255),
  }),
};

export const arbExtension: fc.Arbitrary<MipExtension> = fc.oneof(...Object.values(arbExtensionOfKind));
export const arbExtensions: fc.Arbitrary<readonly MipExtension[]> = fc.array(arbExtension, { maxLength: 5 });

export const arbRegistrationRequest: fc.Arbitrary<RegistrationRequest> = fc.record({
  kind: fc.constant('registration-request' as const),
  flags: fc.record({
    simultaneousBindings: fc.boolean(),
    broadcastDatagrams: fc.boolean(),
    decapsulationByMobileNode: fc.boolean(),
    minimalEncapsulation: fc.boolean(),
    greEncapsulation: fc.boolean(),
    vjCompression: fc.boolean(),
    privateBinding: fc.boolean(),
    reserved: fc.integer({ min: 0, max: 1 }),
  }),
  lifetime: arbU16,
  homeAddress: arbAddress,
  homeAgent: arbAddress,
  careOfAddress: arbAddress,
  identification: arbIdentification,
  extensions: arbExtensions,
});

export const arbRegistrationReply: fc.Arbitrary<RegistrationReply> = fc.record({
  kind: fc.constant('registration-reply' as const),
  code: arbU8,
  lifetime: arbU16,
  homeAddress: arbAddress,
  homeAgent: arbAddress,
  identification: arbIdentification,
  extensions: arbExtensions,
});

export const arbBindingWarning: fc.Arbitrary<BindingWarning> = fc.record({
  kind: fc.constant('binding-warning' as const),
  reserved: fc.integer({ min: 0, max: 0xffffff }),
  homeAddress: arbAddress,
  targets: fc.array(arbAddress, { maxLength: 20 }),
});

export const arbBindingRequest: fc.Arbitrary<BindingRequest> = fc.record({
  kind: fc.constant('binding-request' as const),
  reserved: fc.integer({ min: 0, max: 0xffffff }),
  homeAddress: arbAddress,
  identification: arbIdentification,
  extensions: arbExtensions,
});

export const arbBindingUpdate: fc.Arbitrary<BindingUpdate> = fc.record({
  kind: fc.constant('binding-update' as const),
  flags: fc.record({
    acknowledge: fc.boolean(),
    minimalEncapsulation: fc.boolean(),
    greEncapsulation: fc.boolean(),
    reserved: fc.integer({ min: 0, max: 0x0f }),
  }),
  lifetime: arbU16,
  homeAddress: arbAddress,
  careOfAddress: arbAddress,
  identification: fc.option(arbIdentification, { nil: null }),
  extensions: arbExtensions,
});

export const arbBindingAcknowledge: fc.Arbitrary<BindingAcknowledge> = fc.record({
  kind: fc.constant('binding-acknowledge' as const),
  reserved: arbU16,
  status: arbU8,
  homeAddress: arbAddress,
  identification: arbIdentification,
  extensions: arbExtensions,
});

const KNOWN_MESSAGE_TYPES = new Set([1, 3, 16, 17, 18, 19]);

export const arbMessageOfKind: Readonly<Record<MipMessageKind, fc.Arbitrary<MipMessage>>> = {
  'registration-request': arbRegistrationRequest,
  'registration-reply': arbRegistrationReply,
  'binding-warning': arbBindingWarning,
  'binding-request': arbBindingRequest,
  'binding-update': arbBindingUpdate,
  'binding-acknowledge': arbBindingAcknowledge,
  unknown: fc.record({
    kind: fc.constant('unknown' as const),
    type: arbU8.filter((t) => !KNOWN_MESSAGE_TYPES.has(t)),
    body: bytes(80),
  }),
};

export const arbMipMessage: fc.Arbitrary<MipMessage> = fc.oneof(...Object.values(arbMessageOfKind));
