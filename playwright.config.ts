import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// Browsers cannot be downloaded on the lab's build machines: use Debian's
// Chromium when it is installed, otherwise Playwright's own browser (a normal
// developer machine after `npx playwright install chromium`).
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
// E2E_PORT / E2E_DIST let several checkouts (or people) run the suite side by
// side on one machine without serving each other's builds.
const PORT = Number(process.env.E2E_PORT ?? 4317);
const DIST = process.env.E2E_DIST ?? 'dist';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    // The built site is served from a sub-path, as a course website would host it.
    baseURL: `http://127.0.0.1:${PORT}/courses/networking/lab/`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1280, height: 720 },
        launchOptions: {
          ...(systemChromium ? { executablePath: systemChromium } : {}),
          // Keep Chromium off the network: this machine has none, and these
          // background services otherwise retry connections all the time.
          args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        },
      },
    },
  ],
  webServer: {
    command: `npx vite build --outDir ${DIST} --emptyOutDir && node e2e/serve-subpath.mjs ${PORT} /courses/networking/lab/ ${DIST}`,
    url: `http://127.0.0.1:${PORT}/courses/networking/lab/`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
