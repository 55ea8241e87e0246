import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runHeadless } from '../../cli/commands/run';
import { toLoadedScenario } from '../../scenarios/to-topology';
import { parseScenarioText } from '../../scenarios/validate';
import { markerOf } from './seek-markers';

// The seek bar's landmarks on an IPv6 run (Perkins & Johnson §10): the mobile
// node's home registration, accepted from its home agent's Binding Acknowledgement.
describe('seek bar markers of an IPv6 run', () => {
  it('marks the home registration', () => {
    const parsed = parseScenarioText(readFileSync(join(__dirname, '../../scenarios/builtin/ipv6-route-optimization.json'), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const run = runHeadless(toLoadedScenario(parsed.scenario), { retain: 'all', until: 1_000_000 });
    const markers = run.trace.map(markerOf).filter((m) => m !== null);
    expect(markers.filter((m) => m.kind === 'registration').map((m) => m.label)).toEqual([expect.stringMatching(/^MN registered with the home agent: 2001:db8:1::10 at 2001:db8:2:/)]);
  });
});
