// The simulation host's own rules, with a tiny test behaviour: the timer
// table, commands, the node's RandomSource, and the errors a scenario author
// or behaviour writer gets.

import { describe, expect, it } from 'vitest';
import type { NodeBehaviour, NodeOutput } from '../node/contract';
import { initialRouterState, routerBehaviour } from './behaviours/router';
import { createSimulation, nodeSetup, restoreSimulation } from './simulation';
import { lineTopology } from './test-support/scenarios';
import type { Topology } from './topology';

type Command = { type: 'do'; outputs: NodeOutput[] } | { type: 'roll' };
interface State { readonly log: readonly string[] }

/** Does what it is told and logs what it sees. */
const puppet: NodeBehaviour<State, Command> = {
  kind: 'puppet',
  handle(state, input, ctx) {
    const seen = input.kind === 'timer' ? `timer ${input.key}` : input.kind === 'frame' ? `frame on ${input.interface}` : `command ${input.command.type}`;
    const log = [...state.log, `${ctx.now} ${seen}`];
    if (input.kind === 'command' && input.command.type === 'do') return { state: { log }, outputs: input.command.outputs };
    if (input.kind === 'command' && input.command.type === 'roll') return { state: { log: [...log, `rolled ${ctx.random.u32()}`] }, outputs: [] };
    if (input.kind === 'timer' && input.key === 'chain') return { state: { log }, outputs: [{ kind: 'set-timer', key: 'chained', at: ctx.now + 10 }] };
    return { state: { log }, outputs: [] };
  },
};

const solo: Topology = {
  links: [{ id: 'lan', kind: 'segment', delay: 10 }],
  nodes: [{ id: 'P', interfaces: [{ name: 'eth0', address: '10.0.0.1', prefixLength: 24, link: 'lan' }] }],
};

function puppetSimulation(seed = 1) {
  return createSimulation({ topology: solo, seed, nodes: { P: nodeSetup(puppet, { log: [] }) } });
}

