// The man in the middle of a Diffie-Hellman registration key (Perkins & Johnson
// §9.2): an exchange of g^x and g^y alone authenticates nobody, so someone on
// the path could answer the mobile node with her own value and share a key
// with each side. The paper's defence is that the foreign agent's value
// reaches the mobile node inside the home agent's Registration Reply, under the
// authenticator the mobile node shares with its home agent.
//
// The first story checks that defence as the lab has it. The second is the
// attack the lab cannot show yet: its adversary only injects packets of its
// own (forged, replayed or tampered copies it sends itself, FORMAT.md
// "settings of an adversary"); it cannot sit on the path and change a Reply in
// flight. That story is written as it should read once an on-path adversary
// exists, and marked `it.fails` so the suite says plainly what is missing:
// when someone builds it, this test starts failing and must become an `it`.

import { describe, expect, it } from 'vitest';
import { runHeadless } from '../cli/commands/run';
import { seconds } from '../engine/node/time';
import { extensionTypeOf } from '../engine/wire/mip/extensions/mip-extension';
import { builtinScenario } from './builtin/index';
import { sentMessages } from './builtin/lesson-reading';
import { toLoadedScenario } from './to-topology';
import { parseScenario } from './validate';

const DH_REPLY = 124; // the foreign agent's g^y (regkey-00 §5.5)
const MOBILE_HOME_AUTH = 32; // RFC 2002 §3.5.2

describe('the foreign agent\'s Diffie-Hellman value is authenticated through the home agent (Perkins & Johnson §9.2)', () => {
  const parsed = parseScenario(builtinScenario('key-diffie-hellman')!.data);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const run = runHeadless(toLoadedScenario(parsed.scenario), { until: seconds(3) });

  it('the home agent copies FA1\'s g^y into its Reply before the Mobile-Home authentication extension, so its authenticator covers it', () => {
    const replies = sentMessages(run.trace, 'registration-reply', 'HA');
    expect(replies.length).toBeGreaterThan(0);
    const types = replies[0]!.message.extensions.map(extensionTypeOf);
    expect(types).toContain(DH_REPLY);
    expect(types).toContain(MOBILE_HOME_AUTH);
    expect(types.indexOf(DH_REPLY)).toBeLessThan(types.indexOf(MOBILE_HOME_AUTH));
  });
});

describe('an on-path adversary replaces FA1\'s Diffie-Hellman value (not modelled yet)', () => {
  // Mallory between FA1 and the router: she answers the mobile node's g^x with her own g^m in the Reply.
  const data = structuredClone(builtinScenario('key-diffie-hellman')!.data) as { nodes: object[] };
  data.nodes.push({
    id: 'Mallory', role: 'adversary', label: 'Adversary', position: { x: 540, y: 560 },
    interfaces: [{ name: 'eth0', address: '192.168.2.66', prefixLength: 24, link: 'cell1', promiscuous: true }],
    settings: { actions: [{ atS: 0, to: 'MN', kind: 'replace-diffie-hellman-value' }] },
  });

  it.fails('the scenario format lets an adversary replace a key-exchange value in flight, and the mobile node then refuses the Reply: the home agent\'s authenticator no longer verifies', () => {
    const parsed = parseScenario(data);
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    if (!parsed.ok) return;
    const run = runHeadless(toLoadedScenario(parsed.scenario), { until: seconds(3) });
    const refused = run.trace.filter((e) => e.node === 'MN' && e.kind === 'dropped' && /authenticat/i.test(e.reason ?? ''));
    expect(refused.length).toBeGreaterThan(0);
    expect(run.trace.some((e) => e.node === 'MN' && e.kind === 'key-established')).toBe(false);
  });
});
