// A student completes the triangle-routing lesson with the mouse
// and the keyboard: answers each prediction before the network runs on, acts
// on the live network — plays, drags the mobile node, switches Route
// Optimization on at the correspondent and then, by keyboard, at the home
// agent — sees each step's checks pass, and uses "Show me". Virtual time is
// stepped through the page's test API (src/ui/app/test-api.ts), never slept.
// Then: the lesson panel passes an accessibility scan, and a reload restores
// the student's progress.

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { builtinLessonsInOrder, nextBuiltinLesson } from './builtin-lessons';
import { FA2_X, LabPage } from './lab-page';

const SHOTS = 'test-results/screenshots';

test.describe.configure({ timeout: 180_000 });

class LessonPanel {
  readonly root: Locator;
  readonly checks: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByRole('region', { name: 'Triangle routing' });
    this.checks = this.root.getByRole('list', { name: 'Checks' });
  }

  check(text: string): Locator {
    return this.checks.getByRole('listitem').filter({ hasText: text });
  }

  /** Virtual time forward by `seconds` at once (a seek forward, which leaves the run paused). */
  async advance(seconds: number): Promise<void> {
    await this.page.evaluate((us) => window.routeOptimizationLab!.advanceBy(us), Math.round(seconds * 1_000_000));
  }

  async expectStepDone(step: number): Promise<void> {
    await expect.poll(async () => (await this.page.evaluate(() => window.routeOptimizationLab!.lesson()!.states))[step], { timeout: 30_000 }).toBe('passed');
    await expect(this.root.getByRole('status')).toContainText('Step done');
  }

  async choose(question: RegExp, answer: string): Promise<void> {
    await this.root.getByRole('radiogroup', { name: question }).getByRole('radio', { name: answer }).check();
    await this.root.getByRole('button', { name: 'Check my prediction' }).click();
  }
}

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return errors;
}

/** An axe scan of the whole page, or (`panel`) of the lesson panel and the dialogs only. */
async function scan(page: Page, what: string, panel = false): Promise<void> {
  const builder = new AxeBuilder({ page });
  // The packet inspector's decoded tree (a packet selected by "Show me") is scanned by lab.spec.ts.
  const results = await (panel ? builder.include('.lesson-panel') : builder).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), what).toEqual([]);
}

test('a student completes the triangle-routing lesson with mouse and keyboard', async ({ page }) => {
  const errors = collectErrors(page);
  const lab = new LabPage(page);
  const lesson = new LessonPanel(page);
  await page.goto('./?lesson=triangle-routing&mode=workers');
  await expect(lesson.root.getByText('Step 1 of 5')).toBeVisible({ timeout: 30_000 });
  await expect(lab.playback.getByRole('button', { name: 'Play' })).toBeDisabled();
  await page.screenshot({ path: `${SHOTS}/lesson-triangle-routing-step-1.png` });

  await test.step('step 1: predicts the hops by keyboard, then watches the first datagram take five', async () => {
    await lesson.root.getByRole('spinbutton', { name: /How many link hops/ }).focus();
    await page.keyboard.type('5');
    await page.keyboard.press('Enter');
    const feedback = lesson.root.locator('.lesson-feedback');
    await expect(feedback).toBeFocused(); // the answer's explanation, read next
    await expect(feedback).toContainText('Right. You predicted: 5 hops');
    await expect(lab.playback.getByRole('button', { name: 'Pause' })).toBeVisible(); // the network runs on
    await lesson.advance(2.2);
    await lesson.expectStepDone(0);
    await expect(lesson.check('in 5 hops, through the home agent and FA1')).toContainText('Done at 2.022 s');
    await scan(page, 'a step done, with its checks');
  });

  await test.step('"Show me" selects the datagram\'s last hop in the packet list', async () => {
    await lesson.check('in 5 hops').getByRole('button', { name: /^Show me/ }).click();
    const selected = lab.packetList.locator('[role="row"][aria-selected="true"]');
    await expect(selected).toHaveCount(1);
    await expect(selected).toContainText('FA1');
    await expect(selected).toContainText('UDP');
    // The selection is made at once; the playhead follows when the seek completes.
    await expect.poll(() => lab.virtualTime()).toBe(2_022_000);
  });

  await test.step('step 2: Next by keyboard, the focus on the new step; a radio answer by keyboard', async () => {
    await lesson.root.getByRole('button', { name: 'Next step' }).press('Enter');
    await expect(lesson.root.getByRole('heading', { level: 3, name: 'The short way back' })).toBeFocused();
    await scan(page, 'a prediction asked', true);
    await page.keyboard.press('Tab'); // past the narrative's citation links to the first radio
    while (!(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type === 'radio'))) await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await expect(lesson.root.getByText('Right.')).toBeVisible();
    await lesson.advance(0.5);
    await lesson.expectStepDone(1);
  });

  await test.step('step 3: drags the mobile node into FA2\'s cell; the home agent learns FA2, the route still goes home', async () => {
    await lesson.root.getByRole('button', { name: 'Next step' }).click();
    await lesson.choose(/Once the mobile node has registered through FA2/, 'Still through the home agent, which now tunnels them to FA2');
    const scale = await lab.scale();
    const from = await lab.centre(lab.node('MN'));
    const dx = (FA2_X - 540) * scale;
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let i = 1; i <= 20; i++) await page.mouse.move(from.x + (dx * i) / 20, from.y, { steps: 2 });
    await page.mouse.up();
    await lesson.advance(3);
    await lesson.expectStepDone(2);
    await expect(lesson.check('through the home agent and FA2')).toContainText('through R → HA → R → FA2 → MN');
  });

  await test.step('step 4: switches Route Optimization on at the correspondent; no Binding Update comes', async () => {
    await lesson.root.getByRole('button', { name: 'Next step' }).click();
    await lesson.choose(/What happens to the route once Route Optimization is on at the correspondent\?/, 'Nothing changes: no Binding Update ever comes');
    await lab.node('CN').click();
    await lab.tab('Settings');
    // The box shows the node's own state: it turns checked once the running node has taken the command.
    const box = lab.sidePanel.getByRole('checkbox', { name: 'Route Optimization on' });
    await box.click();
    await expect(box).toBeChecked();
    await lesson.advance(5.6); // the check waits 5 s after the switch
    await lesson.expectStepDone(3);
  });

  await test.step('step 5, by keyboard: the home agent\'s setting too; it decides against a Binding Update', async () => {
    await lesson.root.getByRole('button', { name: 'Next step' }).press('Enter');
    await lesson.root.getByRole('radio', { name: /No: they share no security association/ }).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await lab.sidePanel.getByRole('combobox', { name: 'Node' }).focus();
    await page.keyboard.type('Home agent'); // a closed select picks the option whose text starts so
    await expect(lab.sidePanel.getByRole('heading', { name: 'Home agent' })).toBeVisible();
    const box = lab.sidePanel.getByRole('checkbox', { name: 'Route Optimization on' });
    await box.focus();
    await page.keyboard.press('Space');
    await expect(box).toBeChecked();
    await lesson.advance(5.6);
    await lesson.expectStepDone(4);
    await expect(lesson.root.getByRole('region', { name: 'Lesson complete' })).toBeVisible();
    // Whatever follows in teaching order (src/lessons/builtin/index.ts), not a copy of it.
    await expect(lesson.root.getByRole('button', { name: `Next lesson: ${nextBuiltinLesson('triangle-routing').title}`, exact: true })).toBeVisible();
  });

  await scan(page, 'the lesson complete', true);
  await page.getByRole('button', { name: 'Presentation mode' }).click();
  await scan(page, 'presentation mode', true);
  await page.screenshot({ path: `${SHOTS}/lesson-complete-presentation.png` });
  await page.getByRole('button', { name: 'Presentation mode' }).click();

  await test.step('a reload comes back to the last step, its answer and its passed checks', async () => {
    await page.reload();
    await expect(lesson.root.getByText('Step 5 of 5')).toBeVisible({ timeout: 30_000 });
    await expect(lesson.root.getByText(/^Right\./)).toBeVisible();
    await expect.poll(() => lab.virtualTime(), { timeout: 60_000 }).toBeGreaterThan(15_000_000); // the run replayed to where it was
    await expect(lesson.check('The home agent sends no Binding Update')).toContainText('Done at');
  });
  expect(errors).toEqual([]);
});

