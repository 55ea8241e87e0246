// Learner-facing language (docs/lessons.md): every section the lab cites has a
// one-line entry on the References page, and a citation shown in the lab links
// to it — in a new tab, so the running lab stays where the student left it.

import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { LabPage } from './lab-page';

const SHOTS = 'test-results/screenshots';

test('a student follows a citation from the route banner to its entry on the References page', async ({ page, context }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const lab = new LabPage(page);
  await lab.open('?scenario=route-optimization&mode=workers');
  await page.getByRole('slider', { name: 'Virtual time' }).fill('3100000');
  await expect(lab.pathBanner).toHaveAttribute('data-path-kind', 'route-optimization', { timeout: 30_000 });
  await page.screenshot({ path: `${SHOTS}/route-banner.png` });

  const [references] = await Promise.all([
    context.waitForEvent('page'),
    lab.pathBanner.getByRole('link', { name: 'Perkins & Johnson §3' }).click(),
  ]);
  await references.waitForLoadState();
  expect(new URL(references.url()).hash).toBe('#/references/perkins-johnson-3');
  await expect(references.getByRole('heading', { level: 1, name: 'References' })).toBeVisible();
  const entry = references.locator('#perkins-johnson-3');
  await expect(entry).toBeVisible();
  await expect(entry).toHaveClass(/ref-target/);
  await expect(entry).toContainText('binding cache');
  // Reading references starts no network of its own.
  expect(await references.evaluate(() => window.routeOptimizationLab?.summary().scenarioId ?? null)).toBeNull();
  const scan = await new AxeBuilder({ page: references }).analyze();
  expect(scan.violations.map((v) => v.id)).toEqual([]);
  await references.screenshot({ path: `${SHOTS}/references.png` });
  await references.close();

  await test.step('the header\'s References link, and back to the same run', async () => {
    await page.getByRole('link', { name: 'References' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'References' })).toBeVisible();
    await page.getByRole('link', { name: 'Back to the lab' }).click();
    await expect(lab.pathBanner).toHaveAttribute('data-path-kind', 'route-optimization');
    expect(await lab.virtualTime()).toBeGreaterThanOrEqual(3_100_000);
  });
  expect(errors).toEqual([]);
});
