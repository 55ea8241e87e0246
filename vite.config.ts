import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { validatedBuiltinsPlugin } from './src/scenarios/builtin/validated-plugin.ts';

/**
 * The Content-Security-Policy of the built lab: scripts, workers, styles and
 * data only from the lab's own files — no inline script, no eval (zod's JIT is
 * off, src/zod-without-eval.ts), no plug-ins. A meta tag, because the lab is a
 * static site whose host may set no headers. Build only: the dev server
 * injects inline styles and scripts for hot reloading.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'route-optimization-lab:csp',
    apply: 'build',
    transformIndexHtml: (html) => html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`),
  };
}

// base './' makes every asset URL relative, so dist/ works from any sub-path of
// a static host (e.g. https://example.edu/courses/net/lab/); the service
// worker's scope follows it. Source maps only on request (SOURCEMAP=1): they
// were six times the size of the lab itself.
export default defineConfig({
  base: './',
  plugins: [
    react(),
    contentSecurityPolicy(),
    validatedBuiltinsPlugin(),
    VitePWA({
      // The page asks before switching to a new version (src/ui/app/offline/).
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: 'Route Optimization Lab',
        short_name: 'RO Lab',
        description: 'Watch Mobile IP and its Route Optimization extension run, byte for byte, in your browser.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1f4e79',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,json,lua,webmanifest}'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: {
    outDir: 'dist',
    sourcemap: process.env.SOURCEMAP === '1',
    // Zod and the switch that turns its JIT off (src/zod-without-eval.ts) share one chunk,
    // so the switch runs before any schema in any chunk validates anything: split
    // into on-demand chunks (src/ui/app/lazy-view.tsx), the page would otherwise let a
    // chunk that validates at load run first, and zod's eval probe breaks the CSP.
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'zod', test: /node_modules[\\/]zod[\\/]|src[\\/]zod-without-eval\.ts$/ }] } } },
  },
  worker: { format: 'es' },
});
