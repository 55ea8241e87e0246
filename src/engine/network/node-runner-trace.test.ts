// How the host turns a node's trace drafts into events (node-runner.ts
// record): id, time and node first, then the draft's keys in its own order,
// no undefined values, and `causedBy` — the draft's own, else the event being
// handled — where `{ ...draft, causedBy }` would put it. Traces are compared
// as JSON text, so the key order is part of the contract.

import { describe, expect, it } from 'vitest';
import type { NodeBehaviour, TraceDraft } from '../node/contract';
import { createSimulation, nodeSetup } from './simulation';
import type { Topology } from './topology';

const DRAFTS: TraceDraft[] = [
  { kind: 'decision', summary: 'no causedBy key', ref: 'r1' },
  { kind: 'decision', summary: 'causedBy undefined, early', causedBy: undefined, ref: 'r2', reason: 'why' },
  { kind: 'decision', causedBy: 'X:9', summary: 'its own causedBy', ref: 'r3' },
  { ref: 'r4', kind: 'dropped', summary: 'keys in an odd order', reason: undefined, interface: 'eth0' },
];

/** On `start` sets a timer; when it fires, emits the drafts. */
const emitter: NodeBehaviour<null> = {
  kind: 'emitter',
  handle(state, input, ctx) {
    if (input.kind === 'command' && input.command.type === 'start') return { state, outputs: [{ kind: 'set-timer', key: 't', at: ctx.now + 5 }] };
    if (input.kind === 'timer') return { state, outputs: DRAFTS.map((event) => ({ kind: 'trace', event })) };
    return { state, outputs: [] };
  },
};

const solo: Topology = {
  links: [{ id: 'lan', kind: 'segment', delay: 10 }],
  nodes: [{ id: 'E', interfaces: [{ name: 'eth0', address: '10.0.0.1', prefixLength: 24, link: 'lan' }] }],
};

describe('trace drafts become events', () => {
  it('keep the draft key order, drop undefined values, and take the handled event as cause when they name none', () => {
    const sim = createSimulation({ topology: solo, seed: 1, nodes: { E: nodeSetup(emitter, null) } });
    sim.runUntil(10);
    const timer = sim.trace.find((e) => e.kind === 'timer')!;
    const emitted = sim.trace.filter((e) => e.kind !== 'timer' && e.kind !== 'table-changed');
    expect(emitted).toHaveLength(DRAFTS.length);
    emitted.forEach((e, i) => {
      const expected: Record<string, unknown> = { id: e.id, time: 5, node: 'E' };
      for (const [k, v] of Object.entries({ ...DRAFTS[i]!, causedBy: DRAFTS[i]!.causedBy ?? timer.id })) if (v !== undefined) expected[k] = v;
      expect(JSON.stringify(e)).toBe(JSON.stringify(expected));
    });
    expect(emitted.map((e) => e.causedBy)).toEqual([timer.id, timer.id, 'X:9', timer.id]);
  });
});
