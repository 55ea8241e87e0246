// The Statistics tab shows what `mip-lab run` prints (docs/architecture.md
// "UI"): a student plays the handoff scenario without smooth handoff, opens
// the tab, and sees the delivered and lost counts a headless run of the same
// scenario gives to the same virtual time — lost in red — a chart, and CSV
// files to take away. A seek backwards must give the figures for that time.

import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { LabPage } from './lab-page';

const SCENARIO = 'handoff-without-smooth-handoff';

test.describe.configure({ timeout: 150_000 });

/** `mip-lab run` to `micros`: the cn-to-mn row of its flow table, and what it says is still on the way. */
function headless(micros: number): { sent: number; delivered: number; lost: number; inFlight: number } {
  const out = execFileSync('node', ['bin/mip-lab.js', 'run', SCENARIO, '--until', `${micros}us`], { encoding: 'utf8' });
  const row = /^ {2}cn-to-mn +(\d+) +(\d+) +(\d+) +\d+ /m.exec(out);
  if (row === null) throw new Error(`no cn-to-mn row in:\n${out}`);
  const inFlight = /^ {4} *(\d+) {2}still on its way/m.exec(out);
  return { sent: Number(row[1]), delivered: Number(row[2]), lost: Number(row[3]), inFlight: inFlight === null ? 0 : Number(inFlight[1]) };
}

async function figure(page: Page, name: string): Promise<number> {
  const text = await page.locator(`tr[data-flow="cn-to-mn"] [data-figure="${name}"]`).innerText();
  return Number(text.replace(/[^\d]/g, ''));
}

async function expectFiguresOf(page: Page, lab: LabPage): Promise<{ now: number; lost: number }> {
  const now = await lab.virtualTime();
  const cli = headless(now);
  // The tab re-reads the figures at once when the run is paused.
  await expect.poll(() => figure(page, 'delivered')).toBe(cli.delivered);
  expect(await figure(page, 'sent')).toBe(cli.sent);
  expect(await figure(page, 'lost')).toBe(cli.lost - cli.inFlight);
  expect(await figure(page, 'in-flight')).toBe(cli.inFlight);
  return { now, lost: cli.lost - cli.inFlight };
}

test('the Statistics tab: live figures equal to the headless run, a chart, CSV downloads', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open(`?scenario=${SCENARIO}`);

  await test.step('play past the handoff (13.5 s) and pause before the end (30 s)', async () => {
    await lab.setSpeed('4× faster');
    await lab.playback.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => lab.virtualTime(), { timeout: 60_000, intervals: [100] }).toBeGreaterThan(16_000_000);
    await lab.playback.getByRole('button', { name: 'Pause' }).click();
    await expect(lab.status).toHaveText('Paused');
  });

  await test.step('the tab shows the headless run\'s delivered and lost counts at the playhead, lost in red', async () => {
    await lab.tab('Statistics');
    const { lost } = await expectFiguresOf(page, lab);
    expect(lost).toBeGreaterThan(0); // datagrams sent to the old cell after the move
    await expect(page.locator('tr[data-flow="cn-to-mn"] [data-figure="lost"]')).toHaveClass(/stats-bad/);
    await expect(page.getByTestId('stats-summary')).toHaveText(/✕ At [\d.]+ s: \d+ of \d+ datagrams lost/);
    await expect(page.getByRole('table', { name: 'Loss around each handoff' }).getByRole('row').filter({ hasText: 'MN: cell1 + cell2 → cell2' })).toContainText(/✕ \d+/);
  });

  await test.step('the charts are drawn, each with a caption saying what it shows', async () => {
    const canvases = page.locator('.stats-chart-canvas canvas');
    await expect(canvases.first()).toBeVisible();
    expect(await canvases.count()).toBeGreaterThanOrEqual(2);
    const box = (await canvases.first().boundingBox())!;
    expect(box.width).toBeGreaterThan(200);
    await expect(page.locator('.stats-figure figcaption').first()).toContainText(/cn-to-mn: \d+ delivered/);
    await expect(page.locator('.stats-figure figcaption').first()).toContainText('Handoffs marked');
    const axe = await new AxeBuilder({ page }).include('.stats').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 1500 }); // the whole tab in one picture
    await page.getByRole('tabpanel', { name: 'Statistics' }).screenshot({ path: 'test-results/statistics-tab.png' });
    await page.locator('.stats-figure').nth(0).screenshot({ path: 'test-results/statistics-latency-chart.png' });
    await page.locator('.stats-figure').nth(1).screenshot({ path: 'test-results/statistics-control-chart.png' });
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  await test.step('the CSV files download with the figures shown', async () => {
    const [flows] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download flow figures (CSV)' }).click()]);
    expect(flows.suggestedFilename()).toMatch(new RegExp(`^${SCENARIO}-flows-at-[\\d.]+s\\.csv$`));
    const text = await readFile((await flows.path())!, 'utf8');
    const [header, row] = text.split('\r\n');
    expect(header).toBe('flow,sent,delivered,lost,lost_in_flight,duplicated,mean_hops,mean_latency_ms,worst_latency_ms,tunnelled,via_home_agent,encapsulated_transmissions,encapsulation_octets,loss_causes');
    expect(row!.split(',').slice(0, 3)).toEqual(['cn-to-mn', String(await figure(page, 'sent')), String(await figure(page, 'delivered'))]);
    const [datagrams] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download per-datagram latencies (CSV)' }).click()]);
    const lines = (await readFile((await datagrams.path())!, 'utf8')).trimEnd().split('\r\n');
    expect(lines[0]).toBe('flow,sequence,sent_s,delivered_s,latency_ms,hops,tunnelled,via_home_agent');
    expect(lines).toHaveLength(1 + (await figure(page, 'delivered')));
  });

  await test.step('presentation mode: every text of the tab at least 20 px', async () => {
    await page.getByRole('button', { name: 'Presentation mode' }).click();
    const sizes = await page.locator('.stats td, .stats th, .stats figcaption, .stats p, .stats button').evaluateAll((els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize)));
    expect(sizes.length).toBeGreaterThan(20);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(20);
    await page.setViewportSize({ width: 1280, height: 1800 });
    await page.getByRole('tabpanel', { name: 'Statistics' }).screenshot({ path: 'test-results/statistics-tab-presentation.png' });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByRole('button', { name: 'Presentation mode' }).click();
  });

  await test.step('a seek backwards gives the figures for that time', async () => {
    await page.evaluate(() => window.routeOptimizationLab!.runtime()!.seek(9_000_000));
    await expect.poll(() => lab.virtualTime()).toBe(9_000_000);
    const { lost } = await expectFiguresOf(page, lab);
    expect(lost).toBe(0); // before the handoff
    await expect(page.getByTestId('stats-summary')).toHaveText(/none lost/);
  });
});
