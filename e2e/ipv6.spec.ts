// Route optimization in IPv6 (Perkins & Johnson §10) in the page: a student
// opens the IPv6 built-in, drags the mobile node from AR1's cell into AR2's,
// and sees in the packet list the mobile node's own Binding Update go straight
// to the correspondent and the Binding Acknowledgement come back — no home
// agent in between — and the route banner say the route is optimized to the
// new care-of address; then opens the IPv6 lesson and runs it to its first
// check. Virtual time moves through the page's test API, never by sleeping.

import { expect, test, type Locator, type Page } from '@playwright/test';
import { LessonDriver } from './lesson-driver';
import { LabPage } from './lab-page';

test.describe.configure({ timeout: 180_000 });

/** Scenario coordinates (src/scenarios/builtin/ipv6-route-optimization.json): the access routers' x, the mobile node's position. */
const AR1_X = 540;
const AR2_X = 780;
const MN_X = 540;
const CN = '2001:db8:100::5';

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return errors;
}

/** The packet list's Node filter (a select inside its "Node" label). */
const nodeFilter = (page: Page): Locator => page.getByRole('group', { name: 'Packet list filters' }).getByRole('combobox').first();

/**
 * The packet-list rows matching `message` that `node` sent (the list's Node filter and text filter, so that few
 * enough rows remain to be all drawn) to `destination`, and each row's time in seconds.
 */
async function rowsOf(lab: LabPage, message: string, node: string, destination: string): Promise<{ row: Locator; time: number }[]> {
  await nodeFilter(lab.page).selectOption(node);
  const rows = await lab.packetRows(message);
  const found: { row: Locator; time: number }[] = [];
  for (const row of await rows.all()) {
    const cells = (await row.getByRole('gridcell').allInnerTexts()).map((t) => t.trim());
    if (cells[2] === node && cells[4] === destination) found.push({ row, time: Number(cells[1]) });
  }
  return found;
}

test('a student drags the IPv6 mobile node into AR2\'s cell: its own Binding Update goes straight to the correspondent', async ({ page }) => {
  const errors = collectErrors(page);
  const lab = new LabPage(page);
  await lab.open('?scenario=ipv6-route-optimization&mode=workers');

  await test.step('the first datagram is tunnelled by the home agent; the mobile node answers with a Binding Update', async () => {
    await page.evaluate(() => window.routeOptimizationLab!.advanceBy(3_000_000));
    await expect(lab.pathBanner).toContainText('route optimized', { timeout: 30_000 });
    const first = await rowsOf(lab, 'Binding Update #', 'MN', CN);
    expect(first.length).toBe(1);
  });

  const movedAt = await test.step('drag the mobile node from AR1\'s cell into AR2\'s', async () => {
    const [ar1, ar2] = [await lab.centre(lab.node('AR1')), await lab.centre(lab.node('AR2'))];
    const scale = (ar2.x - ar1.x) / (AR2_X - AR1_X);
    const from = await lab.centre(lab.node('MN'));
    const dx = (AR2_X - MN_X) * scale;
    // While the network plays, as lab.spec.ts drags: the node crosses the overlap of the two cells over a few virtual milliseconds.
    await lab.playback.getByRole('button', { name: 'Play' }).click();
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let i = 1; i <= 20; i++) await page.mouse.move(from.x + (dx * i) / 20, from.y, { steps: 2 });
    await page.mouse.up();
    await lab.playback.getByRole('button', { name: 'Pause' }).click();
    await expect(lab.status).toHaveText('Paused');
    // A drag moves the node as it goes (one move command per step of the pointer); the handoff follows the last.
    await expect.poll(() => page.evaluate(() => window.routeOptimizationLab!.commandLog().length)).toBeGreaterThan(0);
    // The drag began in AR1's cell: whatever the mobile node sends its correspondent after its first step is the handoff's.
    const at = await page.evaluate(() => window.routeOptimizationLab!.commandLog()[0]!.at);
    await page.evaluate(() => window.routeOptimizationLab!.advanceBy(1_500_000));
    return at / 1e6;
  });

  await test.step('the packet list: the Binding Update from the mobile node straight to the correspondent, and its acknowledgement back', async () => {
    const updates = (await rowsOf(lab, 'Binding Update #', 'MN', CN)).filter((r) => r.time >= movedAt);
    expect(updates.length).toBeGreaterThanOrEqual(1);
    await updates[0]!.row.click();
    const tree = page.getByRole('tree').first();
    await expect(tree).toContainText('Binding Update');
    await expect(tree).toContainText('Home Address');
    await expect(tree).toContainText('Authentication Header');
    // Not by the home agent: it sent no Binding Update at all.
    await nodeFilter(page).selectOption('HA');
    await expect(page.locator('.packet-count')).toHaveText(/^0 of \d+ packets$/);
    // The correspondent's acknowledgement, to the home address (a type 2 Routing header carries it; RFC 6275 §6.4).
    const back = (await rowsOf(lab, 'Binding Acknowledgement', 'CN', '2001:db8:1::10')).filter((r) => r.time >= movedAt);
    expect(back.length).toBeGreaterThanOrEqual(1);
    await back[0]!.row.click();
    await expect(tree).toContainText('Binding Acknowledgement');
    await expect(tree).toContainText('Routing');
    await nodeFilter(page).selectOption('');
  });

  await test.step('the banner: route optimized, straight to the new care-of address in AR2\'s prefix', async () => {
    await expect(lab.pathBanner).toContainText('route optimized');
    await expect(lab.pathBanner).toContainText('2001:db8:3:');
  });

  await test.step('the Settings tab offers the IPv6 switches: Route Optimization and smooth handoff at the mobile node, smooth handoff at AR1', async () => {
    await lab.tab('Settings');
    // The tab's node picker (on the canvas a packet may lie over a node): a list of buttons, then a select.
    await lab.sidePanel.getByRole('button', { name: /^Mobile node mobile node/ }).click();
    const picker = lab.sidePanel.locator('label.node-select select:visible');
    await expect(lab.sidePanel.getByRole('checkbox', { name: 'Route Optimization on' })).toBeChecked();
    await expect(lab.sidePanel.getByRole('checkbox', { name: 'Smooth handoff on' })).toBeChecked();
    await picker.selectOption('AR1');
    await lab.sidePanel.getByRole('checkbox', { name: 'Smooth handoff on' }).click();
    await expect(lab.sidePanel.getByRole('checkbox', { name: 'Smooth handoff on' })).not.toBeChecked();
    await expect.poll(() => page.evaluate(() => window.routeOptimizationLab!.commandLog().at(-1)!.command)).toMatchObject({ type: 'configure', node: 'AR1', setting: 'smooth-handoff', value: false });
  });
  expect(errors).toEqual([]);
});

test('the IPv6 lesson runs in the player to its first check', async ({ page }) => {
  const errors = collectErrors(page);
  const lesson = new LessonDriver(page, 'Route optimization in IPv6');
  await page.goto('./?lesson=ipv6-route-optimization&mode=workers');
  await expect(lesson.root.getByText('Step 1 of 5')).toBeVisible({ timeout: 30_000 });
  await lesson.choose(/Who sends the correspondent/, 'The mobile node itself');
  await lesson.advance(2.6);
  await lesson.expectStepDone(0);
  await expect(lesson.check('The correspondent accepts a Binding Update from the mobile node')).toContainText('CN accepted the Binding Update from MN');
  await expect(lesson.check('tunnelled by the home agent')).toContainText('R → HA → R → AR1 → MN');
  expect(errors).toEqual([]);
});
