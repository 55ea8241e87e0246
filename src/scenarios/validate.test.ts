import { describe, expect, it } from 'vitest';
import { builtinScenario } from './builtin/index';
import { DEFAULT_EPOCH_MS, SCENARIO_FORMAT } from './schema';
import { parseScenario, parseScenarioText } from './validate';

// The route-optimization built-in, as plain mutable data. Node order:
// 0 HA, 1 R, 2 FA1, 3 FA2, 4 CN, 5 MN. Security associations: 0 MN–HA, 1 HA–CN.
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
function base(): Json {
  return structuredClone(builtinScenario('route-optimization')!.data) as Json;
}

function errorsOf(json: unknown): readonly string[] {
  const r = parseScenario(json);
  if (r.ok) throw new Error('expected the scenario to be refused');
  return r.errors;
}

describe('a good scenario', () => {
  it('is accepted with every default filled in', () => {
    const r = parseScenario(base());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.seed).toBe(1);
    expect(r.scenario.profile).toBe('ro98'); // OC-01
    expect(r.scenario.epochMs).toBe(DEFAULT_EPOCH_MS);
    expect(new Date(DEFAULT_EPOCH_MS).toISOString()).toBe('1998-01-01T00:00:00.000Z');
    const fa1 = r.scenario.nodes[2]!;
    expect(fa1.role === 'foreign-agent' && fa1.settings).toEqual({
      advertiseIntervalS: 1, icmpLifetimeS: 3, registrationLifetimeS: 300, // OC-32
      smoothHandoff: true, minimalEncapsulation: false, greEncapsulation: false, hasKeyPair: false, routeOptimization: true,
      bindingCacheCapacity: 64, // OC-33
      smoothHandoffIdentification: 'paper', // OC-06, OC-09: no Identification in a smooth-handoff BU (Perkins & Johnson §3.3)
      diffieHellmanValueIn: 'home-agent-reply', // OC-49: g^y under the home agent's authenticator (Perkins & Johnson §9.2)
    });
    const mn = r.scenario.nodes[5]!;
    expect(mn.role === 'mobile-node' && mn.settings).toMatchObject({ requestLifetimeS: 300, cacheLifetimeS: 10, dhGroup: 2, movementDetection: 'lifetime', privateBinding: false });
    expect(r.scenario.securityAssociations[0]!.replay).toBe('timestamp'); // OC-28
  });

  it('round-trips through JSON text', () => {
    const r = parseScenarioText(JSON.stringify(base(), null, 2));
    expect(r.ok).toBe(true);
  });
});

