import { beforeEach, describe, expect, it } from 'vitest';
import { runFixture } from '../test-support/lab-fixture';
import { useLab } from './lab-store';

const fixture = runFixture('route-optimization', 3_000_000);

describe('the lab store applies runtime batches', () => {
  beforeEach(() => {
    useLab.setState({ selectedPacket: null, rejectedCommand: null, traceVersion: 0, commands: [] });
    useLab.getState().trace.clear();
  });

  it('appends the trace, indexes the packets and bumps the version', () => {
    useLab.getState().applyBatch(fixture.batch);
    const s = useLab.getState();
    expect(s.trace.events.length).toBe(fixture.batch.trace.length);
    expect(s.trace.packets.length).toBe(fixture.batch.trace.filter((e) => (e.kind === 'sent' || e.kind === 'forwarded') && e.bytes !== undefined).length);
    expect(s.trace.packets.map((p) => p.number)).toEqual(s.trace.packets.map((_, i) => i + 1));
    expect(s.traceVersion).toBe(1);
    expect(s.now).toBe(3_000_000);
  });

  it('after a seek backwards drops later events, and a selection among them', () => {
    useLab.getState().applyBatch(fixture.batch);
    const late = useLab.getState().trace.packets.find((p) => p.time > 2_500_000)!;
    useLab.getState().selectPacket(late.id);
    useLab.getState().applyBatch({ now: 2_000_000, status: 'paused', speed: 1, trace: [], truncatedTo: 2_000_000 });
    const s = useLab.getState();
    const kept = fixture.batch.trace.filter((e) => e.time <= 2_000_000).length;
    expect(kept).toBeGreaterThan(0);
    expect(s.trace.events).toHaveLength(kept); // exactly the earlier events survive the cut
    expect(s.trace.events.every((e) => e.time <= 2_000_000)).toBe(true);
    expect(s.trace.byId.has(late.id)).toBe(false);
    expect(s.trace.packetById.has(late.id)).toBe(false);
    expect(s.selectedPacket).toBeNull();
    expect(s.traceVersion).toBe(2);
  });

  it('says which command the runtime refused and why, until dismissed', () => {
    useLab.getState().applyBatch({ now: 0, status: 'paused', speed: 1, trace: [], rejected: { command: { type: 'set-link', link: 'nowhere', loss: 0.5 }, reason: 'there is no link "nowhere"' } });
    expect(useLab.getState().rejectedCommand).toBe('The set-link command was not applied: there is no link "nowhere"');
    useLab.getState().dismissRejectedCommand();
    expect(useLab.getState().rejectedCommand).toBeNull();
  });

  it('forgets a refusal once the runtime accepts the learner\'s next command', () => {
    const refused = { command: { type: 'set-link' as const, link: 'nowhere', loss: 0.5 }, reason: 'there is no link "nowhere"' };
    useLab.getState().applyBatch({ now: 0, status: 'paused', speed: 1, trace: [], commands: [], rejected: refused });
    // A batch that repeats the same command log (nothing new accepted) keeps the message.
    useLab.getState().applyBatch({ now: 10, status: 'paused', speed: 1, trace: [], commands: [] });
    expect(useLab.getState().rejectedCommand).not.toBeNull();
    useLab.getState().applyBatch({ now: 20, status: 'paused', speed: 1, trace: [], commands: [{ at: 20, command: { type: 'move', node: 'MN', position: { x: 1, y: 2 } } }] });
    expect(useLab.getState().rejectedCommand).toBeNull();
  });
});
