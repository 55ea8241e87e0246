// `npm run bench`, browser part: the worker fabric in real Chromium. Builds
// the bench page (bench/browser/, its own Vite config, output in /tmp), serves
// it on 127.0.0.1, opens it with Playwright's Chromium (Debian's
// /usr/bin/chromium when present, as playwright.config.ts does) and prints
// packet-hops/s through the fabric against the raw postMessage hop rate of a
// ring of as many bare workers. Printed, never asserted.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { BrowserBenchResult } from './browser/main';
import { launchChromium, serveStatic } from './browser-support';

export async function browserFabricBench(query = 'intervalMs=2&durationS=10'): Promise<BrowserBenchResult | undefined> {
  console.log('\nWorker fabric in Chromium (10 nodes, one Web Worker each, unpaced)\n');
  // A directory of its own per run, so two benches at once do not overwrite each other's build.
  const outDir = mkdtempSync(join(tmpdir(), 'mip-lab-bench-browser-'));
  await build({ configFile: fileURLToPath(new URL('./browser/vite.config.ts', import.meta.url)), build: { outDir, emptyOutDir: true } });
  const { server, url } = await serveStatic(outDir);
  const browser = await launchChromium();
  if (browser === undefined) {
    server.close();
    rmSync(outDir, { recursive: true, force: true });
    return undefined;
  }
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.goto(`${url}?${query}`);
    await page.waitForFunction(() => window.__benchResult !== undefined || window.__benchError !== undefined, undefined, { timeout: 600_000, polling: 500 });
    const error = await page.evaluate(() => window.__benchError);
    if (error !== undefined) throw new Error(`the bench page failed: ${error}`);
    const r = (await page.evaluate(() => window.__benchResult))!;
    const n = (v: number) => Math.round(v).toLocaleString('en-US');
    const fabric = (r.packetHops * 1000) / r.fabricRunMs;
    const ringOne = (r.ringHops * 1000) / r.ringOneTokenMs;
    const ringMany = (r.ringHops * 1000) / r.ringManyTokensMs;
    console.log(`scenario: bench/large-scenario.ts at ${r.nodes} nodes, flows every ${r.flowIntervalMs} ms, ${r.durationS} s virtual; ${n(r.packetHops)} packet-hops of ~${r.averageFrameOctets} octets`);
    console.log(`fabric trace identical to the in-page simulation's: ${r.traceIdentical ? 'yes' : 'NO'}`);
    console.log(`fabric start-up (workers + handshake)          ${n(r.fabricStartMs)} ms`);
    console.log(`(a) worker fabric                              ${n(fabric)} packet-hops/s  (${n(r.fabricRunMs)} ms)`);
    console.log(`(b) raw ring, ${r.nodes} workers, 1 token in flight    ${n(ringOne)} hops/s  (${n(r.ringOneTokenMs)} ms for ${n(r.ringHops)})`);
    console.log(`    raw ring, ${r.nodes} workers, ${r.nodes} tokens in flight  ${n(ringMany)} hops/s`);
    const stepRequests = Object.values(r.requests).reduce((a, b) => a + b, 0);
    console.log(`    ${n(stepRequests)} requests to hosts (${Object.entries(r.requests).map(([k, v]) => `${k} ${n(v)}`).join(', ')}), ${n(r.frameBatches)} frame batches host to host`);
    console.log(`    a window moves its host ${(r.windowSpanUs / Math.max(1, r.windows) / 1000).toFixed(2)} ms of virtual time on average; ${(r.busyMs / Math.max(1, r.answered)).toFixed(2)} ms from request to answer; ${(r.busyMs / r.fabricRunMs).toFixed(1)} hosts busy at once on average`);
    console.log(`ratio (a) / (b, 1 token)                       ${(fabric / ringOne).toFixed(2)}`);
    console.log(`in-page in-process simulation, same scenario   ${n((r.packetHops * 1000) / r.inPageRunMs)} packet-hops/s  (${n(r.inPageRunMs)} ms)`);
    printClassroom(r);
    return r;
  } finally {
    await browser.close();
    server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await browserFabricBench(process.argv[2]);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The classroom built-ins (bench/browser/classroom.ts): medians of the rounds, fabric and in-page taken in turns. */
function printClassroom(r: BrowserBenchResult): void {
  const n = (v: number) => Math.round(v).toLocaleString('en-US');
  const ring = (r.classroomRing.hops * 1000) / r.classroomRing.ms;
  console.log(`\nClassroom topology (${r.classroomRing.nodes} nodes, one Web Worker each, unpaced; medians of ${r.classroom[0]?.fabricRunMs.length ?? 0} runs each way, in turns)\n`);
  for (const c of r.classroom) {
    const fabric = (c.packetHops * 1000) / median(c.fabricRunMs);
    const inPage = (c.packetHops * 1000) / median(c.inPageRunMs);
    console.log(`${c.id}, ${c.durationS} s virtual: ${n(c.packetHops)} packet-hops of ~${c.averageFrameOctets} octets, ${n(c.windows)} windows; fabric trace identical to the in-page simulation's: ${c.traceIdentical ? 'yes' : 'NO'}`);
    console.log(`  (a) worker fabric      ${n(fabric).padStart(8)} packet-hops/s  (${c.fabricRunMs.map(n).join(' / ')} ms)`);
    console.log(`      on warm workers    ${n((c.packetHops * 1000) / median(c.warmFabricRunMs)).padStart(8)} packet-hops/s  (${c.warmFabricRunMs.map(n).join(' / ')} ms; the same workers run it again from their time-0 snapshot)`);
    console.log(`  (c) in-page            ${n(inPage).padStart(8)} packet-hops/s  (${c.inPageRunMs.map(n).join(' / ')} ms)`);
    console.log(`  ratio (a) / (c) ${(fabric / inPage).toFixed(2)}, (a) / ring ${(fabric / ring).toFixed(2)}; ${(median(c.fabricRunMs) * 1000 / Math.max(1, c.windows)).toFixed(0)} µs of fabric run per window`);
    // Each hop of a datagram is a window at its node after the window at the node before: they run one after another.
    console.log(`  floor of the fabric: ${n(c.windows)} windows × a bare round trip = ${n((c.windows * r.classroomRing.roundTripUs) / 1000)} ms, against ${median(c.inPageRunMs).toFixed(1)} ms for the whole run in-page`);
  }
  console.log(`(b) raw ring, ${r.classroomRing.nodes} workers, 1 token in flight  ${n(ring)} hops/s; bare round trip page → worker → page ${r.classroomRing.roundTripUs.toFixed(0)} µs`);
}
