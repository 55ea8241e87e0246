// A registration told without the network, for the key tests: the MN builds
// its Request extensions, seals; the FA parses, appends its extensions, seals;
// the HA parses, builds the Reply's key extensions, seals with keyDelivery; the
// FA derives its key and relays the Reply up to the Mobile-Home authenticator;
// the MN verifies that authenticator and derives its key. Every hop goes
// through real bytes (sealMessage → parseMipMessage).

import { verifyExtension } from '../../../crypto/authenticator';
import { generateRsaKeyPair, type RsaPrivateKey } from '../../../crypto/rsa-key';
import { sealMessage } from '../../../crypto/seal';
import { createRandom } from '../../../random';
import { extensionOffsets } from '../../../wire/mip/extensions/extensions';
import type { MipExtension } from '../../../wire/mip/extensions/mip-extension';
import { parseMipMessage } from '../../../wire/mip/mip-message';
import { registrationReply, type RegistrationReply } from '../../../wire/mip/registration-reply';
import { registrationRequest, type RegistrationRequest } from '../../../wire/mip/registration-request';
import { foreignAgentKeyFromReply, foreignAgentKeyRequest, type ForeignAgentKeyConfig, type ForeignAgentKeyRequest, type ForeignAgentKeyResult } from '../foreign-agent-keys';
import { homeAgentKeyReply, type HomeAgentKeyReply } from '../home-agent-keys';
import {
  recordForeignAgentKey, recordForeignAgentRequest, recordHomeAgentReply, recordMobileNodeKey, recordMobileNodeRequest, startKeyExchangeRecord, type KeyExchangeRecord,
} from '../key-exchange-record';
import { mobileNodeKeyFromReply, mobileNodeKeyRequest, type MobileNodeKeyConfig, type MobileNodeKeyRequest, type MobileNodeKeyResult, type MobileNodeKeySituation } from '../mobile-node-keys';

export const ADDR = { mn: '10.1.0.10', ha: '10.1.0.1', fa: '192.168.3.1', previousFa: '192.168.2.1' } as const;
const hex = (h: string): Uint8Array => Uint8Array.from(h.match(/../g)!, (x) => parseInt(x, 16));
export const MN_HA = { spi: 256, key: hex('00112233445566778899aabbccddeeff') };
export const FA_HA = { spi: 300, key: hex('a1a2a3a4a5a6a7a8a9aaabacadaeafb0') };
export const ID = { high: 0xd5c1e2a0, low: 0x12345678 };

// Generated once: 1024-bit keys take tens of ms each (rsa-key.ts).
const keyRandom = createRandom(20240601);
export const MN_RSA: RsaPrivateKey = generateRsaKeyPair(keyRandom);
export const FA_RSA: RsaPrivateKey = generateRsaKeyPair(keyRandom);

const auth = (kind: 'mobile-home-auth' | 'foreign-home-auth', spi: number): MipExtension => ({ kind, spi, authenticator: new Uint8Array(16) });

export function mustParse<K extends 'registration-request' | 'registration-reply'>(bytes: Uint8Array, kind: K): K extends 'registration-request' ? RegistrationRequest : RegistrationReply {
  const m = parseMipMessage(bytes);
  if (!m.ok || m.value.kind !== kind) throw new Error(`expected a ${kind}: ${JSON.stringify(m)}`);
  return m.value as K extends 'registration-request' ? RegistrationRequest : RegistrationReply;
}

export interface StoryOptions {
  readonly mn: MobileNodeKeyConfig;
  readonly situation?: Partial<MobileNodeKeySituation>;
  readonly fa: Omit<ForeignAgentKeyConfig, 'address'>;
  readonly seed?: number;
  /** Reply Code (default 0, accepted). */
  readonly code?: number;
}

export interface Story {
  readonly mnRequest: MobileNodeKeyRequest;
  readonly faRequest: ForeignAgentKeyRequest;
  readonly haReply: HomeAgentKeyReply | null;
  readonly relayedRequest: RegistrationRequest;
  readonly replyBytes: Uint8Array;
  readonly reply: RegistrationReply;
  readonly replyToMnBytes: Uint8Array;
  readonly faKey: ForeignAgentKeyResult;
  readonly mnKey: MobileNodeKeyResult;
  readonly record: KeyExchangeRecord;
}

