// The network canvas is fetched beside the code that opens a run, not with the page
// (src/ui/app/lazy-canvas.tsx). While it comes, its area says so and keeps its size, so
// nothing moves when the network is drawn; if it cannot come, the area says which part
// is missing and offers a reload, and the rest of the lab (playback, packets) runs on.

import { expect, test } from '@playwright/test';
import { LabPage } from './lab-page';

const CANVAS_CHUNK = /\/assets\/NetworkCanvas-[^/]*\.js$/;

test('while the canvas code comes, its area says the network is being drawn and holds its place', async ({ page }) => {
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => { release = resolve; });
  await page.route(CANVAS_CHUNK, async (route) => { await held; await route.continue(); });
  await page.goto('./?scenario=route-optimization&mode=in-page');
  const area = page.getByRole('region', { name: 'Network' });
  await expect(area.getByRole('status')).toHaveText('Drawing the network…');
  const before = await area.boundingBox();
  const pending = (await area.getByRole('status').boundingBox())!;
  expect(pending.width).toBeCloseTo(before!.width, -1); // the whole area, not a line at its top
  // The run opens meanwhile: the lab is playable, the packets are listed.
  const lab = new LabPage(page);
  await expect(lab.status).toHaveText('Paused', { timeout: 30_000 });
  release();
  await expect(lab.node('MN')).toBeVisible();
  expect(await area.boundingBox()).toEqual(before);
});

test('a canvas whose code cannot be fetched says so and offers a reload, while the lab runs on', async ({ page }) => {
  await page.route(CANVAS_CHUNK, (route) => route.abort('internetdisconnected'));
  const lab = new LabPage(page);
  await lab.open('?scenario=route-optimization&mode=in-page');
  const alert = page.getByRole('region', { name: 'Network' }).getByRole('alert');
  await expect(alert).toContainText('The network drawing could not be loaded');
  await expect(alert).not.toContainText('at http');
  await expect(alert.getByRole('button', { name: 'Reload the lab' })).toBeVisible();
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(lab.packetList.getByRole('row').nth(3)).toBeVisible();
});
