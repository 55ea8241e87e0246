import { describe, expect, it } from 'vitest';
import { loadBuiltin } from '../../scenarios/builtin';
import type { LabCommand } from '../types';
import { toEngineCommand, validateLabCommand } from './to-engine';

// forged-binding-update: HA, R, FA1, FA2, CN, MN, Mallory; SAs MN–HA (1000) and HA–CN (1001); links home, cell1, cell2, ha-r, fa1-r, fa2-r, cn-lan.
const loaded = loadBuiltin('forged-binding-update');
const flow = { id: 'extra', destination: '10.1.0.10', sourcePort: 5001, destinationPort: 7, start: 0, interval: 100_000, count: 5, payloadOctets: 32 };
const invalid = (c: unknown): string | null => validateLabCommand(c as LabCommand, loaded);

describe('toEngineCommand', () => {
  it('passes moves and link changes to the network, keeping only the fields given', () => {
    expect(toEngineCommand({ type: 'move', node: 'MN', position: { x: 10, y: 20 } }, loaded)).toEqual({ kind: 'move', node: 'MN', position: { x: 10, y: 20 } });
    expect(toEngineCommand({ type: 'set-link', link: 'ha-r', loss: 0.5 }, loaded)).toEqual({ kind: 'set-link', link: 'ha-r', loss: 0.5 });
    expect(toEngineCommand({ type: 'set-link', link: 'ha-r', delay: 7 }, loaded)).toEqual({ kind: 'set-link', link: 'ha-r', delay: 7 });
  });

  it('turns settings and flows into plain node commands', () => {
    expect(toEngineCommand({ type: 'configure', node: 'HA', setting: 'route-optimization', value: false }, loaded))
      .toEqual({ kind: 'node', node: 'HA', command: { type: 'configure', setting: 'route-optimization', value: false } });
    expect(toEngineCommand({ type: 'start-flow', node: 'CN', flow }, loaded)).toEqual({ kind: 'node', node: 'CN', command: { type: 'start-flow', flow } });
    expect(toEngineCommand({ type: 'stop-flow', node: 'CN', flow: 'cn-to-mn' }, loaded)).toEqual({ kind: 'node', node: 'CN', command: { type: 'stop-flow', flow: 'cn-to-mn' } });
  });

  it('resolves an adversary action like a scripted one: target address, spoofed home agent, format defaults', () => {
    const c = toEngineCommand({ type: 'adversary', node: 'Mallory', action: { kind: 'forge-binding-update', to: 'CN', homeAddress: '10.1.0.10', careOfAddress: '198.51.100.66' } }, loaded);
    expect(c).toEqual({
      kind: 'node', node: 'Mallory',
      // CN's address; the MN's HA on the home link is 10.1.0.1; lifetimeS 300 and spi 256 are FORMAT.md's defaults.
      command: { type: 'inject', attack: { kind: 'forge-binding-update', destination: '198.51.100.5', homeAddress: '10.1.0.10', careOfAddress: '198.51.100.66', lifetime: 300, spi: 256, spoofedSource: '10.1.0.1' } },
    });
    expect(toEngineCommand({ type: 'adversary', node: 'Mallory', action: { kind: 'replay-binding-update', to: 'CN' } }, loaded))
      .toEqual({ kind: 'node', node: 'Mallory', command: { type: 'inject', attack: { kind: 'replay-binding-update', destination: '198.51.100.5', which: 'latest' } } });
  });

  it('resolves a spoofed Binding Request: the home agent it goes to, the correspondent it pretends to be, the timestamp offset in µs (default 4.9 s)', () => {
    expect(toEngineCommand({ type: 'adversary', node: 'Mallory', action: { kind: 'spoof-binding-request', to: 'HA', as: 'CN', homeAddress: '10.1.0.10' } }, loaded)).toEqual({
      kind: 'node', node: 'Mallory',
      command: { type: 'inject', attack: { kind: 'spoof-binding-request', destination: '10.1.0.1', homeAddress: '10.1.0.10', spoofedSource: '198.51.100.5', ahead: 4_900_000 } },
    });
    expect(invalid({ type: 'adversary', node: 'Mallory', action: { kind: 'spoof-binding-request', to: 'HA', as: 'CN2', homeAddress: '10.1.0.10' } }))
      .toMatch(/^the node the request pretends to come from: unknown node "CN2"/);
    expect(invalid({ type: 'adversary', node: 'Mallory', action: { kind: 'spoof-binding-request', to: 'HA', as: 'CN', homeAddress: '10.1.0.10', aheadS: 90 } })).toMatch(/^action\.aheadS: /);
  });

  it('gives plain data a worker can receive', () => {
    const c = toEngineCommand({ type: 'adversary', node: 'Mallory', action: { kind: 'replay-registration', to: 'HA' } }, loaded);
    expect(structuredClone(c)).toEqual(c);
  });
});

