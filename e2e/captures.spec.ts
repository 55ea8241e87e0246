// Captures from the page: a learner moves the mobile node, saves the run as a
// capture — the same bytes as `mip-lab run --pcap` writes for the same run —
// opens it again in the read-only capture view and finds the packets decoded,
// then opens a damaged file and is told what is wrong and where.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { LabPage } from './lab-page';

/** The run's command log, as the runtime holds it (a subscriber's first batch carries the whole log). */
function commandLog(page: Page): Promise<unknown[]> {
  return page.evaluate(() => new Promise<unknown[]>((resolve) => {
    const runtime = window.routeOptimizationLab!.runtime()!;
    let done = false;
    const stop = runtime.subscribe((batch) => {
      if (done) return;
      done = true;
      resolve([...(batch.commands ?? [])]);
      setTimeout(() => stop(), 0); // the first batch arrives during subscribe, before `stop` is assigned
    });
  }));
}

async function openFile(page: Page, file: string, button = 'Open capture'): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: button, exact: true }).click();
  await (await chooser).setFiles(file);
}

test('save a capture, compare it with the CLI\'s, open it again, and refuse a damaged one', async ({ page, context }) => {
  test.setTimeout(180_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const dir = mkdtempSync(join(tmpdir(), 'mip-lab-e2e-captures-'));
  try {
    const lab = new LabPage(page);
    await lab.open('?scenario=explore&seed=7&mode=workers');

    await test.step('play to 3 s, move the mobile node towards FA2, play on to 8 s', async () => {
      await page.getByRole('slider', { name: 'Virtual time' }).fill('3000000');
      await expect.poll(() => lab.virtualTime()).toBe(3_000_000);
      await lab.node('MN').focus();
      for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowRight');
      await page.getByRole('slider', { name: 'Virtual time' }).fill('8000000');
      await expect.poll(() => lab.virtualTime(), { timeout: 60_000 }).toBe(8_000_000);
    });

    const commands = await commandLog(page);
    expect(commands.length).toBeGreaterThan(0);

    const saved = await test.step('Save capture downloads a pcapng file', async () => {
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Save capture' }).click();
      const d = await download;
      expect(d.suggestedFilename()).toBe('explore-seed7-at8s.pcapng');
      const file = join(dir, d.suggestedFilename());
      await d.saveAs(file);
      await expect(page.getByText(/^Saved \d+ packets as explore-seed7-at8s\.pcapng\.$/)).toBeVisible();
      return file;
    });

    await test.step('byte for byte what mip-lab run --pcap writes for the same run', async () => {
      const log = join(dir, 'commands.json');
      writeFileSync(log, JSON.stringify(commands));
      const cli = join(dir, 'cli.pcapng');
      execFileSync('node', ['bin/mip-lab.js', 'run', 'explore', '--seed', '7', '--until', '8000000us', '--commands', log, '--pcap', cli], { stdio: 'pipe' });
      const page = readFileSync(saved);
      expect(page.length).toBeGreaterThan(10_000);
      expect(page.equals(readFileSync(cli))).toBe(true);
    });

    await test.step('Open capture shows the saved packets, decoded, read-only', async () => {
      await openFile(page, saved);
      await expect(page.getByRole('heading', { name: 'Route Optimization Lab — capture', level: 1 })).toBeVisible();
      await expect(page.getByText('explore-seed7-at8s.pcapng', { exact: true })).toBeVisible();
      const list = page.getByRole('grid', { name: 'Packet list' });
      const request = list.getByRole('row').filter({ hasText: 'Registration Request' }).first();
      await request.click();
      const tree = page.getByRole('tree', { name: 'Decoded packet' });
      await expect(tree).toContainText('Internet Protocol Version 4');
      await expect(tree).toContainText('Registration Request');
      await expect(page.locator('.capture-comment').first()).toContainText('Registration Request');
      const link = page.getByRole('link', { name: 'Download the lab\'s Wireshark dissector' });
      const served = await page.request.get(new URL((await link.getAttribute('href'))!, page.url()).href);
      expect(served.ok()).toBe(true);
      expect(await served.text()).toBe(readFileSync('public/wireshark/route-optimization-lab.lua', 'utf8'));
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.html).join(' | ')}`)).toEqual([]);
    });

    await test.step('Copy as hex, or a copied selection of the bytes, pastes into the packet decoder', async () => {
      await page.getByRole('button', { name: 'Copy as hex' }).click();
      const whole = await page.evaluate(() => navigator.clipboard.readText());
      expect(whole).toMatch(/^45 [0-9a-f]{2}( [0-9a-f]{2})*(\n[0-9a-f]{2}( [0-9a-f]{2})*)*$/);
      const selected = await page.evaluate(() => {
        const bytes = document.querySelectorAll('.hex-view [data-offset]');
        const range = document.createRange();
        range.setStartBefore(bytes[0]!);
        range.setEndAfter(bytes[19]!);
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        document.execCommand('copy');
        return navigator.clipboard.readText();
      });
      expect(selected).toBe(whole.split('\n').join(' ').split(' ').slice(0, 20).join(' ').replace(/^((?:\S+ ){15}\S+) /, '$1\n'));
      await page.evaluate(() => { window.location.hash = '#/decoder'; }); // same page: the opened capture stays
      await page.getByLabel('Packet bytes (hex)').fill(whole);
      await expect(page.getByRole('tree', { name: 'Decoded packet' })).toContainText('Registration Request');
      await page.evaluate(() => { window.location.hash = '#/capture'; });
    });

    await test.step('a damaged file is refused with what is wrong and where', async () => {
      const bytes = readFileSync(saved);
      let at = 0;
      while (bytes.readUInt32LE(at) !== 6) at += bytes.readUInt32LE(at + 4); // to the first Enhanced Packet block
      bytes.writeUInt32LE(0x0d, at + 4); // its Block Total Length is no longer a multiple of 4
      const damaged = join(dir, 'damaged.pcapng');
      writeFileSync(damaged, bytes);
      await openFile(page, damaged, 'Open another capture');
      await expect(page.getByRole('alert')).toContainText(`damaged.pcapng was not opened: it is damaged at offset ${at + 4}, in the Enhanced Packet block at offset ${at} (block type 0x00000006)`);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
