// The course page and a lecture played from a playlist link, in real Chromium:
// an instructor builds a lecture on the course page; the class sees it in
// presentation mode — each prediction a question to the class, revealed by
// the presenter, after which the network plays the answer out — walked item
// by item with the bar and the keys a remote clicker sends. A damaged link
// still opens the lab and says why. Virtual time is driven through the page's
// test API (src/ui/app/test-api.ts), never slept.

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const SHOTS = 'test-results/screenshots';

test.describe.configure({ timeout: 180_000 });

/** base64url of the playlist's compact JSON, assembled here by hand (not by the page's encoder). */
function playlistLink(json: object): string {
  return Buffer.from(JSON.stringify(json), 'utf8').toString('base64url');
}

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return errors;
}

/** An axe scan of the whole page, or (`parts`) of those parts only. */
async function axe(page: Page, what: string, parts: readonly string[] = []): Promise<void> {
  const builder = new AxeBuilder({ page });
  for (const part of parts) builder.include(part);
  const results = await builder.analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), what).toEqual([]);
}

const status = (page: Page) => page.evaluate(() => window.routeOptimizationLab!.summary().status);

test('a lecture of three lessons in presenter view: class questions, Reveal, Next by bar and by key', async ({ page }) => {
  const errors = collectErrors(page);
  const link = playlistLink({ v: 1, t: 'Week 3', p: 1, i: [{ l: 'triangle-routing', u: 2 }, { l: 'binding-cache' }, { l: 'smooth-handoff' }] });
  await page.goto(`./?playlist=${link}&mode=workers`);
  const bar = page.getByRole('navigation', { name: 'Lecture' });

  await test.step('item 1: the first prediction is a question to the class, the network waits', async () => {
    await expect(bar).toContainText('Item 1 of 3: Triangle routing, steps 1–2', { timeout: 30_000 });
    await expect(page.getByRole('button', { name: 'Presentation mode' })).toHaveAttribute('aria-pressed', 'true');
    const question = page.getByRole('region', { name: 'Question to the class' });
    await expect(question).toContainText('How many link hops');
    await expect(page.getByRole('group', { name: 'Playback' }).getByRole('button', { name: 'Play' })).toBeDisabled();
    await page.screenshot({ path: `${SHOTS}/course-class-question.png` });
  });

  await test.step('R reveals the answer; the network plays it out and shows it', async () => {
    await page.locator('body').press('r');
    const answer = page.getByRole('region', { name: 'The answer' });
    await expect(answer).toContainText('The answer: 5');
    await expect(page.locator('.lesson-feedback')).toContainText('Revealed to the class: 5 hops');
    await expect.poll(() => status(page), { timeout: 10_000 }).toBe('playing');
    await page.evaluate(() => window.routeOptimizationLab!.advanceBy(2_500_000));
    await expect(answer).toContainText('Seen on the network:', { timeout: 30_000 });
    await expect(bar.getByRole('status')).toHaveText(''); // the item runs to step 2
    await page.screenshot({ path: `${SHOTS}/course-class-answer.png` });
  });

  await test.step('step 2, the item\'s last, revealed and done: the bar says Next goes on', async () => {
    await page.locator('.lesson-panel').getByRole('button', { name: 'Next step' }).click();
    await expect(page.getByRole('region', { name: 'Question to the class' })).toBeVisible();
    await page.locator('body').press('r');
    await page.evaluate(() => window.routeOptimizationLab!.advanceBy(1_000_000));
    await expect.poll(async () => (await page.evaluate(() => window.routeOptimizationLab!.lesson()!.states))[1], { timeout: 30_000 }).toBe('passed');
    await expect(bar.getByRole('status')).toHaveText('Done: Next goes on.');
  });

  await test.step('Page Down: item 2, a choice question with numbered choices; the button reveals it', async () => {
    await page.locator('body').press('PageDown');
    await expect(bar).toContainText('Item 2 of 3: Binding Updates and the binding cache', { timeout: 30_000 });
    const question = page.getByRole('region', { name: 'Question to the class' });
    await expect(question).toBeVisible({ timeout: 30_000 });
    await expect(question.getByRole('listitem').first()).toContainText(/^1/);
    await page.screenshot({ path: `${SHOTS}/course-class-question-choices.png` });
    // What this view adds; the panels under it are scanned by lab.spec.ts.
    await axe(page, 'the presenter view: a class question, the lecture bar', ['.class-question', '.playlist-bar', '.lesson-panel', '.network-canvas']);
    await question.getByRole('button', { name: 'Reveal the answer (R)' }).click();
    await expect(page.getByRole('region', { name: 'The answer' }).getByRole('listitem').filter({ hasText: '— the answer' })).toHaveCount(1);
    await expect.poll(() => status(page), { timeout: 10_000 }).toBe('playing');
  });

  await test.step('Next in the bar: item 3; P goes back to item 2, and the address keeps the item', async () => {
    await bar.getByRole('button', { name: 'Next' }).click();
    await expect(bar).toContainText('Item 3 of 3: Smooth handoff', { timeout: 30_000 });
    await expect(page.getByRole('region', { name: 'Smooth handoff' })).toBeVisible();
    await expect(bar.getByRole('button', { name: 'Last item' })).toBeDisabled();
    await page.locator('body').press('p');
    await expect(bar).toContainText('Item 2 of 3', { timeout: 30_000 });
    expect(new URL(page.url()).searchParams.get('item')).toBe('2');
  });
  expect(errors).toEqual([]);
});

