// The lab's built-in scenarios: one JSON file each (the format is FORMAT.md),
// listed here in teaching order. The files are imported as data, then go
// through the same validation as a learner's own file, so a built-in can
// never bypass a check.

import { toLoadedScenario, type LoadedScenario } from '../to-topology';
import type { Scenario } from '../schema';
import { parseScenario } from '../validate';
import explore from './explore.json' with { type: 'json' };
import triangleRouting from './triangle-routing.json' with { type: 'json' };
import routeOptimization from './route-optimization.json' with { type: 'json' };
import handoffWithoutSmoothHandoff from './handoff-without-smooth-handoff.json' with { type: 'json' };
import smoothHandoff from './smooth-handoff.json' with { type: 'json' };
import keyExistingMsa from './key-existing-msa.json' with { type: 'json' };
import keyHomeAgentKdc from './key-home-agent-kdc.json' with { type: 'json' };
import keyForeignAgentPublicKey from './key-foreign-agent-public-key.json' with { type: 'json' };
import keyMobileNodePublicKey from './key-mobile-node-public-key.json' with { type: 'json' };
import keyDiffieHellman from './key-diffie-hellman.json' with { type: 'json' };
import privateBinding from './private-binding.json' with { type: 'json' };
import bindingExpiry from './binding-expiry.json' with { type: 'json' };
import lruEviction from './lru-eviction.json' with { type: 'json' };
import legacyCorrespondent from './legacy-correspondent.json' with { type: 'json' };
import forgedBindingUpdate from './forged-binding-update.json' with { type: 'json' };
import replayedBindingUpdate from './replayed-binding-update.json' with { type: 'json' };
import replayedSmoothHandoff from './replayed-smooth-handoff.json' with { type: 'json' };
import returnHome from './return-home.json' with { type: 'json' };
import masterKey from './master-key.json' with { type: 'json' };
import ipv6RouteOptimization from './ipv6-route-optimization.json' with { type: 'json' };
import ipv6ReturnRoutability from './ipv6-return-routability.json' with { type: 'json' };
import ipv6SmoothHandoff from './ipv6-smooth-handoff.json' with { type: 'json' };
import ipv6ForgedBindingUpdate from './ipv6-forged-binding-update.json' with { type: 'json' };

export interface BuiltinScenario {
  readonly id: string;
  readonly title: string;
  /** File name inside src/scenarios/builtin/. */
  readonly file: string;
  /** The file's contents, as JSON data (not yet validated). */
  readonly data: unknown;
}

export const BUILTIN_SCENARIOS: readonly BuiltinScenario[] = [
  { id: 'explore', title: "Explore: move the mobile node yourself", file: 'explore.json', data: explore },
  { id: 'triangle-routing', title: "Triangle routing", file: 'triangle-routing.json', data: triangleRouting },
  { id: 'route-optimization', title: "Route optimization", file: 'route-optimization.json', data: routeOptimization },
  { id: 'handoff-without-smooth-handoff', title: "Handoff without smooth handoff", file: 'handoff-without-smooth-handoff.json', data: handoffWithoutSmoothHandoff },
  { id: 'smooth-handoff', title: "Smooth handoff", file: 'smooth-handoff.json', data: smoothHandoff },
  { id: 'key-existing-msa', title: "Registration key: an existing security association", file: 'key-existing-msa.json', data: keyExistingMsa },
  { id: 'key-home-agent-kdc', title: "Registration key: the home agent as key distribution centre", file: 'key-home-agent-kdc.json', data: keyHomeAgentKdc },
  { id: 'key-foreign-agent-public-key', title: "Registration key: the foreign agent's public key", file: 'key-foreign-agent-public-key.json', data: keyForeignAgentPublicKey },
  { id: 'key-mobile-node-public-key', title: "Registration key: the mobile node's public key", file: 'key-mobile-node-public-key.json', data: keyMobileNodePublicKey },
  { id: 'key-diffie-hellman', title: "Registration key: Diffie-Hellman", file: 'key-diffie-hellman.json', data: keyDiffieHellman },
  { id: 'private-binding', title: "Private binding (P bit)", file: 'private-binding.json', data: privateBinding },
  { id: 'binding-expiry', title: "Binding expiry and reconfirmation", file: 'binding-expiry.json', data: bindingExpiry },
  { id: 'lru-eviction', title: "Binding cache eviction (LRU)", file: 'lru-eviction.json', data: lruEviction },
  { id: 'legacy-correspondent', title: "Legacy correspondent and rate limiting", file: 'legacy-correspondent.json', data: legacyCorrespondent },
  { id: 'forged-binding-update', title: "Forged Binding Update", file: 'forged-binding-update.json', data: forgedBindingUpdate },
  { id: 'replayed-binding-update', title: "Replayed Binding Update", file: 'replayed-binding-update.json', data: replayedBindingUpdate },
  { id: 'replayed-smooth-handoff', title: "Replayed smooth-handoff Binding Update", file: 'replayed-smooth-handoff.json', data: replayedSmoothHandoff },
  { id: 'return-home', title: "Returning home", file: 'return-home.json', data: returnHome },
  { id: 'master-key', title: "Master key at the home agent", file: 'master-key.json', data: masterKey },
  // Perkins & Johnson §10: the same network in IPv6 (docs/ipv6.md).
  { id: 'ipv6-route-optimization', title: "Route optimization in IPv6", file: 'ipv6-route-optimization.json', data: ipv6RouteOptimization },
  { id: 'ipv6-return-routability', title: "Return routability in IPv6", file: 'ipv6-return-routability.json', data: ipv6ReturnRoutability },
  { id: 'ipv6-smooth-handoff', title: "Smooth handoff in IPv6", file: 'ipv6-smooth-handoff.json', data: ipv6SmoothHandoff },
  { id: 'ipv6-forged-binding-update', title: "Forged Binding Update in IPv6", file: 'ipv6-forged-binding-update.json', data: ipv6ForgedBindingUpdate },
];

export function builtinScenario(id: string): BuiltinScenario | undefined {
  return BUILTIN_SCENARIOS.find((s) => s.id === id);
}

/** Validates a built-in; throws if it is broken (a test makes sure none is). */
export function parseBuiltin(id: string): Scenario {
  const entry = builtinScenario(id);
  if (entry === undefined) throw new Error(`no built-in scenario "${id}"`);
  const parsed = parseScenario(entry.data);
  if (!parsed.ok) throw new Error(`built-in scenario "${id}" is invalid:\n  - ${parsed.errors.join('\n  - ')}`);
  return parsed.scenario;
}

export function loadBuiltin(id: string): LoadedScenario {
  return toLoadedScenario(parseBuiltin(id));
}
