// An interface's IPv6 address as a scenario file writes it: CIDR text,
// "2001:db8:1::1/64" (RFC 4291 §2.3), and what is wrong with a bad one.

import { canonicalIpv6, isIpv6Address, type Ipv6Address } from '../engine/wire/ipv6/ipv6-address';

const PREFIX_LENGTH = /^(?:[1-9][0-9]{0,2})$/;

/** What is wrong with `text` as "address/prefix-length", as a predicate the reporter puts after the value; undefined when it is fine. */
export function ipv6CidrProblem(text: string): string | undefined {
  const slash = text.lastIndexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  if (!isIpv6Address(address)) {
    return `is not an IPv6 address with its prefix length: ${JSON.stringify(address)} is not an IPv6 address (up to eight groups of 1–4 hex digits, "::" for a run of zero groups, e.g. "2001:db8:1::1/64")`;
  }
  if (slash < 0) return 'has no prefix length: write the address and the length of its prefix, e.g. "2001:db8:1::1/64"';
  const length = text.slice(slash + 1);
  if (!PREFIX_LENGTH.test(length) || Number(length) > 128) return `has a bad prefix length ${JSON.stringify(length)}: it must be a whole number 1–128, e.g. "/64"`;
  return undefined;
}

/** The canonical address and prefix length of text that passed `ipv6CidrProblem`. */
export function parseIpv6Cidr(text: string): { readonly address: Ipv6Address; readonly prefixLength: number } {
  const slash = text.lastIndexOf('/');
  return { address: canonicalIpv6(text.slice(0, slash)), prefixLength: Number(text.slice(slash + 1)) };
}
