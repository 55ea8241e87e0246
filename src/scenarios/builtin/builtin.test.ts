import { describe, expect, it } from 'vitest';
import { parseScenario, parseScenarioText } from '../validate';
import { BUILTIN_SCENARIOS, loadBuiltin, parseBuiltin } from './index';

describe('built-in scenarios', () => {
  it('cover every lesson the lab teaches, each listed once', () => {
    expect(BUILTIN_SCENARIOS.map((s) => s.id)).toEqual([
      'explore', 'triangle-routing', 'route-optimization', 'handoff-without-smooth-handoff', 'smooth-handoff',
      'key-existing-msa', 'key-home-agent-kdc', 'key-foreign-agent-public-key', 'key-mobile-node-public-key', 'key-diffie-hellman',
      'private-binding', 'binding-expiry', 'lru-eviction', 'legacy-correspondent', 'forged-binding-update', 'replayed-binding-update', 'replayed-smooth-handoff', 'return-home',
      'master-key',
      'ipv6-route-optimization', 'ipv6-return-routability', 'ipv6-smooth-handoff', 'ipv6-forged-binding-update',
    ]);
    for (const s of BUILTIN_SCENARIOS) expect(s.file).toBe(`${s.id}.json`);
  });

  describe.each(BUILTIN_SCENARIOS.map((s) => [s.id, s] as const))('%s', (_id, entry) => {
    it('validates, and its listed title is the file\'s', () => {
      const r = parseScenario(entry.data);
      expect(r.ok ? [] : r.errors).toEqual([]);
      expect(r.ok && r.scenario.title).toBe(entry.title);
    });

    it('tells the learner what to look for, citing the paper or spec', () => {
      const s = parseBuiltin(entry.id);
      const sentences = s.description.split(/(?<=[.!?])\s+(?=[A-Z])/);
      expect(sentences.length).toBeGreaterThanOrEqual(2);
      expect(sentences.length).toBeLessThanOrEqual(4);
      expect(s.description).toMatch(/(Perkins & Johnson|RFC \d+|optim-\d+|regkey-\d+|spectun-\d+) §/);
      expect(s.description).not.toMatch(/OC-\d|\.md\b/); // learners see public sections, never the lab's own labels or files
    });

    it('survives JSON text and back unchanged', () => {
      const text = JSON.stringify(entry.data, null, 2);
      const r = parseScenarioText(text);
      expect(r.ok && r.scenario).toEqual(parseBuiltin(entry.id));
    });

    it('uses the lab topology family and fits the canvas', () => {
      const loaded = loadBuiltin(entry.id);
      const address = (id: string, iface: string) => loaded.topology.nodes.find((n) => n.id === id)?.interfaces.find((i) => i.name === iface)?.address;
      // The IPv6 mirrors (Perkins & Johnson §10) are dual-stack with access routers AR1, AR2 in place of FA1, FA2 (docs/ipv6.md §2).
      const ipv6 = entry.id.startsWith('ipv6-');
      const [cell1, cell2] = ipv6 ? ['AR1', 'AR2'] : ['FA1', 'FA2'];
      expect(address('HA', 'wlan0')).toBe('10.1.0.1');
      expect(address(cell1, 'wlan0')).toBe('192.168.2.1');
      expect(address(cell2, 'wlan0')).toBe('192.168.3.1');
      expect(address('CN', 'eth0')).toBe('198.51.100.5');
      if (ipv6) {
        const address6 = (id: string, iface: string) => loaded.topology.nodes.find((n) => n.id === id)?.interfaces.find((i) => i.name === iface)?.ipv6?.address;
        expect([address6('HA', 'wlan0'), address6('AR1', 'wlan0'), address6('AR2', 'wlan0'), address6('CN', 'eth0'), address6('MN', 'wlan0')])
          .toEqual(['2001:db8:1::1', '2001:db8:2::1', '2001:db8:3::1', '2001:db8:100::5', '2001:db8:1::10']);
      }
      for (const n of loaded.topology.nodes) {
        expect(n.position!.x).toBeGreaterThanOrEqual(0);
        expect(n.position!.x).toBeLessThanOrEqual(1000);
        expect(n.position!.y).toBeGreaterThanOrEqual(0);
        expect(n.position!.y).toBeLessThanOrEqual(600);
      }
    });
  });

  it('give the key-establishment lessons the conditions each method needs (Perkins & Johnson §9; regkey-00 §3)', () => {
    const settings = (id: string, node: string) => loadBuiltin(id).nodes.find((n) => n.id === node)!;
    const sas = (id: string, node: string) => settings(id, node).securityAssociations.map((sa) => sa.peer);
    expect(sas('key-existing-msa', 'MN')).toContain('FA1');
    expect(sas('key-home-agent-kdc', 'FA1')).toEqual(['HA']);
    expect(sas('key-foreign-agent-public-key', 'FA1')).toEqual([]);
    expect(settings('key-foreign-agent-public-key', 'FA1').settings).toMatchObject({ hasKeyPair: true });
    expect(settings('key-mobile-node-public-key', 'MN').settings).toMatchObject({ hasKeyPair: true });
    expect(settings('key-diffie-hellman', 'MN').settings).toMatchObject({ hasKeyPair: false, willingToDiffieHellman: true });
    expect(settings('lru-eviction', 'CN').settings).toMatchObject({ bindingCacheCapacity: 2 });
    expect(loadBuiltin('lru-eviction').nodes.filter((n) => n.role === 'mobile-node')).toHaveLength(3);
  });
});
