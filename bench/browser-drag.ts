// `npm run bench`, browser part: the frame rate while the learner drags the
// mobile node with packets in flight (docs/architecture.md "UI": 60 fps on the built-in
// scenarios). Builds the lab, serves it, opens the explore scenario in
// Chromium (workers), plays a correspondent datagram in slow motion, then
// drags the mobile node from FA1's cell into FA2's with 120 mouse moves 16 ms
// apart, while the page records every animation frame. Printed, never asserted.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { launchChromium, serveStatic } from './browser-support';

const BASE = '/lab/';

export interface DragFrameRate {
  readonly frames: number;
  readonly fps: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly longFrames: number;
  readonly scriptMsPerFrame: number;
  readonly taskMsPerFrame: number;
  readonly inFlightMean: number;
  readonly moves: number;
}

export async function browserDragBench(scenario = 'explore'): Promise<DragFrameRate | undefined> {
  console.log(`\nFrame rate while dragging the mobile node (${scenario}, Chromium 1280×720, workers, slow motion with packets in flight)\n`);
  // A directory of its own per run, so two benches at once do not overwrite each other's build.
  const outDir = mkdtempSync(join(tmpdir(), 'mip-lab-bench-app-'));
  await build({ configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const { server, url } = await serveStatic(outDir, BASE);
  const browser = await launchChromium();
  if (browser === undefined) {
    server.close();
    rmSync(outDir, { recursive: true, force: true });
    return undefined;
  }
  try {
    // bypassCSP: Playwright's waitForFunction evaluates in the page, which the lab's CSP (no eval) refuses; the measured page is unchanged.
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, bypassCSP: true });
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.goto(`${url}?scenario=${scenario}&mode=workers`);
    await page.getByRole('group', { name: 'Playback' }).getByRole('status').filter({ hasText: 'Paused' }).waitFor({ timeout: 60_000 });
    // Datagrams every 200 ms from 2 s, each crossing 1–8 ms links: at real time a packet is rarely in flight.
    // So, as in a lecture, go to 1 ms before one is sent (through the page's test API, to the microsecond),
    // play it in slow motion (1 ms = 1 s) and drag while it and its echo travel (about 12 s on screen).
    await page.evaluate('window.routeOptimizationLab.runtime().seek(4199000)');
    await page.waitForFunction('window.routeOptimizationLab.summary().now === 4199000', undefined, { timeout: 60_000, polling: 50 });
    await page.getByLabel('Speed').selectOption({ label: 'slow motion (1 ms = 1 s)' });
    await page.getByRole('group', { name: 'Playback' }).getByRole('button', { name: 'Play' }).click();
    await page.waitForFunction("Number(document.querySelector('.canvas-packets')?.getAttribute('data-in-flight') ?? 0) > 0", undefined, { timeout: 60_000, polling: 50 });

    const mn = page.getByRole('button', { name: 'MN', exact: true });
    const [fa1, fa2, from] = await Promise.all([page.getByRole('button', { name: 'FA1', exact: true }), page.getByRole('button', { name: 'FA2', exact: true }), mn].map(async (l) => {
      const b = (await l.boundingBox())!;
      return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    }));
    const dx = ((fa2!.x - fa1!.x) * 260) / 240; // scenario x 540 → 800: into FA2's cell only

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const metric = async (): Promise<Record<string, number>> => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    // A string, not a function: tsx's name-keeping helpers do not exist in the page.
    await page.evaluate(`(() => {
      window.__frames = []; window.__inFlight = []; window.__recording = true;
      const tick = (t) => {
        if (!window.__recording) return;
        window.__frames.push(t);
        window.__inFlight.push(Number(document.querySelector('.canvas-packets')?.getAttribute('data-in-flight') ?? 0));
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    })()`);
    const before = await metric();
    const MOVES = 120;
    await page.mouse.move(from!.x, from!.y);
    await page.mouse.down();
    for (let i = 1; i <= MOVES; i++) {
      await page.mouse.move(from!.x + (dx * i) / MOVES, from!.y);
      await page.waitForTimeout(16);
    }
    await page.mouse.up();
    const after = await metric();
    const { frames, inFlight } = await page.evaluate('(() => { window.__recording = false; return { frames: window.__frames, inFlight: window.__inFlight }; })()') as { frames: number[]; inFlight: number[] };
    const intervals = frames.slice(1).map((t, i) => t - frames[i]!).sort((a, b) => a - b);
    const spanMs = frames[frames.length - 1]! - frames[0]!;
    const result: DragFrameRate = {
      frames: frames.length,
      fps: ((frames.length - 1) * 1000) / spanMs,
      medianMs: intervals[Math.floor(intervals.length / 2)]!,
      p95Ms: intervals[Math.floor(intervals.length * 0.95)]!,
      longFrames: intervals.filter((d) => d > 1000 / 30).length,
      scriptMsPerFrame: ((after.ScriptDuration! - before.ScriptDuration!) * 1000) / frames.length,
      taskMsPerFrame: ((after.TaskDuration! - before.TaskDuration!) * 1000) / frames.length,
      inFlightMean: inFlight.reduce((a, b) => a + b, 0) / Math.max(1, inFlight.length),
      moves: MOVES,
    };
    console.log(`frames during the drag          ${result.frames} in ${(spanMs / 1000).toFixed(2)} s`);
    console.log(`frame rate                      ${result.fps.toFixed(1)} fps  (median interval ${result.medianMs.toFixed(1)} ms, 95th percentile ${result.p95Ms.toFixed(1)} ms, ${result.longFrames} frames over 33 ms)`);
    console.log(`main-thread work per frame      ${result.taskMsPerFrame.toFixed(1)} ms (script ${result.scriptMsPerFrame.toFixed(1)} ms); budget at 60 fps: 16.7 ms`);
    console.log(`packets in flight on the canvas ${result.inFlightMean.toFixed(1)} on average`);
    return result;
  } finally {
    await browser.close();
    server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await browserDragBench(process.argv[2]);
}
