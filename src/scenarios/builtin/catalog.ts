// The built-in scenarios' names, in teaching order, without their contents: what a
// scenario menu or a link check needs. Kept apart from index.ts so the page can list
// them (and check an address names one) without carrying every scenario file and the
// validator in its first load (docs/architecture.md "UI").

export interface BuiltinEntry {
  readonly id: string;
  readonly title: string;
  /** File name inside src/scenarios/builtin/. */
  readonly file: string;
}

export const BUILTIN_CATALOG: readonly BuiltinEntry[] = [
  { id: 'explore', title: "Explore: move the mobile node yourself", file: 'explore.json' },
  { id: 'triangle-routing', title: "Triangle routing", file: 'triangle-routing.json' },
  { id: 'route-optimization', title: "Route optimization", file: 'route-optimization.json' },
  { id: 'handoff-without-smooth-handoff', title: "Handoff without smooth handoff", file: 'handoff-without-smooth-handoff.json' },
  { id: 'smooth-handoff', title: "Smooth handoff", file: 'smooth-handoff.json' },
  { id: 'key-existing-msa', title: "Registration key: an existing security association", file: 'key-existing-msa.json' },
  { id: 'key-home-agent-kdc', title: "Registration key: the home agent as key distribution centre", file: 'key-home-agent-kdc.json' },
  { id: 'key-foreign-agent-public-key', title: "Registration key: the foreign agent's public key", file: 'key-foreign-agent-public-key.json' },
  { id: 'key-mobile-node-public-key', title: "Registration key: the mobile node's public key", file: 'key-mobile-node-public-key.json' },
  { id: 'key-diffie-hellman', title: "Registration key: Diffie-Hellman", file: 'key-diffie-hellman.json' },
  { id: 'private-binding', title: "Private binding (P bit)", file: 'private-binding.json' },
  { id: 'binding-expiry', title: "Binding expiry and reconfirmation", file: 'binding-expiry.json' },
  { id: 'lru-eviction', title: "Binding cache eviction (LRU)", file: 'lru-eviction.json' },
  { id: 'legacy-correspondent', title: "Legacy correspondent and rate limiting", file: 'legacy-correspondent.json' },
  { id: 'forged-binding-update', title: "Forged Binding Update", file: 'forged-binding-update.json' },
  { id: 'replayed-binding-update', title: "Replayed Binding Update", file: 'replayed-binding-update.json' },
  { id: 'replayed-smooth-handoff', title: "Replayed smooth-handoff Binding Update", file: 'replayed-smooth-handoff.json' },
  { id: 'return-home', title: "Returning home", file: 'return-home.json' },
  { id: 'master-key', title: "Master key at the home agent", file: 'master-key.json' },
  // Perkins & Johnson §10: the same network in IPv6 (docs/ipv6.md).
  { id: 'ipv6-route-optimization', title: "Route optimization in IPv6", file: 'ipv6-route-optimization.json' },
  { id: 'ipv6-return-routability', title: "Return routability in IPv6", file: 'ipv6-return-routability.json' },
  { id: 'ipv6-smooth-handoff', title: "Smooth handoff in IPv6", file: 'ipv6-smooth-handoff.json' },
  { id: 'ipv6-forged-binding-update', title: "Forged Binding Update in IPv6", file: 'ipv6-forged-binding-update.json' },
];

export function isBuiltinId(id: string): boolean {
  return BUILTIN_CATALOG.some((s) => s.id === id);
}
