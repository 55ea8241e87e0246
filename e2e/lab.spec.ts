// The lab as an instructor uses it in a lecture (docs/architecture.md "UI"): open it, let the
// room watch triangle routing become the optimized route, drag the mobile node
// from FA1's cell into FA2's, and follow the handoff in every view. Then the
// same with the keyboard only, an accessibility scan, and the screenshots.

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { FA2_X, LabPage } from './lab-page';

const SHOTS = 'test-results/screenshots';

// Each story plays tens of seconds of virtual time at 4×, on a slow shared machine.
test.describe.configure({ timeout: 180_000 });

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return errors;
}

/**
 * Triangle routing lasts one datagram here (the home agent's Binding Update
 * follows the first one, optim-08 §3), so — as an instructor would — go to
 * just before the first datagram at 2 s, then play it in slow motion.
 * `goTo` moves the seek bar there; `play` presses Play.
 */
async function watchTriangleBecomeDirect(lab: LabPage, goTo: () => Promise<void>, play: () => Promise<void>): Promise<void> {
  await goTo();
  await expect.poll(() => lab.virtualTime()).toBe(1_900_000);
  await lab.setSpeed('slow motion (100 ms = 1 s)');
  await play();
  await expect(lab.pathBanner).toHaveAttribute('data-path-kind', 'triangle', { timeout: 30_000 });
  await expect(lab.pathBanner).toContainText('via HA');
  await expect(lab.pathBanner).toHaveAttribute('data-path-kind', 'route-optimization', { timeout: 30_000 });
  await expect(lab.pathBanner).toContainText('192.168.2.1');
  await lab.setSpeed('4× faster');
}

async function expectHandoffEverywhere(lab: LabPage, page: Page): Promise<void> {
  await test.step('the path switches to the direct route to FA2\'s care-of address', async () => {
    await expect(lab.pathBanner).toContainText('192.168.3.1', { timeout: 60_000 });
    await expect(lab.pathBanner).toHaveAttribute('data-path-kind', 'route-optimization');
  });
  await lab.playback.getByRole('button', { name: 'Pause' }).click();

  await test.step('the packet list shows the registration through FA2 and the Binding Updates', async () => {
    const registrations = await lab.packetRows('Registration Request');
    await expect(registrations.filter({ hasText: '192.168.3.1' }).first()).toBeVisible();
    const updates = await lab.packetRows('Binding Update');
    // The home agent tells the correspondent (optim-08 §3) and FA2 tells FA1, the smooth handoff (optim-08 §5.1).
    await expect(updates.filter({ hasText: '198.51.100.5' }).first()).toBeVisible();
    await expect(updates.filter({ has: page.getByRole('gridcell', { name: 'FA2', exact: true }) }).first()).toBeVisible();
  });

  await test.step('the ladder shows the smooth-handoff Binding Update from FA2', async () => {
    const fromFa2 = (await lab.packetRows('Binding Update')).filter({ has: page.getByRole('gridcell', { name: 'FA2', exact: true }) }).first();
    await fromFa2.click();
    await lab.tab('Ladder diagram');
    const arrow = page.getByRole('button', { name: /^Binding Update, FA2 to R, / });
    await expect(arrow).toHaveAttribute('aria-pressed', 'true');
    await lab.tab('Packets');
  });

  await test.step('the correspondent\'s binding cache now holds FA2\'s care-of address', async () => {
    await lab.node('CN').click();
    await lab.tab('Tables');
    await expect(lab.sidePanel).toContainText('192.168.3.1');
  });
}

