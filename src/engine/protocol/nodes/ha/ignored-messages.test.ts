import { describe, expect, it } from 'vitest';
import type { MipMessage } from '../../../wire/mip/mip-message';
import { ignoredAtHomeAgent } from './ignored-messages';

const warning: MipMessage = { kind: 'binding-warning', reserved: 0, homeAddress: '10.1.0.10', targets: ['198.51.100.5'] };

const traced = (o: ReturnType<typeof ignoredAtHomeAgent>) => {
  if (o.kind !== 'trace') throw new Error(`expected a trace output, got ${o.kind}`);
  return o.event as unknown as { kind: string; summary: string; reason: string; ref: string };
};

describe('what a home agent says about Route Optimization messages it does not act on', () => {
  it('with Route Optimization off, a Binding Warning is ignored because the home agent does not run Route Optimization (Perkins & Johnson §3.1)', () => {
    const e = traced(ignoredAtHomeAgent(warning, '10.3.0.1', false));
    expect(e.kind).toBe('dropped');
    expect(e.summary).toBe('binding-warning from 10.3.0.1 ignored');
    expect(e.reason).toBe('Route Optimization is off at this home agent, so it does not act on Binding Warnings: the correspondent the warning names is sent no Binding Update and keeps its stale binding until that expires');
    expect(e.ref).toBe('Perkins & Johnson §3.1');
    expect(e.reason).not.toMatch(/comes later/);
  });

  it('with Route Optimization on, only a message to the home network\'s broadcast address gets here, and the reason says so', () => {
    const e = traced(ignoredAtHomeAgent(warning, '10.3.0.1', true));
    expect(e.reason).toMatch(/broadcast address/);
    expect(e.reason).not.toMatch(/Route Optimization is off/);
  });

  it('a Registration Reply sent to a home agent is not a home agent\'s to handle, whatever its settings (RFC 2002 §3.8)', () => {
    const reply = { kind: 'registration-reply' } as unknown as MipMessage;
    const e = traced(ignoredAtHomeAgent(reply, '10.3.0.1', false));
    expect(e.reason).toMatch(/not one a home agent acts on/);
    expect(e.ref).toBe('RFC 2002 §3.8');
  });
});