describe('validateLabCommand', () => {
  it('accepts commands that make sense', () => {
    const ok: LabCommand[] = [
      { type: 'move', node: 'MN', position: { x: 0, y: -3.5 } },
      { type: 'set-link', link: 'cn-lan', delay: 1, loss: 0 },
      { type: 'set-link', link: 'cn-lan', loss: 1 },
      { type: 'configure', node: 'HA', setting: 'route-optimization', value: false },
      { type: 'configure', node: 'FA1', setting: 'encapsulation', value: 'gre' },
      { type: 'configure', node: 'MN', setting: 'smooth-handoff', value: false },
      { type: 'configure', node: 'CN', setting: 'auth-algorithm', value: 'hmac-md5' },
      { type: 'start-flow', node: 'MN', flow: { ...flow, destination: '198.51.100.5' } },
      { type: 'stop-flow', node: 'CN', flow: 'cn-to-mn' },
      { type: 'adversary', node: 'Mallory', action: { kind: 'tamper-binding-update', to: 'CN', careOfAddress: '198.51.100.66' } },
    ];
    for (const c of ok) expect(validateLabCommand(c, loaded), JSON.stringify(c)).toBeNull();
  });

  it('names the unknown node or link, and lists the real ones', () => {
    expect(invalid({ type: 'move', node: 'MN2', position: { x: 0, y: 0 } })).toBe('unknown node "MN2" (this scenario\'s nodes are "HA", "R", "FA1", "FA2", "CN", "MN", "Mallory")');
    expect(invalid({ type: 'set-link', link: 'wan', loss: 0.1 })).toBe('unknown link "wan" (this scenario\'s links are "home", "cell1", "cell2", "ha-r", "fa1-r", "fa2-r", "cn-lan")');
    expect(invalid({ type: 'teleport', node: 'MN' })).toMatch(/^unknown command type "teleport"/);
  });

  it('refuses non-finite positions, loss outside [0, 1] and delays under 1 µs', () => {
    expect(invalid({ type: 'move', node: 'MN', position: { x: Number.NaN, y: 0 } })).toMatch(/position .* is not a point with finite x and y/);
    expect(invalid({ type: 'move', node: 'MN', position: { x: Infinity, y: 0 } })).toMatch(/finite/);
    expect(invalid({ type: 'set-link', link: 'ha-r', loss: 1.5 })).toBe('link "ha-r": loss 1.5 is not a probability in [0, 1]');
    expect(invalid({ type: 'set-link', link: 'ha-r', loss: -0.1 })).toMatch(/not a probability/);
    expect(invalid({ type: 'set-link', link: 'ha-r', delay: 0 })).toBe('link "ha-r": delay 0 µs is below the minimum of 1 µs (the worker fabric\'s lookahead is the smallest link delay)');
    expect(invalid({ type: 'set-link', link: 'ha-r', delay: 2.5 })).toMatch(/whole number of µs/);
    expect(invalid({ type: 'set-link', link: 'ha-r' })).toMatch(/changes nothing/);
  });

  it('refuses a setting that does not apply to the role, saying what the setting governs', () => {
    expect(invalid({ type: 'configure', node: 'MN', setting: 'route-optimization', value: false }))
      .toMatch(/^route-optimization does not apply to node "MN", a mobile node: .*home agents.*optim-08 §1/);
    expect(invalid({ type: 'configure', node: 'CN', setting: 'smooth-handoff', value: true })).toMatch(/a correspondent: smooth handoff .*optim-08 §5/);
    expect(invalid({ type: 'configure', node: 'HA', setting: 'encapsulation', value: 'minimal' })).toMatch(/a home agent: .*RFC 2002 §3.3/);
    expect(invalid({ type: 'configure', node: 'R', setting: 'auth-algorithm', value: 'hmac-md5' })).toMatch(/a router/);
    // FA1 has a role that holds SAs, but this scenario gives it none.
    expect(invalid({ type: 'configure', node: 'FA1', setting: 'auth-algorithm', value: 'hmac-md5' })).toMatch(/FA1.*shares no security association/);
    expect(invalid({ type: 'configure', node: 'HA', setting: 'encapsulation', value: 'ipip' })).toBe('encapsulation: "ipip" is not one of "ip-in-ip", "minimal", "gre"');
    expect(invalid({ type: 'configure', node: 'HA', setting: 'ro', value: true })).toMatch(/^unknown setting "ro"/);
  });

  it('refuses flows on nodes that send none, and malformed flows', () => {
    expect(invalid({ type: 'start-flow', node: 'HA', flow })).toMatch(/"HA" is a home agent: only mobile nodes and correspondents send traffic flows/);
    expect(invalid({ type: 'start-flow', node: 'CN', flow: { ...flow, destination: '10.1.0' } })).toBe('flow "extra": destination "10.1.0" is not an IPv4 address');
    expect(invalid({ type: 'start-flow', node: 'CN', flow: { ...flow, interval: 0 } })).toMatch(/interval 0 is not a duration/);
    expect(invalid({ type: 'stop-flow', node: 'CN', flow: '' })).toMatch(/needs the id/);
  });

  it('refuses attacks from non-adversaries, on unknown targets, and with bad fields', () => {
    expect(invalid({ type: 'adversary', node: 'CN', action: { kind: 'replay-registration', to: 'HA' } })).toMatch(/"CN" is a correspondent: only an adversary/);
    expect(invalid({ type: 'adversary', node: 'Mallory', action: { kind: 'replay-registration', to: 'HQ' } })).toMatch(/^the attack's target: unknown node "HQ"/);
    expect(invalid({ type: 'adversary', node: 'Mallory', action: { kind: 'forge-registration', to: 'HA', homeAddress: 'x', careOfAddress: '1.2.3.4' } })).toMatch(/^action\.homeAddress: .*not an IPv4 address/);
  });
});
