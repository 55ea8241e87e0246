// The on-path rewrite fault and the foreign agent's Diffie-Hellman placement
// (FORMAT.md "faults", the foreign agent's settings; OC-49): defaults filled
// in, engine units on loading, and a wrong value refused with where and what.

import { describe, expect, it } from 'vitest';
import { builtinScenario } from './builtin/index';
import { toLoadedScenario } from './to-topology';
import { parseScenario } from './validate';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const base = (faults: Json[]): Json => ({ ...(structuredClone(builtinScenario('key-diffie-hellman')!.data) as Json), faults });

describe('replace-dh-value-next', () => {
  it('is loaded as a Registration Reply fault with Mallory and the fixed exponent by default, and FA placement defaults to the home agent\'s Reply', () => {
    const r = parseScenario(base([{ atS: 2, kind: 'replace-dh-value-next', link: 'cell1' }, { kind: 'replace-dh-value-next', link: 'cell1', from: 'FA1', adversary: 'Eve', exponentHex: 'ABCDEF' }]));
    if (!r.ok) throw new Error(r.errors.join('; '));
    expect(toLoadedScenario(r.scenario).faults).toEqual([
      { kind: 'replace-dh-value-next', at: 2_000_000, link: 'cell1', message: 'registration-reply', adversary: 'Mallory', exponentHex: '4d616c6c6f7279' },
      { kind: 'replace-dh-value-next', at: 0, link: 'cell1', message: 'registration-reply', from: 'FA1', adversary: 'Eve', exponentHex: 'ABCDEF' },
    ]);
    const fa1 = r.scenario.nodes.find((n) => n.id === 'FA1')!;
    expect(fa1.settings).toMatchObject({ diffieHellmanValueIn: 'home-agent-reply' });
  });

  it('refuses an exponent that is not hex, one below 2, an unknown link, a message field and an unknown placement, each at its path', () => {
    const data = base([
      { kind: 'replace-dh-value-next', link: 'cell1', exponentHex: 'xyz' },
      { kind: 'replace-dh-value-next', link: 'cell1', exponentHex: '01' },
      { kind: 'replace-dh-value-next', link: 'cell9' },
      { kind: 'replace-dh-value-next', link: 'cell1', message: 'registration-reply' },
    ]);
    const r = parseScenario(data);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(2); // the shape errors come first; the checks that look things up run once the shape is right
    expect(r.errors[0]).toMatch(/^faults\[0\]\.exponentHex: .*hex digits/);
    expect(r.errors[1]).toMatch(/^faults\[3\]/);
    const semantic = parseScenario(base([
      { kind: 'replace-dh-value-next', link: 'cell1', exponentHex: '01' },
      { kind: 'replace-dh-value-next', link: 'cell9' },
    ]));
    expect(semantic.ok ? [] : semantic.errors).toEqual([
      'faults[0].exponentHex: m = 01 would make g^m 1 or g, a value any receiver refuses or anyone can guess; use at least 2',
      'faults[1].link: no link "cell9" in links',
    ]);
    const placement = base([]);
    placement.nodes.find((n: Json) => n.id === 'FA1').settings = { diffieHellmanValueIn: 'mobile-node' };
    const p = parseScenario(placement);
    expect(p.ok ? [] : p.errors).toHaveLength(1);
    expect(p.ok ? '' : p.errors[0]).toMatch(/^nodes\[\d+\]\.settings\.diffieHellmanValueIn: /);
  });
});
