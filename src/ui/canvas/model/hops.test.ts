import { describe, expect, it } from 'vitest';
import { runFixture } from '../../test-support/lab-fixture';
import { buildCanvasModel } from './canvas-model';
import { estimateHops, exactHops, interfaceLinks, linkDelayAt, linkMembers } from './hops';

describe('hops of a transmission (smooth-handoff)', () => {
  // At 2.001 s the correspondent's first datagram (sent at 2 s) is on cn-lan (2 ms) towards R.
  const early = runFixture('smooth-handoff', 2_001_000);
  const model = buildCanvasModel(early.scenario);
  const attachments = (id: string) => early.batch.nodes![id]?.attachments;
  const delayOf = linkDelayAt(model, []);
  const firstData = early.batch.trace.find((e) => e.node === 'CN' && e.kind === 'sent')!;

  it('knows which links an interface is on, and who is on a cell now', () => {
    expect(interfaceLinks(model, 'CN', 'eth0', attachments)).toEqual(['cn-lan']);
    expect(interfaceLinks(model, 'MN', 'wlan0', attachments)).toEqual(['cell1']);
    expect(linkMembers(model, 'cell1', attachments)).toEqual(['FA1', 'MN']);
    expect(linkMembers(model, 'cell2', attachments)).toEqual(['FA2']);
  });

  it('plans an unreported transmission: to the default router on the LAN, arriving after the link delay', () => {
    expect(firstData.time).toBe(2_000_000);
    expect(estimateHops(model, firstData, attachments, delayOf)).toEqual([
      { link: 'cn-lan', from: 'CN', to: 'R', depart: 2_000_000, arrive: 2_002_000, exact: false },
    ]);
  });

  it('plans a broadcast advertisement to every station in the cell, and one into an empty cell to nobody', () => {
    const adverts = early.batch.trace.filter((e) => e.kind === 'sent' && e.summary.startsWith('Agent Advertisement'));
    const fa1 = adverts.find((e) => e.node === 'FA1')!;
    const fa2 = adverts.find((e) => e.node === 'FA2')!;
    expect(estimateHops(model, fa1, attachments, delayOf).map((h) => [h.to, h.arrive - h.depart])).toEqual([['MN', 1000]]);
    expect(estimateHops(model, fa2, attachments, delayOf)).toEqual([]);
  });

  it('follows a set-link command that changed the delay before the send', () => {
    const slower = linkDelayAt(model, [{ at: 1_000_000, command: { type: 'set-link', link: 'cn-lan', delay: 50_000 } }]);
    expect(estimateHops(model, firstData, attachments, slower)[0]!.arrive).toBe(2_050_000);
  });

  it('reads the exact hop from the reception, once it is reported', () => {
    const later = runFixture('smooth-handoff', 2_030_000);
    const tx = later.batch.trace.find((e) => e.id === firstData.id)!;
    const outcomes = later.batch.trace.filter((e) => e.causedBy === tx.id);
    expect(exactHops(model, tx, outcomes)).toEqual([
      { link: 'cn-lan', from: 'CN', to: 'R', depart: 2_000_000, arrive: 2_002_000, exact: true },
    ]);
  });
});
