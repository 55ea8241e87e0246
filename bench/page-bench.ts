// `npm run bench`, the built page as a visitor gets it: builds the lab once (vite build,
// the project's vite.config.ts, into a temporary directory), then prints its up-front
// weight (bench/page-weight.ts), its cold load until usable at 1× and 4× CPU
// (bench/page-load.ts) and Lighthouse's scores (bench/lighthouse-bench.ts), the last two
// against the build served gzipped under a sub-path on 127.0.0.1. Each part that cannot
// run says why and the rest go on. Printed, never asserted.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { launchChromium, serveStatic } from './browser-support';
import { lighthouseBench } from './lighthouse-bench';
import { LOAD_BASE, pageLoadBench } from './page-load';
import { pageWeightBench, type BuiltChunk } from './page-weight';

const why = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0] : String(error));

/** Vite's build() output, whatever its shape (one output, several, or a watcher), as chunks. */
function chunksOf(output: unknown): BuiltChunk[] {
  const outputs = (Array.isArray(output) ? output : [output]) as { output?: unknown[] }[];
  return outputs.flatMap((o) => (o.output ?? []) as { type?: string }[]).filter((c): c is BuiltChunk & { type: 'chunk' } => c.type === 'chunk');
}

export async function pageBench(): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), 'mip-lab-page-'));
  try {
    let chunks: BuiltChunk[];
    try {
      chunks = chunksOf(await build({ configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)), logLevel: 'error', build: { outDir, emptyOutDir: true } }));
    } catch (error) {
      console.log(`\nThe built page: not measured, vite build failed (${why(error)})`);
      return;
    }
    try {
      pageWeightBench(outDir, chunks);
    } catch (error) {
      console.log(`not measured: ${why(error)}`);
    }
    const { server, url } = await serveStatic(outDir, LOAD_BASE, { gzip: true });
    try {
      const browser = await launchChromium();
      if (browser !== undefined) {
        try {
          await pageLoadBench(browser, url);
        } catch (error) {
          console.log(`not measured: ${why(error)}`);
        } finally {
          await browser.close();
        }
      }
      await lighthouseBench(url);
    } finally {
      server.close();
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await pageBench();
}
