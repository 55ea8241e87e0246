// Builds the browser benchmark page (bench/browser-fabric.ts serves it and
// opens it in Chromium). Output goes to a temp dir outside the repository:
// the bench passes a fresh one per run.

import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  logLevel: 'warn',
  build: { outDir: '/tmp/mip-lab-bench-browser', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 5000 },
  worker: { format: 'es' },
});