test('the course page: the map, a filter, progress, a lecture built and opened; accessible', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('./?lesson=smooth-handoff&mode=workers');
  await expect(page.getByRole('region', { name: 'Smooth handoff' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('link', { name: 'Course' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Route Optimization Lab — the course' })).toBeVisible();
  await expect(page.locator('[data-lesson-id="smooth-handoff"]')).toContainText(/Step 1 of \d+/);
  await expect(page.locator('[data-lesson-id="triangle-routing"]')).toContainText('Not started');
  await axe(page, 'the course page');
  await page.screenshot({ path: `${SHOTS}/course-page.png`, fullPage: true });

  await page.getByRole('radio', { name: /^§4/ }).check();
  await expect(page.getByRole('heading', { level: 2, name: /^§/ })).toHaveText([/^§4/]);
  await page.getByRole('radio', { name: /^All/ }).check();

  await page.getByRole('button', { name: 'Add to the lecture: Binding Updates and the binding cache' }).click();
  await page.getByRole('button', { name: 'Add to the lecture: Triangle routing' }).click();
  await page.getByRole('button', { name: 'Move item 2 up' }).click();
  await page.getByRole('button', { name: 'Add a free-play stretch' }).click();
  await page.getByRole('textbox', { name: 'Item 3: title' }).fill('Your turn: move the mobile node');
  await axe(page, 'the lecture builder');
  await page.getByRole('link', { name: 'Open the lecture' }).click();
  const bar = page.getByRole('navigation', { name: 'Lecture' });
  await expect(bar).toContainText('Item 1 of 3: Triangle routing', { timeout: 30_000 });
  await bar.getByRole('button', { name: 'Next' }).click();
  await bar.getByRole('button', { name: 'Next' }).click({ timeout: 30_000 });
  await expect(bar).toContainText('Item 3 of 3: Free play — Your turn: move the mobile node', { timeout: 30_000 });
  await expect(page.getByRole('group', { name: 'Playback' }).getByRole('status')).toHaveText('Paused', { timeout: 30_000 });
  await expect(page.locator('.lesson-panel')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a damaged playlist link opens the lab and names what is wrong', async ({ page }) => {
  const good = playlistLink({ v: 1, i: [{ l: 'no-such-lesson' }, { l: 'smooth-handoff' }] });
  await page.goto(`./?playlist=${good}&mode=workers`);
  await expect(page.getByRole('navigation', { name: 'Lecture' })).toContainText('Item 1 of 1: Smooth handoff', { timeout: 30_000 });
  await expect(page.getByRole('alert')).toContainText('item 1: there is no lesson "no-such-lesson"');

  await page.goto(`./?playlist=${good.slice(0, 17)}&mode=workers`);
  await expect(page.getByRole('group', { name: 'Playback' }).getByRole('status')).toHaveText('Paused', { timeout: 30_000 });
  await expect(page.getByRole('alert')).toContainText('the playlist link is damaged (cut short or mistyped)');
  await expect(page.getByRole('navigation', { name: 'Lecture' })).toHaveCount(0);
});
