// The browser runtime end to end (docs/architecture.md "Runtime"): a built-in scenario runs in real
// Web Workers in Chromium, driven through the lab's own controls, and the
// trace it produces is the headless engine's, byte for byte.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

function headlessTrace(scenario: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'ro-lab-trace-'));
  const file = join(dir, 'trace.jsonl');
  execFileSync(process.execPath, ['bin/mip-lab.js', 'run', scenario, '--trace', file], { stdio: 'ignore' });
  return readFileSync(file, 'utf8').trimEnd().split('\n');
}

for (const scenario of ['route-optimization', 'smooth-handoff']) {
  test(`${scenario} runs in one worker per node with the headless trace`, async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });

    await test.step('open the scenario in worker mode', async () => {
      await page.goto(`./?scenario=${scenario}&mode=workers`);
      await expect(page.getByRole('group', { name: 'Playback' }).getByRole('status')).toHaveText(/Paused/);
      expect(await page.evaluate(() => window.routeOptimizationLab?.summary().mode)).toBe('workers');
    });

    await test.step('fast-forward to the end with the playback controls', async () => {
      await page.getByLabel('Speed').selectOption({ label: 'fast-forward (as fast as possible)' });
      await page.getByRole('button', { name: 'Play' }).click();
      await expect(page.getByRole('group', { name: 'Playback' }).getByRole('status')).toHaveText(/Finished/, { timeout: 90_000 });
    });

    await test.step('the trace equals the in-process scheduler\'s, event for event', async () => {
      const browser = (await page.evaluate(() => window.routeOptimizationLab!.exportTraceJsonLines())).trimEnd().split('\n');
      const expected = headlessTrace(scenario);
      expect(expected.length).toBeGreaterThan(1000); // a full 30 s run (1136 / 2494 events): not two empty traces
      expect(browser.length).toBe(expected.length);
      const firstDifference = browser.findIndex((line, i) => line !== expected[i]);
      expect(firstDifference, `first differing event: ${browser[firstDifference]}\nexpected: ${expected[firstDifference]}`).toBe(-1);
    });
    expect(errors).toEqual([]);
  });
}
