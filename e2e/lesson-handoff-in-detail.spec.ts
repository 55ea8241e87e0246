// A student takes the first two steps of "Smooth handoff in detail" in the page
// (Perkins & Johnson §4.1; the registration key of §9): sees the key agreed
// with FA1, drags the mobile node through the overlap into FA2's cell, and reads
// the Previous Foreign Agent Notification field by field in the packet the
// extension check selects. Virtual time is stepped through the page's test
// API, never slept.

import { expect, test, type Page } from '@playwright/test';
import { LessonDriver } from './lesson-driver';
import { FA1_X, FA2_X, LabPage } from './lab-page';

test.describe.configure({ timeout: 180_000 });

const OVERLAP_X = 660;

/** Drags the mobile node by (dx, dy) scenario units, in small moves as a hand would. */
async function drag(page: Page, lab: LabPage, dx: number, dy: number): Promise<void> {
  const scale = await lab.scale();
  const from = await lab.centre(lab.node('MN'));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 20; i++) await page.mouse.move(from.x + (dx * scale * i) / 20, from.y + (dy * scale * i) / 20, { steps: 2 });
  await page.mouse.up();
}

test('a student reads the Previous Foreign Agent Notification of a real smooth handoff', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const lab = new LabPage(page);
  const lesson = new LessonDriver(page, 'Smooth handoff in detail');
  await page.goto('./?lesson=handoff-in-detail&mode=workers');
  await expect(lesson.root.getByText('Step 1 of 6')).toBeVisible({ timeout: 30_000 });

  await test.step('step 1: predicts the registration key; the check names the method', async () => {
    await lesson.choose(/what does the mobile node set up with FA1/, 'A registration key shared with FA1');
    await lesson.advance(3);
    await lesson.expectStepDone(0);
    await expect(lesson.check('agree on a registration key by Diffie-Hellman')).toContainText('MN shares a key by method 5');
  });

  await test.step('step 2: drags the mobile node through the overlap into FA2\'s cell; the Request carries extension 96, the relayed one does not', async () => {
    await lesson.root.getByRole('button', { name: 'Next step' }).click();
    await lesson.choose(/Which node sends FA1 the Binding Update/, 'FA2, from the notification in the mobile node\'s Registration Request');
    await drag(page, lab, OVERLAP_X - FA1_X, 0); // the mobile node starts under FA1
    await lesson.advance(2);
    await drag(page, lab, FA2_X - OVERLAP_X, 0);
    await lesson.advance(2);
    await lesson.expectStepDone(1);
    await expect(lesson.check('carries a Previous Foreign Agent Notification (type 96)')).toContainText('FA2 received the Registration Request from MN with extensions');
    await expect(lesson.check('without it: the notification is for FA2 alone')).toContainText('HA received the Registration Request from FA2');
  });

  await test.step('"Show me" selects the Request: the notification shows the Cache Lifetime, FA1\'s address and the new care-of address', async () => {
    await lesson.check('carries a Previous Foreign Agent Notification (type 96)').getByRole('button', { name: /^Show me/ }).click();
    await expect(lab.packetList.locator('[role="row"][aria-selected="true"]')).toHaveCount(1);
    const tree = page.getByRole('tree').first();
    await tree.getByRole('button', { name: 'Expand Previous Foreign Agent Notification extension' }).click();
    await expect(tree).toContainText('Cache Lifetime: 10 s');
    await expect(tree).toContainText('Previous Foreign Agent Address: 192.168.2.1');
    await expect(tree).toContainText('New Care-of Address: 192.168.3.1');
  });

  expect(errors).toEqual([]);
});
