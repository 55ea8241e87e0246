// A student completes the triangle-routing lesson in the page, as in
// lesson.spec.ts but briskly: answers each prediction, drags the mobile node,
// switches Route Optimization on at the correspondent and the home agent.
// Part-way and at the end they download the lab report; `mip-lab check`
// replays each and confirms every claim (exit 0), and refutes an edited copy
// (exit 1). The printable summary shows the same run for a person. Virtual
// time is stepped through the page's test API, never slept.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Download, type Locator, type Page } from '@playwright/test';
import { FA2_X, LabPage } from './lab-page';

test.describe.configure({ timeout: 180_000 });

const dir = mkdtempSync(join(tmpdir(), 'lab-report-e2e-'));

/** `mip-lab check` on a file, as a grader runs it. */
function check(file: string): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, ['bin/mip-lab.js', 'check', file], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

async function saved(download: Promise<Download>, name: string): Promise<{ file: string; suggested: string }> {
  const d = await download;
  const file = join(dir, name);
  await d.saveAs(file);
  return { file, suggested: d.suggestedFilename() };
}

class Lesson {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByRole('region', { name: 'Triangle routing' });
  }

  async advance(seconds: number): Promise<void> {
    await this.page.evaluate((us) => window.routeOptimizationLab!.advanceBy(us), Math.round(seconds * 1_000_000));
  }

  async done(step: number): Promise<void> {
    await expect.poll(async () => (await this.page.evaluate(() => window.routeOptimizationLab!.lesson()!.states))[step], { timeout: 30_000 }).toBe('passed');
  }

  async choose(question: RegExp, answer: string): Promise<void> {
    await this.root.getByRole('radiogroup', { name: question }).getByRole('radio', { name: answer }).check();
    await this.root.getByRole('button', { name: 'Check my prediction' }).click();
  }

  async next(): Promise<void> {
    await this.root.getByRole('button', { name: 'Next step' }).click();
  }
}

