// The plain-data record of one registration's key exchange, for the UI's key
// panel (docs/architecture.md "Key exchange panel"): which of the five methods was chosen
// (Perkins & Johnson §9; regkey-00 §3 preference order), every decision step of the MN,
// FA and HA with the branch taken, the values that crossed the wire (hex), and
// the key each side ended with. Private values appear only under the side that
// owns them (x under the MN, y under the FA, the chosen K under its chooser).
// Built step by step from the results of the three behaviours; every function
// returns a new record (structured-cloneable, JSON-friendly: strings and numbers).

import { toHex } from '../../crypto/bytes';
import { extensionTypeOf } from '../../wire/mip/extensions/mip-extension';
import { parseMipMessage } from '../../wire/mip/mip-message';
import type { Ipv4Address } from '../../wire/address';
import type { ForeignAgentKeyRequest, ForeignAgentKeyResult } from './foreign-agent-keys';
import type { HomeAgentKeyReply } from './home-agent-keys';
import { extensionOfKind, KEY_METHOD_NAMES, type DecisionStep, type KeyMethod, type KeyOutcome, type NoKeyReason } from './key-types';
import type { MobileNodeKeyRequest, MobileNodeKeyResult } from './mobile-node-keys';
import { dhGroupOf } from './reply-view';

export interface KeySideRecord {
  readonly steps: readonly DecisionStep[];
  /** The private value this side owns: x (MN), y (FA) or the key it chose (FA K, HA K); hex. */
  readonly privateValue: string | null;
  /** The registration key this side ended with (hex, 16 octets) and its SPI. */
  readonly key: string | null;
  readonly spi: number | null;
  readonly noKeyReason: NoKeyReason | null;
}

export interface ExchangedKeyExtension {
  /** Extension Type: 113–116, 120–125. */
  readonly type: number;
  readonly spi: number | null;
  /** Public key, g^x / g^y, or encrypted key, as hex; null for 113 and 125. */
  readonly value: string | null;
}

export interface KeyExchangeRecord {
  readonly homeAddress: Ipv4Address;
  readonly faAddress: Ipv4Address;
  readonly method: KeyMethod | null;
  readonly methodName: string | null;
  readonly mobileNode: KeySideRecord;
  readonly foreignAgent: KeySideRecord;
  readonly homeAgent: KeySideRecord;
  /** p, g, X, Y as L-octet hex (Perkins & Johnson §6–§8; regkey-00 §3.3); null unless Diffie-Hellman was offered. */
  readonly diffieHellman: { readonly group: string; readonly p: string; readonly g: string; readonly X: string; readonly Y: string | null } | null;
  /** Every key extension in wire order: Request (MN, then FA), then Reply. */
  readonly extensions: readonly ExchangedKeyExtension[];
  /** The SPI of the new MN ↔ FA key, once known. */
  readonly newKeySpi: number | null;
}

const emptySide: KeySideRecord = { steps: [], privateValue: null, key: null, spi: null, noKeyReason: null };

export function startKeyExchangeRecord(homeAddress: Ipv4Address, faAddress: Ipv4Address): KeyExchangeRecord {
  return { homeAddress, faAddress, method: null, methodName: null, mobileNode: emptySide, foreignAgent: emptySide, homeAgent: emptySide, diffieHellman: null, extensions: [], newKeySpi: null };
}

const withMethod = (r: KeyExchangeRecord, method: KeyMethod | null): KeyExchangeRecord => (method === null ? r : { ...r, method, methodName: KEY_METHOD_NAMES[method] });

function describe(ext: Parameters<typeof extensionTypeOf>[0]): ExchangedKeyExtension | null {
  const type = extensionTypeOf(ext);
  switch (ext.kind) {
    case 'fa-key-request': case 'spi': return { type, spi: ext.spi, value: null };
    case 'mn-public-key': return { type, spi: null, value: toHex(ext.publicKey) };
    case 'fa-public-key': return { type, spi: ext.spi, value: toHex(ext.publicKey) };
    case 'registration-key-request': return { type, spi: null, value: ext.diffieHellman === null ? null : toHex(ext.diffieHellman.computedValue) };
    case 'home-mobile-key-reply': case 'fa-key-reply': case 'mn-public-key-reply': case 'fa-public-key-reply': return { type, spi: ext.spi, value: toHex(ext.encryptedKey) };
    case 'dh-key-reply': return { type, spi: ext.spi, value: toHex(ext.computedValue) };
    default: return null;
  }
}

const described = (exts: readonly Parameters<typeof extensionTypeOf>[0][]): ExchangedKeyExtension[] => exts.map(describe).filter((d): d is ExchangedKeyExtension => d !== null);

