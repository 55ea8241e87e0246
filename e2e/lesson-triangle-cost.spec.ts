// A student takes the triangle-cost lesson in the page (Perkins & Johnson §2,
// §3): predicts the hops and the milliseconds of the detour through a
// distant home agent, reads the latency checks' measured values, makes the
// home agent's link slower in the Settings tab, switches Route Optimization
// on at the home agent and times the direct route. Virtual time is stepped
// through the page's test API, never slept.

import { expect, test } from '@playwright/test';
import { LessonDriver } from './lesson-driver';
import { LabPage } from './lab-page';

test.describe.configure({ timeout: 180_000 });

test('a student measures the cost of the triangle and what Route Optimization saves', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const lab = new LabPage(page);
  const lesson = new LessonDriver(page, 'The cost of the triangle');
  await page.goto('./?lesson=triangle-cost&mode=workers');
  await expect(lesson.root.getByText('Step 1 of 5')).toBeVisible({ timeout: 30_000 });

  await test.step('step 1: five hops through the distant home agent', async () => {
    await lesson.predict(/How many link hops/, '5', 'hops');
    await lesson.advance(2.2);
    await lesson.expectStepDone(0);
    await expect(lesson.check('in 5 hops')).toContainText('through R → HA → R → FA1 → MN');
  });

  await test.step('step 2: 84 ms one way, against 4 ms for the replies', async () => {
    await lesson.next();
    await lesson.predict(/How many milliseconds does a correspondent datagram take/, '84', 'ms');
    await lesson.advance(1);
    await lesson.expectStepDone(1);
    await expect(lesson.check('at least 80 ms')).toContainText('arrived in 84 ms through R → HA → R → FA1 → MN');
    await expect(lesson.check('at most 5 ms')).toContainText('arrived in 4 ms through FA1 → R → CN');
  });

  await test.step('step 3: the home agent\'s link set to 100 ms in the Settings tab makes it 204 ms', async () => {
    await lesson.next();
    await lesson.predict(/With the long-haul link at 100 ms/, '204', 'ms');
    await lab.node('HA').click();
    await lab.tab('Settings');
    await lab.sidePanel.getByRole('combobox', { name: 'Link' }).selectOption('ha-r');
    await lab.sidePanel.getByRole('spinbutton', { name: 'Delay (ms)' }).fill('100');
    await lab.sidePanel.getByRole('button', { name: 'Apply to long-haul link to the home network' }).click();
    await expect(lab.sidePanel.getByText(/Now: delay 100 ms/)).toBeVisible();
    await lesson.advance(1.5);
    await lesson.expectStepDone(2);
    await expect(lesson.check('at least 200 ms')).toContainText('arrived in 204 ms');
  });

  await test.step('steps 4 and 5: Route Optimization on at the home agent; the direct route takes 4 ms', async () => {
    await lesson.next();
    await lesson.root.getByRole('radio', { name: /When the home agent tunnels its next datagram/ }).check();
    await lesson.root.getByRole('button', { name: 'Check my prediction' }).click();
    await lab.sidePanel.getByRole('checkbox', { name: 'Route Optimization on' }).click();
    await lesson.advance(1.5);
    await lesson.expectStepDone(3);
    await lesson.next();
    await lesson.predict(/How many milliseconds does a correspondent datagram take to reach the mobile node now/, '4', 'ms');
    await lesson.advance(1);
    await lesson.expectStepDone(4);
    await expect(lesson.check('at most 5 ms, without the home agent')).toContainText('arrived in 4 ms through R → FA1 → MN');
  });

  expect(errors).toEqual([]);
});
