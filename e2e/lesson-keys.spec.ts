// A student takes the first two steps of the Diffie-Hellman registration-key
// lesson in the page (Perkins & Johnson §6–§8; regkey-00 §3.3): predicts
// what FA1 adds to the relayed Request, drags the mobile node from its home
// network into FA1's cell, sees the extension checks name what crossed the
// wire (116 from the mobile node, 124 from FA1), predicts who can compute the
// key, and finds the same key on both sides in the Key exchange tab. Virtual
// time is stepped through the page's test API, never slept.

import { expect, test } from '@playwright/test';
import { LessonDriver } from './lesson-driver';
import { FA1_X, LabPage } from './lab-page';

test.describe.configure({ timeout: 180_000 });

/** Where the mobile node starts in the lesson's network: in its home cell. */
const HOME = { x: 160, y: 470 };
const FA1_CELL_Y = 450;

test('a student agrees a Diffie-Hellman registration key with FA1 and finds it on both sides', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const lab = new LabPage(page);
  const lesson = new LessonDriver(page, 'Registration keys by Diffie-Hellman');
  await page.goto('./?lesson=key-diffie-hellman&mode=workers');
  await expect(lesson.root.getByText('Step 1 of 5')).toBeVisible({ timeout: 30_000 });

  await test.step('step 1: predicts 124, drags the mobile node from home into FA1\'s cell', async () => {
    await lesson.choose(/What will FA1 add to the Registration Request/, 'A Diffie-Hellman Key Reply (124) with its own g^y mod p');
    const scale = await lab.scale();
    const from = await lab.centre(lab.node('MN'));
    const [dx, dy] = [(FA1_X - HOME.x) * scale, (FA1_CELL_Y - HOME.y) * scale];
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let i = 1; i <= 20; i++) await page.mouse.move(from.x + (dx * i) / 20, from.y + (dy * i) / 20, { steps: 2 });
    await page.mouse.up();
    await lesson.advance(4);
    await lesson.expectStepDone(0);
    await expect(lesson.check('carries a Registration Key Request (116)')).toContainText('FA1 received the Registration Request from MN with extensions 116, 32');
    await expect(lesson.check('with its own Diffie-Hellman Key Reply (124)')).toContainText('HA received the Registration Request from FA1 with extensions 116, 32, 124');
  });

  await test.step('"Show me" selects the relayed Request: its 116 shows the prime the next step quotes, its 124 FA1\'s g^y', async () => {
    await lesson.check('with its own Diffie-Hellman Key Reply (124)').getByRole('button', { name: /^Show me/ }).click();
    await expect(lab.packetList.locator('[role="row"][aria-selected="true"]')).toHaveCount(1);
    const tree = page.getByRole('tree').first();
    await tree.getByRole('button', { name: 'Expand Registration Key Request extension' }).click();
    await expect(tree).toContainText('Prime p: 768-bit: 96 octets: ff ff ff ff ff ff ff ff c9 0f da a2');
    await expect(tree).toContainText('Computed value g^x mod p: 96 octets');
    await tree.getByRole('button', { name: 'Expand Diffie-Hellman Key Reply extension' }).click();
    await expect(tree).toContainText('96-octet g^y mod p');
  });

  await test.step('step 2: predicts that only the two ends can compute the key; the Key exchange tab shows the same key on both sides', async () => {
    await lesson.root.getByRole('button', { name: 'Next step' }).click();
    await lesson.choose(/Who can compute the key\?/, 'Only the mobile node and FA1');
    await lesson.advance(1);
    await lesson.expectStepDone(1);
    await expect(lesson.check('no key of the home agent\'s own')).toContainText('FA1 received the Registration Reply from HA with extensions 124, 32');
    await lab.tab('Key exchange');
    const exchange = page.locator('details.key-exchange').filter({ hasText: 'method 5' }).first();
    await expect(exchange).toBeVisible();
    if ((await exchange.getAttribute('open')) === null) await exchange.locator('summary').click();
    await expect(exchange.getByRole('note')).toContainText('hold the same key');
  });

  expect(errors).toEqual([]);
});
