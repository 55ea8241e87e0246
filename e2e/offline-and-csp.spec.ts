// The lab as a school laptop meets it: opened once on the course website, then
// used in a room with no network (the service worker's precache), and always
// under the strict Content-Security-Policy the build writes into index.html —
// with no violation anywhere a learner goes.

import { expect, test, type Page } from '@playwright/test';
import { LabPage } from './lab-page';

test.describe.configure({ timeout: 120_000 });

/** Collects CSP violations as the page reports them, from before its first script runs. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const consoleViolations: string[] = [];
  page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) consoleViolations.push(m.text()); });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ← ${e.blockedURI}`));
  });
  return async () => [...consoleViolations, ...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations))];
}

async function playFor(lab: LabPage, page: Page, virtualMicros: number): Promise<void> {
  const start = await lab.virtualTime();
  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => lab.virtualTime(), { timeout: 60_000 }).toBeGreaterThan(start + virtualMicros);
  await page.getByRole('button', { name: 'Pause' }).click();
}

test('the built lab runs under its Content-Security-Policy with no violation, in every view', async ({ page }) => {
  const violations = await watchViolations(page);
  const lab = new LabPage(page);
  await lab.open('?scenario=route-optimization');
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("script-src 'self'");
  expect(policy).not.toContain('unsafe-eval');
  expect(policy).not.toContain('unsafe-inline');
  await playFor(lab, page, 4_000_000);
  for (const tab of ['Tables', 'Ladder diagram', 'Key exchange', 'Statistics', 'Settings', 'Packets']) {
    await lab.tab(tab);
    await expect(page.getByRole('tab', { name: tab, selected: true })).toBeVisible();
  }
  await page.goto('./#/course');
  await expect(page.getByRole('heading', { level: 1, name: 'Route Optimization Lab — the course' })).toBeVisible();
  expect(await violations()).toEqual([]);
});

test('once opened, the lab reloads and runs with the network gone', async ({ page, context }) => {
  const lab = new LabPage(page);
  await lab.open('?scenario=triangle-routing');
  // The service worker has precached every file of the lab once it is active.
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await context.setOffline(true);
  await page.reload();
  await expect(lab.status).toHaveText('Paused', { timeout: 30_000 });
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await playFor(lab, page, 3_000_000);
  await expect(lab.packetList.getByRole('row').filter({ hasNotText: 'Protocol' }).first()).toBeVisible();
  // Another scenario, chosen offline, loads from the same copy.
  await page.goto('./?scenario=smooth-handoff');
  await expect(lab.status).toHaveText('Paused', { timeout: 30_000 });
  await context.setOffline(false);
});
