// "Runs are deterministic and shareable" (the brief): a learner moves the
// mobile node during a run, shares the run as a link, and whoever opens the
// link sees the same run — the same packets at the same times — because the
// link carries the scenario, the seed and the command log (docs/architecture.md "Runtime").

import { expect, test } from '@playwright/test';
import { LabPage } from './lab-page';

test('a shared link replays the run, the learner\'s move included', async ({ page, context }) => {
  test.setTimeout(180_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const lab = new LabPage(page);
  await lab.open('?scenario=explore&seed=7&mode=workers');

  await test.step('play to 3 s, move the mobile node into FA2\'s cell, play on to 8 s', async () => {
    await page.getByRole('slider', { name: 'Virtual time' }).fill('3000000');
    await expect.poll(() => lab.virtualTime()).toBe(3_000_000);
    await lab.node('MN').focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.getByRole('slider', { name: 'Virtual time' }).fill('8000000');
    await expect.poll(() => lab.virtualTime(), { timeout: 60_000 }).toBe(8_000_000);
    await expect(lab.pathBanner).toContainText('192.168.3.1');
  });

  const original = (await page.evaluate(() => window.routeOptimizationLab!.exportTraceJsonLines())).trimEnd().split('\n');

  const link = await test.step('share the run', async () => {
    await page.getByRole('button', { name: 'Share run' }).click();
    await expect(page.getByText('Link copied: it replays this run, your moves included.')).toBeVisible();
    return page.evaluate(() => navigator.clipboard.readText());
  });
  expect(link).toContain('scenario=explore');
  expect(link).toContain('seed=7');
  expect(link).toContain('#run='); // the log, the time and the speed (the compact form, src/ui/app/links/run-state-codec.ts)
  expect(link.length).toBeLessThan(2_000);

  await test.step('open the link elsewhere: it opens at 8 s, paused — the same trace, event for event', async () => {
    const other = await context.newPage();
    const replay = new LabPage(other);
    await other.goto(link);
    await expect.poll(() => replay.virtualTime(), { timeout: 60_000 }).toBe(8_000_000);
    await expect(replay.status).toHaveText('Paused', { timeout: 30_000 });
    await expect(other.getByRole('status', { name: 'Run from the page address' })).toContainText(/A shared run: Explore: move the mobile node yourself, paused at 8\.000 s, [1-9]\d* learner actions? replayed/);
    const replayed = (await other.evaluate(() => window.routeOptimizationLab!.exportTraceJsonLines())).trimEnd().split('\n');
    expect(original.length).toBeGreaterThan(500); // ≈600 events by 8 s: not two empty traces
    expect(replayed.length).toBe(original.length);
    const firstDifference = replayed.findIndex((line, i) => line !== original[i]);
    expect(firstDifference, `first differing event: ${replayed[firstDifference]}`).toBe(-1);
    await expect(replay.pathBanner).toContainText('192.168.3.1');
  });
});
