// On a phone (412 CSS pixels wide, as Lighthouse's mobile run emulates): the page is no wider
// than the screen, so the phone does not zoom out to fit it, and the first visit's greeting is
// wholly on screen. The packet filters scroll sideways inside their own bar (inspector.css).

import { expect, test } from '@playwright/test';
import { LabPage } from './lab-page';

test.use({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });

test('on a phone the lab fits the screen\'s width and the greeting is wholly on screen', async ({ page }) => {
  await page.goto('./?mode=in-page');
  const greeting = page.getByRole('dialog', { name: 'Welcome to the Route Optimization Lab' });
  await expect(greeting).toBeVisible();
  const lab = new LabPage(page);
  await expect(lab.status).toHaveText('Paused', { timeout: 30_000 });
  await expect(page.getByRole('region', { name: 'Packets' }).getByRole('checkbox').first()).toBeAttached(); // the filters, whose bar overflowed
  const widths = await page.evaluate('({ page: document.documentElement.scrollWidth, screen: window.innerWidth })') as { page: number; screen: number };
  expect(widths).toEqual({ page: 412, screen: 412 });
  const box = (await greeting.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(412);
});
