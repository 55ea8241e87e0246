// Builds the browser benchmark page (bench/browser-fabric.ts serves it and
// opens it in Chromium). Output goes to a temp dir outside the repository.

import { defineConfig } from 'vite';

export const BENCH_OUT_DIR = '/tmp/mip-lab-bench-browser';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  logLevel: 'warn',
  build: { outDir: BENCH_OUT_DIR, emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 5000 },
  worker: { format: 'es' },
});