export function runKeyStory(options: StoryOptions): Story {
  const seed = options.seed ?? 1;
  const random = { mn: createRandom(seed), fa: createRandom(seed + 1), ha: createRandom(seed + 2) };
  const faConfig: ForeignAgentKeyConfig = { address: ADDR.fa, ...options.fa };
  const situation: MobileNodeKeySituation = { newFa: { address: ADDR.fa, smoothHandoff: true }, previousFa: null, configuredAssociationWithNewFa: false, ...options.situation };
  const mhAuth = { 'mobile-home-auth': { key: MN_HA.key } };
  const fhAuth = faConfig.homeAgentAssociation === null ? {} : { 'foreign-home-auth': { key: FA_HA.key } };
  const fhExt = faConfig.homeAgentAssociation === null ? [] : [auth('foreign-home-auth', FA_HA.spi)];

  // MN → FA (OC-17: key request before the Mobile-Home authenticator)
  const mnRequest = mobileNodeKeyRequest(options.mn, situation, random.mn);
  const requestBytes = sealMessage(registrationRequest({ lifetime: 300, homeAddress: ADDR.mn, homeAgent: ADDR.ha, careOfAddress: ADDR.fa, identification: ID, extensions: [...mnRequest.extensions, auth('mobile-home-auth', MN_HA.spi)] }), { auth: mhAuth });
  const atFa = mustParse(requestBytes, 'registration-request');

  // FA → HA (OC-17: FA key extensions after the MH authenticator, before FH)
  const faRequest = foreignAgentKeyRequest(faConfig, atFa, [], random.fa);
  const relayedBytes = sealMessage({ ...atFa, extensions: [...atFa.extensions, ...faRequest.extensions, ...fhExt] }, { auth: { ...mhAuth, ...fhAuth } });
  const atHa = mustParse(relayedBytes, 'registration-request');

  // HA → FA
  const code = options.code ?? 0;
  const accepted = code === 0 || code === 1;
  const haReply = accepted ? homeAgentKeyReply({ mobileNodeAssociation: MN_HA, foreignAgentSecrets: [FA_HA], spisInUse: [MN_HA.spi] }, atHa, random.ha) : null;
  const needFh = haReply?.foreignHomeAuthRequired === true || faConfig.homeAgentAssociation !== null;
  const replyBytes = sealMessage(
    registrationReply({ code, lifetime: accepted ? 300 : 0, homeAddress: ADDR.mn, homeAgent: ADDR.ha, identification: ID, extensions: [...(haReply?.extensions ?? []), auth('mobile-home-auth', MN_HA.spi), ...(needFh ? [auth('foreign-home-auth', FA_HA.spi)] : [])] }),
    { auth: { ...mhAuth, ...(needFh ? { 'foreign-home-auth': { key: FA_HA.key } } : {}) }, keyDelivery: haReply?.keyDelivery ?? {} },
  );
  const reply = mustParse(replyBytes, 'registration-reply');

  // FA: key for the visitor entry, then relay up to and including the MH authenticator
  const faKey = foreignAgentKeyFromReply({ config: faConfig, payload: replyBytes, pending: faRequest.pending, homeAgentSecrets: [FA_HA] });
  const mhIndex = reply.extensions.findIndex((e) => e.kind === 'mobile-home-auth');
  // The FA cannot re-encode 120 (it lacks the HA–MN secret), so it relays the octets as they are (OC-17).
  const replyToMnBytes = replyBytes.slice(0, extensionOffsets(reply)[mhIndex + 1] ?? replyBytes.length);

  // MN: precondition of Perkins & Johnson §9.1, §9.2 — the Mobile-Home authenticator verifies
  const atMn = mustParse(replyToMnBytes, 'registration-reply');
  const verified = verifyExtension(replyToMnBytes, extensionOffsets(atMn)[mhIndex]!, MN_HA.key, 'ro98');
  if (!verified.ok || !verified.value.verified) throw new Error('Mobile-Home authenticator of the Reply does not verify');
  const mnKey = mobileNodeKeyFromReply({ payload: replyToMnBytes, pending: mnRequest.pending, homeAgentSecrets: [MN_HA], keyPair: options.mn.keyPair });

  let record = startKeyExchangeRecord(ADDR.mn, ADDR.fa);
  record = recordMobileNodeRequest(record, mnRequest);
  record = recordForeignAgentRequest(record, faRequest);
  if (haReply !== null) record = recordHomeAgentReply(record, haReply, replyBytes);
  record = recordForeignAgentKey(record, faKey);
  record = recordMobileNodeKey(record, mnKey);
  return { mnRequest, faRequest, haReply, relayedRequest: atHa, replyBytes, reply, replyToMnBytes, faKey, mnKey, record };
}