/** Perkins & Johnson §9.1; regkey-00 §6 at the MN. */
export function recordMobileNodeRequest(r: KeyExchangeRecord, request: MobileNodeKeyRequest): KeyExchangeRecord {
  const dh = request.pending.diffieHellman;
  return withMethod({
    ...r,
    mobileNode: { ...r.mobileNode, steps: [...r.mobileNode.steps, ...request.steps], privateValue: dh === null ? null : toHex(dh.privateExponent) },
    diffieHellman: dh === null ? r.diffieHellman : { group: dh.group, p: toHex(dh.prime), g: toHex(dh.generator), X: toHex(dh.publicValue), Y: null },
    extensions: [...r.extensions, ...described(request.extensions)],
  }, request.pending.requested === 'existing-association' ? 1 : null);
}

const METHOD_OF_FA_EXTENSION: Readonly<Record<string, KeyMethod>> = { 'fa-key-request': 2, 'fa-public-key': 3, 'mn-public-key-reply': 4, 'dh-key-reply': 5 };

/** Perkins & Johnson §9.2; regkey-00 §8.1 at the FA; p, g, X as the FA received them (so a custom group shows too). y and K go under the FA only. */
export function recordForeignAgentRequest(r: KeyExchangeRecord, request: ForeignAgentKeyRequest): KeyExchangeRecord {
  const p = request.pending;
  const dhReply = extensionOfKind(request.extensions, 'dh-key-reply');
  const first = request.extensions[0];
  let diffieHellman = r.diffieHellman;
  if (dhReply !== undefined && p?.method === 'diffie-hellman') {
    const group = p.prime !== undefined && p.generator !== undefined ? dhGroupOf(p.prime, p.generator).name : p.group;
    diffieHellman = { group, p: p.prime ? toHex(p.prime) : (r.diffieHellman?.p ?? ''), g: p.generator ? toHex(p.generator) : (r.diffieHellman?.g ?? ''), X: toHex(p.mobileNodePublic), Y: toHex(dhReply.computedValue) };
  }
  const privateValue = p === null ? null : toHex(p.method === 'diffie-hellman' ? p.privateExponent : p.key);
  return withMethod({
    ...r,
    foreignAgent: { ...r.foreignAgent, steps: [...r.foreignAgent.steps, ...request.steps], privateValue, noKeyReason: request.refusal?.reason ?? null },
    diffieHellman,
    extensions: [...r.extensions, ...described(request.extensions)],
    newKeySpi: p?.spi ?? r.newKeySpi,
  }, first === undefined ? null : METHOD_OF_FA_EXTENSION[first.kind] ?? null);
}

/** Perkins & Johnson §9.3; regkey-00 §7.1 at the HA; `sealedReply` is the Reply payload after sealMessage, so 120/121 show their real encrypted octets. */
export function recordHomeAgentReply(r: KeyExchangeRecord, reply: HomeAgentKeyReply, sealedReply: Uint8Array): KeyExchangeRecord {
  const parsed = parseMipMessage(sealedReply);
  const replyExtensions = parsed.ok && parsed.value.kind === 'registration-reply' ? parsed.value.extensions : reply.extensions;
  const spi = extensionOfKind(replyExtensions, 'spi')?.spi ?? null;
  return {
    ...r,
    homeAgent: { ...r.homeAgent, steps: [...r.homeAgent.steps, ...reply.steps], privateValue: reply.chosenKey === null ? null : toHex(reply.chosenKey), noKeyReason: reply.refusal?.reason ?? null },
    extensions: [...r.extensions, ...described(replyExtensions)],
    newKeySpi: spi ?? r.newKeySpi,
  };
}

function withOutcome(side: KeySideRecord, steps: readonly DecisionStep[], outcome: KeyOutcome): KeySideRecord {
  return outcome.kind === 'key'
    ? { ...side, steps: [...side.steps, ...steps], key: toHex(outcome.key), spi: outcome.spi, noKeyReason: null }
    : { ...side, steps: [...side.steps, ...steps], key: null, spi: null, noKeyReason: outcome.reason };
}

/** Perkins & Johnson §9.1, §9.2 at the FA. */
export function recordForeignAgentKey(r: KeyExchangeRecord, result: ForeignAgentKeyResult): KeyExchangeRecord {
  return withMethod({ ...r, foreignAgent: withOutcome(r.foreignAgent, result.steps, result.outcome) }, result.outcome.kind === 'key' ? result.outcome.method : null);
}

/** Perkins & Johnson §9.1, §9.2 at the MN. */
export function recordMobileNodeKey(r: KeyExchangeRecord, result: MobileNodeKeyResult): KeyExchangeRecord {
  return withMethod({ ...r, mobileNode: withOutcome(r.mobileNode, result.steps, result.outcome) }, result.outcome.kind === 'key' ? result.outcome.method : null);
}
