// The lab's built-in lessons: one JSON file each (the format is
// docs/lessons.md), listed here in teaching order. The files are imported as
// data and go through the same validation as a lesson someone writes, so a
// built-in can never bypass a check.

import { parseLesson, type LoadedLesson } from '../format/validate';
import triangleRouting from './triangle-routing.json' with { type: 'json' };
import bindingCache from './binding-cache.json' with { type: 'json' };
import smoothHandoff from './smooth-handoff.json' with { type: 'json' };
import bindingUpdateAttacks from './binding-update-attacks.json' with { type: 'json' };
import triangleCost from './triangle-cost.json' with { type: 'json' };
import cacheEviction from './cache-eviction.json' with { type: 'json' };
import bindingWarningAndLegacy from './binding-warning-and-legacy.json' with { type: 'json' };
import bindingLifetimes from './binding-lifetimes.json' with { type: 'json' };
import privateBindings from './private-bindings.json' with { type: 'json' };
import timestampsAndNonces from './timestamps-and-nonces.json' with { type: 'json' };
import smoothHandoffReplay from './smooth-handoff-replay.json' with { type: 'json' };
import handoffInDetail from './handoff-in-detail.json' with { type: 'json' };
import masterKey from './master-key.json' with { type: 'json' };
import choosingAKeyMethod from './choosing-a-key-method.json' with { type: 'json' };
import keyExistingAssociation from './key-existing-association.json' with { type: 'json' };
import keyHomeAgentKdc from './key-home-agent-kdc.json' with { type: 'json' };
import keyForeignAgentPublicKey from './key-foreign-agent-public-key.json' with { type: 'json' };
import keyMobileNodePublicKey from './key-mobile-node-public-key.json' with { type: 'json' };
import keyDiffieHellman from './key-diffie-hellman.json' with { type: 'json' };
import keyManInTheMiddle from './key-man-in-the-middle.json' with { type: 'json' };
import ipv6RouteOptimization from './ipv6-route-optimization.json' with { type: 'json' };

export interface BuiltinLesson {
  readonly id: string;
  /** File name inside src/lessons/builtin/. */
  readonly file: string;
  /** The file's contents, as JSON data (not yet validated). */
  readonly data: unknown;
}

export const BUILTIN_LESSONS: readonly BuiltinLesson[] = [
  { id: 'triangle-routing', file: 'triangle-routing.json', data: triangleRouting },
  { id: 'triangle-cost', file: 'triangle-cost.json', data: triangleCost },
  { id: 'binding-cache', file: 'binding-cache.json', data: bindingCache },
  { id: 'cache-eviction', file: 'cache-eviction.json', data: cacheEviction },
  { id: 'binding-warning-and-legacy', file: 'binding-warning-and-legacy.json', data: bindingWarningAndLegacy },
  { id: 'binding-lifetimes', file: 'binding-lifetimes.json', data: bindingLifetimes },
  { id: 'private-bindings', file: 'private-bindings.json', data: privateBindings },
  { id: 'smooth-handoff', file: 'smooth-handoff.json', data: smoothHandoff },
  { id: 'handoff-in-detail', file: 'handoff-in-detail.json', data: handoffInDetail },
  { id: 'binding-update-attacks', file: 'binding-update-attacks.json', data: bindingUpdateAttacks },
  // Builds on binding-update-attacks: the same attacks against nonces (Perkins & Johnson §3.3).
  { id: 'timestamps-and-nonces', file: 'timestamps-and-nonces.json', data: timestampsAndNonces },
  // The paper's smooth-handoff Binding Update has no Identification (Perkins & Johnson §3.3): a replay, and the later draft's fix.
  { id: 'smooth-handoff-replay', file: 'smooth-handoff-replay.json', data: smoothHandoffReplay },
  { id: 'master-key', file: 'master-key.json', data: masterKey },
  // Perkins & Johnson §6–§8: the five ways to establish a registration key, in the order of regkey-00 §3.
  { id: 'key-existing-association', file: 'key-existing-association.json', data: keyExistingAssociation },
  { id: 'key-home-agent-kdc', file: 'key-home-agent-kdc.json', data: keyHomeAgentKdc },
  { id: 'key-foreign-agent-public-key', file: 'key-foreign-agent-public-key.json', data: keyForeignAgentPublicKey },
  { id: 'key-mobile-node-public-key', file: 'key-mobile-node-public-key.json', data: keyMobileNodePublicKey },
  { id: 'key-diffie-hellman', file: 'key-diffie-hellman.json', data: keyDiffieHellman },
  // Perkins & Johnson §9: how the nodes choose among those five.
  { id: 'choosing-a-key-method', file: 'choosing-a-key-method.json', data: choosingAKeyMethod },
  // Perkins & Johnson §9.2: why the foreign agent's Diffie-Hellman value goes through the home agent.
  { id: 'key-man-in-the-middle', file: 'key-man-in-the-middle.json', data: keyManInTheMiddle },
  // Perkins & Johnson §10: the same binding caches in IPv6, where the mobile node sends its own Binding Updates.
  { id: 'ipv6-route-optimization', file: 'ipv6-route-optimization.json', data: ipv6RouteOptimization },
];

export function builtinLesson(id: string): BuiltinLesson | undefined {
  return BUILTIN_LESSONS.find((l) => l.id === id);
}

/** Validates and loads a built-in; throws if it is broken (a test makes sure none is). */
export function loadBuiltinLesson(id: string): LoadedLesson {
  const entry = builtinLesson(id);
  if (entry === undefined) throw new Error(`no built-in lesson "${id}"`);
  const parsed = parseLesson(entry.data);
  if (!parsed.ok) throw new Error(`built-in lesson "${id}" is invalid:\n  - ${parsed.errors.join('\n  - ')}`);
  return parsed.loaded;
}
