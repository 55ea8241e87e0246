// The canvas tells the truth (docs/lessons.md): a student walks the mobile node
// out of every cell while the correspondent's datagrams keep coming. The route
// banner must stop showing a healthy route at once, turn red — "lost", where
// and why — within one datagram, mark the losses on the canvas, and come back
// to the route as soon as datagrams arrive again after the student returns.
//
// The banner's changes are recorded in the page with the virtual time at which
// each was drawn, so the test checks "within one datagram" against the trace
// itself, not against how quickly the test happened to look.

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { LabPage } from './lab-page';

const SHOTS = 'test-results/screenshots';
/** route-optimization.json: the correspondent sends to the mobile node every 500 ms. */
const DATAGRAM_INTERVAL = 500_000;

test.describe.configure({ timeout: 180_000 });

interface TraceLine {
  readonly time: number;
  readonly node: string;
  readonly kind: string;
  readonly summary: string;
}

interface BannerChange {
  readonly state: string;
  readonly now: number;
}

async function traceOf(page: Page): Promise<TraceLine[]> {
  const lines = await page.evaluate(() => window.routeOptimizationLab!.exportTraceJsonLines());
  return lines.trim().split('\n').map((l) => JSON.parse(l) as TraceLine);
}

/** Records every change of the banner's state (data-path-kind) with the virtual time it was drawn at. */
async function recordBanner(page: Page): Promise<void> {
  await page.evaluate(() => {
    const el = document.querySelector('.canvas-path-text')!;
    const log: { state: string; now: number }[] = [];
    (window as unknown as { bannerChanges: typeof log }).bannerChanges = log;
    const note = (): void => { log.push({ state: el.getAttribute('data-path-kind') ?? '', now: window.routeOptimizationLab!.summary().now }); };
    note();
    new MutationObserver(note).observe(el, { attributes: true, attributeFilter: ['data-path-kind'] });
  });
}

async function bannerChanges(page: Page): Promise<BannerChange[]> {
  return page.evaluate(() => (window as unknown as { bannerChanges: BannerChange[] }).bannerChanges);
}

/** The first correspondent → mobile node datagram sent after `t`. */
function firstDatagramAfter(trace: readonly TraceLine[], t: number): number {
  const sent = trace.find((e) => e.node === 'CN' && e.kind === 'sent' && e.time > t && e.summary.includes('(flow cn-to-mn'));
  if (sent === undefined) throw new Error(`no datagram from CN after ${t} µs`);
  return sent.time;
}

/** When the mobile node's radio last changed to `what` ("out of range of every cell", "attached to cell1"). */
function radioChange(trace: readonly TraceLine[], what: string): number {
  const change = trace.filter((e) => e.node === 'MN' && e.kind === 'table-changed' && e.summary.startsWith(`radio ${what}`)).at(-1);
  if (change === undefined) throw new Error(`the mobile node's radio never became "${what}"`);
  return change.time;
}

test('the banner turns to "lost" within one datagram after the mobile node leaves every cell', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const lab = new LabPage(page);
  await lab.open('?scenario=route-optimization&mode=workers');

  await test.step('play from 4 s in real time: the optimized route', async () => {
    await page.getByRole('slider', { name: 'Virtual time' }).fill('4000000');
    await expect.poll(() => lab.virtualTime()).toBe(4_000_000);
    await lab.setSpeed('real time (1×)');
    await lab.playback.getByRole('button', { name: 'Play' }).click();
    await expect(lab.pathBanner).toHaveAttribute('data-path-kind', 'route-optimization', { timeout: 30_000 });
    await recordBanner(page);
  });

  await test.step('walk the mobile node out of every cell with the arrow keys', async () => {
    await lab.node('MN').focus();
    // From y = 470, 50 units a press: FA1's cell (centre 450, radius 150) ends after the third.
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Shift+ArrowDown');
      await page.waitForTimeout(150); // past the canvas's 100 ms move throttle: each press is one move
    }
    await expect(lab.pathBanner).toHaveAttribute('data-path-kind', 'lost', { timeout: 30_000 });
    await expect(lab.pathBanner).toContainText('Datagrams lost at FA1');
    await expect(lab.pathBanner).toContainText('has no forwarding pointer');
    await expect(page.getByRole('img', { name: /^Lost in FA1 cell/ }).first()).toBeVisible();
  });

  await test.step('it never showed the route to FA1 after the move, and turned red before the next datagram', async () => {
    const trace = await traceOf(page);
    const left = radioChange(trace, 'out of range of every cell');
    const first = firstDatagramAfter(trace, left);
    const changes = (await bannerChanges(page)).filter((c) => c.now >= left);
    // The first change after the move: away from the healthy route, at once (within a few frames at 1×).
    expect(changes[0]!.state).not.toBe('route-optimization');
    expect(changes[0]!.now - left).toBeLessThan(200_000);
    // Red once the first datagram after the move has died in FA1's cell (FA1 sends it 5 ms after CN),
    // before the correspondent sends the next one.
    const lost = changes.find((c) => c.state === 'lost')!;
    expect(lost.now).toBeGreaterThanOrEqual(first + 5_000);
    expect(lost.now).toBeLessThan(first + DATAGRAM_INTERVAL);
    expect(changes.filter((c) => c.now < lost.now).every((c) => c.state !== 'route-optimization')).toBe(true);
  });

  await test.step('the loss, as the student sees it, in a lecture hall too', async () => {
    await lab.playback.getByRole('button', { name: 'Pause' }).click();
    await page.screenshot({ path: `${SHOTS}/loss-banner.png` });
    const scan = await new AxeBuilder({ page }).include('.lab-canvas').analyze();
    expect(scan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await page.getByRole('button', { name: 'Presentation mode' }).click();
    await page.screenshot({ path: `${SHOTS}/loss-banner-presentation.png` });
    await page.getByRole('button', { name: 'Presentation mode' }).click();
    await lab.playback.getByRole('button', { name: 'Play' }).click();
  });

  await test.step('walk it back into FA1\'s cell: the route returns with the next datagram', async () => {
    await recordBanner(page);
    await lab.node('MN').focus();
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Shift+ArrowUp');
      await page.waitForTimeout(150);
    }
    await expect(lab.pathBanner).toHaveAttribute('data-path-kind', 'route-optimization', { timeout: 30_000 });
    const trace = await traceOf(page);
    const back = radioChange(trace, 'attached to cell1');
    const first = firstDatagramAfter(trace, back);
    const recovered = (await bannerChanges(page)).find((c) => c.state === 'route-optimization')!;
    // Delivered 6 ms after it was sent (CN → R → FA1 → MN): the route shows from then on.
    expect(recovered.now).toBeGreaterThanOrEqual(first + 6_000);
    expect(recovered.now).toBeLessThan(first + DATAGRAM_INTERVAL);
  });
  expect(errors).toEqual([]);
});
