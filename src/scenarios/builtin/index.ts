// The lab's built-in scenarios: one JSON file each (the format is FORMAT.md),
// listed in teaching order in catalog.ts. The files are imported as data, then go
// through the same validation as a learner's own file, so a built-in can
// never bypass a check. The page opens the result of that validation, worked
// out when the page is built (validated.ts, validated-plugin.ts).

import { toLoadedScenario, type LoadedScenario } from '../to-topology';
import { BUILTIN_CATALOG, type BuiltinEntry } from './catalog';
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

export interface BuiltinScenario extends BuiltinEntry {
  /** The file's contents, as JSON data (not yet validated). */
  readonly data: unknown;
}

const DATA: Readonly<Record<string, unknown>> = {
  'explore.json': explore,
  'triangle-routing.json': triangleRouting,
  'route-optimization.json': routeOptimization,
  'handoff-without-smooth-handoff.json': handoffWithoutSmoothHandoff,
  'smooth-handoff.json': smoothHandoff,
  'key-existing-msa.json': keyExistingMsa,
  'key-home-agent-kdc.json': keyHomeAgentKdc,
  'key-foreign-agent-public-key.json': keyForeignAgentPublicKey,
  'key-mobile-node-public-key.json': keyMobileNodePublicKey,
  'key-diffie-hellman.json': keyDiffieHellman,
  'private-binding.json': privateBinding,
  'binding-expiry.json': bindingExpiry,
  'lru-eviction.json': lruEviction,
  'legacy-correspondent.json': legacyCorrespondent,
  'forged-binding-update.json': forgedBindingUpdate,
  'replayed-binding-update.json': replayedBindingUpdate,
  'replayed-smooth-handoff.json': replayedSmoothHandoff,
  'return-home.json': returnHome,
  'master-key.json': masterKey,
  'ipv6-route-optimization.json': ipv6RouteOptimization,
  'ipv6-return-routability.json': ipv6ReturnRoutability,
  'ipv6-smooth-handoff.json': ipv6SmoothHandoff,
  'ipv6-forged-binding-update.json': ipv6ForgedBindingUpdate,
};

export const BUILTIN_SCENARIOS: readonly BuiltinScenario[] = BUILTIN_CATALOG.map((entry) => ({ ...entry, data: DATA[entry.file] }));

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
