// Where the foreign agent's Diffie-Hellman value g^y (extension 124) travels
// (OC-49, docs/choices.md). By default the FA puts it into the Request it
// relays, and the home agent copies it into its Reply before the Mobile-Home
// authenticator, so the mobile node's check of that authenticator covers it
// (Perkins & Johnson §9.2; OC-17). The earlier draft variant (optim-06 §3.4)
// is a setting: the FA keeps g^y out of the Request and appends 124 to the
// Reply it relays, after the Mobile-Home authenticator — where nothing the
// mobile node checks covers it, so someone on the path can swap it.

import { dhPublicValue, dhValueBytes, DH_GROUPS, type DhGroup } from '../../../crypto/diffie-hellman';
import { bytesToBigInt } from '../../../crypto/bigint-math';
import { concatBytes } from '../../../wire/bytes';
import { emitMipExtension, mipExtensionLength, type MipExtension } from '../../../wire/mip/extensions/mip-extension';
import { dhGroupOf } from '../../keys';
import type { PendingKeyMaterial } from '../../tables/visitor-list';
import type { ForeignAgentConfig } from './foreign-agent-state';

export type DiffieHellmanValuePlacement = 'home-agent-reply' | 'own-reply';

/** Whether this FA uses the optim-06 §3.4 variant (its g^y in the Reply it relays). */
export function dhValueInOwnReply(config: ForeignAgentConfig): boolean {
  return config.diffieHellmanValueIn === 'own-reply';
}

/** The key extensions for the relayed Request: without 124 in the own-reply variant (it goes in the relayed Reply instead). */
export function requestKeyExtensions(config: ForeignAgentConfig, extensions: readonly MipExtension[]): readonly MipExtension[] {
  return dhValueInOwnReply(config) ? extensions.filter((e) => e.kind !== 'dh-key-reply') : extensions;
}

function groupOf(pending: Extract<PendingKeyMaterial, { method: 'diffie-hellman' }>): DhGroup | undefined {
  return pending.prime !== undefined && pending.generator !== undefined ? dhGroupOf(pending.prime, pending.generator) : DH_GROUPS.find((g) => g.name === pending.group);
}

/** optim-06 §3.4: the FA's own 124 (SPI, g^y mod p) from the exchange it started; null when it started none or uses the default placement. */
export function ownDhKeyReply(config: ForeignAgentConfig, pending: PendingKeyMaterial | null): Uint8Array | null {
  if (!dhValueInOwnReply(config) || pending?.method !== 'diffie-hellman') return null;
  const group = groupOf(pending);
  if (group === undefined) return null;
  const ext: MipExtension = { kind: 'dh-key-reply', spi: pending.spi, computedValue: dhValueBytes(group, dhPublicValue(group, bytesToBigInt(pending.privateExponent))) };
  const out = new Uint8Array(mipExtensionLength(ext));
  emitMipExtension(ext, out, 0);
  return out;
}

/** The relayed Reply: the home agent's part through Mobile-Home, then the FA's own 124 when it has one. */
export function withOwnDhValue(kept: Uint8Array, own: Uint8Array | null): Uint8Array {
  return own === null ? kept : concatBytes(kept, own);
}
