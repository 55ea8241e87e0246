// @vitest-environment happy-dom
// The Statistics tab on a real run: handoff-without-smooth-handoff to 20 s,
// delivered to the store as one batch. The table shows the engine's figures
// (lost in red, with a ✕ and the count), each chart a caption, and the CSV
// button downloads the figures shown. uPlot is replaced by a recorder: the
// test's DOM has no canvas to draw on.

import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { computeRunMetrics } from '../../engine/metrics/run-metrics';
import { metricsSubjects } from '../../scenarios/metrics-subjects';
import { fakeRuntime } from '../controls/test-support/fake-runtime';
import { useLab } from '../store/lab-store';
import { failOnConsoleErrors, resetLabStore } from '../test-support/component-test';
import { runFixture, type LabFixture } from '../test-support/lab-fixture';
import { flowsCsv } from './stats-csv';
import { StatisticsPanel } from './StatisticsPanel';

const charts = vi.hoisted(() => ({ made: [] as { data: unknown[] }[], destroyed: 0 }));
vi.mock('uplot', () => {
  class FakePlot {
    static paths = { bars: () => () => null };
    data: unknown[];
    constructor(_options: unknown, data: unknown[]) {
      this.data = data;
      charts.made.push(this);
    }
    setData(data: unknown[]): void { this.data = data; }
    setSize(): void {}
    destroy(): void { charts.destroyed++; }
  }
  return { default: FakePlot };
});

let fixture: LabFixture;
beforeAll(() => {
  fixture = runFixture('handoff-without-smooth-handoff', 20_000_000);
});

failOnConsoleErrors();
beforeEach(() => {
  resetLabStore();
  charts.made.length = 0;
  vi.stubGlobal('ResizeObserver', class { observe(): void {} disconnect(): void {} });
});
afterEach(() => vi.unstubAllGlobals());

function open(): void {
  useLab.getState().attachRuntime(fakeRuntime(fixture.scenario), 'handoff-without-smooth-handoff');
  act(() => useLab.getState().applyBatch(fixture.batch));
}

describe('StatisticsPanel', () => {
  it('shows the run\'s figures at the playhead, losses in red with their count and cause', () => {
    open();
    render(<StatisticsPanel />);
    const { homeAgents, mobiles } = metricsSubjects(fixture.scenario);
    const m = computeRunMetrics(fixture.batch.trace, homeAgents, mobiles);
    const f = m.flows.find((x) => x.flow === 'cn-to-mn')!;
    expect(f.lost - f.inFlight).toBeGreaterThan(0);
    const row = within(screen.getByRole('table', { name: 'Traffic flows' })).getByRole('row', { name: /cn-to-mn/ });
    const cells = within(row).getAllByRole('cell').map((c) => c.textContent);
    expect(cells.slice(0, 5)).toEqual([String(f.sent), String(f.delivered), `✕ ${f.lost - f.inFlight}`, String(f.inFlight), String(f.duplicated)]);
    expect(row.querySelector('[data-figure="lost"]')!.className).toBe('stats-bad');
    expect(screen.getByRole('status').textContent).toMatch(new RegExp(`^✕ At 20\\.000 s: ${f.lost - f.inFlight} of ${f.sent} datagrams lost`));
    expect(screen.getByRole('list', { name: 'Why datagrams were lost' }).textContent).toContain('FA1 lost it: no station on cell1 has that address');
    const handoffs = within(screen.getByRole('table', { name: 'Loss around each handoff' })).getAllByRole('row');
    expect(handoffs).toHaveLength(1 + m.handoffs.length);
    expect(handoffs[2]!.textContent).toContain(`✕ ${m.handoffs[1]!.lost}`);
    // Two charts, each with a caption; the latency chart has one point per datagram delivered.
    expect(screen.getAllByRole('figure')).toHaveLength(2);
    expect(charts.made).toHaveLength(2);
    expect((charts.made[0]!.data[0] as number[]).length).toBe(f.delivered);
  });

  it('downloads the flow figures shown as CSV', async () => {
    open();
    const texts: string[] = [];
    const blobs: Blob[] = [];
    const saved = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
    URL.createObjectURL = (b: Blob) => { blobs.push(b); return 'blob:stats'; };
    URL.revokeObjectURL = () => undefined;
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { texts.push(this.download); });
    render(<StatisticsPanel />);
    fireEvent.click(screen.getByRole('button', { name: 'Download flow figures (CSV)' }));
    expect(texts).toEqual(['handoff-without-smooth-handoff-flows-at-20s.csv']);
    expect(await blobs[0]!.text()).toBe(flowsCsv(useLab.getState().stats!.result()));
    click.mockRestore();
    await new Promise((r) => setTimeout(r, 0)); // the object URL is let go after the click
    Object.assign(URL, { createObjectURL: saved.create, revokeObjectURL: saved.revoke });
  });
});