describe('the simulation host', () => {
  it('starts every node with its routes, then start, at time 0', () => {
    const sim = puppetSimulation();
    sim.runUntil(0);
    expect(sim.nodeState<State>('P').log).toEqual(['0 command install-routes', '0 command start']);
  });

  it('keeps one timer per key: setting it again moves it, cancelling removes it', () => {
    const sim = puppetSimulation();
    sim.command('P', { type: 'do', outputs: [
      { kind: 'set-timer', key: 'a', at: 100 },
      { kind: 'set-timer', key: 'b', at: 150, ref: 'lab choice, RFC 2002 §3.6.3' },
      { kind: 'set-timer', key: 'c', at: 120 },
    ] }, 10);
    sim.command('P', { type: 'do', outputs: [{ kind: 'set-timer', key: 'a', at: 200 }, { kind: 'cancel-timer', key: 'c' }] }, 50);
    sim.runUntilIdle();
    expect(sim.nodeState<State>('P').log.slice(2)).toEqual(['10 command do', '50 command do', '150 timer b', '200 timer a']);
    const fired = sim.trace.filter((e) => e.kind === 'timer');
    expect(fired.map((e) => [e.time, e.summary, e.ref])).toEqual([
      [150, 'timer "b" fired', 'lab choice, RFC 2002 §3.6.3'],
      [200, 'timer "a" fired', 'lab timer table'],
    ]);
    expect(sim.state().nodes[0]!.timers).toEqual({});
  });

  it('re-arming a timer thousands of times does not grow the queue', () => {
    const sim = puppetSimulation();
    for (let t = 1; t <= 5000; t++) sim.command('P', { type: 'do', outputs: [{ kind: 'set-timer', key: 'lifetime', at: 1_000_000 + t }] }, t);
    sim.runUntil(5000);
    expect(sim.state().scheduler.pending.length).toBeLessThan(200);
    sim.runUntilIdle();
    expect(sim.trace.filter((e) => e.kind === 'timer').map((e) => e.time)).toEqual([1_005_000]);
  });

  it('node trace drafts get id, time and node; a timer’s event points back to the event during which it was set', () => {
    const sim = puppetSimulation();
    sim.command('P', { type: 'do', outputs: [{ kind: 'trace', event: { kind: 'decision', summary: 'decided to wait', ref: 'lab choice, Perkins & Johnson §4.1' } }, { kind: 'set-timer', key: 'chain', at: 20 }] }, 5);
    sim.runUntilIdle();
    const [decision, chain, chained] = sim.trace.slice(-3);
    expect(decision).toEqual({ id: 'P:0', time: 5, node: 'P', kind: 'decision', summary: 'decided to wait', ref: 'lab choice, Perkins & Johnson §4.1' }); // a command from outside is a root cause
    expect(chain).toMatchObject({ id: 'P:1', time: 20, kind: 'timer', summary: 'timer "chain" fired' });
    expect(chain).not.toHaveProperty('causedBy');
    expect(chained).toMatchObject({ id: 'P:2', time: 30, kind: 'timer', summary: 'timer "chained" fired', causedBy: 'P:1' });
  });

  it('gives each node its own seeded RandomSource, saved with its state', () => {
    const rolls = (seed: number): string[] => {
      const sim = puppetSimulation(seed);
      sim.command('P', { type: 'roll' }, 1);
      sim.command('P', { type: 'roll' }, 2);
      sim.runUntilIdle();
      return sim.nodeState<State>('P').log.filter((l) => l.startsWith('rolled'));
    };
    expect(rolls(5)).toEqual(rolls(5));
    expect(rolls(5)[0]).not.toBe(rolls(5)[1]); // the state advanced between the two calls
    expect(rolls(6)).not.toEqual(rolls(5));
  });

  it('refuses a timer in the past and a transmit on a missing interface, naming the node', () => {
    const sim = puppetSimulation();
    sim.command('P', { type: 'do', outputs: [{ kind: 'set-timer', key: 'late', at: 5 }] }, 10);
    expect(() => sim.runUntilIdle()).toThrow('node "P" set timer "late" for 5 µs; it must be a whole number of µs ≥ now (10 µs)');
    const other = puppetSimulation();
    other.command('P', { type: 'do', outputs: [{ kind: 'transmit', interface: 'eth9', frame: { source: '02:00:00:00:00:00', destination: 'ff:ff:ff:ff:ff:ff', etherType: 0x0800, payload: new Uint8Array(20) }, summary: 'x' }] }, 1);
    expect(() => other.runUntilIdle()).toThrow('node "P" transmitted on "eth9", which it does not have');
  });

  it('refuses scenarios whose node setups do not match the topology', () => {
    expect(() => createSimulation({ topology: solo, seed: 1, nodes: {} })).toThrow('no behaviour for node "P"');
    expect(() => createSimulation({ topology: solo, seed: 1, nodes: { P: nodeSetup(puppet, { log: [] }), Q: nodeSetup(puppet, { log: [] }) } })).toThrow('node "Q" is not in the topology');
    expect(() => createSimulation({ topology: { ...solo, links: [] }, seed: 1, nodes: { P: nodeSetup(puppet, { log: [] }) } })).toThrow(/link "lan" does not exist/);
    expect(() => restoreSimulation(puppetSimulation().state(), {})).toThrow('no behaviour for node "P"');
  });

  it('refuses commands and moves for unknown nodes, or in the past', () => {
    const sim = puppetSimulation();
    expect(() => sim.command('Nobody', { type: 'roll' })).toThrow('no node "Nobody" in the topology');
    expect(() => sim.moveNode('P', { x: Number.NaN, y: 0 })).toThrow(RangeError);
    sim.runUntil(100);
    expect(() => sim.command('P', { type: 'roll' }, 99)).toThrow(/virtual time is already 100 µs/);
  });

  it('takeTrace hands over what was recorded and starts afresh', () => {
    const sim = createSimulation({ topology: lineTopology(), seed: 1, nodes: { H1: nodeSetup(routerBehaviour, initialRouterState()), R1: nodeSetup(routerBehaviour, initialRouterState()), R2: nodeSetup(routerBehaviour, initialRouterState()), H2: nodeSetup(routerBehaviour, initialRouterState()) } });
    sim.runUntilIdle();
    const taken = sim.takeTrace();
    expect(taken.map((e) => e.kind)).toEqual(['table-changed', 'table-changed', 'table-changed', 'table-changed']);
    expect(sim.trace).toEqual([]);
  });
});