describe('a bad scenario is refused with what and where', () => {
  it('names a malformed address', () => {
    const s = base();
    s.nodes[5].interfaces[0].address = '10.1.0.300';
    expect(errorsOf(s)).toEqual(['nodes[5].interfaces[0].address: "10.1.0.300" is not an IPv4 address (four decimal octets 0–255, e.g. "10.1.0.10")']);
  });

  it('names an unknown node in a security association', () => {
    const s = base();
    s.securityAssociations[1].between = ['HA', 'CN2'];
    expect(errorsOf(s)).toEqual(['securityAssociations[1].between[1]: no node "CN2" in this scenario']);
  });

  it('refuses a reserved SPI', () => {
    const s = base();
    s.securityAssociations[0].spi = 12;
    expect(errorsOf(s)).toEqual(['securityAssociations[0].spi: must be ≥ 256 (got 12)']);
  });

  it('refuses a key that is not 16 octets of hex', () => {
    const s = base();
    s.securityAssociations[0].key = '0011';
    expect(errorsOf(s)).toEqual(['securityAssociations[0].key: "0011" is not a 16-octet key written as 32 hex digits']);
  });

  it('refuses the same SPI twice between the same pair', () => {
    const s = base();
    s.securityAssociations.push({ between: ['HA', 'MN'], spi: 1000, key: 'ff'.repeat(16) });
    expect(errorsOf(s)).toEqual(['securityAssociations[2].spi: SPI 1000 between HA and MN is already used by securityAssociations[0]']);
  });

  it('names duplicate ids', () => {
    const s = base();
    s.nodes[4].id = 'FA2';
    s.links[5].id = 'fa1-r';
    expect(errorsOf(s)).toEqual([
      'links[5].id: "fa1-r" is already the id of links[4]',
      'nodes[4].id: "FA2" is already the id of nodes[3]',
      // Renaming links[5] left its interfaces pointing at a name nothing has any more.
      'nodes[1].interfaces[2].link: no link "fa2-r" in links',
      'nodes[3].interfaces[0].link: no link "fa2-r" in links',
    ]);
  });

  it('names an address outside its link\'s prefix', () => {
    const s = base();
    s.nodes[2].interfaces[0].address = '10.0.9.2';
    expect(errorsOf(s)).toEqual(['nodes[2].interfaces[0]: 10.0.9.2/30 is not in the prefix of link "fa1-r" (10.0.2.0/30)']);
  });

  it('names a link that does not exist', () => {
    const s = base();
    s.nodes[4].interfaces[0].link = 'cn-lna';
    expect(errorsOf(s)).toEqual(['nodes[4].interfaces[0].link: no link "cn-lna" in links']);
  });

  it('refuses to move a node without radio', () => {
    const s = base();
    s.moves = [{ atS: 5, node: 'CN', to: { x: 1, y: 2 } }];
    expect(errorsOf(s)).toEqual(['moves[0].node: "CN" has no radio interface, so moving it changes nothing; only nodes with "radio": true interfaces attach by position']);
  });

  it('refuses moves out of time order and after the end', () => {
    const s = base();
    s.moves = [{ atS: 10, node: 'MN', toCellOf: 'FA2' }, { atS: 4, node: 'MN', toCellOf: 'FA1' }, { atS: 31, node: 'MN', toCellOf: 'R' }];
    expect(errorsOf(s)).toEqual([
      'moves[1].atS: 4 s is earlier than the move before it (10 s); list moves in time order',
      'moves[2].toCellOf: "R" serves no radio cell (none of its interfaces is on a link of kind "radio")',
      'moves[2].atS: 31 s is after the end of the scenario (durationS 30)',
    ]);
  });

  it('names an unknown role', () => {
    const s = base();
    s.nodes[4].role = 'gateway';
    expect(errorsOf(s)).toEqual(['nodes[4].role: "gateway" is not a known role; expected one of "mobile-node", "home-agent", "foreign-agent", "correspondent", "router", "adversary", "mobile-node-v6", "home-agent-v6", "access-router-v6", "correspondent-v6", "adversary-v6"']);
  });

  it('refuses another format version', () => {
    const s = base();
    s.format = 'route-optimization-lab/scenario@2';
    expect(errorsOf(s)).toEqual([`format: must be "${SCENARIO_FORMAT}" (got "route-optimization-lab/scenario@2")`]);
  });

  it('refuses a negative time', () => {
    const s = base();
    s.flows[0].startS = -1;
    expect(errorsOf(s)).toEqual(['flows[0].startS: must be ≥ 0 (got -1)']);
  });

  it('names a misspelt field and the missing one', () => {
    const s = base();
    s.links[0].delyMs = s.links[0].delayMs;
    delete s.links[0].delayMs;
    expect(errorsOf(s)).toEqual(['links[0].delayMs: is required (a number)', 'links[0].delyMs: unknown field (check the spelling against FORMAT.md)']);
  });

  it('refuses a fractional prefix length', () => {
    const s = base();
    s.nodes[0].interfaces[0].prefixLength = 24.5;
    expect(errorsOf(s)).toEqual(['nodes[0].interfaces[0].prefixLength: expected a whole number, got the number 24.5']);
  });

  it('requires a mobile node to share a security association with its home agent', () => {
    const s = base();
    s.securityAssociations.splice(0, 1);
    expect(errorsOf(s)).toEqual(['nodes[5].settings.homeAgent: "MN" has no security association with its home agent "HA"; add one to securityAssociations (RFC 2002 §3.5.2: every registration carries a Mobile-Home authenticator)']);
  });

  it('requires the home agent to be a home agent on the home link', () => {
    const s = base();
    s.nodes[5].settings.homeAgent = 'R';
    expect(errorsOf(s)).toEqual(['nodes[5].settings.homeAgent: node "R" is a router; expected a home-agent']);
    const t = base();
    t.nodes[5].settings.homeLink = 'cell1';
    expect(errorsOf(t)).toEqual([
      'nodes[5].settings.homeAddress: 10.1.0.10 is not inside the prefix of its home link "cell1" (192.168.2.0/24)',
      'nodes[5].settings.homeAgent: home agent "HA" has no interface on the home link "cell1" (RFC 2002 §1.5: the home agent is a router on the mobile node\'s home network)',
    ]);
  });

  it('wants exactly one of count and untilS in a flow, and a sender that sends', () => {
    const s = base();
    s.flows[0].count = 3;
    s.flows.push({ id: 'x', from: 'R', to: '10.1.0.10', startS: 1, intervalMs: 10, count: 1 });
    expect(errorsOf(s)).toEqual(['flows[0]: give exactly one of "count" and "untilS"', 'flows[1].from: node "R" is a router; expected a mobile-node or a correspondent or a mobile-node-v6 or a correspondent-v6']);
  });

  it('wants an adversary to overhear before it replays', () => {
    const s = structuredClone(builtinScenario('replayed-binding-update')!.data) as Json;
    delete s.nodes[6].interfaces[0].promiscuous;
    expect(errorsOf(s)).toEqual(['nodes[6].settings.actions[0].kind: "replay-binding-update" needs something overheard first: give the adversary an interface with "promiscuous": true']);
  });

  it('explains a move that has neither destination', () => {
    const s = base();
    s.moves = [{ atS: 1, node: 'MN' }];
    expect(errorsOf(s)).toEqual(['moves[0]: matches none of the allowed shapes; either to: is required (an object), or toCellOf: is required (a string)']);
  });

  it('refuses what is not an object at all', () => {
    expect(errorsOf('hello')).toEqual(['(scenario): expected an object, got the text "hello"']);
  });
});

describe('JSON syntax errors come with line and column', () => {
  it('reports a missing comma', () => {
    const text = '{\n  "format": "x",\n  "title": "t"\n  "seed": 1\n}';
    expect(parseScenarioText(text)).toEqual({ ok: false, errors: ['(file) line 4, column 3: not valid JSON: expected \',\' or \'}\' after a field\'s value, found "\\""'] });
  });

  it('reports a trailing comma', () => {
    const text = '{\n  "links": [\n    1,\n  ]\n}';
    expect(parseScenarioText(text)).toEqual({ ok: false, errors: ['(file) line 4, column 3: not valid JSON: a trailing comma is not allowed in JSON'] });
  });

  it('reports an unterminated string and an empty file', () => {
    expect(parseScenarioText('{"title": "abc')).toEqual({ ok: false, errors: ['(file) line 1, column 15: not valid JSON: unterminated string: the closing " is missing'] });
    expect(parseScenarioText('')).toEqual({ ok: false, errors: ['(file) line 1, column 1: not valid JSON: expected a value, found the end of the text'] });
  });
});
