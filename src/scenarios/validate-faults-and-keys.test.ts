// The scenario fields added for faults, master keys, configured public keys
// and the settings once reachable only in code: a file of format version 1
// that has none of them loads unchanged, and a wrong one is refused with
// where and what (FORMAT.md "faults", the home agent's and correspondent's
// settings).

import { describe, expect, it } from 'vitest';
import { builtinScenario } from './builtin/index';
import { toLoadedScenario } from './to-topology';
import { parseScenario } from './validate';

// The route-optimization built-in, as plain mutable data. Node order:
// 0 HA, 1 R, 2 FA1, 3 FA2, 4 CN, 5 MN. Security associations: 0 MN–HA, 1 HA–CN.
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const base = (): Json => structuredClone(builtinScenario('route-optimization')!.data) as Json;

function errorsOf(json: unknown): readonly string[] {
  const r = parseScenario(json);
  if (r.ok) throw new Error('expected the scenario to be refused');
  return r.errors;
}

function accepted(json: unknown) {
  const r = parseScenario(json);
  if (!r.ok) throw new Error(`expected the scenario to be accepted: ${r.errors.join('; ')}`);
  return r.scenario;
}

describe('a version-1 file without the new fields', () => {
  it('loads with the old behaviour: no faults, no master-key peers, no configured keys, IP in IP from the correspondent, forwarding asked of the previous FA', () => {
    const data = base();
    expect(data.faults).toBeUndefined();
    const s = accepted(data);
    expect(s.faults).toEqual([]);
    const settings = Object.fromEntries(s.nodes.map((n) => [n.id, n.settings as Json]));
    expect(settings.HA).toMatchObject({ masterKeyPeers: [], listAcknowledgingCorrespondents: false, foreignAgentPublicKeys: [] });
    expect(settings.CN).toMatchObject({ encapsulation: 'ip-in-ip' });
    expect(settings.MN).toMatchObject({ previousForeignAgentForwarding: true });
    expect(toLoadedScenario(s).faults).toBeUndefined();
  });
});

describe('faults', () => {
  const withFaults = (faults: Json[]) => ({ ...base(), faults });

  it('are loaded in engine units, in file order', () => {
    const s = accepted(withFaults([
      { atS: 12, kind: 'drop-next', link: 'cell1', message: 'binding-acknowledge' },
      { kind: 'delay-next', link: 'fa1-r', message: 'registration-reply', byMs: 500, from: 'FA1' },
      { atS: 20, kind: 'reboot', node: 'FA1' },
    ]));
    expect(toLoadedScenario(s).faults).toEqual([
      { kind: 'drop-next', at: 12_000_000, link: 'cell1', message: 'binding-acknowledge' },
      { kind: 'delay-next', at: 0, link: 'fa1-r', message: 'registration-reply', from: 'FA1', delay: 500_000 },
      { kind: 'reboot', at: 20_000_000, node: 'FA1' },
    ]);
  });

  it('name what they refer to, and say where a reference is wrong', () => {
    expect(errorsOf(withFaults([
      { atS: 1, kind: 'drop-next', link: 'cell9', message: 'binding-update' },
      { atS: 1, kind: 'drop-next', link: 'cell1', message: 'binding-update', from: 'FA9' },
      { atS: 99, kind: 'reboot', node: 'HA' },
      { atS: 1, kind: 'delay-next', link: 'fa1-r', message: 'binding-update', from: 'CN', byMs: 5 },
    ]))).toEqual([
      'faults[0].link: no link "cell9" in links',
      'faults[1].from: no node "FA9" in this scenario',
      'faults[2].atS: 99 s is after the end of the scenario (durationS 30)',
      'faults[2].node: node "HA" is a home-agent; expected a foreign-agent',
      'faults[3].from: "CN" has no interface that can send on link "fa1-r", so the fault could never act',
    ]);
  });

  it('refuse an unknown message, a delay without its length and a field of another kind', () => {
    const errors = errorsOf(withFaults([
      { kind: 'drop-next', link: 'cell1', message: 'binding-ack' },
      { kind: 'delay-next', link: 'cell1', message: 'binding-update' },
      { atS: 3, kind: 'reboot', node: 'FA1', link: 'cell1' },
    ]));
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^faults\[0\]\.message: /);
    expect(errors[1]).toMatch(/^faults\[1\]\.byMs: /);
    expect(errors[2]).toMatch(/^faults\[2\]/);
  });
});

describe('home agent keys', () => {
  const withHa = (settings: Json, edit: (s: Json) => void = () => {}) => {
    const s = base();
    Object.assign(s.nodes[0].settings, settings);
    edit(s);
    return s;
  };
  const MASTER = '6d61737465722d6b65792d3132333435';

  it('master-key peers must exist, be correspondents or foreign agents, and come with a master key', () => {
    expect(errorsOf(withHa({ masterKeyPeers: ['CN'] }))).toEqual(['nodes[0].settings.masterKeyPeers: lists nodes handed a derived key, but the home agent has no masterKey to derive it from']);
    expect(errorsOf(withHa({ masterKey: MASTER, masterKeyPeers: ['MN', 'CN9'] }))).toEqual([
      'nodes[0].settings.masterKeyPeers[0]: node "MN" is a mobile-node; expected a correspondent or a foreign-agent',
      'nodes[0].settings.masterKeyPeers[1]: no node "CN9" in this scenario',
    ]);
  });

  it('a master-key peer may not also hold an explicit association under the master key\'s SPI', () => {
    const s = withHa({ masterKey: MASTER, masterKeySpi: 1001, masterKeyPeers: ['CN'] });
    expect(errorsOf(s)).toEqual(['nodes[0].settings.masterKeyPeers[0]: "CN" already shares SPI 1001 with "HA" in securityAssociations[1]; a peer handed the derived key holds it under the master key\'s SPI — remove one of the two']);
  });

  it('a configured public key needs a foreign agent that has a key pair', () => {
    expect(errorsOf(withHa({ foreignAgentPublicKeys: ['FA1', 'CN'] }))).toEqual([
      'nodes[0].settings.foreignAgentPublicKeys[0]: "FA1" has no key pair, so there is no public key to know; give it "hasKeyPair": true (Perkins & Johnson §9.3)',
      'nodes[0].settings.foreignAgentPublicKeys[1]: node "CN" is a correspondent; expected a foreign-agent',
    ]);
    expect(parseScenario(withHa({ foreignAgentPublicKeys: ['FA1'] }, (s) => { s.nodes[2].settings = { hasKeyPair: true }; })).ok).toBe(true);
  });
});