test('an instructor drags the mobile node from FA1 to FA2 and every view follows the handoff', async ({ page }) => {
  const errors = collectErrors(page);
  const lab = new LabPage(page);
  await lab.open('?scenario=explore&mode=workers');
  await page.screenshot({ path: `${SHOTS}/lab-opened.png` });

  await test.step('play: triangle routing, then the optimized route after the home agent\'s Binding Update', async () => {
    await watchTriangleBecomeDirect(
      lab,
      () => page.getByRole('slider', { name: 'Virtual time' }).fill('1900000'),
      () => lab.playback.getByRole('button', { name: 'Play' }).click(),
    );
    await page.screenshot({ path: `${SHOTS}/lab-route-optimized.png` });
  });

  await test.step('drag the mobile node out of FA1\'s cell into FA2\'s while packets fly', async () => {
    const scale = await lab.scale();
    const from = await lab.centre(lab.node('MN'));
    const dx = (FA2_X + 20 - 540) * scale;
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let i = 1; i <= 30; i++) await page.mouse.move(from.x + (dx * i) / 30, from.y, { steps: 2 });
    await page.mouse.up();
  });

  await expectHandoffEverywhere(lab, page);
  await page.screenshot({ path: `${SHOTS}/lab-after-handoff.png` });

  await test.step('select the registration and read it byte by byte', async () => {
    const registration = (await lab.packetRows('Registration Request')).filter({ hasText: '192.168.3.1' }).first();
    await registration.click();
    const tree = page.getByRole('tree').first();
    await expect(tree).toContainText('Registration Request');
    await tree.getByRole('button', { name: /^Care-of Address/ }).first().click();
    await expect(page.locator('.hex-byte.lit')).toHaveCount(4);
    await page.screenshot({ path: `${SHOTS}/inspector-registration.png` });
  });

  await test.step('the key exchange and the ladder, for the record', async () => {
    await lab.tab('Key exchange');
    await expect(lab.sidePanel).toContainText('Diffie-Hellman');
    await page.screenshot({ path: `${SHOTS}/key-exchange.png` });
    await lab.tab('Ladder diagram');
    await page.screenshot({ path: `${SHOTS}/ladder.png` });
  });
  expect(errors).toEqual([]);
});

test('the same handoff with the keyboard only', async ({ page }) => {
  const errors = collectErrors(page);
  const lab = new LabPage(page);
  await lab.open('?scenario=explore&mode=workers');

  /** Presses Tab (or Shift+Tab) until the focused element's accessible name (aria-label, label or text) is `name`. */
  const focusByTab = async (name: string, key: 'Tab' | 'Shift+Tab'): Promise<void> => {
    for (let i = 0; i < 150; i++) {
      await page.keyboard.press(key);
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        return (el?.getAttribute('aria-label') ?? el?.closest('label')?.firstChild?.textContent ?? el?.textContent ?? '').trim();
      });
      if (focused === name) return;
    }
    throw new Error(`could not reach "${name}" with ${key}`);
  };

  await test.step('with the keyboard: the seek bar to 1.9 s, then Play, through triangle routing to the optimized route', async () => {
    await watchTriangleBecomeDirect(
      lab,
      async () => {
        await focusByTab('Virtual time', 'Tab');
        for (let i = 0; i < 19; i++) await page.keyboard.press('ArrowRight'); // 19 × 0.1 s
      },
      async () => {
        await focusByTab('Play', 'Shift+Tab');
        await page.keyboard.press('Enter');
      },
    );
  });

  await test.step('Tab to the mobile node and walk it into FA2\'s cell with the arrow keys', async () => {
    await focusByTab('MN', 'Tab');
    for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowRight'); // 5 × 50 units: x 540 → 790
  });

  await expectHandoffEverywhere(lab, page);
  expect(errors).toEqual([]);
});

test('the lab passes an accessibility scan in its main views', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open('?scenario=smooth-handoff&mode=workers');
  await lab.setSpeed('fast-forward (as fast as possible)');
  await lab.playback.getByRole('button', { name: 'Play' }).click();
  await expect(lab.status).toHaveText(/Finished/, { timeout: 90_000 });
  (await lab.packetRows('Registration Request')).first().click();
  // A packet picked and no node yet: the packet's details must not lean on a heading in another panel.
  await expect(page.getByRole('heading', { level: 2, name: /No\. \d+ · Registration Request/ })).toBeVisible();
  const nothingPicked = await new AxeBuilder({ page }).analyze();
  expect(nothingPicked.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), 'a packet and no node picked').toEqual([]);
  await lab.node('HA').click();

  for (const [bottom, side] of [['Packets', 'Tables'], ['Ladder diagram', 'Key exchange'], ['Packets', 'Settings']] as const) {
    await lab.tab(bottom);
    await lab.tab(side);
    // A tab's code arrives when it is first opened (src/ui/app/lazy-view.tsx): scan the view, not its loading line.
    await expect(page.locator('.view-loading')).toHaveCount(0);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), `${bottom} + ${side}`).toEqual([]);
  }
  await page.getByRole('button', { name: 'Presentation mode' }).click();
  const presentation = await new AxeBuilder({ page }).analyze();
  expect(presentation.violations.map((v) => v.id)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/presentation-mode.png` });
});
