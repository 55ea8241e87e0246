// Which settings a comparison may differ in, per scenario (derived from the
// settings model: a choice is offered only where the scenario has nodes it
// applies to), the commands each side starts with, and the address's
// refusals of what the lab does not have.

import { describe, expect, it } from 'vitest';
import { loadBuiltin } from '../../scenarios/builtin/index';
import { compareHash, parseCompareHash, resolveComparison, scenarioProblem } from './compare-link';
import { applicableSettings, compareSetting, sideCommandLog } from './compare-settings';
import { compareRows } from './compare-figures';
import { runHeadless } from '../../cli/commands/run';
import { splitCitations } from '../references/citations';
import { referenceTarget } from '../references/CitedText';
import { COMPARE_SETTINGS } from './compare-settings';

const ids = (scenario: string) => applicableSettings(loadBuiltin(scenario)).map((s) => s.id);

describe('the settings a comparison may differ in', () => {
  it('route-optimization: all five (home agent, correspondent, foreign agents, associations)', () => {
    expect(ids('route-optimization')).toEqual(['ro-home-agent', 'ro-correspondent', 'smooth-handoff', 'encapsulation', 'auth-algorithm']);
  });

  it('the IPv6 scenarios: Route Optimization at the correspondent and at the mobile node, and smooth handoff (Perkins & Johnson §10)', () => {
    expect(ids('ipv6-route-optimization')).toEqual(['ro-correspondent', 'ro-mobile-node', 'smooth-handoff']);
    const loaded = loadBuiltin('ipv6-smooth-handoff');
    expect(sideCommandLog(loaded, compareSetting('smooth-handoff')!, { id: 'off', value: false, label: 'off' })).toEqual([
      { at: 0, command: { type: 'configure', node: 'AR1', setting: 'smooth-handoff', value: false } },
      { at: 0, command: { type: 'configure', node: 'AR2', setting: 'smooth-handoff', value: false } },
      { at: 0, command: { type: 'configure', node: 'MN', setting: 'smooth-handoff', value: false } },
    ]);
    expect(sideCommandLog(loaded, compareSetting('ro-mobile-node')!, { id: 'off', value: false, label: 'off' })).toEqual([
      { at: 0, command: { type: 'configure', node: 'MN', setting: 'route-optimization', value: false } },
    ]);
  });

  it('triangle-routing: no security association with the correspondent, so its algorithm is set on the nodes that have one', () => {
    const loaded = loadBuiltin('triangle-routing');
    const choice = compareSetting('auth-algorithm')!;
    const configured = sideCommandLog(loaded, choice, choice.values[1]!).map((e) => (e.command as { node: string }).node);
    expect(configured).toContain('MN');
    expect(configured).not.toContain('CN');
    expect(configured).not.toContain('R');
  });

  it('each side starts with one configure command per node the setting applies to, at time 0', () => {
    const loaded = loadBuiltin('route-optimization');
    const choice = compareSetting('encapsulation')!;
    const minimal = choice.values.find((v) => v.id === 'minimal')!;
    expect(sideCommandLog(loaded, choice, minimal)).toEqual([
      { at: 0, command: { type: 'configure', node: 'FA1', setting: 'encapsulation', value: 'minimal' } },
      { at: 0, command: { type: 'configure', node: 'FA2', setting: 'encapsulation', value: 'minimal' } },
      { at: 0, command: { type: 'configure', node: 'CN', setting: 'encapsulation', value: 'minimal' } },
      { at: 0, command: { type: 'configure', node: 'MN', setting: 'encapsulation', value: 'minimal' } },
    ]);
  });
});

describe('each setting cites where it is specified', () => {
  it('every citation links to an entry of the References page', () => {
    expect(COMPARE_SETTINGS).toHaveLength(6);
    for (const choice of COMPARE_SETTINGS) {
      const cites = splitCitations(choice.cites).flatMap((p) => (p.cite === undefined ? [] : [p.cite]));
      expect(cites.length, choice.id).toBeGreaterThan(0);
      for (const c of cites) expect(referenceTarget(c), `${choice.id}: ${c.doc} ${c.section ?? ''}`).toBeDefined();
    }
  });
});

describe('the compare address', () => {
  it('round-trips and defaults to the setting\'s usual pair', () => {
    const hash = compareHash({ scenario: 'smooth-handoff', setting: 'smooth-handoff', left: 'off', right: 'on', seed: 7 });
    expect(parseCompareHash(hash)).toEqual({ scenario: 'smooth-handoff', setting: 'smooth-handoff', left: 'off', right: 'on', seed: '7' });
    expect(parseCompareHash('#/course')).toBeNull();
    const { comparison, problems } = resolveComparison(loadBuiltin('route-optimization'), { setting: 'encapsulation' });
    expect(problems).toEqual([]);
    expect([comparison!.left.id, comparison!.right.id]).toEqual(['ip-in-ip', 'minimal']);
  });

  it('names an unknown scenario, setting, value or seed, and falls back to what it can open', () => {
    expect(scenarioProblem('no-such')).toMatch(/There is no built-in scenario "no-such"/);
    expect(scenarioProblem('explore')).toBeNull();
    const { comparison, problems } = resolveComparison(loadBuiltin('route-optimization'), { setting: 'teleport', left: 'sideways', seed: '-3' });
    expect(comparison!.choice.id).toBe('ro-home-agent');
    expect(comparison!.left.id).toBe('off');
    expect(problems).toEqual([
      '"teleport" is not a setting "Route optimization" can be compared in; it offers: Route Optimization at the home agent, Route Optimization at the correspondent, Smooth handoff, Encapsulation, Authentication algorithm.',
      'The left side\'s value "sideways" is not one of Route Optimization at the home agent\'s: off, on.',
      'The seed "-3" is not a whole number; the scenario\'s own seed (' + String(loadBuiltin('route-optimization').seed) + ') is used.',
    ]);
  });
});

describe('the compare table', () => {
  it('differences are right minus left, and a side with losses is marked', () => {
    const a = runHeadless(loadBuiltin('handoff-without-smooth-handoff')).metrics;
    const b = runHeadless(loadBuiltin('smooth-handoff')).metrics;
    const rows = compareRows(a, b);
    const lost = rows.find((r) => r.label === 'Lost')!;
    const lostA = a.overall.lost - a.overall.inFlight;
    const lostB = b.overall.lost - b.overall.inFlight;
    expect(lostA).toBeGreaterThan(0);
    expect(lost).toMatchObject({ left: String(lostA), right: String(lostB), loss: { left: true, right: lostB > 0 } });
    const sent = rows.find((r) => r.label === 'Datagrams sent')!;
    const d = b.overall.sent - a.overall.sent;
    expect(sent.difference).toBe(d === 0 ? 'same' : `${d > 0 ? '+' : '−'}${Math.abs(d)}`);
  });
});
