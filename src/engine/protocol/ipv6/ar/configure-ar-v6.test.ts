// The access router's smooth-handoff switch (Perkins & Johnson §10; mipv6-07
// §10.8): kept in its configuration, said in a trace, a repeat changes
// nothing, and other settings and attacks are refused without a change.

import { describe, expect, it } from 'vitest';
import type { NodeOutput } from '../../../node/contract';
import { configureAccessRouterV6 } from './configure-ar-v6';
import { accessRouterV6Behaviour, initialAccessRouterV6State } from './access-router-v6';

const fresh = () => initialAccessRouterV6State({ cellInterface: 'wlan0', address: '2001:db8:2::1', prefixLength: 64, associations: [] });
const summaries = (outputs: readonly NodeOutput[]): string[] => outputs.flatMap((o) => (o.kind === 'trace' ? [o.event.summary] : []));

describe('smooth handoff switched at the IPv6 access router', () => {
  it('off: it stops accepting bindings for previous care-of addresses, and says what that costs; on again restores it', () => {
    const s = fresh();
    expect(s.config.acceptsBindings).toBe(true);
    const off = configureAccessRouterV6(s, { type: 'configure', setting: 'smooth-handoff', value: false });
    expect(off.state.config.acceptsBindings).toBe(false);
    expect(summaries(off.outputs)).toEqual(['learner: smooth handoff off at the access router — it answers a Binding Update for a previous care-of address with status 131']);
    const again = configureAccessRouterV6(off.state, { type: 'configure', setting: 'smooth-handoff', value: false });
    expect(again.state).toBe(off.state);
    expect(summaries(again.outputs)[0]).toMatch(/already off/);
    expect(configureAccessRouterV6(off.state, { type: 'configure', setting: 'smooth-handoff', value: true }).state.config.acceptsBindings).toBe(true);
  });

  it('through the behaviour: a setting it does not have and an attack are refused, the state unchanged', () => {
    const s = fresh();
    const ctx = { node: { id: 'AR1', interfaces: [] }, now: 0 } as never;
    for (const command of [{ type: 'configure', setting: 'route-optimization', value: false }, { type: 'inject', attack: {} }]) {
      const r = accessRouterV6Behaviour.handle(s, { kind: 'command', command }, ctx);
      expect(r.state).toBe(s);
      expect(summaries(r.outputs)).toHaveLength(1);
      expect(summaries(r.outputs)[0]).toMatch(/refused at this access router \(IPv6\)/);
    }
  });
});