test('a first visit is greeted, and "Start the first lesson" opens it', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('./?mode=workers');
  const greeting = page.getByRole('dialog', { name: 'Welcome to the Route Optimization Lab' });
  await expect(greeting).toBeVisible();
  await expect(greeting.getByRole('button', { name: 'Start the first lesson' })).toBeFocused();
  await scan(page, 'the greeting');
  await page.screenshot({ path: `${SHOTS}/lesson-greeting.png` });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Triangle routing' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { level: 3, name: 'The long way round' })).toBeFocused();
  expect(new URL(page.url()).searchParams.get('lesson')).toBe('triangle-routing');
  await page.goto('./?mode=workers');
  await expect(page.getByRole('region', { name: 'Triangle routing' })).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Playback' }).getByRole('status')).toHaveText('Paused', { timeout: 30_000 });
  await expect(page.getByRole('dialog')).toHaveCount(0); // never again
  expect(errors).toEqual([]);
});

test('an unknown lesson in the address opens the first one and says so', async ({ page }) => {
  await page.goto('./?lesson=no-such-lesson&mode=workers');
  await expect(page.getByRole('region', { name: 'Triangle routing' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('alert')).toContainText('there is no lesson "no-such-lesson"; the first lesson, "triangle-routing", is opened instead');
});

test('each built-in lesson opens at its first step, at 1280×720 and in presentation mode (screenshots for the course team)', async ({ page }) => {
  test.setTimeout(420_000); // every lesson of the course, two screenshots each
  const lessons = builtinLessonsInOrder();
  expect(lessons.length).toBeGreaterThanOrEqual(4);
  for (const { id, title } of lessons) {
    await page.goto(`./?lesson=${id}&mode=workers`);
    const panel = page.locator('.lesson-panel');
    await expect(panel).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('region', { name: title, exact: true })).toBeVisible();
    await expect(panel.locator('.lesson-progress')).toContainText(/Step 1 of \d+/);
    await page.screenshot({ path: `${SHOTS}/lesson-${id}-first-step.png` });
    const presentation = page.getByRole('button', { name: 'Presentation mode' });
    if ((await presentation.getAttribute('aria-pressed')) !== 'true') await presentation.click();
    await expect(presentation).toHaveAttribute('aria-pressed', 'true');
    await page.screenshot({ path: `${SHOTS}/lesson-${id}-first-step-presentation.png` });
    await presentation.click();
  }
});
