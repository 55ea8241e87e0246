// The home agent's registration keys (Perkins & Johnson §9.3; regkey-00 §7.1; OC-14,
// OC-16, OC-17): for an accepting Reply to a Request that asked for a key,
// the key extensions (120, 122/124 copied, 125, 121/123) that precede the
// Mobile-Home authenticator, what sealMessage needs to encode 120/121 (regkey-00 §3.1),
// and whether a Foreign-Home authenticator is mandatory (121 added). Each
// Perkins & Johnson §9.3; regkey-00 §7.1 decision step becomes a `decision` trace. A request the HA cannot
// meet leaves the registration accepted without a key (regkey-00 §3, §7.1).

import type { SecurityAssociation } from '../../../crypto/security-association';
import type { NodeContext, NodeOutput } from '../../../node/contract';
import type { MipExtension } from '../../../wire/mip/extensions/mip-extension';
import type { RegistrationRequest } from '../../../wire/mip/registration-request';
import { homeAgentKeyReply, taken, type KeyDelivery } from '../../keys';
import { associationWithPeer } from '../../tables/security-associations';
import { keyStepTraces } from '../common/smooth-handoff-io';
import type { HomeAgentState } from './home-agent-state';

const KEY_EXTENSION_KINDS: ReadonlySet<MipExtension['kind']> = new Set<MipExtension['kind']>([
  'mn-public-key', 'registration-key-request', 'fa-key-request', 'fa-public-key', 'mn-public-key-reply', 'dh-key-reply',
]);

export interface HomeAgentKeyPart {
  readonly extensions: readonly MipExtension[];
  readonly keyDelivery: KeyDelivery;
  readonly foreignHomeAuthRequired: boolean;
  readonly outputs: NodeOutput[];
}

/** Perkins & Johnson §9.3; regkey-00 §7.1, or null when the Request carries no key extension at all. */
export function keyReplyFor(state: HomeAgentState, m: RegistrationRequest, mobileNode: SecurityAssociation, foreignAgent: string, ctx: NodeContext): HomeAgentKeyPart | null {
  if (!m.extensions.some((e) => KEY_EXTENSION_KINDS.has(e.kind))) return null;
  const fa = associationWithPeer(state.associations, foreignAgent, ctx.now)?.association ?? null;
  const known = state.config.foreignAgentPublicKeys?.[foreignAgent] ?? null; // Perkins & Johnson §9.3 step 3
  const reply = homeAgentKeyReply({ mobileNodeAssociation: mobileNode, foreignAgentSecrets: fa === null ? [] : [fa], spisInUse: [mobileNode.spi], knownForeignAgentKey: known }, m, ctx.random); // OC-16
  const outputs = keyStepTraces(reply.steps);
  if (reply.refusal !== null) outputs.push(...keyStepTraces([taken(`no registration key for ${m.homeAddress}: ${reply.refusal.reason.detail}`, reply.refusal.reason.ref)]));
  return { extensions: reply.extensions, keyDelivery: reply.keyDelivery, foreignHomeAuthRequired: reply.foreignHomeAuthRequired, outputs };
}
