// A long run in the page stays within a memory bound (docs/architecture.md "Engine": the
// page keeps a window of the trace, and re-derives anything older by replay).
// The explore network, made to last three virtual hours, runs in the page:
// the JavaScript heap at the end must be within 1.3× of the heap after the
// first hour (measured after a full garbage collection, through the Chrome
// DevTools Protocol), and under a fixed bound, although three times the
// events went through. Then the learner can still seek back into the first
// hour and page back through earlier packets, and the page's trace there is
// the headless engine's.
//
// Three hours, not a day: a file the page opens is held to a work budget
// (src/scenarios/work.ts), and a day of explore is ten times over it. So the
// flow is left out and the foreign agents advertise every 10 s (their
// advertisements living 30 s), which keeps three hours within it.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type CDPSession, type Page } from '@playwright/test';
import { LabPage } from './lab-page';

const HOUR = 3_600_000_000;
const explore = JSON.parse(readFileSync('src/scenarios/builtin/explore.json', 'utf8')) as Record<string, unknown>;
const HOURS = 3;
const day = {
  ...explore,
  title: 'Explore for three hours',
  durationS: HOURS * 3600,
  flows: [],
  nodes: (explore.nodes as { role: string; settings: Record<string, unknown> }[]).map((n) => (n.role === 'foreign-agent' ? { ...n, settings: { ...n.settings, advertiseIntervalS: 10, icmpLifetimeS: 30 } } : n)),
};

test.describe.configure({ timeout: 900_000 });

/** The heap in use after a full collection, in bytes. */
async function heapUsed(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

/** Seeks forward an hour at a time (the run goes through every event on the way), to `hours`. */
async function runTo(page: Page, lab: LabPage, hours: number): Promise<void> {
  while ((await lab.virtualTime()) < hours * HOUR) {
    await page.evaluate((h) => window.routeOptimizationLab!.advanceBy(h), HOUR);
  }
  expect(await lab.virtualTime()).toBe(hours * HOUR);
}

test('three virtual hours in the page stay within 1.3× the memory of one', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const lab = new LabPage(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await lab.open('?scenario=explore&mode=in-page');

  await test.step('open explore made to last three hours, in the page', async () => {
    await page.evaluate((text) => window.routeOptimizationLab!.openScenarioText(text, 'explore-day.json', 'in-page'), JSON.stringify(day));
    await expect(lab.status).toHaveText('Paused', { timeout: 30_000 });
    expect(await page.evaluate(() => window.routeOptimizationLab!.summary())).toMatchObject({ scenarioId: 'file:explore-day.json', mode: 'in-page', now: 0 });
  });

  const afterHour = await test.step('run an hour', async () => {
    await runTo(page, lab, 1);
    return heapUsed(cdp);
  });

  const afterDay = await test.step(`run on to ${HOURS} hours`, async () => {
    await runTo(page, lab, HOURS);
    await expect(lab.status).toHaveText(/^Finished/);
    const summary = await page.evaluate(() => window.routeOptimizationLab!.summary());
    expect(summary.eventsBefore).toBeGreaterThan(25_000); // three hours of events went through the page …
    expect(summary.events).toBeLessThan(2_000); // … and only a window is held
    return heapUsed(cdp);
  });
  test.info().annotations.push({ type: 'heap', description: `after 1 h: ${(afterHour / 1e6).toFixed(1)} MB; after ${HOURS} h: ${(afterDay / 1e6).toFixed(1)} MB` });
  expect(afterDay).toBeLessThan(afterHour * 1.3);
  expect(afterDay).toBeLessThan(150e6);

  await test.step('seek back into the first hour: the packets there are the headless run\'s, and earlier ones come back on request', async () => {
    await page.getByRole('slider', { name: 'Virtual time' }).fill(String(HOUR / 2));
    await expect.poll(() => lab.virtualTime(), { timeout: 60_000 }).toBe(HOUR / 2);
    await expect(lab.status).toHaveText('Paused');
    const lines = (await page.evaluate(() => window.routeOptimizationLab!.exportTraceJsonLines())).trimEnd().split('\n');
    const dir = mkdtempSync(join(tmpdir(), 'ro-lab-day-'));
    writeFileSync(join(dir, 'day.json'), JSON.stringify(day));
    execFileSync(process.execPath, ['bin/mip-lab.js', 'run', join(dir, 'day.json'), '--until', '1800s', '--trace', join(dir, 'trace.jsonl')], { stdio: 'ignore' });
    const expected = readFileSync(join(dir, 'trace.jsonl'), 'utf8').trimEnd().split('\n');
    expect(lines.length).toBe(expected.length);
    const firstDifference = lines.findIndex((line, i) => line !== expected[i]);
    expect(firstDifference, `first differing event: ${lines[firstDifference]}`).toBe(-1);

    await lab.tab('Packets');
    const earlier = page.getByRole('button', { name: 'Show earlier packets' });
    await expect(earlier).toBeVisible();
    const firstRow = lab.packetList.getByRole('row').nth(1).getByRole('gridcell').first();
    const before = Number(await firstRow.textContent());
    expect(before).toBeGreaterThan(1);
    await earlier.click();
    await expect.poll(async () => Number(await firstRow.textContent()), { timeout: 60_000 }).toBeLessThan(before);
  });
  expect(errors).toEqual([]);
});
