// `npm run bench`, the built page's cold start: how long from navigating to the lab until
// a learner can use it — the playback status reads "Paused" and the canvas shows the
// network's nodes (found as e2e/lab-page.ts finds them: by role and accessible name) —
// at full CPU speed and with Chromium's CPU slowed 4× (CDP Emulation.setCPUThrottlingRate,
// roughly a mid-range phone or an old school laptop). Each run is a fresh browser
// context (empty caches, no service worker), the lab served gzip-compressed from a
// sub-path on 127.0.0.1. Median of a few runs; printed, never asserted.

import type { Browser } from '@playwright/test';
import { gzipSync } from 'node:zlib';

export const LOAD_BASE = '/courses/networking/lab/';

export interface ColdLoad {
  readonly ms: number;
  readonly domContentLoadedMs: number;
  /** Scripts (page and workers) fetched before the lab was usable, and their size gzipped. */
  readonly scripts: number;
  readonly scriptOctetsGzipped: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** One cold load of `url` at `cpuSlowdown`; `node` is a node id the canvas must show. */
export async function coldLoad(browser: Browser, url: string, cpuSlowdown: number, node = 'MN'): Promise<ColdLoad> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    const scripts = new Map<string, Promise<number>>();
    context.on('response', (response) => {
      if (response.request().resourceType() !== 'script' && !/\.m?js(\?|$)/.test(response.url())) return;
      scripts.set(response.url(), response.body().then((body) => gzipSync(body, { level: 9 }).length, () => 0));
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
    const t0 = performance.now();
    await page.goto(url, { waitUntil: 'commit' });
    await page.getByRole('group', { name: 'Playback' }).getByRole('status').filter({ hasText: 'Paused' }).waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: node, exact: true }).waitFor({ state: 'visible', timeout: 120_000 });
    const ms = performance.now() - t0;
    // A string, not a function: tsx's name-keeping helpers do not exist in the page.
    const domContentLoadedMs = await page.evaluate("performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? NaN") as number;
    const fetched = await Promise.all(scripts.values());
    return { ms, domContentLoadedMs, scripts: fetched.length, scriptOctetsGzipped: fetched.reduce((a, b) => a + b, 0) };
  } finally {
    await context.close();
  }
}

export async function pageLoadBench(browser: Browser, url: string, runs = 3): Promise<void> {
  console.log(`\nCold load until the lab is usable (Chromium 1280×720, fresh context each run, served gzipped from 127.0.0.1${LOAD_BASE}; until "Paused" and the network's nodes show; median of ${runs})\n`);
  for (const slowdown of [1, 4]) {
    const loads: ColdLoad[] = [];
    for (let i = 0; i < runs; i++) loads.push(await coldLoad(browser, url, slowdown));
    const label = slowdown === 1 ? 'CPU 1× (this machine)' : `CPU ${slowdown}× slower (CDP throttling)`;
    console.log(`${label.padEnd(32)}${Math.round(median(loads.map((l) => l.ms))).toLocaleString('en-US')} ms to usable  (runs ${loads.map((l) => Math.round(l.ms)).join(', ')} ms; DOMContentLoaded ${Math.round(median(loads.map((l) => l.domContentLoadedMs)))} ms)`);
    // Beside the up-front figure (page-weight.ts): what the page and its workers had fetched by the time the lab was usable.
    console.log(`${'  scripts fetched by then'.padEnd(32)}${median(loads.map((l) => l.scripts))} (page and workers), ${(median(loads.map((l) => l.scriptOctetsGzipped)) / 1024).toFixed(1)} KB gzipped (medians)`);
  }
}
