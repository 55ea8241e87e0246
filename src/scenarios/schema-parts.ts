// Building blocks of the scenario format's shape (schema.ts) that the adversary's
// actions also use (adversary-action-schema.ts): apart, so that checking a learner's
// adversary command in a run does not build the whole file format's schema.

import { z } from 'zod';
import { isIpv4Address } from '../engine/wire/address';
import { isIpv6Address } from '../engine/wire/ipv6/ipv6-address';
import { controlCharacterIn, LIMITS } from './limits';

/** Messages of custom checks are predicates: the reporter puts the offending value in front. */
export const ipv4 = z.string().refine(isIpv4Address, { message: 'is not an IPv4 address (four decimal octets 0–255, e.g. "10.1.0.10")' });
export const ipv6 = z.string().refine(isIpv6Address, { message: 'is not an IPv6 address (up to eight groups of 1–4 hex digits, "::" for a run of zero groups, e.g. "2001:db8:1::10")' });
/** Ids are data a learner chose: printable, short, and never a control character that could rewrite a terminal line. */
export const id = z.string().min(1).max(LIMITS.maxIdLength).superRefine((text, ctx) => {
  const c = controlCharacterIn(text);
  if (c !== undefined) ctx.addIssue({ code: 'custom', message: `contains the control character ${c}; an id is printable text` });
});
export const nonNegative = z.number().min(0);
/** Every scheduled time lies inside the run, so it fits the run's bound too (semantics.ts checks against durationS). */
export const seconds = nonNegative.max(LIMITS.maxDurationS);
