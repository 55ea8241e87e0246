// What an adversary node may be told to do (FORMAT.md "adversary"), in a scenario file
// and in a command a learner sends it while the run goes: the scenario's shape
// (schema.ts) includes these, and a running lab checks a command with them alone
// (runtime/commands/validate.ts), without building the whole file format's schema.

import { z } from 'zod';
import { id, ipv4, ipv6, seconds } from './schema-parts';

const actionCommon = { atS: seconds, to: id };
export const adversaryActionSchema = z.discriminatedUnion('kind', [
  /** A Binding Update the adversary makes up: right SPI perhaps, wrong key. */
  z.strictObject({ ...actionCommon, kind: z.literal('forge-binding-update'), homeAddress: ipv4, careOfAddress: ipv4, lifetimeS: z.number().int().min(0).max(65535).default(300), spi: z.number().int().min(0).max(0xffffffff).default(256) }),
  /**
   * Sends again, unchanged, a Binding Update it overheard: the most recent one
   * ('latest'), or the first one it overheard about the same mobile node as the
   * most recent ('first': an old binding, to drag traffic back).
   */
  z.strictObject({ ...actionCommon, kind: z.literal('replay-binding-update'), which: z.enum(['latest', 'first']).default('latest') }),
  /** Changes the care-of address in the most recent Binding Update it overheard and sends it. */
  z.strictObject({ ...actionCommon, kind: z.literal('tamper-binding-update'), careOfAddress: ipv4 }),
  z.strictObject({ ...actionCommon, kind: z.literal('forge-registration'), homeAddress: ipv4, careOfAddress: ipv4, lifetimeS: z.number().int().min(0).max(65535).default(300), spi: z.number().int().min(0).max(0xffffffff).default(256) }),
  z.strictObject({ ...actionCommon, kind: z.literal('replay-registration') }),
  /**
   * A Binding Request in the name of `as` (a correspondent) about `homeAddress`, whose timestamp
   * Identification is `aheadS` seconds ahead of the clock (negative: behind): Binding Requests are
   * not authenticated (optim-08 §4.2), and the home agent's answer is signed (Perkins & Johnson §3.3).
   */
  z.strictObject({ ...actionCommon, kind: z.literal('spoof-binding-request'), homeAddress: ipv4, as: id, aheadS: z.number().min(-60).max(60).default(4.9) }),
]);

// The IPv6 adversary (Perkins & Johnson §10; docs/ipv6.md §2–§3).
const action6Common = { atS: seconds, to: id };
export const adversaryV6ActionSchema = z.discriminatedUnion('kind', [
  /** A Binding Update it makes up, with a key it guesses (RFC 6275 §15). */
  z.strictObject({
    ...action6Common, kind: z.literal('forge-binding-update'), homeAddress: ipv6, careOfAddress: ipv6, lifetimeS: z.number().int().min(0).max(262_140).default(40), spi: z.number().int().min(256).max(0xffffffff).default(256),
    /** "ah": AH under `spi`, ICV from a made-up key; "return-routability": Binding Authorization Data from a guessed Kbm (RFC 6275 §5.2.6). */
    authorization: z.enum(['ah', 'return-routability']).default('ah'),
  }),
  /** Sends again, unchanged, the most recent Binding Update it overheard. */
  z.strictObject({ ...action6Common, kind: z.literal('replay-binding-update') }),
  /** Changes the care-of address of the most recent Binding Update it overheard and sends it. */
  z.strictObject({ ...action6Common, kind: z.literal('tamper-binding-update'), careOfAddress: ipv6 }),
]);
