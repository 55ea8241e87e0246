// Presentation mode read from the back of a lecture hall: at 1280×720 every
// label drawn on the network (node names, link delays, addresses) is at least
// 18 px on screen and every other text of the network's panels, the lesson,
// the class question and the lecture bar at least 20 px; the route banner sits
// over no node. Screenshots at 1280×720 and 1920×1080 go to test-results/.

import { expect, test, type Page } from '@playwright/test';
import { intersects, textSizes, type TextSize } from './readability';

const SHOTS = 'test-results/screenshots';
const PANELS = ['.canvas-path-banner', '.canvas-legend', '.lesson-panel', '.class-question', '.playlist-bar', '.lab-header', '.lab-side', '.lab-bottom'];

test.describe.configure({ timeout: 120_000 });

async function openInPresentation(page: Page, query: string): Promise<void> {
  await page.goto(`./${query}`);
  await expect(page.locator('.canvas-node').first()).toBeVisible({ timeout: 30_000 });
  const toggle = page.getByRole('button', { name: 'Presentation mode' });
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await page.waitForTimeout(400); // the canvas fits the network again once the layout has settled (FitOnResize)
}

function offenders(sizes: readonly TextSize[]): string[] {
  // A zoom is a float: 18 px / zoom × zoom may come back as 17.999… px.
  return sizes.filter((s) => s.px < (s.label ? 18 : 20) - 0.01).map((s) => `${s.where} "${s.text}": ${s.px.toFixed(1)} px (needs ${s.label ? 18 : 20})`);
}

async function expectNothingOverNodes(page: Page): Promise<void> {
  const banner = await page.locator('.canvas-path-banner').boundingBox();
  expect(banner).not.toBeNull();
  const nodes = page.locator('.react-flow__node-network, .react-flow__node-hub');
  const count = await nodes.count();
  expect(count).toBeGreaterThan(3);
  const over: string[] = [];
  for (let i = 0; i < count; i++) {
    const box = await nodes.nth(i).boundingBox();
    if (box !== null && intersects(banner!, box)) over.push(await nodes.nth(i).getAttribute('data-id') ?? `node ${i}`);
  }
  expect(over, 'nodes under the route banner').toEqual([]);
}

test('presentation mode at 1280×720: labels ≥ 18 px, other text ≥ 20 px, the banner over no node', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openInPresentation(page, '?lesson=triangle-routing&mode=workers');
  const sizes = await textSizes(page, ['.network-canvas', ...PANELS]);
  expect(sizes.filter((s) => s.label).length, 'labels measured on the network').toBeGreaterThan(8);
  expect(sizes.filter((s) => !s.label).length, 'texts measured in the panels').toBeGreaterThan(8);
  await page.screenshot({ path: `${SHOTS}/presentation-1280x720.png` });
  expect(offenders(sizes)).toEqual([]);
  await expectNothingOverNodes(page);
});

test('presentation mode at 1280×720: every tab of the panels at 20 px, with a packet selected', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openInPresentation(page, '?scenario=explore&mode=workers');
  await page.evaluate(() => window.routeOptimizationLab!.advanceBy(3_000_000));
  await page.getByRole('button', { name: 'MN', exact: true }).click();
  const rows = page.getByRole('grid', { name: 'Packet list' }).getByRole('row').filter({ hasNotText: 'Protocol' });
  await rows.nth(2).click();
  const measured: TextSize[] = [];
  for (const [side, bottom] of [['Tables', 'Packets'], ['Key exchange', 'Ladder diagram'], ['Settings', 'Packets']] as const) {
    await page.getByRole('tab', { name: side }).click();
    await page.getByRole('tab', { name: bottom }).click();
    const sizes = await textSizes(page, ['.lab-header', '.lab-side', '.lab-bottom']);
    expect(sizes.length, `texts under ${side} and ${bottom}`).toBeGreaterThan(10);
    measured.push(...sizes);
    await page.screenshot({ path: `${SHOTS}/presentation-1280x720-${side.replace(' ', '-').toLowerCase()}-${bottom.replace(' ', '-').toLowerCase()}.png` });
  }
  expect(offenders(measured)).toEqual([]);
});

test('presentation mode at 1920×1080: the network uses the space, the banner over no node', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openInPresentation(page, '?scenario=explore&mode=workers');
  await page.screenshot({ path: `${SHOTS}/presentation-1920x1080.png` });
  // Fitted: the network (nodes and radio cells) fills the drawing area's height or its width.
  const area = (await page.locator('.react-flow').boundingBox())!;
  const nodes = page.locator('.react-flow__node');
  const boxes = (await Promise.all(Array.from({ length: await nodes.count() }, (_, i) => nodes.nth(i).boundingBox()))).flatMap((b) => (b === null ? [] : [b]));
  expect(boxes.length).toBeGreaterThan(6);
  const width = Math.max(...boxes.map((b) => b.x + b.width)) - Math.min(...boxes.map((b) => b.x));
  const height = Math.max(...boxes.map((b) => b.y + b.height)) - Math.min(...boxes.map((b) => b.y));
  expect(Math.max(width / area.width, height / area.height)).toBeGreaterThan(0.75);
  expect(offenders(await textSizes(page, ['.network-canvas', ...PANELS]))).toEqual([]);
  await expectNothingOverNodes(page);
});
