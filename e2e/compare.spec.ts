// Compare mode (#/compare): a student opens the route-optimization scenario
// twice, Route Optimization off at the home agent on the left and on at the
// right, plays both with one control, and sees triangle routing on one canvas
// and the optimized route on the other, with fewer hops in the table. A drag
// of the mobile node on one side moves it on both. A link naming a setting or
// a scenario the lab lacks opens with a message saying so.

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';

const SHOTS = 'test-results/screenshots';
const LINK = './#/compare?scenario=route-optimization&setting=ro-home-agent&left=off&right=on';

test.describe.configure({ timeout: 120_000 });

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return errors;
}

const side = (page: Page, name: 'left' | 'right'): Locator => page.locator(`section[data-side="${name}"]`);
const mobile = (page: Page, name: 'left' | 'right'): Locator => side(page, name).getByRole('button', { name: 'MN', exact: true });
const cell = (page: Page, figure: string, column: 'left' | 'right' | 'difference'): Locator => page.locator(`tr[data-figure="${figure}"] td[data-side="${column}"]`);

async function centre(l: Locator): Promise<{ x: number; y: number }> {
  const box = (await l.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

test('Route Optimization off vs on: two runs in lockstep, fewer hops on the optimized side, one drag moves both', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(LINK);
  await expect(page.getByTestId('compare-sides')).toHaveText('Left: Route Optimization off at the home agent — Right: Route Optimization on at the home agent', { timeout: 30_000 });
  await expect(side(page, 'left').locator('.react-flow')).toBeVisible();
  await expect(side(page, 'right').locator('.react-flow')).toBeVisible();

  await test.step('play both at 16× to past 8 s, then pause', async () => {
    await page.getByLabel('Speed').selectOption({ label: '16× faster' });
    await page.getByRole('button', { name: 'Play both' }).click();
    await expect.poll(async () => Number(await page.getByRole('slider', { name: 'Virtual time of both runs' }).inputValue()), { timeout: 30_000 }).toBeGreaterThan(8_000_000);
    await page.getByRole('button', { name: 'Pause both' }).click();
    await expect(page.getByRole('button', { name: 'Play both' })).toBeVisible();
  });

  await test.step('the left banner shows triangle routing, the right the optimized route; the table shows fewer hops on the right', async () => {
    await expect(side(page, 'left').locator('.canvas-path-text')).toHaveAttribute('data-path-kind', 'triangle');
    await expect(side(page, 'right').locator('.canvas-path-text')).toHaveAttribute('data-path-kind', 'route-optimization');
    const left = Number(await cell(page, 'Mean hops', 'left').innerText());
    const right = Number(await cell(page, 'Mean hops', 'right').innerText());
    expect(left).toBeGreaterThan(0);
    expect(right).toBeLessThan(left);
    await expect(cell(page, 'Mean hops', 'difference')).toHaveText(/^−/);
    expect(Number(await cell(page, 'Delivered', 'left').innerText())).toBeGreaterThan(5);
  });

  await test.step('drag the mobile node on the left into FA2\'s cell: it moves on both sides', async () => {
    const rightBefore = await centre(mobile(page, 'right'));
    const fa1 = await centre(side(page, 'left').getByRole('button', { name: 'FA1', exact: true }));
    const fa2 = await centre(side(page, 'left').getByRole('button', { name: 'FA2', exact: true }));
    const from = await centre(mobile(page, 'left'));
    const dx = fa2.x - fa1.x + 8;
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let i = 1; i <= 20; i++) await page.mouse.move(from.x + (dx * i) / 20, from.y, { steps: 2 });
    await page.mouse.up();
    const rightScale = (await centre(side(page, 'right').getByRole('button', { name: 'FA2', exact: true }))).x - (await centre(side(page, 'right').getByRole('button', { name: 'FA1', exact: true }))).x;
    await expect.poll(async () => (await centre(mobile(page, 'right'))).x - rightBefore.x, { timeout: 15_000 }).toBeGreaterThan(rightScale * 0.8);
    await expect(page.getByTestId('compare-time')).not.toContainText('(left');
    await page.getByRole('button', { name: 'Play both' }).click();
    await expect.poll(async () => Number(await page.getByRole('slider', { name: 'Virtual time of both runs' }).inputValue()), { timeout: 30_000 }).toBeGreaterThan(14_000_000);
    await page.getByRole('button', { name: 'Pause both' }).click();
    // Both runs saw the same handoffs (the move reached both at one time): only the setting differs.
    await expect(cell(page, 'Handoffs', 'difference')).toHaveText('same');
    expect(Number(await cell(page, 'Handoffs', 'left').innerText())).toBeGreaterThan(0);
  });

  await test.step('accessible, and a screenshot at 1280×720', async () => {
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/compare.png` });
  });
  expect(errors).toEqual([]);
});

test('a link naming an unknown setting or scenario opens with a message saying so', async ({ page }) => {
  await page.goto('./#/compare?scenario=route-optimization&setting=teleport');
  await expect(page.getByRole('alert')).toContainText('"teleport" is not a setting "Route optimization" can be compared in');
  await expect(page.getByTestId('compare-sides')).toContainText('Left: Route Optimization off at the home agent', { timeout: 30_000 });

  await page.goto('./#/compare?scenario=no-such-network');
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('There is no built-in scenario "no-such-network"');
  await expect(page.getByLabel('Scenario')).toHaveValue('route-optimization');
});

test('the lab\'s Compare link opens the scenario the lab has open', async ({ page }) => {
  await page.goto('./?scenario=triangle-routing');
  await expect(page.getByRole('group', { name: 'Playback' }).getByRole('status')).toHaveText('Paused', { timeout: 30_000 });
  await page.getByRole('link', { name: 'Compare' }).click();
  await expect(page.getByLabel('Scenario')).toHaveValue('triangle-routing');
  await expect(page.getByTestId('compare-sides')).toContainText('Left: Route Optimization off at the home agent', { timeout: 30_000 });
  await expect(page.locator('section[data-side] .react-flow')).toHaveCount(2);
  await page.getByRole('link', { name: 'Back to the lab' }).click();
  await expect(page.getByRole('group', { name: 'Playback' })).toBeVisible({ timeout: 30_000 });
});