test('a report downloaded from the lesson player is confirmed by mip-lab check', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const lab = new LabPage(page);
  const lesson = new Lesson(page);
  await page.goto('./?lesson=triangle-routing&mode=workers');
  await expect(lesson.root.getByText('Step 1 of 5')).toBeVisible({ timeout: 30_000 });

  await test.step('steps 1 and 2: predictions answered, the run watched', async () => {
    await lesson.root.getByRole('spinbutton', { name: /How many link hops/ }).fill('4'); // wrong: it is five
    await lesson.root.getByRole('button', { name: 'Check my prediction' }).click();
    await expect(lesson.root.getByText('Not quite.')).toBeVisible();
    await lesson.advance(2.2);
    await lesson.done(0);
    await lesson.next();
    await lesson.root.getByRole('radiogroup').getByRole('radio').first().check();
    await lesson.root.getByRole('button', { name: 'Check my prediction' }).click();
    await lesson.advance(0.5);
    await lesson.done(1);
  });

  await test.step('part-way, the Report menu downloads the run so far; mip-lab check confirms it', async () => {
    await lesson.root.getByText('Report', { exact: true }).click();
    const downloading = page.waitForEvent('download');
    await page.screenshot({ path: 'test-results/screenshots/lab-report-menu.png' });
    await lesson.root.getByRole('button', { name: 'Download report' }).click();
    const { file, suggested } = await saved(downloading, 'part-way.json');
    expect(suggested).toMatch(/^triangle-routing-report-\d{4}-\d{2}-\d{2}\.json$/);
    const report = JSON.parse(readFileSync(file, 'utf8'));
    expect(report.steps.map((s: { state: string }) => s.state)).toEqual(['passed', 'passed', 'not-started', 'not-started', 'not-started']);
    expect(report.steps[0].prediction).toEqual({ answer: { value: 4 }, right: false });
    const r = check(file);
    expect(r.out).toContain('CONFIRMED');
    expect(r.code).toBe(0);
    await lesson.root.getByText('Report', { exact: true }).click(); // closes the menu
  });

  await test.step('steps 3 to 5: the mobile node dragged to FA2, Route Optimization on at CN, then at HA', async () => {
    await lesson.next();
    await lesson.choose(/Once the mobile node has registered through FA2/, 'Still through the home agent, which now tunnels them to FA2');
    const scale = await lab.scale();
    const from = await lab.centre(lab.node('MN'));
    const dx = (FA2_X - 540) * scale;
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let i = 1; i <= 20; i++) await page.mouse.move(from.x + (dx * i) / 20, from.y, { steps: 2 });
    await page.mouse.up();
    await lesson.advance(3);
    await lesson.done(2);
    await lesson.next();
    await lesson.choose(/What happens to the route once Route Optimization is on at the correspondent\?/, 'Nothing changes: no Binding Update ever comes');
    await lab.node('CN').click();
    await lab.tab('Settings');
    const cn = lab.sidePanel.getByRole('checkbox', { name: 'Route Optimization on' });
    await cn.click();
    await expect(cn).toBeChecked();
    await lesson.advance(5.6);
    await lesson.done(3);
    await lesson.next();
    await lesson.choose(/Will the home agent send the correspondent a Binding Update/, 'No: they share no security association, so it cannot authenticate one');
    await lab.node('HA').click();
    const ha = lab.sidePanel.getByRole('checkbox', { name: 'Route Optimization on' });
    await ha.click();
    await expect(ha).toBeChecked();
    await lesson.advance(5.6);
    await lesson.done(4);
  });

  const end = lesson.root.getByRole('region', { name: 'Lesson complete' });
  let finalFile = '';
  await test.step('at the end: Download report; mip-lab check confirms every claim', async () => {
    const downloading = page.waitForEvent('download');
    await end.getByRole('button', { name: 'Download report' }).click();
    const { file } = await saved(downloading, 'complete.json');
    finalFile = file;
    const report = JSON.parse(readFileSync(file, 'utf8'));
    expect(report).toMatchObject({ format: 'route-optimization-lab/report@1', madeBy: 'page', lesson: { id: 'triangle-routing', source: 'builtin' } });
    expect(report.steps.map((s: { state: string }) => s.state)).toEqual(['passed', 'passed', 'passed', 'passed', 'passed']);
    expect(report.commands.map((c: { command: { type: string } }) => c.command.type)).toEqual(expect.arrayContaining(['move', 'configure', 'configure']));
    const r = check(file);
    expect(r.out).toMatch(/CONFIRMED — Triangle routing \(triangle-routing\), seed \d+: 5 of 5 steps passed, 9 of 9 checks, 4 of 5 predictions right/);
    expect(r.code).toBe(0);
  });

  await test.step('an edited copy is refuted', async () => {
    const report = JSON.parse(readFileSync(finalFile, 'utf8'));
    report.steps[0].prediction.right = true; // claims the wrong answer was right
    const edited = join(dir, 'edited.json');
    writeFileSync(edited, JSON.stringify(report));
    const r = check(edited);
    expect(r.out).toContain('step 1 (“The long way round”), prediction: the report says the answer 4 hops was right, but it is wrong (the answer is 5 hops)');
    expect(r.code).toBe(1);
  });

  await test.step('the printable summary shows the same run for a person', async () => {
    await end.getByRole('button', { name: 'Printable summary' }).click();
    const summary = page.getByRole('dialog', { name: 'Lab report: Triangle routing' });
    await expect(summary).toBeVisible();
    await expect(summary.getByText('5 of 5')).toBeVisible();
    await expect(summary.getByText(/^moved MN into FA2's radio cell \(dragged: \d+ moves, until [\d.]+ s\)$/)).toBeVisible();
    await expect(summary.getByText('switched Route Optimization on at CN')).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/lab-report-summary.png' });
    const axe = await new AxeBuilder({ page }).include('.lesson-panel').include('.report-summary').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.lab-main')).toBeHidden(); // only the summary prints
    await page.emulateMedia({ media: 'screen' });
    await summary.getByRole('button', { name: 'Close' }).click();
    await expect(summary).toBeHidden();
  });
  expect(errors).toEqual([]);
});
