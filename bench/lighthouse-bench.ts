// `npm run bench`, Lighthouse's scores of the built lab: performance, accessibility and
// best practices, with its desktop preset and its default mobile one (a mid-range phone
// on a slow 4G link, simulated — Lighthouse's own throttling, not this machine's speed).
// Lighthouse 12.2.3 through its Node API, Chromium started by chrome-launcher with the
// flags the other browser benchmarks use. Printed, never asserted; when Lighthouse
// cannot run, it says why and the bench goes on.

import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Flags } from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './browser-support';

const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'] as const;

export interface LighthouseScores {
  readonly preset: 'desktop' | 'mobile';
  readonly scores: Readonly<Record<(typeof CATEGORIES)[number], number | null>>;
  readonly metrics: string;
  /** Audits scoring under 0.9 in accessibility and best practices: what to fix. */
  readonly failing: readonly string[];
  readonly warnings: readonly string[];
}

async function audit(port: number, url: string, preset: 'desktop' | 'mobile'): Promise<LighthouseScores> {
  const flags: Flags = { port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] };
  const result = await lighthouse(url, flags, preset === 'desktop' ? desktopConfig : undefined);
  if (result === undefined) throw new Error('Lighthouse returned no result');
  const lhr = result.lhr;
  if (lhr.runtimeError !== undefined) throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
  const scores = Object.fromEntries(CATEGORIES.map((c) => {
    const score = lhr.categories[c]?.score;
    return [c, score === null || score === undefined ? null : Math.round(score * 100)];
  })) as LighthouseScores['scores'];
  const metrics = METRICS.map((m) => `${lhr.audits[m]?.title ?? m} ${lhr.audits[m]?.displayValue ?? '?'}`).join(', ');
  const failing = (['accessibility', 'best-practices'] as const).flatMap((c) => (lhr.categories[c]?.auditRefs ?? [])
    .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 0.9)
    .map((ref) => ref.id));
  return { preset, scores, metrics, failing, warnings: lhr.runWarnings };
}

export async function lighthouseBench(url: string): Promise<LighthouseScores[]> {
  console.log(`\nLighthouse 12.2.3 (headless Chromium; performance with Lighthouse's simulated throttling; served gzipped from 127.0.0.1)\n`);
  if (CHROMIUM_PATH === undefined) {
    console.log('skipped: no Chromium at /usr/bin/chromium or /usr/bin/chromium-browser for chrome-launcher');
    return [];
  }
  let chrome: chromeLauncher.LaunchedChrome;
  try {
    // --no-sandbox: Chromium refuses to start as root otherwise (Playwright passes it too).
    chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: ['--headless=new', '--no-sandbox', ...CHROMIUM_ARGS] });
  } catch (error) {
    console.log(`skipped: chrome-launcher could not start Chromium (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
    return [];
  }
  const results: LighthouseScores[] = [];
  try {
    for (const preset of ['desktop', 'mobile'] as const) {
      try {
        const r = await audit(chrome.port, url, preset);
        results.push(r);
        console.log(`${preset.padEnd(8)} performance ${r.scores.performance ?? '?'}, accessibility ${r.scores.accessibility ?? '?'}, best practices ${r.scores['best-practices'] ?? '?'}`);
        console.log(`         ${r.metrics}`);
        if (r.failing.length > 0) console.log(`         below 90 in accessibility / best practices: ${r.failing.join(', ')}`);
        for (const w of r.warnings) console.log(`         Lighthouse warns: ${w.split('\n')[0]}`);
      } catch (error) {
        console.log(`${preset.padEnd(8)} not measured: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      }
    }
  } finally {
    chrome.kill();
  }
  return results;
}
